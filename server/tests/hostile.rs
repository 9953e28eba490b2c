//! What another site's page or a careless client can send, answered the same careful way: every
//! API answer uncacheable, every error a problem document, bodies only of the type a call takes,
//! changes only from this site's pages (or from servers), and no control characters stored.

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::*;
use onramp_server::AppState;

fn post(path: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post(path);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.body(body.into()).unwrap()
}

#[tokio::test]
async fn every_api_answer_is_uncacheable_and_every_error_a_problem() {
    let h = harness();
    let created = send(&h.router, post("/api/v1/signups", &[], Body::empty())).await;
    assert_eq!(created.status, 201);
    let read = send(&h.router, get("/api/v1/catalog", None)).await;
    let not_found = send(&h.router, get("/api/v1/orders/or_nothing", Some("t"))).await;
    let no_route = send(&h.router, get("/api/v1/nothing-here", None)).await;
    let wrong_method = send(&h.router, Request::delete("/api/v1/catalog").body(Body::empty()).unwrap()).await;
    for (name, reply) in [("create", &created), ("catalog", &read), ("order", &not_found), ("no route", &no_route), ("405", &wrong_method)] {
        assert_eq!(reply.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"), "{name}");
    }
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.problem().kind, onramp_api::types::METHOD_NOT_ALLOWED);
    let big = vec![b'x'; onramp_server::BODY_LIMIT + 1];
    let too_large = send(&h.router, post("/api/v1/events", &[("content-type", "application/json")], big)).await;
    assert_eq!(too_large.status, 413);
    assert_eq!(too_large.problem().kind, onramp_api::types::TOO_LARGE);
}

#[tokio::test]
async fn bodies_must_be_of_the_type_the_call_takes() {
    let h = harness();
    let events = r#"{"session":"0123456789abcdef","events":[]}"#;
    let as_text = send(&h.router, post("/api/v1/events", &[("content-type", "text/plain")], events)).await;
    assert_eq!(as_text.status, 415);
    assert_eq!(as_text.problem().kind, onramp_api::types::UNSUPPORTED_MEDIA_TYPE);
    let form = send(&h.router, post("/api/v1/signups", &[("content-type", "application/x-www-form-urlencoded")], "a=1")).await;
    assert_eq!(form.status, 415, "an HTML form cannot start a draft");
    let empty = send(&h.router, post("/api/v1/signups", &[], Body::empty())).await;
    assert_eq!(empty.status, 201, "a call without a body needs no type");
    let json = send(&h.router, post("/api/v1/signups", &[("content-type", "application/json; charset=utf-8")], "{}")).await;
    assert_eq!(json.status, 201);
}

