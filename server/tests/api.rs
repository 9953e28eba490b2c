//! The reference backend through its router (`oneshot`) and once through a real socket.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use axum::Router;
use onramp_api::{Catalog, CreatedSignup, ErrorCode, Signup};
use onramp_server::{app, AppState, Db};
use serde_json::json;

fn plan_body(plan: &str) -> String {
    json!({"plan": {"plan_id": plan, "billing": "yearly", "addons": [], "support_tier": null}}).to_string()
}

#[tokio::test]
async fn catalog_lists_plans_addons_and_support() {
    let h = harness();
    let reply = send(&h.router, Request::get("/api/v1/catalog").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK);
    let catalog: Catalog = reply.json();
    assert_eq!(catalog, onramp_api::sample::catalog());
}

#[tokio::test]
async fn a_draft_is_created_updated_and_read_back() {
    let h = harness();
    let created = create(&h.router).await;
    assert_eq!(created.version, 1);
    assert!(created.resume_token.len() >= 32);

    let reply = send(&h.router, patch(&created.id, &created.resume_token, Some("\"1\""), plan_body("organization"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(reply.headers.get(header::ETAG).and_then(|v| v.to_str().ok()), Some("\"2\""));

    let read = Request::get(format!("/api/v1/signups/{}", created.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", created.resume_token))
        .body(Body::empty())
        .unwrap();
    let signup: Signup = send(&h.router, read).await.json();
    assert_eq!(signup.version, 2);
    let plan = signup.sections.plan.expect("plan saved");
    assert_eq!(plan.plan_id, "organization");
    assert_eq!(plan.billing, onramp_api::Billing::Yearly);
}

#[tokio::test]
async fn a_lost_update_gets_409_and_changes_nothing() {
    let h = harness();
    let c = create(&h.router).await;
    let first = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), plan_body("starter"))).await;
    assert_eq!(first.status, StatusCode::OK);
    let stale = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), plan_body("enterprise"))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.problem();
    let missing = send(&h.router, patch(&c.id, &c.resume_token, None, plan_body("enterprise"))).await;
    assert_eq!(missing.status, StatusCode::PRECONDITION_REQUIRED);
    missing.problem();
    let signup = Db::open(&h.db_path).unwrap().get_signup(&c.id, &c.resume_token).unwrap();
    assert_eq!(signup.sections.plan.map(|p| p.plan_id).as_deref(), Some("starter"));
}

#[tokio::test]
async fn invalid_fields_get_422_with_pointers() {
    let h = harness();
    let c = create(&h.router).await;
    let body = json!({
        "plan": {"plan_id": "starter", "billing": "monthly", "addons": ["moderation_business_hours"]},
        "organization": {"name": "", "kind": "company", "country": "DE",
                         "contact_email": "nope", "admin_username": "root"}
    });
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), body.to_string())).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = reply.problem();
    let got: Vec<_> = problem.errors.iter().map(|e| (e.pointer.as_str(), e.code)).collect();
    assert_eq!(
        got,
        [
            ("/plan/addons/0", ErrorCode::NotAllowed),
            ("/organization/name", ErrorCode::Required),
            ("/organization/contact_email", ErrorCode::Invalid),
            ("/organization/admin_username", ErrorCode::Reserved),
            ("/organization/billing/address/line1", ErrorCode::Required),
            ("/organization/billing/address/postal_code", ErrorCode::Required),
            ("/organization/billing/address/city", ErrorCode::Required),
        ]
    );
}

#[tokio::test]
async fn rules_across_sections_are_checked_on_the_stored_draft() {
    let h = harness();
    let c = create(&h.router).await;
    let org = json!({"organization": {
        "name": "Acme", "kind": "company", "country": "DE", "contact_email": "it@acme.example",
        "admin_username": "acme_it",
        "billing": {"address": {"line1": "Weg 1", "postal_code": "10115", "city": "Berlin"},
                    "payment_method": "invoice"}}});
    let first = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), plan_body("starter"))).await;
    assert_eq!(first.status, StatusCode::OK);
    // Starter cannot be paid by invoice: refused, though the organization section alone is valid.
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), org.to_string())).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<_> = reply.problem().errors.into_iter().map(|e| e.pointer).collect();
    assert_eq!(pointers, ["/organization/billing/payment_method"]);
    // With a plan that allows invoices, the same section is taken.
    let ok = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), plan_body("organization"))).await;
    assert_eq!(ok.status, StatusCode::OK);
    let ok = send(&h.router, patch(&c.id, &c.resume_token, Some("\"3\""), org.to_string())).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", String::from_utf8_lossy(&ok.body));
}

