//! An example webhook receiver, as a provider's provisioning system would run one: it checks
//! each delivery's Standard Webhooks signature and time, drops what it has seen (by
//! `webhook-id`) and what is older than what it knows of the order (by `data.sequence`), and
//! keeps the events. For the tests it can be down (answers 503) or lose its
//! answers (handles the event, then answers 500, so the sender delivers it again).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use onramp_api::webhook::OrderEvent;
use sha2::Sha256;

/// How far a delivery's time may be from ours before it is refused as a replay.
const TOLERANCE_SECS: i64 = 300;

/// Checks a delivery as the Standard Webhooks specification describes; the event id when it
/// holds. `secret` is the `whsec_…` value from the configuration.
pub fn verify(secret: &str, headers: &HeaderMap, body: &[u8], now: i64) -> Result<String, &'static str> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let id = header("webhook-id").ok_or("no webhook-id")?;
    let timestamp: i64 = header("webhook-timestamp").and_then(|t| t.parse().ok()).ok_or("no webhook-timestamp")?;
    if (now - timestamp).abs() > TOLERANCE_SECS {
        return Err("too old or too new: a replay?");
    }
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").ok_or("not a whsec_ secret")?)
        .map_err(|_| "secret is not base64")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| "bad key")?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    let expected = mac.finalize().into_bytes();
    // The header may carry several signatures (during a secret rotation), space-separated.
    let good = header("webhook-signature").unwrap_or_default().split(' ').any(|sig| {
        sig.strip_prefix("v1,")
            .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
            .is_some_and(|given| subtle::ConstantTimeEq::ct_eq(given.as_slice(), expected.as_slice()).into())
    });
    if good {
        Ok(id.to_owned())
    } else {
        Err("signature does not match")
    }
}

/// What the receiver saw.
#[derive(Default)]
pub struct Seen {
    /// Each event once, in the order first received.
    pub events: Mutex<Vec<(String, OrderEvent)>>,
    ids: Mutex<HashSet<String>>,
    /// The highest `data.sequence` seen of each order.
    latest: Mutex<HashMap<String, u64>>,
    /// Events older than one already seen of their order (dropped; Onramp sends one order's
    /// events to an endpoint in order, so this stays 0 unless an event is sent again late).
    pub stale: AtomicUsize,
    /// Deliveries of an event already seen (dropped).
    pub duplicates: AtomicUsize,
    /// Deliveries whose signature or time did not hold.
    pub refused: AtomicUsize,
    /// Every request, good or not.
    pub requests: AtomicUsize,
    /// While set, every request is answered 503 before it is looked at.
    pub down: AtomicBool,
    /// This many handled events are answered 500 (the answer "lost").
    pub lose_answers: AtomicUsize,
    /// Milliseconds each request is held before it is answered.
    pub hold_ms: AtomicUsize,
}

/// A running receiver.
pub struct Receiver {
    /// Its endpoint, `http://127.0.0.1:port/onramp`.
    pub url: String,
    /// What it saw.
    pub seen: Arc<Seen>,
}

async fn hook(State((secret, seen)): State<(String, Arc<Seen>)>, headers: HeaderMap, body: Bytes) -> StatusCode {
    seen.requests.fetch_add(1, Ordering::SeqCst);
    if seen.down.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let hold = seen.hold_ms.load(Ordering::SeqCst);
    if hold > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(hold as u64)).await;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let Ok(id) = verify(&secret, &headers, &body, now) else {
        seen.refused.fetch_add(1, Ordering::SeqCst);
        return StatusCode::UNAUTHORIZED;
    };
    let fresh = seen.ids.lock().map(|mut ids| ids.insert(id.clone())).unwrap_or(false);
    if fresh {
        let Ok(event) = serde_json::from_slice::<OrderEvent>(&body) else { return StatusCode::BAD_REQUEST };
        // Newer news of this order came first: this one is stale, and dropped.
        let newer = seen.latest.lock().map(|mut latest| {
            let last = latest.entry(event.data.order.id.clone()).or_insert(0);
            let newer = *last >= event.data.sequence;
            *last = (*last).max(event.data.sequence);
            newer
        });
        if newer.unwrap_or(false) {
            seen.stale.fetch_add(1, Ordering::SeqCst);
        } else if let Ok(mut events) = seen.events.lock() {
            events.push((id, event));
        }
    } else {
        seen.duplicates.fetch_add(1, Ordering::SeqCst);
    }
    let lose = seen.lose_answers.load(Ordering::SeqCst);
    if lose > 0 && seen.lose_answers.compare_exchange(lose, lose - 1, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    StatusCode::NO_CONTENT
}

impl Receiver {
    /// Starts one on a free loopback port, checking signatures with `secret`.
    pub async fn start(secret: &str) -> Self {
        Self::on(0, secret).await
    }

    /// Starts one on `port` of 127.0.0.1.
    pub async fn on(port: u16, secret: &str) -> Self {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind the receiver");
        let addr = listener.local_addr().expect("address");
        let seen = Arc::new(Seen::default());
        let router = axum::Router::new().route("/onramp", axum::routing::post(hook)).with_state((secret.to_owned(), seen.clone()));
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { url: format!("http://{addr}/onramp"), seen }
    }

    /// The events received, once each.
    pub fn events(&self) -> Vec<(String, OrderEvent)> {
        self.seen.events.lock().map(|e| e.clone()).unwrap_or_default()
    }
}
