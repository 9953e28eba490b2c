//! Every order as the Mastodon configuration it becomes (`GET /provider/orders/{id}/mastodon`,
//! with the provider's key): stored trimmed as counted, its CSV re-importing to the same list,
//! its nginx snippet accepted by `nginx -t`; and own domains that browsers and Mastodon read as
//! two different names refused before anything is set up.

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::*;
use onramp_api::domain::{Availability, DomainStatus};
use onramp_api::mastodon::MastodonConfig;
use onramp_api::order::{Order, ProviderOrder};
use onramp_server::config::ApiKey;
use onramp_server::AppState;
use serde_json::json;

const KEY: &str = "mastodon-test-provider-key-0123456789abcdef";

fn sections(web: &str, handle: &str) -> serde_json::Value {
    json!({
        "plan": {"plan_id": "organization", "billing": "monthly", "addons": []},
        "organization": {"name": "  Stadt Beispiel  ", "kind": "public_sector", "country": "DE", "contact_email": "it@stadt-beispiel.example",
            "admin_username": "presse", "billing": {"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}},
        "domain": {"mode": "custom", "web_domain": web, "handle_domain": handle},
        "branding": {"site_title": "  Stadt Social  ", "site_short_description": "Die Stadt. ", "theme": "dark"},
        "moderation": {"registrations_mode": "approved", "require_invite_text": true, "min_age": 16,
            "rules": [{"text": " Be kind. ", "hint": " Always. "}], "languages": ["de"],
            "domain_blocks": [
                {"domain": "spam.example", "severity": "suspend", "reject_media": true, "reject_reports": true, "public_comment": "Spam, \"lots\" ", "obfuscate": false},
                {"domain": "loud.example", "severity": "noop", "reject_media": true, "reject_reports": false, "public_comment": "", "obfuscate": true}
            ]},
    })
}

async fn place(h: &Harness, web: &str, handle: &str) -> (Order, String) {
    let d = create(&h.router).await;
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), sections(web, handle).to_string())).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    let reply = send(
        &h.router,
        Request::post(format!("/api/v1/signups/{}/submit", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header("Idempotency-Key", format!("mastodon-test-{}", web.replace('.', "-")))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "de")
            .body(Body::from(r#"{"accept_terms": true}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
    (reply.json(), d.resume_token)
}

fn provider(path: &str) -> Request<Body> {
    Request::get(path).header(header::AUTHORIZATION, format!("Bearer {KEY}")).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn an_order_renders_as_mastodon_configuration() {
    let h = harness_with(|db| AppState::new(db).with_api_key(ApiKey(KEY.into())));
    let (order, _) = place(&h, "social.stadt-beispiel.example", "stadt-beispiel.example").await;

    // Stored as counted: trimmed.
    let stored: ProviderOrder = send(&h.router, provider(&format!("/api/v1/provider/orders/{}", order.id))).await.json();
    assert_eq!(stored.locale, "de");
    let branding = stored.sections.branding.clone().unwrap();
    assert_eq!((branding.site_title.as_str(), branding.site_short_description.as_str()), ("Stadt Social", "Die Stadt."));
    let moderation = stored.sections.moderation.clone().unwrap();
    assert_eq!((moderation.rules[0].text.as_str(), moderation.rules[0].hint.as_str()), ("Be kind.", "Always."));
    assert_eq!(moderation.domain_blocks[0].public_comment, "Spam, \"lots\"");
    assert_eq!(stored.sections.organization.as_ref().map(|o| o.name.as_str()), Some("Stadt Beispiel"));

    let path = format!("/api/v1/provider/orders/{}/mastodon", order.id);
    assert_eq!(send(&h.router, get(&path, None)).await.status, 401, "the provider's key only");
    let reply = send(&h.router, provider(&path)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    let c: MastodonConfig = reply.json();
    let env: Vec<(&str, &str)> = c.env.iter().map(|l| (l.key.as_str(), l.value.as_str())).collect();
    assert_eq!(env, [("LOCAL_DOMAIN", "stadt-beispiel.example"), ("WEB_DOMAIN", "social.stadt-beispiel.example"), ("DEFAULT_LOCALE", "de")]);
    let setting = |k: &str| c.settings.iter().find(|s| s.key == k).map(|s| s.value.clone());
    assert_eq!(setting("site_title"), Some(json!("Stadt Social")));
    assert_eq!(setting("registrations_mode"), Some(json!("approved")));
    assert_eq!(setting("theme"), Some(json!("default")));
    assert_eq!(setting("site_contact_username"), Some(json!("presse")));
    assert_eq!(c.owner_command, "RAILS_ENV=production bin/tootctl accounts create presse --email it@stadt-beispiel.example --confirmed --approve --role Owner");
    let back = onramp_api::blocklist::preview(&c.domain_blocks_csv, &[], |d| Some(d.to_owned())).expect("the CSV reads");
    assert_eq!(back.new, moderation.domain_blocks, "the export re-imports to the same list");
    nginx_accepts(c.nginx.as_deref().expect("a split domain gets redirects"), "stadt-beispiel.example");

    let (apex, _) = place(&h, "stadt-apex.example", "stadt-apex.example").await;
    let c: MastodonConfig = send(&h.router, provider(&format!("/api/v1/provider/orders/{}/mastodon", apex.id))).await.json();
    assert!(c.nginx.is_none() && c.caddy.is_none() && c.env.iter().all(|l| l.key != "WEB_DOMAIN"), "one domain, no redirect");
}

/// Runs `nginx -t` on a configuration holding the snippet in the handle domain's server block.
/// `cargo xtask test` installs nginx (Debian's nginx-light) and sets `ONRAMP_NGINX`; then the
/// check is required.
fn nginx_accepts(snippet: &str, handle: &str) {
    let required = std::env::var_os("ONRAMP_NGINX").map(std::path::PathBuf::from);
    let binary = required.clone().or_else(|| ["/usr/sbin/nginx", "/usr/bin/nginx"].iter().map(std::path::PathBuf::from).find(|p| p.is_file()));
    let Some(nginx) = binary.filter(|p| p.is_file()) else {
        assert!(required.is_none(), "ONRAMP_NGINX names no nginx");
        // ok: outside `cargo xtask test` (which installs nginx) a machine without it says so.
        eprintln!("nginx is not installed here: the snippet was not checked with nginx -t (cargo xtask test installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let indented: String = snippet.lines().map(|l| format!("        {l}\n")).collect();
    let conf = format!(
        "daemon off;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {{}}\nhttp {{\n    access_log off;\n    \
         client_body_temp_path {dir}/body;\n    proxy_temp_path {dir}/proxy;\n    fastcgi_temp_path {dir}/fastcgi;\n    \
         uwsgi_temp_path {dir}/uwsgi;\n    scgi_temp_path {dir}/scgi;\n    server {{\n        listen 127.0.0.1:{port};\n        \
         server_name {handle};\n{indented}    }}\n}}\n",
        dir = dir.path().display()
    );
    let path = dir.path().join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    let out = std::process::Command::new(&nginx).arg("-t").arg("-p").arg(dir.path()).arg("-c").arg(&path).output().expect("nginx runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.contains("test is successful"), "nginx -t refused the snippet:\n{said}\n{snippet}");
}

#[tokio::test]
async fn a_name_that_means_two_domains_is_refused() {
    let h = harness();
    let ask = |q: &str| Request::get(format!("/api/v1/domains/availability?{q}")).body(Body::empty()).unwrap();
    // Own domain: a browser's straße.example is xn--strae-oqa.example, Mastodon's strasse.example.
    let a: Availability = send(&h.router, ask("name=stra%C3%9Fe.example")).await.json();
    assert_eq!(a.status, DomainStatus::Ambiguous);
    assert!(a.detail.as_deref().is_some_and(|d| d.contains("strasse.example") && d.contains("xn--strae-oqa.example")), "{a:?}");
    // Final sigma and a zero-width joiner, on a shared domain.
    let a: Availability = send(&h.router, ask("name=%CE%BF%CE%B4%CE%BF%CF%82&base=social-host.example")).await.json();
    assert_eq!(a.status, DomainStatus::Ambiguous, "{a:?}");
    let a: Availability = send(&h.router, ask("name=a%E2%80%8Db.example")).await.json();
    assert_ne!(a.status, DomainStatus::Available, "{a:?}");
    // Names that read the same both ways stay available.
    let a: Availability = send(&h.router, ask("name=strasse.example")).await.json();
    assert_eq!(a.status, DomainStatus::Available);
    let a: Availability = send(&h.router, ask("name=b%C3%BCcher.example")).await.json();
    assert_eq!(a.status, DomainStatus::Available, "ü is the same in IDNA 2003 and 2008");

    // Saving the browser's form of such a name is refused at its field.
    let d = create(&h.router).await;
    let body = json!({"domain": {"mode": "custom", "web_domain": "xn--strae-oqa.example", "handle_domain": "xn--strae-oqa.example"}});
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), body.to_string())).await;
    assert_eq!(reply.status, 422, "{}", String::from_utf8_lossy(&reply.body));
    let p = reply.problem();
    let e = p.errors.first().expect("a field error");
    assert_eq!((e.pointer.as_str(), e.code), ("/domain/web_domain", onramp_api::ErrorCode::Ambiguous));
}

/// A block under a domain already blocked, typed by hand: saved when it is stricter (Mastodon's
/// admin saves it, `DomainBlock#stricter_than?`), refused with Mastodon's reason when it is not,
/// and handed over with the child first, so that Mastodon's import keeps both.
#[tokio::test]
async fn a_stricter_block_under_a_blocked_domain_is_saved_and_handed_over_first() {
    let h = harness_with(|db| AppState::new(db).with_api_key(ApiKey(KEY.into())));
    let d = create(&h.router).await;
    let blocks = |child: &str| {
        json!({"moderation": {"registrations_mode": "approved", "domain_blocks": [
            {"domain": "example.com", "severity": "silence", "reject_media": false, "reject_reports": false, "public_comment": "", "obfuscate": false},
            {"domain": "blog.example.com", "severity": child, "reject_media": false, "reject_reports": false, "public_comment": "", "obfuscate": false}
        ]}})
        .to_string()
    };
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), blocks("noop"))).await;
    assert_eq!(reply.status, 422, "{}", String::from_utf8_lossy(&reply.body));
    let p = reply.problem();
    let e = p.errors.first().expect("a field error");
    assert_eq!((e.pointer.as_str(), e.code), ("/moderation/domain_blocks/1/domain", onramp_api::ErrorCode::Covered));
    assert!(e.detail.starts_with("You have already imposed stricter limits on example.com."), "{}", e.detail);
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), blocks("suspend"))).await;
    assert_eq!(reply.status, 200, "a stricter child is saved: {}", String::from_utf8_lossy(&reply.body));

    let mut all = sections("social.child-first.example", "child-first.example");
    all["moderation"]["domain_blocks"] = serde_json::from_str::<serde_json::Value>(&blocks("suspend")).unwrap()["moderation"]["domain_blocks"].clone();
    let d = create(&h.router).await;
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), all.to_string())).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    let reply = send(
        &h.router,
        Request::post(format!("/api/v1/signups/{}/submit", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header("Idempotency-Key", "mastodon-test-child-first")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"accept_terms": true}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
    let order: Order = reply.json();
    let c: MastodonConfig = send(&h.router, provider(&format!("/api/v1/provider/orders/{}/mastodon", order.id))).await.json();
    let rows: Vec<&str> = c.domain_blocks_csv.lines().skip(1).map(|l| l.split(',').next().unwrap_or_default()).collect();
    assert_eq!(rows, ["blog.example.com", "example.com"], "the child before its parent");
    let back = onramp_api::blocklist::preview(&c.domain_blocks_csv, &[], |d| Some(d.to_owned())).expect("the CSV reads");
    assert_eq!(back.new.len(), 2, "read as Mastodon's import reads it, both are kept: {:?}", back.duplicates);
}