#[tokio::test]
async fn malformed_bodies_get_400_and_mismatched_ones_422_with_their_pointer_never_500() {
    let h = harness();
    let c = create(&h.router).await;
    // Not JSON at all: 400.
    for body in ["", "{", "\u{0}\u{1}"] {
        let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), body.to_owned())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "body {body:?}");
        reply.problem();
    }
    // JSON of another shape: 422, located like any refused field.
    for (body, pointer, code) in [
        ("[]", "", "invalid"),
        ("{\"plan\": 5}", "/plan", "invalid"),
        ("{\"plan\": {\"billing\": \"weekly\"}}", "/plan/billing", "unknown"),
        ("{\"plans\": {}}", "/plans", "unknown"),
        ("{\"moderation\": {\"registrations_mode\": \"everyone\"}}", "/moderation/registrations_mode", "unknown"),
        ("{\"moderation\": {\"registrations_mode\": \"open\", \"rules\": [{\"text\": 5}]}}", "/moderation/rules/0/text", "invalid"),
        ("{\"organization\": {\"kind\": \"company\"}}", "/organization/name", "required"),
    ] {
        let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), body.to_owned())).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "body {body:?}");
        let errors = reply.problem().errors;
        assert_eq!(errors.iter().map(|e| (e.pointer.as_str(), e.code.as_str())).collect::<Vec<_>>(), [(pointer, code)], "body {body:?}: {errors:?}");
    }
    let huge = format!("{{\"plan\":{{\"plan_id\":\"{}\"}}}}", "x".repeat(onramp_server::DRAFT_BODY_LIMIT));
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), huge)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    reply.problem();
}

#[tokio::test]
async fn the_token_guards_the_draft() {
    let h = harness();
    let c = create(&h.router).await;
    let wrong = send(&h.router, patch(&c.id, "not-the-token", Some("\"1\""), plan_body("starter"))).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    wrong.problem();
    let none = Request::get(format!("/api/v1/signups/{}", c.id)).body(Body::empty()).unwrap();
    let reply = send(&h.router, none).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    reply.problem();
    let unknown = send(&h.router, patch("nope", &c.resume_token, Some("\"1\""), plan_body("starter"))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let no_route = send(&h.router, Request::get("/api/v1/nothing").body(Body::empty()).unwrap()).await;
    assert_eq!(no_route.status, StatusCode::NOT_FOUND);
    no_route.problem();
}

#[tokio::test]
async fn drafts_survive_a_restart() {
    let h = harness();
    let c = create(&h.router).await;
    send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), plan_body("enterprise"))).await;
    drop(h.router);
    let reopened = Db::open(&h.db_path).unwrap();
    let signup = reopened.get_signup(&c.id, &c.resume_token).unwrap();
    assert_eq!(signup.version, 2);
    assert_eq!(signup.sections.plan.map(|p| p.plan_id).as_deref(), Some("enterprise"));
}

#[tokio::test]
async fn the_app_is_served_beside_the_api_with_a_fallback_to_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>Onramp</title>").unwrap();
    let state = AppState::new(Db::open(&dir.path().join("db.sqlite3")).unwrap())
        .with_static_dir(dir.path().to_path_buf());
    let router = app(state);
    for path in ["/plan", "/", "/index.html", "/status/o_123"] {
        let page = send(&router, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let text = String::from_utf8_lossy(&page.body);
        assert!(text.contains("<title>Social Host</title>"), "{path}: the provider's name, not the build's: {text}");
    }
    let api = send(&router, Request::get("/api/v1/missing").body(Body::empty()).unwrap()).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND, "API paths never fall back to the app");
}

