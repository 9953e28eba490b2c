//! Submitting exactly once, the order's provisioning moved on by the worker (and surviving a
//! restart), expiry of drafts, and mail to the outbox.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use onramp_api::order::{Order, OrderStatus, StepKind, StepState};
use onramp_api::{CreatedSignup, ErrorCode, Problem};
use onramp_server::{app, provision, AppState, Db};
use serde_json::{json, Value};

struct World {
    dir: tempfile::TempDir,
    state: AppState,
    router: Router,
}

fn world_with(resolver: Option<std::net::SocketAddr>) -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("onramp.sqlite3")).expect("open db");
    let mut state = AppState::new(db).with_outbox(dir.path().join("outbox")).with_public_url("https://onramp.example");
    if let Some(r) = resolver {
        state = state.with_resolver(r);
    }
    World { router: app(state.clone()), state, dir }
}

async fn send(router: &Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let reply = common::send(router, req).await;
    (reply.status, reply.body)
}

fn sections(subdomain: &str) -> Value {
    json!({
        "plan": {"plan_id": "organization", "billing": "monthly", "addons": []},
        "organization": {"name": "Stadt", "kind": "public_sector", "country": "DE", "contact_email": "it@stadt.example",
            "admin_username": "presse", "billing": {"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}},
        "domain": {"mode": "subdomain", "web_domain": format!("{subdomain}.social-host.example"), "handle_domain": format!("{subdomain}.social-host.example")},
        "branding": {"site_title": "Stadt Social", "accent_color": "#1d4ed8", "theme": "light"},
        "moderation": {"registrations_mode": "none", "rules": [{"text": "Be kind."}], "languages": ["de"]},
    })
}

async fn draft(router: &Router, body: Value) -> CreatedSignup {
    let (status, bytes) = send(router, Request::post("/api/v1/signups").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    let d: CreatedSignup = serde_json::from_slice(&bytes).expect("created");
    let (status, bytes) = send(
        router,
        Request::patch(format!("/api/v1/signups/{}", d.id))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header(header::IF_MATCH, "\"1\"")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    d
}

fn submit(d: &CreatedSignup, key: Option<&str>, accept: bool) -> Request<Body> {
    let mut req = Request::post(format!("/api/v1/signups/{}/submit", d.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    req.body(Body::from(json!({"accept_terms": accept}).to_string())).unwrap()
}

fn get_order(d: &CreatedSignup, id: &str) -> Request<Body> {
    Request::get(format!("/api/v1/orders/{id}")).header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token)).body(Body::empty()).unwrap()
}

fn pointers(bytes: &[u8]) -> Vec<(String, ErrorCode)> {
    let p: Problem = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)));
    p.errors.into_iter().map(|e| (e.pointer, e.code)).collect()
}

const KEY: &str = "7f9c2ba4-e88f-4c0e-9d2a-0c1b5f3a2e11";

#[tokio::test]
async fn a_draft_is_ordered_exactly_once() {
    let w = world_with(None);
    let d = draft(&w.router, sections("stadt")).await;
    assert_eq!(send(&w.router, submit(&d, None, true)).await.0, StatusCode::PRECONDITION_REQUIRED);
    assert_eq!(send(&w.router, submit(&d, Some("short"), true)).await.0, StatusCode::BAD_REQUEST);
    let (status, bytes) = send(&w.router, submit(&d, Some(KEY), false)).await;
    assert_eq!((status, pointers(&bytes)), (StatusCode::UNPROCESSABLE_ENTITY, vec![("/accept_terms".into(), ErrorCode::Required)]));

    let (status, bytes) = send(&w.router, submit(&d, Some(KEY), true)).await;
    assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&bytes));
    let order: Order = serde_json::from_slice(&bytes).expect("order");
    assert_eq!(order.status, OrderStatus::Provisioning);
    assert_eq!(order.admin_handle, "@presse@stadt.social-host.example");
    assert_eq!(order.steps.len(), StepKind::ALL.len());

    // The same key again (a retry after a timeout), and another key (a second tab): one order.
    let (status, bytes) = send(&w.router, submit(&d, Some(KEY), true)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Order>(&bytes).expect("order").id, order.id);
    let (status, bytes) = send(&w.router, submit(&d, Some("another-key-from-tab-2"), true)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Order>(&bytes).expect("order").id, order.id);

    // The same key with another draft is refused.
    let other = draft(&w.router, sections("andere")).await;
    let (status, bytes) = send(&w.router, submit(&other, Some(KEY), true)).await;
    assert_eq!((status, pointers(&bytes)), (StatusCode::UNPROCESSABLE_ENTITY, vec![("/idempotency_key".into(), ErrorCode::Mismatch)]));

    // The draft is read-only now, and says which order it became.
    let (status, bytes) = send(
        &w.router,
        Request::patch(format!("/api/v1/signups/{}", d.id))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header(header::IF_MATCH, "\"2\"")
            .body(Body::from(json!({"branding": {"site_title": "Changed"}}).to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{}", String::from_utf8_lossy(&bytes));
    let (_, bytes) = send(&w.router, Request::get(format!("/api/v1/signups/{}", d.id)).header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token)).body(Body::empty()).unwrap()).await;
    assert_eq!(serde_json::from_slice::<Value>(&bytes).expect("json")["order_id"], order.id.as_str());
    // The subdomain is taken for everyone else now.
    let (_, bytes) = send(&w.router, Request::get("/api/v1/domains/availability?name=stadt&base=social-host.example").body(Body::empty()).unwrap()).await;
    assert_eq!(serde_json::from_slice::<Value>(&bytes).expect("json")["status"], "taken");
    // Someone else's token does not open the order.
    let (status, _) = send(&w.router, get_order(&other, &order.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn parallel_submits_make_one_order() {
    let w = world_with(None);
    let d = draft(&w.router, sections("parallel")).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (router, d) = (w.router.clone(), d.clone());
        tasks.push(tokio::spawn(async move {
            let key = format!("tab-{i:02}-0123456789abcdef");
            let (status, bytes) = send(&router, submit(&d, Some(&key), true)).await;
            (status, serde_json::from_slice::<Order>(&bytes).map(|o| o.id).unwrap_or_default())
        }));
    }
    let mut ids = Vec::new();
    let mut created = 0;
    for t in tasks {
        let (status, id) = t.await.expect("task");
        created += usize::from(status == StatusCode::CREATED);
        assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status}");
        ids.push(id);
    }
    ids.dedup();
    assert_eq!((created, ids.len()), (1, 1), "{ids:?}");
}

#[tokio::test]
async fn incomplete_drafts_are_sent_back_to_their_steps() {
    let w = world_with(None);
    let mut body = sections("halb");
    if let Some(o) = body.as_object_mut() {
        o.remove("branding");
        o.remove("moderation");
    }
    let d = draft(&w.router, body).await;
    let (status, bytes) = send(&w.router, submit(&d, Some(KEY), true)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pointers(&bytes), [("/branding".into(), ErrorCode::Required), ("/moderation".into(), ErrorCode::Required)]);
}

#[tokio::test]
async fn provisioning_runs_to_live_and_survives_a_restart() {
    let w = world_with(None);
    let d = draft(&w.router, sections("live")).await;
    let (_, bytes) = send(&w.router, submit(&d, Some(KEY), true)).await;
    let order: Order = serde_json::from_slice(&bytes).expect("order");
    // Two ticks: the first step starts, then finishes.
    for _ in 0..2 {
        provision::tick_once(&w.state, Duration::ZERO).await.expect("tick");
    }
    let (_, bytes) = send(&w.router, get_order(&d, &order.id)).await;
    let mid: Order = serde_json::from_slice(&bytes).expect("order");
    assert_eq!(mid.steps.first().map(|s| s.state), Some(StepState::Done));
    assert!(mid.steps.first().is_some_and(|s| s.started_at.is_some() && s.finished_at.is_some()));

    // A restart: a new process opens the same file and carries on.
    let db = Db::open(&w.dir.path().join("onramp.sqlite3")).expect("reopen");
    let state = AppState::new(db).with_outbox(w.dir.path().join("outbox"));
    let router = app(state.clone());
    for _ in 0..10 {
        provision::tick_once(&state, Duration::ZERO).await.expect("tick");
    }
    let (_, bytes) = send(&router, get_order(&d, &order.id)).await;
    let done: Order = serde_json::from_slice(&bytes).expect("order");
    assert_eq!(done.status, OrderStatus::Live, "{done:?}");
    onramp_server::delivery::run_once(&state).await.expect("deliveries");
    let mail = common::mail::in_folder(&w.dir.path().join("outbox"));
    assert_eq!(mail.len(), 2, "the order confirmation and one invite: {mail:?}");
    assert_eq!(mail.iter().filter(|m| m.header("Subject").is_some_and(|s| s.starts_with("Your order"))).count(), 1, "{mail:?}");
    let invite = mail.iter().find(|m| m.header("Subject").is_some_and(|s| s.contains("is live"))).expect("the invite");
    assert_eq!(invite.header("To"), Some("it@stadt.example"));
    assert!(invite.text.contains("https://live.social-host.example/auth/password/new") && invite.text.contains("@presse@live.social-host.example"), "{invite:?}");
    assert!(invite.html.contains("<a href=\"https://live.social-host.example/auth/password/new\">"), "{invite:?}");
}

#[tokio::test]
async fn an_own_domain_that_does_not_resolve_fails_the_domain_step_until_fixed() {
    // Nothing listens on this port: every lookup fails at once.
    let closed = std::net::UdpSocket::bind("127.0.0.1:0").and_then(|s| s.local_addr()).expect("port");
    let w = world_with(Some(closed));
    let mut body = sections("x");
    body["domain"] = json!({"mode": "custom", "web_domain": "social.stadt-beispiel.example", "handle_domain": "social.stadt-beispiel.example"});
    let d = draft(&w.router, body).await;
    let (status, bytes) = send(&w.router, submit(&d, Some(KEY), true)).await;
    assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&bytes));
    let order: Order = serde_json::from_slice(&bytes).expect("order");
    for _ in 0..4 {
        provision::tick_once(&w.state, Duration::ZERO).await.expect("tick");
    }
    let (_, bytes) = send(&w.router, get_order(&d, &order.id)).await;
    let failed: Order = serde_json::from_slice(&bytes).expect("order");
    assert_eq!(failed.status, OrderStatus::NeedsAttention);
    let step = failed.steps.first().cloned().expect("domain step");
    assert_eq!(step.state, StepState::Failed);
    assert!(step.detail.as_deref().is_some_and(|d| d.contains("DNS")), "{step:?}");
    assert!(failed.steps.iter().skip(1).all(|s| s.state == StepState::Pending), "nothing after a failed step runs");
    let (status, bytes) = send(
        &w.router,
        Request::post(format!("/api/v1/orders/{}/retry", order.id)).header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token)).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Order>(&bytes).expect("order").status, OrderStatus::Provisioning);
}

