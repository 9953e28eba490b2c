//! Partners: their settings, `frame-ancestors` for embed mode, funnel events and the funnel.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use onramp_server::{app, AppState, Db};
use tower::ServiceExt;

fn setup() -> (tempfile::TempDir, axum::Router, Db) {
    let dir = tempfile::tempdir().expect("dir");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html><body></body></html>").expect("index");
    let db = Db::open(&dir.path().join("db.sqlite3")).expect("db");
    let router = app(AppState::new(db.clone()).with_static_dir(dist));
    (dir, router, db)
}

async fn csp(router: &axum::Router, path: &str) -> String {
    let r = router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.expect("page");
    r.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn embed_mode_may_be_framed_by_the_partner_only() {
    let (_dir, router, _) = setup();
    assert!(csp(&router, "/plan").await.contains("frame-ancestors 'self'"));
    let embed = csp(&router, "/plan?embed=1&partner=example-university").await;
    assert!(embed.contains("frame-ancestors http://127.0.0.1:8090 http://localhost:8090;"), "{embed}");
    assert!(!embed.contains("'self'; report") && !embed.contains("*"));
    assert!(csp(&router, "/plan?embed=1&partner=nobody").await.contains("frame-ancestors 'none'"));
    assert!(csp(&router, "/plan?partner=example-university").await.contains("frame-ancestors 'self'"), "only in embed mode");
    let api = csp(&router, "/api/v1/partners/example-university?embed=1&partner=example-university").await;
    assert!(api.contains("frame-ancestors 'none'"));
}

#[tokio::test]
async fn partner_settings_are_served_and_unknown_ones_are_404() {
    let (_dir, router, _) = setup();
    let r = router.clone().oneshot(Request::get("/api/v1/partners/example-university").body(Body::empty()).unwrap()).await.expect("partner");
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.into_body().collect().await.expect("body").to_bytes();
    let p: onramp_api::embed::Partner = serde_json::from_slice(&body).expect("partner json");
    assert_eq!(p.allowed_origins, ["http://127.0.0.1:8090", "http://localhost:8090"]);
    let r = router.oneshot(Request::get("/api/v1/partners/nobody").body(Body::empty()).unwrap()).await.expect("404");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_embed_check_answers_any_origin_with_a_verdict_that_names_partner_and_origin() {
    let (_dir, router, _) = setup();
    let get = |path: &str| router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap());
    let cases = [
        ("example-university?origin=http%3A%2F%2F127.0.0.1%3A8090", "ok"),
        ("nobody?origin=http%3A%2F%2F127.0.0.1%3A8090", "unknown_partner"),
        ("example-university?origin=https%3A%2F%2Fthird.example", "origin_not_allowed"),
        ("example-university?origin=http%3A%2F%2F127.0.0.1%3A8090&ancestors=https%3A%2F%2Fthird.example", "ancestor_not_allowed"),
    ];
    for (query, status) in cases {
        let r = get(&format!("/api/v1/partners/{}", query.replacen('?', "/embed-check?", 1))).await.expect("check");
        assert_eq!(r.status(), StatusCode::OK, "{query}");
        assert_eq!(r.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.as_bytes()), Some(&b"*"[..]), "{query}");
        let body = r.into_body().collect().await.expect("body").to_bytes();
        let check: onramp_api::embed_check::EmbedCheck = serde_json::from_slice(&body).expect("check json");
        assert_eq!(serde_json::to_value(check.status).unwrap(), status, "{query}");
        assert_eq!(check.onramp, onramp_api::embed::PROTOCOL_VERSION);
        if status != "ok" {
            assert!(check.message.contains(&format!("\"{}\"", check.partner)) && check.message.contains(&check.origin[..10]), "{}", check.message);
        }
    }
    for bad in ["example-university/embed-check", "example-university/embed-check?origin=null", "example-university/embed-check?origin=http%3A%2F%2F127.0.0.1%3A8090&ancestors=x"] {
        let r = get(&format!("/api/v1/partners/{bad}")).await.expect("bad");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.headers().contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN), "the loader can read why");
    }
}