#[tokio::test]
async fn over_a_real_socket() {
    let dir = tempfile::tempdir().unwrap();
    let router = app(AppState::new(Db::open(&dir.path().join("db.sqlite3")).unwrap()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /api/v1/signups HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    assert!(raw.starts_with("HTTP/1.1 201"), "{raw}");
    let body = raw.split("\r\n\r\n").nth(1).unwrap_or_default();
    let created: CreatedSignup = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {raw}"));
    assert_eq!(created.version, 1);
    server.abort();
}

async fn availability(router: &Router, query: &str) -> onramp_api::domain::Availability {
    let reply = send(router, Request::get(format!("/api/v1/domains/availability?{query}")).body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    reply.json()
}

#[tokio::test]
async fn subdomain_availability_with_suggestions() {
    use onramp_api::domain::DomainStatus::*;
    let h = harness();
    let a = availability(&h.router, "name=Acme&base=social-host.example").await;
    assert_eq!((a.ascii.as_str(), a.status), ("acme.social-host.example", Available));
    assert!(a.suggestions.is_empty());

    Db::open(&h.db_path).unwrap().mark_taken("acme.social-host.example").unwrap();
    let a = availability(&h.router, "name=acme&base=social-host.example").await;
    assert_eq!(a.status, Taken);
    assert_eq!(a.suggestions.first().map(String::as_str), Some("acme-social.social-host.example"));
    assert!(a.suggestions.len() <= 5 && a.suggestions.iter().all(|s| s.ends_with(".social-host.example")));
    // Taken under one shared domain is free under another.
    let a = availability(&h.router, "name=acme&base=fedi-hosting.example").await;
    assert_eq!(a.status, Available);

    let a = availability(&h.router, "name=www&base=social-host.example").await;
    assert_eq!(a.status, Reserved);
    assert!(!a.suggestions.is_empty());
    let a = availability(&h.router, "name=b%C3%BCcher&base=social-host.example").await;
    assert_eq!((a.ascii.as_str(), a.status), ("xn--bcher-kva.social-host.example", Available));
    for bad in ["name=-x&base=social-host.example", "name=a&base=social-host.example", "name=a.b&base=social-host.example", "name=&base=social-host.example"] {
        assert_eq!(availability(&h.router, bad).await.status, Invalid, "{bad}");
    }
    assert_eq!(availability(&h.router, "name=acme&base=evil.example").await.status, NotAllowed);
}

#[tokio::test]
async fn own_domain_availability() {
    use onramp_api::domain::DomainStatus::*;
    let h = harness();
    let a = availability(&h.router, "name=Social.B%C3%BCcher.example.").await;
    assert_eq!((a.ascii.as_str(), a.status), ("social.xn--bcher-kva.example", Available));
    assert_eq!(a.unicode, "social.bücher.example");
    assert_eq!(a.registrable.as_deref(), Some("xn--bcher-kva.example"));
    assert_eq!(availability(&h.router, "name=example.co.uk").await.registrable, None);
    assert_eq!(availability(&h.router, "name=co.uk").await.status, NotAllowed);
    assert_eq!(availability(&h.router, "name=x.social-host.example").await.status, NotAllowed);
    assert_eq!(availability(&h.router, "name=not%20a%20domain").await.status, Invalid);
    assert!(availability(&h.router, "name=p%D0%B0ypal.example").await.mixed_script);
    Db::open(&h.db_path).unwrap().mark_taken("example.org").unwrap();
    assert_eq!(availability(&h.router, "name=EXAMPLE.org").await.status, Taken);
    let missing = send(&h.router, Request::get("/api/v1/domains/availability").body(Body::empty()).unwrap()).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    missing.problem();
}

#[tokio::test]
async fn the_domain_section_is_checked_against_plan_and_names() {
    let h = harness();
    let c = create(&h.router).await;
    let domain = |mode: &str, web: &str, handle: &str| {
        json!({"domain": {"mode": mode, "web_domain": web, "handle_domain": handle}}).to_string()
    };
    send(&h.router, patch(&c.id, &c.resume_token, Some("\"1\""), plan_body("starter"))).await;
    // Starter has no own domain.
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), domain("custom", "social.example.org", "example.org"))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.problem().errors.first().map(|e| e.pointer.as_str()), Some("/domain/mode"));
    // A subdomain is fine, unless taken.
    Db::open(&h.db_path).unwrap().mark_taken("taken.social-host.example").unwrap();
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), domain("subdomain", "taken.social-host.example", "taken.social-host.example"))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.problem().errors.first().map(|e| e.code), Some(ErrorCode::Taken));
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), domain("subdomain", "www.social-host.example", "www.social-host.example"))).await;
    assert_eq!(reply.problem().errors.first().map(|e| e.code), Some(ErrorCode::Reserved));
    let ok = send(&h.router, patch(&c.id, &c.resume_token, Some("\"2\""), domain("subdomain", "acme.social-host.example", "acme.social-host.example"))).await;
    assert_eq!(ok.status, StatusCode::OK);
    // With a plan that allows it, an own domain; a public suffix as handle domain is refused.
    send(&h.router, patch(&c.id, &c.resume_token, Some("\"3\""), plan_body("organization"))).await;
    let reply = send(&h.router, patch(&c.id, &c.resume_token, Some("\"4\""), domain("custom", "example.co.uk", "co.uk"))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.problem().errors.first().map(|e| e.pointer.as_str()), Some("/domain/handle_domain"));
    let ok = send(&h.router, patch(&c.id, &c.resume_token, Some("\"4\""), domain("custom", "social.xn--bcher-kva.example", "xn--bcher-kva.example"))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", String::from_utf8_lossy(&ok.body));
}

#[tokio::test]
async fn moderation_is_checked_by_the_shared_rules() {
    let h = harness();
    let d = create(&h.router).await;
    let rules: Vec<_> = (0..31).map(|i| json!({"text": format!("Rule {i}")})).collect();
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), json!({"moderation": {
        "registrations_mode": "approved", "rules": rules,
    }}).to_string())).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = reply.problem();
    assert_eq!(p.errors.iter().map(|e| (e.pointer.as_str(), e.code)).collect::<Vec<_>>(), [("/moderation/rules", ErrorCode::TooLong)]);

    // Ten thousand blocks fit in one update.
    let blocks: Vec<_> = (0..10_000)
        .map(|i| json!({"domain": format!("host{i}.example"), "severity": "silence", "reject_media": true, "public_comment": "Spam"}))
        .collect();
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), json!({"moderation": {
        "registrations_mode": "none", "rules": [{"text": "Be kind."}], "domain_blocks": blocks, "languages": ["de"],
    }}).to_string())).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    let saved: Signup = reply.json();
    assert_eq!(saved.sections.moderation.map(|m| m.domain_blocks.len()), Some(10_000));
}
