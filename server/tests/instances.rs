//! Two reference servers on one PostgreSQL database (`ONRAMP_TEST_DATABASE`, set by `cargo xtask
//! test`): requests spread across both, twenty parallel submits of one draft across both give one
//! order, one instance killed with SIGKILL while it provisions leaves the other to finish (no step
//! done twice), and each webhook event arrives once at the receiver whichever instance sent it.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::process::{start_in, Process};
use common::receiver::Receiver;
use onramp_api::order::{Order, OrderStatus, StepKind};
use onramp_api::webhook::EventType;
use serde_json::{json, Value};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const KEY: &str = "two-instances-provider-key-0123456789abcdef";

/// The reference example with a webhook endpoint and short retries.
fn config(endpoint: &str) -> String {
    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../onramp.example.toml")).expect("the example");
    format!("{example}\n[[webhooks]]\nurl = \"{endpoint}\"\nsecret = \"{SECRET}\"\n[delivery]\nfirst_retry_secs = 1\nmax_retry_secs = 1\ntimeout_secs = 2\n")
}

struct Two {
    a: Process,
    b: Process,
}

async fn call(http: &reqwest::Client, addr: &str, method: reqwest::Method, path: &str, headers: &[(&str, String)], body: Option<&Value>) -> (u16, Value) {
    let mut req = http.request(method, format!("http://{addr}/api/v1{path}"));
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    if let Some(b) = body {
        req = req.header("Content-Type", "application/json").body(b.to_string());
    }
    let answer = req.send().await.expect("an answer");
    let status = answer.status().as_u16();
    (status, serde_json::from_str(&answer.text().await.unwrap_or_default()).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_one_database() {
    let Some(url) = common::pg::fresh_database("onramp_two") else {
        common::pg::require_when_asked();
        return;
    };
    let receiver = Receiver::start(SECRET).await;
    let config = config(&receiver.url);
    let env = [("ONRAMP_PROVIDER_API_KEY", KEY), ("ONRAMP_DATABASE", url.as_str()), ("RUST_LOG", "error")];
    // Both start at once: the migration lock keeps them from racing.
    let (a, b) = std::thread::scope(|s| {
        let one = s.spawn(|| start_in(tempfile::tempdir().unwrap(), &[], Some(&config), &env, false));
        let two = s.spawn(|| start_in(tempfile::tempdir().unwrap(), &[], Some(&config), &env, false));
        (one.join().unwrap(), two.join().unwrap())
    });
    let two = Two { a, b };
    let http = reqwest::Client::new();
    let addrs = [two.a.addr.clone(), two.b.addr.clone()];

    // A draft written alternately through both: versions hold across them.
    let (status, created) = call(&http, &addrs[0], reqwest::Method::POST, "/signups", &[], None).await;
    assert_eq!(status, 201);
    let (id, token) = (created["id"].as_str().unwrap().to_owned(), created["resume_token"].as_str().unwrap().to_owned());
    let bearer = ("Authorization", format!("Bearer {token}"));
    let (status, _) = call(&http, &addrs[1], reqwest::Method::PATCH, &format!("/signups/{id}"), &[bearer.clone(), ("If-Match", "\"1\"".into())], Some(&common::full_sections("two"))).await;
    assert_eq!(status, 200);
    let (status, _) = call(&http, &addrs[0], reqwest::Method::PATCH, &format!("/signups/{id}"), &[bearer.clone(), ("If-Match", "\"1\"".into())], Some(&common::full_sections("two"))).await;
    assert_eq!(status, 409, "a lost update is refused by the other instance too");
    let (status, read) = call(&http, &addrs[0], reqwest::Method::GET, &format!("/signups/{id}"), std::slice::from_ref(&bearer), None).await;
    assert_eq!((status, read["version"].as_u64()), (200, Some(2)));

    // Twenty parallel submits spread across both: one order.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (http, addr, id, bearer) = (http.clone(), addrs[i % 2].clone(), id.clone(), bearer.clone());
        tasks.push(tokio::spawn(async move {
            let key = ("Idempotency-Key", format!("two-instances-key-{i:04}"));
            call(&http, &addr, reqwest::Method::POST, &format!("/signups/{id}/submit"), &[bearer, key], Some(&json!({"accept_terms": true}))).await
        }));
    }
    let mut orders = std::collections::HashSet::new();
    let mut created_count = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status == 201 || status == 200, "{status} {body}");
        created_count += usize::from(status == 201);
        orders.insert(body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!((orders.len(), created_count), (1, 1), "one order, created once");
    let order_id = orders.into_iter().next().unwrap();

    // The provider reports through one instance, then that instance is killed; the other sends
    // the invite and every event.
    let provider = ("Authorization", format!("Bearer {KEY}"));
    for step in ["domain_verified", "server_created", "tls_certificate"] {
        let (status, body) = call(&http, &addrs[0], reqwest::Method::POST, &format!("/provider/orders/{order_id}/steps/{step}"), std::slice::from_ref(&provider), Some(&json!({"state": "done"}))).await;
        assert_eq!(status, 200, "{body}");
    }
    receiver.seen.hold_ms.store(1_000, Ordering::SeqCst);
    let (status, _) = call(&http, &addrs[1], reqwest::Method::POST, &format!("/provider/orders/{order_id}/steps/branding_applied"), std::slice::from_ref(&provider), Some(&json!({"state": "done"}))).await;
    assert_eq!(status, 200);
    let Two { a, b } = two;
    let _ = a.kill9();
    receiver.seen.hold_ms.store(0, Ordering::SeqCst);
    let start = Instant::now();
    let order = loop {
        let (_, body) = call(&http, &b.addr, reqwest::Method::GET, &format!("/orders/{order_id}"), std::slice::from_ref(&bearer), None).await;
        let order: Order = serde_json::from_value(body).expect("an order");
        if order.status == OrderStatus::Live {
            break order;
        }
        assert!(start.elapsed() < Duration::from_secs(25), "the surviving instance never finished: {order:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(order.steps.iter().all(|s| s.finished_at.is_some()));
    // Every change as one event each: created, four reports, the invite; whichever instance sent it.
    let start = Instant::now();
    while receiver.events().len() < 6 {
        assert!(start.elapsed() < Duration::from_secs(25), "events: {:?}", receiver.events().iter().map(|(_, e)| (e.kind, e.data.step)).collect::<Vec<_>>());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let events = receiver.events();
    assert_eq!(events.len(), 6, "{:?}", events.iter().map(|(_, e)| (e.kind, e.data.step)).collect::<Vec<_>>());
    assert_eq!(events.iter().filter(|(_, e)| e.kind == EventType::OrderCreated).count(), 1);
    let invites = events.iter().filter(|(_, e)| e.data.step == Some(StepKind::AdminInviteSent)).count();
    assert_eq!(invites, 1, "the invite step is done once");
}
