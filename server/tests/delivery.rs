//! The provider's systems hear of every order: with the second example configuration
//! (`examples/fediverse-hosting-at.toml`) and its mail server and webhook endpoint on loopback,
//! mail goes out through real SMTP (queued while the server is down), order events arrive
//! signed and retried until the receiver is up (duplicates dropped by id), the receiver's step
//! reports reach the customer's order, and a SIGKILL in the middle of a delivery loses nothing.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::process::{start_in, task, Process};
use common::receiver::Receiver;
use common::smtp::{free_port, SmtpServer};
use onramp_api::order::{Order, OrderStatus, StepKind, StepState};
use onramp_api::webhook::EventType;
use serde_json::{json, Value};

const KEY: &str = "fho-provider-key-for-the-delivery-tests-0123456789";
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The Austrian example with its mail server and endpoint on loopback and short retries.
fn config(smtp_port: u16, endpoint: &str) -> String {
    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/fediverse-hosting-at.toml")).expect("the example");
    format!(
        "{example}\n[mail.smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\nsecurity = \"none\"\ntimeout_secs = 2\n\n\
         [[webhooks]]\nurl = \"{endpoint}\"\nsecret = {{ env = \"FHO_WEBHOOK_SECRET\" }}\n\n\
         [delivery]\nfirst_retry_secs = 1\nmax_retry_secs = 1\ntimeout_secs = 2\n"
    )
}

// Retries are expected here: only errors are logged.
const ENV: [(&str, &str); 3] = [("FHO_PROVIDER_API_KEY", KEY), ("FHO_WEBHOOK_SECRET", SECRET), ("RUST_LOG", "error")];

fn start(dir: tempfile::TempDir, config: &str) -> Process {
    start_in(dir, &[], Some(config), &ENV, false)
}

fn sections(label: &str) -> Value {
    json!({
        "plan": {"plan_id": "betrieb", "billing": "monthly", "addons": [], "currency": "EUR"},
        "organization": {"name": "Gemeinde Beispiel", "kind": "public_sector", "country": "AT", "contact_email": "it@gemeinde.example",
            "admin_username": "gemeinde", "billing": {"address": {"line1": "Hauptplatz 1", "postal_code": "8010", "city": "Graz"}, "payment_method": "invoice"}},
        "domain": {"mode": "subdomain", "web_domain": format!("{label}.fedihost.example"), "handle_domain": format!("{label}.fedihost.example")},
        "branding": {"site_title": "Gemeinde Social", "theme": "light"},
        "moderation": {"registrations_mode": "none", "rules": [{"text": "Freundlich bleiben."}], "languages": ["de"]},
    })
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(p: &Process) -> Self {
        Self { http: reqwest::Client::new(), base: format!("http://{}/api/v1", p.addr) }
    }

    async fn call(&self, method: reqwest::Method, path: &str, headers: &[(&str, &str)], body: Option<Value>) -> (u16, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.header("Content-Type", "application/json").body(b.to_string());
        }
        let answer = req.send().await.expect("the server answers");
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A draft with every section answered; its id and token.
    async fn draft(&self, label: &str) -> (String, String) {
        let (status, created) = self.call(reqwest::Method::POST, "/signups", &[], None).await;
        assert_eq!(status, 201);
        let (id, token) = (created["id"].as_str().unwrap().to_owned(), created["resume_token"].as_str().unwrap().to_owned());
        let bearer = format!("Bearer {token}");
        let (status, body) = self.call(reqwest::Method::PATCH, &format!("/signups/{id}"), &[("Authorization", &bearer), ("If-Match", "\"1\"")], Some(sections(label))).await;
        assert_eq!(status, 200, "{body}");
        (id, token)
    }

    async fn submit(&self, id: &str, token: &str, language: &str) -> Order {
        let bearer = format!("Bearer {token}");
        let headers = [("Authorization", bearer.as_str()), ("Idempotency-Key", "delivery-test-key-0001"), ("Accept-Language", language)];
        let (status, body) = self.call(reqwest::Method::POST, &format!("/signups/{id}/submit"), &headers, Some(json!({"accept_terms": true}))).await;
        assert_eq!(status, 201, "{body}");
        serde_json::from_value(body).expect("an order")
    }

    async fn report(&self, order: &str, step: &str, report: Value) -> (u16, Value) {
        let bearer = format!("Bearer {KEY}");
        self.call(reqwest::Method::POST, &format!("/provider/orders/{order}/steps/{step}"), &[("Authorization", &bearer)], Some(report)).await
    }

    async fn order(&self, order: &str, token: &str) -> Order {
        let bearer = format!("Bearer {token}");
        let (status, body) = self.call(reqwest::Method::GET, &format!("/orders/{order}"), &[("Authorization", &bearer)], None).await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_value(body).expect("an order")
    }
}