#[tokio::test]
async fn events_are_checked_stored_and_counted() {
    let (_dir, router, db) = setup();
    let post = |body: &str| Request::post("/api/v1/events").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_owned())).unwrap();
    let batch = |session: &str, events: &str| format!(r#"{{"session":"{session}","partner":"example-university","events":[{events}]}}"#);
    let ok = batch(
        "0123456789abcdef",
        r#"{"kind":"step_entered","step":"plan"},{"kind":"step_completed","step":"plan"},{"kind":"step_entered","step":"organization"},{"kind":"validation_error","step":"organization","codes":["required","invalid"]}"#,
    );
    assert_eq!(router.clone().oneshot(post(&ok)).await.expect("ok").status(), StatusCode::NO_CONTENT);
    let again = batch("fedcba9876543210", r#"{"kind":"step_entered","step":"plan"},{"kind":"validation_error","step":"organization","codes":["required"]}"#);
    assert_eq!(router.clone().oneshot(post(&again)).await.expect("ok").status(), StatusCode::NO_CONTENT);
    for bad in [
        batch("alice@example.org", r#"{"kind":"step_entered","step":"plan"}"#),
        batch("0123456789abcdef", r#"{"kind":"step_entered","step":"plan","email":"alice@example.org"}"#).replace("step_entered\",\"step\":\"plan\",\"email", "step_entered\",\"step\":\"admin\",\"email"),
        batch("0123456789abcdef", ""),
        r#"{"session":"0123456789abcdef","partner":"nobody","events":[{"kind":"submitted","step":"review"}]}"#.to_owned(),
        "<html>".to_owned(),
    ] {
        let r = router.clone().oneshot(post(&bad)).await.expect("bad");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let lines = db.funnel().expect("funnel");
    let plan = lines.iter().find(|l| l.step == "plan").expect("plan line");
    assert_eq!((plan.entered, plan.completed), (2, 1));
    let org = lines.iter().find(|l| l.step == "organization").expect("organization line");
    assert_eq!((org.entered, org.refused), (1, 2));
    assert_eq!(org.top_codes, "required×2 invalid×1");
    let table = onramp_server::funnel::render(&lines);
    assert!(table.contains("example-university") && table.contains("organization"), "{table}");
}

#[test]
fn a_partners_file_is_checked_with_every_problem_located() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("partners.json");
    let mut partners = onramp_api::sample::partners();
    if let Some(p) = partners.first_mut() {
        p.allowed_origins.push("https://*.example.org".into());
        p.appearance.text = "#eeeeee".into();
    }
    std::fs::write(&path, serde_json::to_string(&partners).expect("json")).expect("write");
    let err = onramp_server::load_partners(&path, &onramp_api::sample::catalog()).expect_err("refused");
    assert!(err.contains("/allowed_origins/2") && err.contains("/appearance/text"), "{err}");
    std::fs::write(&path, "{}").expect("write");
    assert!(onramp_server::load_partners(&path, &onramp_api::sample::catalog()).is_err());
    std::fs::write(&path, serde_json::to_string(&onramp_api::sample::partners()).expect("json")).expect("write");
    assert_eq!(onramp_server::load_partners(&path, &onramp_api::sample::catalog()).map(|p| p.len()), Ok(2));
}

#[tokio::test]
async fn a_draft_from_a_partner_flow_keeps_the_locked_plan() {
    let (_dir, router, _) = setup();
    let create = |body: &'static str| Request::post("/api/v1/signups").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let r = router.clone().oneshot(create(r#"{"partner":"nobody"}"#)).await.expect("unknown");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = router.clone().oneshot(create(r#"{"partner":"example-university"}"#)).await.expect("create");
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: onramp_api::CreatedSignup = serde_json::from_slice(&r.into_body().collect().await.expect("body").to_bytes()).expect("json");
    let patch = |version: u64, body: &'static str| {
        Request::patch(format!("/api/v1/signups/{}", created.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", created.resume_token))
            .header(header::IF_MATCH, onramp_api::etag(version))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    let r = router.clone().oneshot(patch(1, r#"{"plan":{"plan_id":"enterprise","billing":"yearly"}}"#)).await.expect("refused");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = String::from_utf8(r.into_body().collect().await.expect("body").to_bytes().to_vec()).unwrap_or_default();
    assert!(body.contains("/plan/plan_id") && body.contains("not_allowed"), "{body}");
    let r = router.clone().oneshot(patch(1, r#"{"plan":{"plan_id":"organization","billing":"monthly"}}"#)).await.expect("ok");
    assert_eq!(r.status(), StatusCode::OK, "the preset plan, billing open");
    // A draft outside any partner's flow chooses freely.
    let r = router.clone().oneshot(Request::post("/api/v1/signups").body(Body::empty()).unwrap()).await.expect("plain");
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn funnel_events_are_rate_limited_per_client() {
    let dir = tempfile::tempdir().expect("dir");
    let db = Db::open(&dir.path().join("db.sqlite3")).expect("db");
    let limits = onramp_server::limit::Limits { events_per_min: 2, ..Default::default() };
    let router = app(AppState::new(db).with_limits(limits));
    let post = || {
        Request::post("/api/v1/events")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"session":"0123456789abcdef","events":[{"kind":"step_entered","step":"plan"}]}"#))
            .unwrap()
    };
    for _ in 0..2 {
        assert_eq!(router.clone().oneshot(post()).await.expect("ok").status(), StatusCode::NO_CONTENT);
    }
    let r = router.oneshot(post()).await.expect("limited");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().get(header::RETRY_AFTER).is_some());
}
