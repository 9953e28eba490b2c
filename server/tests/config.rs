//! The provider's configuration file: both examples load, a broken file is refused with every
//! problem at its line and column, `check-config` works alone, and a configured provider is what
//! the API serves.

mod common;

use common::*;
use onramp_api::Catalog;
use onramp_server::config::{load_str, Settings};
use onramp_server::{state_from, AppState};

const KEY: &str = "0123456789abcdef0123456789abcdef-test";

fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn env(name: &str) -> Option<String> {
    matches!(name, "ONRAMP_PROVIDER_API_KEY" | "FHO_PROVIDER_API_KEY").then(|| KEY.to_owned())
}

fn austrian() -> Settings {
    load_str(&example("examples/fediverse-hosting-at.toml"), "fho.toml", env).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_reference_example_is_the_sample_catalogue() {
    let s = load_str(&example("onramp.example.toml"), "onramp.example.toml", env).unwrap_or_else(|e| panic!("{e}"));
    let sample = onramp_api::sample::catalog();
    let names = |c: &Catalog| c.plans.iter().map(|p| (p.id.clone(), p.name.clone(), p.price)).collect::<Vec<_>>();
    assert_eq!(names(&s.catalog), names(&sample));
    assert_eq!(s.catalog.shared_domains, sample.shared_domains);
    assert_eq!(s.catalog.addons.iter().map(|a| (&a.id, &a.kind, a.price)).collect::<Vec<_>>(), sample.addons.iter().map(|a| (&a.id, &a.kind, a.price)).collect::<Vec<_>>());
    assert_eq!(s.catalog.provider.name, "Social Host");
    assert_eq!(s.api_key.map(|k| k.0).as_deref(), Some(KEY), "the key comes from the environment");
}

#[test]
fn the_austrian_example_sells_in_two_currencies_and_three_languages() {
    let s = austrian();
    let c = &s.catalog;
    assert_eq!(c.provider.name, "Fediverse Hosting Österreich");
    assert_eq!((c.currency.as_str(), c.offered_currencies()), ("EUR", vec!["EUR".to_owned(), "CHF".to_owned()]));
    assert_eq!(c.provider_country, "AT");
    assert_eq!(c.shared_domains, ["fedihost.example", "mastodon-at.example"]);
    let betrieb = c.plan("betrieb").unwrap();
    assert_eq!((betrieb.name.as_str(), betrieb.price.monthly), ("Betrieb", 7_900));
    let chf = c.in_currency("CHF");
    assert_eq!(chf.plan("betrieb").map(|p| p.price.monthly), Some(8_500));
    assert!(chf.plan("land").is_none(), "Land is sold in EUR only");
    assert_eq!(c.localized("fr").plan("betrieb").map(|p| p.name.as_str()), Some("Entreprise"));
    assert_eq!(c.localized("en").plan("verein").map(|p| p.description.as_str()), Some("For clubs and small teams."));
    assert!(c.provider.logo.as_deref().is_some_and(onramp_api::brand::is_logo));
    assert_eq!(s.partners.as_ref().map(|p| p[0].id.as_str()), Some("gemeindebund"));
    assert_eq!(s.mail_from, "anmeldung@fedihost.example");
}

const BROKEN: &str = r##"[server]
draft_ttl_days = 0

[provider]
name = "Broken Hosting"
legal_name = "Broken GmbH"
country = "XX"
support_email = "not-an-address"
api_key = { env = "MISSING_KEY_VARIABLE" }
colour = "#ff0000"

[provider.appearance]
primary = "#ffff00"
background = "#ffffff"
text = "#000000"

[provider.links]
terms = "javascript:alert(1)"
dpa = "/legal/dpa.html"
privacy = "/legal/privacy.html"
imprint = "/legal/imprint.html"

[catalogue]
default_language = "de"
default_currency = "EUR"
currencies = ["EUR", "chf"]
shared_domains = ["Social.Example"]

[[catalogue.plans]]
id = "a"
name = { en = "Only English" }
prices = { EUR = { monthly = 100, yearly = 1000 } }
limits = { active_users = 10, storage_gb = 1, custom_domain = false }
included_support = "basic"
payment_methods = ["card"]

[[catalogue.plans]]
id = "a"
name = "Twice"
prices = { EUR = { monthly = 100, yearly = 1000 } }
limits = { active_users = 10, storage_gb = 1, custom_domain = false }
included_support = "std"
payment_methods = ["card"]

[[catalogue.plans]]
id = "c"
name = "Cheap yearly"
prices = { EUR = { monthly = 5000, yearly = 4000 } }
limits = { active_users = 10, storage_gb = 1, custom_domain = false, sso = true }
included_support = "std"
payment_methods = []

[[catalogue.support_tiers]]
id = "std"
name = "Standard"
response_hours = 24
prices = { EUR = { monthly = 0, yearly = 0 } }
"##;

#[test]
fn a_broken_file_is_refused_with_every_problem_located() {
    let err = load_str(BROKEN, "broken.toml", |_| None).expect_err("broken");
    let text = err.to_string();
    let expected = [
        "broken.toml:10:1: provider.colour: unknown key",
        "broken.toml:49:70: catalogue.plans[2].limits.sso: unknown key",
        "broken.toml:2:1: server.draft_ttl_days: keep drafts 1 to 365 days",
        "broken.toml:7:1: provider.country: must be an ISO 3166-1 alpha-2 code",
        "broken.toml:8:1: provider.support_email:",
        "broken.toml:13:1: provider.appearance.primary:",
        "broken.toml:18:1: provider.links.terms:",
        "broken.toml:9:1: provider.api_key: the environment variable MISSING_KEY_VARIABLE is not set",
        "broken.toml:26:22: catalogue.currencies[1]: must be an ISO 4217 code",
        "broken.toml:27:19: catalogue.shared_domains[0]: write it in lower case",
        "broken.toml:38:1: catalogue.plans[1].id: \"a\" is used by an earlier entry",
        "broken.toml:31:1: catalogue.plans[0].name: needs a text in the default language \"de\"",
        "broken.toml:34:1: catalogue.plans[0].included_support: must be the id of one of catalogue.support_tiers",
        "broken.toml:48:36: catalogue.plans[2].prices.EUR.yearly: must be at least the monthly price",
        "broken.toml:51:1: catalogue.plans[2].payment_methods: list at least one way to pay",
    ];
    for line in expected {
        assert!(text.lines().any(|l| l.starts_with(line)), "missing {line:?} in:\n{text}");
    }
    assert!(text.lines().count() >= expected.len());
}

#[test]
fn a_syntax_error_is_reported_with_its_place() {
    let err = load_str("[provider]\nname = \"x\nlegal_name = 1\n", "bad.toml", |_| None).expect_err("not TOML");
    assert!(err.to_string().starts_with("bad.toml:2:"), "{err}");
    let err = load_str("[catalogue]\ndefault_currency = 3\n", "types.toml", |_| None).expect_err("wrong type");
    assert!(err.to_string().contains("types.toml:"), "{err}");
}

#[test]
fn check_config_works_alone() {
    let bin = env!("CARGO_BIN_EXE_onramp-server");
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, BROKEN).unwrap();
    let out = std::process::Command::new(bin).arg("check-config").arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(":48:36: catalogue.plans[2].prices.EUR.yearly: must be at least the monthly price"), "{stderr}");
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/fediverse-hosting-at.toml");
    let out = std::process::Command::new(bin).arg("check-config").arg(&good).env("FHO_PROVIDER_API_KEY", KEY).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (Fediverse Hosting Österreich; 3 plans in EUR, CHF"));
    // The server itself refuses to start on the broken file.
    let out = std::process::Command::new(bin).args(["--addr", "127.0.0.1:0", "--config"]).arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("provider.colour: unknown key"));
}