#[tokio::test]
async fn drafts_expire_with_a_clear_answer_and_resume_links_are_mailed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("onramp.sqlite3")).expect("db").with_ttl(1);
    let state = AppState::new(db).with_outbox(dir.path().join("outbox")).with_public_url("https://onramp.example/");
    let router = app(state.clone());
    let d = draft(&router, sections("resume")).await;
    let (status, _) = send(
        &router,
        Request::post(format!("/api/v1/signups/{}/resume-link", d.id))
            .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
            .header(header::ACCEPT_LANGUAGE, "de-AT, en;q=0.5")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    onramp_server::delivery::run_once(&state).await.expect("deliveries");
    let mail = common::mail::in_folder(&dir.path().join("outbox"));
    let link = format!("https://onramp.example/resume#draft={}&token={}", d.id, d.resume_token);
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].header("To"), Some("it@stadt.example"));
    assert!(mail[0].header("Subject").is_some_and(|s| s.starts_with("Ihre Anmeldung")), "in the language the app asked in: {mail:?}");
    assert!(mail[0].text.contains(&link) && mail[0].html.contains(&link.replace('&', "&amp;")), "{mail:?}");

    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let (status, bytes) = send(&router, Request::get(format!("/api/v1/signups/{}", d.id)).header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token)).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::GONE, "{}", String::from_utf8_lossy(&bytes));
    let p: Problem = serde_json::from_slice(&bytes).expect("problem");
    assert_eq!(p.kind, onramp_api::types::EXPIRED);
}