/// Waits up to 15 s for `done`.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_and_events_reach_the_providers_systems_and_its_reports_reach_the_customer() {
    let smtp_port = free_port();
    let receiver = Receiver::start(SECRET).await;
    receiver.seen.down.store(true, Ordering::SeqCst);
    let config = config(smtp_port, &receiver.url);
    let server = start(tempfile::tempdir().unwrap(), &config);
    let api = Api::new(&server);

    // A resume link while the mail server is down: queued, visible, and sent once it is up.
    let (id, token) = api.draft("gemeinde").await;
    let bearer = format!("Bearer {token}");
    let (status, _) = api.call(reqwest::Method::POST, &format!("/signups/{id}/resume-link"), &[("Authorization", &bearer), ("Accept-Language", "fr-CH, de;q=0.5")], None).await;
    assert_eq!(status, 202);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let (ok, listing) = task(server.dir.path(), &["outbox"], &ENV);
    assert!(ok && listing.contains("mail pending") && listing.contains("it@gemeinde.example") && listing.contains("last error: the mail server"), "{listing}");
    let smtp = SmtpServer::on(smtp_port).await;
    eventually("the resume mail", || smtp.messages().len() == 1).await;
    let resume = smtp.messages().remove(0);
    assert_eq!(resume.to, ["it@gemeinde.example"]);
    assert_eq!(resume.from, "anmeldung@fedihost.example");
    let mail = common::mail::parse(&resume.data);
    assert_eq!(mail.header("From"), Some("Fediverse Hosting Österreich <anmeldung@fedihost.example>"), "the provider's name, decoded");
    assert!(mail.header("Subject").is_some_and(|s| s.starts_with("Reprendre votre inscription chez Fediverse Hosting Österreich")), "{mail:?}");
    assert!(mail.header("Date").is_some() && mail.header("Message-ID").is_some_and(|m| m.ends_with("@fedihost.example>")), "{mail:?}");
    assert!(mail.text.contains(&format!("/resume#draft={id}&token={token}")) && mail.text.contains("hilfe@fedihost.example"), "{mail:?}");
    assert!(mail.html.contains("<html lang=\"fr\">") && mail.html.contains(&format!("/resume#draft={id}&amp;token={token}")), "{mail:?}");

    // The order while the receiver is down: retried; then up, with one answer lost.
    let order = api.submit(&id, &token, "de-AT").await;
    eventually("attempts at the endpoint", || receiver.seen.requests.load(Ordering::SeqCst) >= 2).await;
    assert!(receiver.events().is_empty());
    let (_, listing) = task(server.dir.path(), &["outbox"], &ENV);
    assert!(listing.contains("webhook pending") && listing.contains("order.created") && listing.contains("503"), "{listing}");
    receiver.seen.lose_answers.store(1, Ordering::SeqCst);
    receiver.seen.down.store(false, Ordering::SeqCst);
    eventually("the order.created event, then its redelivery", || receiver.seen.duplicates.load(Ordering::SeqCst) >= 1).await;
    let events = receiver.events();
    assert_eq!(events.len(), 1, "one event, its duplicate dropped");
    let created = &events[0].1;
    assert_eq!(created.kind, EventType::OrderCreated);
    assert_eq!(created.data.order.id, order.id);
    assert_eq!(created.data.locale, "de");
    assert_eq!(created.data.sections.plan.as_ref().map(|p| p.plan_id.as_str()), Some("betrieb"));
    assert!(created.data.sections.moderation.as_ref().is_some_and(|m| m.rules.len() == 1), "every section is in the payload");
    assert!(created.data.mastodon.env.iter().any(|l| l.key == "LOCAL_DOMAIN" && l.value == "gemeinde.fedihost.example"), "and the Mastodon configuration");
    assert!(created.data.mastodon.owner_command.contains("accounts create gemeinde --email it@gemeinde.example"));
    assert_eq!(receiver.seen.refused.load(Ordering::SeqCst), 0, "every signature held");

    // The provider drives provisioning: nothing moves by itself.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(api.order(&order.id, &token).await.steps.iter().all(|s| s.state == StepState::Pending), "no simulation when the provider reports");
    let wrong_key = api.call(reqwest::Method::POST, &format!("/provider/orders/{}/steps/server_created", order.id), &[("Authorization", "Bearer not-the-key")], Some(json!({"state": "done"}))).await;
    assert_eq!(wrong_key.0, 401);
    assert_eq!(api.report(&order.id, "server_created", json!({"state": "failed"})).await.0, 422, "a failure says why");
    assert_eq!(api.report(&order.id, "dns_zone", json!({"state": "done"})).await.0, 404);
    assert_eq!(api.report("or_nothing", "server_created", json!({"state": "done"})).await.0, 404);

    assert_eq!(api.report(&order.id, "domain_verified", json!({"state": "done"})).await.0, 200);
    let (status, body) = api.report(&order.id, "server_created", json!({"state": "running", "message": "Die Datenbank wird angelegt."})).await;
    assert_eq!(status, 200, "{body}");
    let seen = api.order(&order.id, &token).await;
    let step = seen.steps.iter().find(|s| s.kind == StepKind::ServerCreated).unwrap();
    assert_eq!((step.state, step.detail.as_deref()), (StepState::Running, Some("Die Datenbank wird angelegt.")), "the customer reads the provider's word");
    assert_eq!(api.report(&order.id, "server_created", json!({"state": "running", "message": "Die Datenbank wird angelegt."})).await.0, 200, "the same report again");
    for step in ["server_created", "tls_certificate", "branding_applied"] {
        assert_eq!(api.report(&order.id, step, json!({"state": "done"})).await.0, 200);
    }
    // Onramp's own last step: the invite, in the customer's language.
    // The order confirmation (on submit), then the invite, each in the customer's language.
    eventually("the confirmation and the invite", || smtp.messages().len() == 3).await;
    let mails: Vec<_> = smtp.messages().iter().map(|m| common::mail::parse(&m.data)).collect();
    let confirmation = mails.iter().find(|m| m.header("Subject").is_some_and(|s| s.starts_with("Ihre Bestellung"))).expect("the confirmation");
    assert!(confirmation.text.contains("Summe, Abrechnung monatlich") && confirmation.text.contains("Sie zahlen auf Rechnung"), "{confirmation:?}");
    let invite = mails.iter().find(|m| m.header("Subject").is_some_and(|s| s.contains("ist online"))).expect("the invite").clone();
    assert!(invite.header("Subject").is_some_and(|s| s == "Ihr Mastodon-Server gemeinde.fedihost.example ist online"), "{invite:?}");
    assert!(invite.text.contains("https://gemeinde.fedihost.example/auth/password/new") && invite.text.contains("@gemeinde@gemeinde.fedihost.example"), "{invite:?}");
    assert_eq!(api.order(&order.id, &token).await.status, OrderStatus::Live);

    // Every change arrived once: created, then domain done, server running, server done, TLS,
    // branding, invite (the repeated report wrote nothing).
    eventually("every step event", || receiver.events().len() == 7).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let events = receiver.events();
    assert_eq!(events.len(), 7, "{:?}", events.iter().map(|(_, e)| (e.kind, e.data.step)).collect::<Vec<_>>());
    let mut ids: Vec<&str> = events.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7, "each event has its own id");
    // One order's events reach the endpoint in the order they happened (they went out of
    // order before: a round of the worker sent them all at once).
    let sequences: Vec<u64> = events.iter().map(|(_, e)| e.data.sequence).collect();
    assert_eq!(sequences, (1..=7).collect::<Vec<u64>>(), "{:?}", events.iter().map(|(_, e)| (e.data.sequence, e.data.step)).collect::<Vec<_>>());
    assert_eq!(receiver.seen.stale.load(Ordering::SeqCst), 0, "nothing arrived after newer news");
    let last = events.iter().find(|(_, e)| e.data.step == Some(StepKind::AdminInviteSent)).expect("the invite's event");
    assert_eq!(last.1.data.order.status, OrderStatus::Live);
    let (_, listing) = task(server.dir.path(), &["outbox"], &ENV);
    assert!(listing.contains("Nothing pending or failed."), "{listing}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_in_the_middle_of_a_delivery_loses_nothing() {
    let receiver = Receiver::start(SECRET).await;
    // Each request is held, so the kill comes while the server waits for the answer.
    receiver.seen.hold_ms.store(1_500, Ordering::SeqCst);
    let config = config(free_port(), &receiver.url);
    let server = start(tempfile::tempdir().unwrap(), &config);
    let api = Api::new(&server);
    let (id, token) = api.draft("kill").await;
    let order = api.submit(&id, &token, "en").await;
    eventually("a delivery under way", || receiver.seen.requests.load(Ordering::SeqCst) >= 1).await;
    let dir = server.kill9();

    receiver.seen.hold_ms.store(0, Ordering::SeqCst);
    let server = start(dir, &config);
    let api = Api::new(&server);
    // The lease of the killed attempt (timeout 2 s and 5 s of margin) runs out, then it is sent again.
    let start = Instant::now();
    while receiver.events().is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20), "the event never arrived after the restart");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let events = receiver.events();
    assert_eq!(events.len(), 1, "once, whatever the killed attempt got to");
    assert_eq!((events[0].1.kind, events[0].1.data.order.id.as_str()), (EventType::OrderCreated, order.id.as_str()));
    assert_eq!(api.order(&order.id, &token).await.id, order.id);
}