#[tokio::test]
async fn the_api_serves_the_configured_provider_and_checks_drafts_against_it() {
    let settings = austrian();
    let h = harness_with(|db| state_from(db, &settings));
    let catalog: Catalog = send(&h.router, get("/api/v1/catalog", None)).await.json();
    assert_eq!(catalog, settings.catalog);
    let created = create(&h.router).await;
    let chf = serde_json::json!({"plan": {"plan_id": "betrieb", "billing": "yearly", "currency": "CHF"}}).to_string();
    let reply = send(&h.router, patch(&created.id, &created.resume_token, Some("\"1\""), chf)).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    let land = serde_json::json!({"plan": {"plan_id": "land", "currency": "CHF"}}).to_string();
    let reply = send(&h.router, patch(&created.id, &created.resume_token, Some("\"2\""), land)).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.problem().errors.first().map(|e| e.pointer.as_str()), Some("/plan/currency"));
    let sub = serde_json::json!({"domain": {"mode": "subdomain", "web_domain": "gemeinde.mastodon-at.example", "handle_domain": "gemeinde.mastodon-at.example"}}).to_string();
    let reply = send(&h.router, patch(&created.id, &created.resume_token, Some("\"2\""), sub)).await;
    assert_eq!(reply.status, 200, "the provider's second shared domain: {}", String::from_utf8_lossy(&reply.body));
}

