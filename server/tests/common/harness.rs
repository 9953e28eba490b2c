//! A router over a fresh database, one request sent through it, and the calls most tests begin
//! with. Each test binary uses a part of it.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use onramp_api::{CreatedSignup, Problem, PROBLEM_JSON};
use onramp_server::{app, AppState, Db};
use tower::ServiceExt;

pub struct Harness {
    pub _dir: tempfile::TempDir,
    pub db_path: std::path::PathBuf,
    pub router: Router,
    /// What the router runs with (for the workers a test drives by hand).
    pub state: AppState,
}

pub fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("data").join("onramp.sqlite3");
    let state = AppState::new(Db::open(&db_path).expect("open db"));
    Harness { _dir: dir, db_path, router: app(state.clone()), state }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn problem(&self) -> Problem {
        assert_eq!(
            self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some(PROBLEM_JSON),
            "status {}",
            self.status
        );
        let p: Problem = self.json();
        assert_eq!(p.status, self.status.as_u16());
        p
    }
}

pub async fn send(router: &Router, req: Request<Body>) -> Reply {
    let res = router.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes().to_vec();
    Reply { status, headers, body }
}

pub async fn create(router: &Router) -> CreatedSignup {
    let reply = send(router, Request::post("/api/v1/signups").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    reply.json()
}

pub fn patch(id: &str, token: &str, if_match: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::patch(format!("/api/v1/signups/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(tag) = if_match {
        req = req.header(header::IF_MATCH, tag);
    }
    req.body(body.into()).unwrap()
}

/// A router over a fresh database for `state`'s settings (built from the database path).
pub fn harness_with(make: impl FnOnce(Db) -> AppState) -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("data").join("onramp.sqlite3");
    let state = make(Db::open(&db_path).expect("open db"));
    Harness { _dir: dir, db_path, router: app(state.clone()), state }
}

/// A `GET` with the bearer `token`, if any.
pub fn get(path: &str, token: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(Body::empty()).unwrap()
}

/// Every section of a draft ready to submit, on the shared domain `label.social-host.example`.
pub fn full_sections(label: &str) -> serde_json::Value {
    serde_json::json!({
        "plan": {"plan_id": "organization", "billing": "monthly", "addons": []},
        "organization": {"name": "Stadt", "kind": "public_sector", "country": "DE", "contact_email": "it@stadt.example",
            "admin_username": "presse", "billing": {"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}},
        "domain": {"mode": "subdomain", "web_domain": format!("{label}.social-host.example"), "handle_domain": format!("{label}.social-host.example")},
        "branding": {"site_title": "Stadt Social"},
        "moderation": {"registrations_mode": "none"},
    })
}