#[tokio::test]
async fn only_this_sites_pages_may_change_things() {
    let h = harness_with(|db| AppState::new(db).with_public_url("https://signup.example"));
    let try_from = |headers: &'static [(&'static str, &'static str)]| post("/api/v1/signups", headers, Body::empty());
    let evil = send(&h.router, try_from(&[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")])).await;
    assert_eq!(evil.status, 403);
    assert_eq!(evil.problem().kind, onramp_api::types::CROSS_SITE);
    let old_browser = send(&h.router, try_from(&[("origin", "https://evil.example"), ("host", "signup.example")])).await;
    assert_eq!(old_browser.status, 403, "Origin alone is checked where Sec-Fetch-Site is missing");
    for (name, headers) in [
        ("same origin", &[("sec-fetch-site", "same-origin"), ("origin", "https://signup.example")][..]),
        ("the public URL's origin", &[("sec-fetch-site", "same-site"), ("origin", "https://signup.example")][..]),
        ("a partner's origin", &[("sec-fetch-site", "cross-site"), ("origin", "http://127.0.0.1:8090")][..]),
        ("a server", &[][..]),
    ] {
        let mut r = Request::post("/api/v1/signups");
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        assert_eq!(send(&h.router, r.body(Body::empty()).unwrap()).await.status, 201, "{name}");
    }
    // Reading is not refused (CORS keeps another site from reading the answer).
    let read = send(&h.router, Request::get("/api/v1/catalog").header("sec-fetch-site", "cross-site").body(Body::empty()).unwrap()).await;
    assert_eq!(read.status, 200);
}

#[tokio::test]
async fn control_characters_are_refused_at_their_field() {
    let h = harness();
    let d = create(&h.router).await;
    let body = serde_json::json!({"branding": {"site_title": "Stadt\u{1b}[2J", "site_short_description": "Zwei\nZeilen", "theme": "light"}}).to_string();
    let reply = send(&h.router, patch(&d.id, &d.resume_token, Some("\"1\""), body)).await;
    assert_eq!(reply.status, 422);
    let pointers: Vec<String> = reply.problem().errors.into_iter().map(|e| e.pointer).collect();
    assert_eq!(pointers, ["/branding/site_title"], "a line break in the description is fine");
}

#[tokio::test]
async fn csp_reports_are_rate_limited_per_client() {
    let limits = onramp_server::limit::Limits { reports_per_min: 3, ..Default::default() };
    let h = harness_with(|db| AppState::new(db).with_limits(limits));
    let report = || post("/api/v1/csp-reports", &[("content-type", "application/csp-report")], r#"{"csp-report":{"blocked-uri":"inline"}}"#);
    for _ in 0..3 {
        assert_eq!(send(&h.router, report()).await.status, 204);
    }
    let limited = send(&h.router, report()).await;
    assert_eq!(limited.status, 429);
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
}

async fn draft_mailing(router: &axum::Router, email: &str) -> onramp_api::CreatedSignup {
    let d = create(router).await;
    let org = serde_json::json!({"organization": {"name": "Stadt", "kind": "public_sector", "country": "DE", "contact_email": email,
        "admin_username": "presse", "billing": {"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}}});
    let reply = send(router, patch(&d.id, &d.resume_token, Some("\"1\""), org.to_string())).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    d
}

fn resume_link(d: &onramp_api::CreatedSignup) -> Request<Body> {
    Request::post(format!("/api/v1/signups/{}/resume-link", d.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn resume_links_are_mailed_a_few_times_a_day_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    let h = harness_with(|db| AppState::new(db).with_outbox(outbox.clone()));
    let d = draft_mailing(&h.router, "it@stadt.example").await;
    assert_eq!(send(&h.router, resume_link(&d)).await.status, 202);
    onramp_server::delivery::run_once(&h.state).await.unwrap();
    let again = send(&h.router, resume_link(&d)).await;
    assert_eq!(again.status, 429, "one mail per draft every five minutes");
    let wait: u64 = again.headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    assert!((1..=300).contains(&wait), "Retry-After {wait}");
    onramp_server::delivery::run_once(&h.state).await.unwrap();
    assert_eq!(common::mail::in_folder(&outbox).len(), 1, "the refused call mailed nothing");

    let limits = onramp_server::MailLimits { gap_secs: 0, per_day: 2 };
    let h = harness_with(|db| AppState::new(db).with_outbox(outbox.clone()).with_mail_limits(limits));
    let a = draft_mailing(&h.router, "victim@example.org").await;
    assert_eq!(send(&h.router, resume_link(&a)).await.status, 202);
    assert_eq!(send(&h.router, resume_link(&a)).await.status, 202);
    assert_eq!(send(&h.router, resume_link(&a)).await.status, 429, "per draft and day");
    let b = draft_mailing(&h.router, "Victim@Example.org").await;
    assert_eq!(send(&h.router, resume_link(&b)).await.status, 429, "per address, over every draft, whatever its case");
    let c = draft_mailing(&h.router, "someone.else@example.org").await;
    assert_eq!(send(&h.router, resume_link(&c)).await.status, 202);
}

#[tokio::test]
async fn uploads_are_limited_per_draft_whoever_sends_them() {
    let limits = onramp_server::limit::Limits { uploads_per_draft_per_min: 2, ..Default::default() };
    let h = harness_with(|db| AppState::new(db).with_limits(limits));
    let d = create(&h.router).await;
    let other = create(&h.router).await;
    let up = |d: &onramp_api::CreatedSignup| {
        Request::post(format!("/api/v1/signups/{}/assets?kind=logo", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header(header::CONTENT_TYPE, "image/png")
            .body(Body::from(&b"not an image"[..]))
            .unwrap()
    };
    for _ in 0..2 {
        assert_eq!(send(&h.router, up(&d)).await.status, 422, "checked, and refused by content");
    }
    let limited = send(&h.router, up(&d)).await;
    assert_eq!(limited.status, 429);
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(send(&h.router, up(&other)).await.status, 422, "another draft has its own allowance");
}