#[tokio::test]
async fn the_provider_reads_orders_with_its_key_only() {
    let settings = austrian();
    let h = harness_with(|db| state_from(db, &settings));
    for token in [None, Some("wrong"), Some(&KEY[1..])] {
        let reply = send(&h.router, get("/api/v1/provider/orders/o_missing", token)).await;
        assert_eq!(reply.status, 401, "{token:?}");
    }
    let reply = send(&h.router, get("/api/v1/provider/orders/o_missing", Some(KEY))).await;
    assert_eq!(reply.status, 404, "the key opens, the order is not there");
    // Without a configured key, such calls are refused outright.
    let h = harness_with(AppState::new);
    assert_eq!(send(&h.router, get("/api/v1/provider/orders/o_missing", Some(KEY))).await.status, 403);
}

#[tokio::test]
async fn a_logo_on_the_providers_own_origin_is_allowed_by_the_page_policy() {
    let mut settings = austrian();
    settings.catalog.provider.logo = Some("https://cdn.fedihost.example/brand/logo.png".into());
    let h = harness_with(|db| state_from(db, &settings));
    let page = send(&h.router, get("/plan", None)).await;
    let csp = page.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(csp.contains("img-src 'self' https://cdn.fedihost.example blob: data:"), "{csp}");
    let api = send(&h.router, get("/api/v1/catalog", None)).await;
    let csp = api.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(!csp.contains("cdn.fedihost.example"), "API answers load nothing: {csp}");
}

#[test]
fn mail_servers_and_webhooks_are_checked_and_their_secrets_read_from_the_environment() {
    let text = format!(
        "{}\n[mail.smtp]\nhost = \"smtp.fedihost.example\"\nsecurity = \"none\"\nusername = \"onramp\"\n\n\
         [[webhooks]]\nurl = \"http://provisioning.fedihost.example/onramp\"\nsecret = \"whsec_c2hvcnQ=\"\n\n\
         [[webhooks]]\nurl = \"https://provisioning.fedihost.example/onramp\"\nsecret = {{ env = \"FHO_WEBHOOK_SECRET\" }}\n",
        example("examples/fediverse-hosting-at.toml")
    );
    let lines = match load_str(&text, "fho.toml", env) {
        Err(onramp_server::config::LoadError::Invalid(lines)) => lines,
        other => panic!("refused expected, got {other:?}"),
    };
    let about = |path: &str, words: &str| lines.iter().any(|l| l.contains(&format!(": {path}: ")) && l.contains(words));
    assert!(about("mail.smtp.security", "only for a relay on this machine"), "{lines:#?}");
    assert!(about("mail.smtp", "both username and password"), "{lines:#?}");
    assert!(about("webhooks[0].url", "use https://"), "{lines:#?}");
    assert!(about("webhooks[0].secret", "whsec_"), "{lines:#?}");
    assert!(about("webhooks[1].secret", "FHO_WEBHOOK_SECRET is not set"), "{lines:#?}");
    assert!(lines.iter().all(|l| l.starts_with("fho.toml:")), "each line has its place: {lines:#?}");

    let good = format!(
        "{}\n[mail.smtp]\nhost = \"smtp.fedihost.example\"\nusername = \"onramp\"\npassword = {{ env = \"FHO_SMTP_PASSWORD\" }}\n\n\
         [[webhooks]]\nurl = \"https://provisioning.fedihost.example/onramp\"\nsecret = {{ env = \"FHO_WEBHOOK_SECRET\" }}\n\n\
         [delivery]\ngive_up_after_secs = 3600\n",
        example("examples/fediverse-hosting-at.toml")
    );
    let secrets = |name: &str| match name {
        "FHO_SMTP_PASSWORD" => Some("correct horse".to_owned()),
        "FHO_WEBHOOK_SECRET" => Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned()),
        other => env(other),
    };
    let s = load_str(&good, "fho.toml", secrets).unwrap_or_else(|e| panic!("{e}"));
    let smtp = s.smtp.as_ref().expect("smtp");
    assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.fedihost.example", 587), "STARTTLS on the submission port by default");
    assert_eq!(s.webhooks.len(), 1);
    assert_eq!(s.delivery.give_up_after, std::time::Duration::from_secs(3_600));
    let shown = format!("{s:?}");
    assert!(!shown.contains("correct horse") && !shown.contains("MfKQ9r8"), "secrets stay out of Debug output");
}
