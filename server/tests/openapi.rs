//! The OpenAPI document: served at `/api/v1/openapi.json`, committed as `api/openapi.json` (a
//! contract change is a visible diff: `cargo xtask docs` writes it anew), and covering every
//! route with the contract's limits in its schemas.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use onramp_server::{app, AppState, Db};
use tower::ServiceExt;

async fn served() -> String {
    let dir = tempfile::tempdir().expect("dir");
    let db = Db::open(&dir.path().join("db.sqlite3")).expect("db");
    let r = app(AppState::new(db)).oneshot(Request::get("/api/v1/openapi.json").body(Body::empty()).unwrap()).await.expect("doc");
    assert_eq!(r.status(), StatusCode::OK);
    String::from_utf8(r.into_body().collect().await.expect("body").to_bytes().to_vec()).expect("utf-8")
}

#[tokio::test]
async fn the_committed_document_is_the_served_one() {
    let text = served().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/openapi.json");
    if std::env::var_os("ONRAMP_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write api/openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "api/openapi.json differs from what the server serves: run cargo xtask docs and review the diff");
}

#[tokio::test]
async fn every_route_headers_limits_and_problems_are_in_it() {
    let doc: serde_json::Value = serde_json::from_str(&served().await).expect("json");
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
    let paths = doc["paths"].as_object().expect("paths");
    for path in ["/catalog", "/domains/availability", "/signups", "/signups/{id}", "/signups/{id}/domain/verification", "/signups/{id}/assets",
                 "/signups/{id}/assets/{asset}", "/signups/{id}/submit", "/signups/{id}/resume-link", "/orders/{id}", "/orders/{id}/retry",
                 "/partners/{id}", "/partners/{id}/embed-check", "/events", "/provider/orders/{id}", "/provider/orders/{id}/mastodon",
                 "/provider/orders/{id}/steps/{kind}", "/csp-reports", "/openapi.json"] {
        assert!(paths.contains_key(path), "{path} is not documented");
    }
    let text = doc.to_string();
    for header in ["If-Match", "ETag", "Idempotency-Key", "Retry-After", "Location"] {
        assert!(text.contains(&format!("\"{header}\"")), "{header}");
    }
    assert_eq!(doc["components"]["securitySchemes"]["resume_token"]["scheme"], "bearer");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["OrganizationSection"]["properties"]["admin_username"]["maxLength"], 30);
    assert_eq!(schemas["ModerationSection"]["properties"]["rules"]["maxItems"], 30);
    assert_eq!(schemas["ModerationSection"]["properties"]["min_age"]["minimum"], 13);
    assert!(schemas["RegistrationsMode"]["enum"].as_array().is_some_and(|e| e.iter().any(|v| v == "approved")), "{}", schemas["RegistrationsMode"]);
    assert!(schemas["Problem"]["properties"]["type"]["description"].as_str().is_some_and(|d| d.contains("/problems/version-conflict")));
    // Every limit of the rules table landed on a real property.
    for (schema, property, _) in onramp_api::schema_limits::LIMITS {
        assert!(schemas[*schema]["properties"].get(*property).is_some(), "{schema}.{property} is not in the document");
    }
}
