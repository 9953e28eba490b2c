//! Paying through the provider: a card order waits; "Pay now" asks the provider's checkout (a
//! real endpoint on loopback that checks the signature) for a page; the provider's signed call
//! reports failed, then paid, and provisioning starts; a forged or replayed return is not taken
//! for a return; an invoice order has nothing to pay and its confirmation mail carries its
//! references, VAT treatment and price lines.

mod common;

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use onramp_api::order::Order;
use onramp_api::payment::{CheckoutRequest, PaymentState, StartWhen};
use onramp_server::config::ApiKey;
use onramp_server::delivery::Hidden;
use onramp_server::payments::PaymentSettings;
use onramp_server::{app, AppState, Db};
use serde_json::{json, Value};

const KEY: &str = "provider-key-of-at-least-32-characters-0123";
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The provider's checkout endpoint: checks each request's signature and answers with a page.
async fn checkout_endpoint() -> (String, Arc<Mutex<Vec<CheckoutRequest>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let kept = seen.clone();
    let router = Router::new().route(
        "/checkout",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let kept = kept.clone();
            async move {
                if common::receiver::verify(SECRET, &headers, &body, onramp_now()).is_err() {
                    return (StatusCode::UNAUTHORIZED, String::new());
                }
                let request: CheckoutRequest = serde_json::from_slice(&body).expect("a checkout request");
                let url = format!("https://pay.example/session/{}/{}", request.order_id, request.attempt);
                kept.lock().expect("lock").push(request);
                (StatusCode::OK, json!({ "url": url }).to_string())
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{addr}/checkout"), seen)
}

fn onramp_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

struct World {
    dir: tempfile::TempDir,
    state: AppState,
    router: Router,
}

fn world(checkout_url: &str) -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("onramp.sqlite3")).expect("open db");
    let key = onramp_server::delivery::sign::secret_key(SECRET).expect("secret");
    let settings = PaymentSettings {
        checkout_url: checkout_url.to_owned(),
        key: Hidden(key),
        http: onramp_server::delivery::post::client(std::time::Duration::from_secs(5)),
        start_card: StartWhen::Paid,
        start_sepa_debit: StartWhen::Pending,
    };
    let state = AppState::new(db)
        .with_outbox(dir.path().join("outbox"))
        .with_public_url("https://signup.example")
        .with_api_key(ApiKey(KEY.into()))
        .with_payments(settings);
    World { router: app(state.clone()), state, dir }
}

fn sections(label: &str, billing: Value) -> Value {
    json!({
        "plan": {"plan_id": "organization", "billing": "yearly", "addons": ["moderation_business_hours"]},
        "organization": {"name": "Stadt Beispiel", "kind": "public_sector", "country": "DE", "contact_email": "it@stadt.example",
            "admin_username": "presse", "billing": billing},
        "domain": {"mode": "subdomain", "web_domain": format!("{label}.social-host.example"), "handle_domain": format!("{label}.social-host.example")},
        "branding": {"site_title": "Stadt Social", "accent_color": "#1d4ed8", "theme": "light"},
        "moderation": {"registrations_mode": "none", "rules": [{"text": "Be kind."}], "languages": ["de"]},
    })
}

async fn call(router: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let reply = common::send(router, req).await;
    (reply.status, serde_json::from_slice(&reply.body).unwrap_or(Value::Null))
}

/// A submitted order with `billing`, and the draft's token.
async fn order(w: &World, label: &str, billing: Value) -> (Order, String) {
    let d = common::create(&w.router).await;
    let (status, body) = call(&w.router, common::patch(&d.id, &d.resume_token, Some("\"1\""), sections(label, billing).to_string())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let submit = Request::post(format!("/api/v1/signups/{}/submit", d.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", d.resume_token))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "de")
        .header("Idempotency-Key", format!("key-{label}-0000000000"))
        .body(Body::from(json!({"accept_terms": true}).to_string()))
        .unwrap();
    let (status, body) = call(&w.router, submit).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (serde_json::from_value(body).expect("order"), d.resume_token)
}

fn authed(method: &str, path: &str, token: &str, body: Option<Value>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap()
}

#[tokio::test]
async fn a_card_order_waits_is_paid_through_the_checkout_and_then_provisions() {
    let (url, seen) = checkout_endpoint().await;
    let w = world(&url);
    let billing = json!({"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "card"});
    let (placed, token) = order(&w, "karte", billing).await;
    let payment = placed.payment.clone().expect("payment");
    assert_eq!((payment.state, payment.holds_provisioning, payment.pay_online), (PaymentState::AwaitingPayment, true, true));
    let offered = |state: &AppState, id: &str| state.db.pending_work().expect("work").iter().any(|w| w.order_id == id);
    assert!(!offered(&w.state, &placed.id), "nothing is set up before the payment");

    // Pay now: the provider's checkout is asked, signed, for this order's amount; twice is two tries.
    let (status, body) = call(&w.router, authed("POST", &format!("/api/v1/orders/{}/checkout", placed.id), &token, None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["url"], format!("https://pay.example/session/{}/1", placed.id));
    let (status, wrong) = call(&w.router, authed("POST", &format!("/api/v1/orders/{}/checkout", placed.id), "not-the-token", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{wrong}");
    let first = seen.lock().expect("lock").first().cloned().expect("a checkout request");
    assert_eq!((first.method, first.currency.as_str(), first.billing, first.attempt, first.locale.as_str()), (onramp_api::PaymentMethod::Card, "EUR", onramp_api::Billing::Yearly, 1, "de"));
    assert!(first.amount_minor > 0);
    assert!(first.return_url.starts_with(&format!("https://signup.example/status/{}?locale=de&payment_return=1.", placed.id)), "{}", first.return_url);
    let old_return = first.return_url.split("payment_return=").nth(1).unwrap_or_default().to_owned();

    // The customer comes back from the first try: a genuine return. A forged one is not.
    let read = |q: &str| authed("GET", &format!("/api/v1/orders/{}{q}", placed.id), &token, None);
    let (_, body) = call(&w.router, read(&format!("?payment_return={old_return}"))).await;
    assert_eq!(body["payment"]["returned"], true, "{body}");
    let (_, body) = call(&w.router, read("?payment_return=1.forged")).await;
    assert_eq!((body["payment"]["returned"].clone(), body["payment"]["state"].clone()), (json!(false), json!("awaiting_payment")));

    // The provider reports a failure: shown with its reason; a second try replaces the first, so
    // the first try's return is a replay now.
    let report = |state: &str, reason: Option<&str>| {
        let body = match reason {
            Some(r) => json!({"state": state, "reason": r}),
            None => json!({"state": state}),
        };
        authed("POST", &format!("/api/v1/provider/orders/{}/payment", placed.id), KEY, Some(body))
    };
    let (status, body) = call(&w.router, report("failed", None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a failure needs a reason: {body}");
    let (status, _) = call(&w.router, authed("POST", &format!("/api/v1/provider/orders/{}/payment", placed.id), "wrong-key-wrong-key-wrong-key-wrong", Some(json!({"state": "paid"})))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = call(&w.router, report("failed", Some("Die Karte wurde abgelehnt. Versuchen Sie eine andere Karte."))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = call(&w.router, read("")).await;
    assert_eq!((body["payment"]["state"].clone(), body["payment"]["pay_online"].clone()), (json!("failed"), json!(true)));
    assert_eq!(body["payment"]["reason"], "Die Karte wurde abgelehnt. Versuchen Sie eine andere Karte.");
    let (status, body) = call(&w.router, authed("POST", &format!("/api/v1/orders/{}/checkout", placed.id), &token, None)).await;
    assert_eq!((status, body["url"].clone()), (StatusCode::OK, json!(format!("https://pay.example/session/{}/2", placed.id))));
    let (_, body) = call(&w.router, read(&format!("?payment_return={old_return}"))).await;
    assert_eq!(body["payment"]["returned"], false, "the first try's return, replayed");

    assert!(!offered(&w.state, &placed.id), "a failed payment still holds provisioning");
    // Paid: provisioning is free to start; nothing is left to pay.
    let (status, body) = call(&w.router, report("paid", None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(offered(&w.state, &placed.id), "provisioning starts once paid");
    let (_, body) = call(&w.router, read("")).await;
    assert_eq!((body["payment"]["state"].clone(), body["payment"]["holds_provisioning"].clone(), body["payment"]["pay_online"].clone()), (json!("paid"), json!(false), json!(false)));
    let (status, body) = call(&w.router, authed("POST", &format!("/api/v1/orders/{}/checkout", placed.id), &token, None)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(seen.lock().expect("lock").len(), 2, "no checkout asked for an order that is paid");
    drop(w.dir);
}

#[tokio::test]
async fn an_invoice_order_has_nothing_to_pay_and_its_mail_has_its_references() {
    let w = world("http://127.0.0.1:9/checkout");
    let billing = json!({"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice",
        "purchase_order": "PO-77", "buyer_reference": "991-33333TEST-33", "peppol_id": "0204:991-33333TEST-33"});
    let (placed, token) = order(&w, "rechnung", billing).await;
    let payment = placed.payment.clone().expect("payment");
    assert_eq!((payment.state, payment.holds_provisioning, payment.pay_online), (PaymentState::Invoiced, false, false));
    let (status, _) = call(&w.router, authed("POST", &format!("/api/v1/orders/{}/checkout", placed.id), &token, None)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = call(&w.router, authed("POST", &format!("/api/v1/provider/orders/{}/payment", placed.id), KEY, Some(json!({"state": "paid"})))).await;
    assert_eq!(status, StatusCode::CONFLICT, "an invoice order has no card or SEPA payment to report");

    // The confirmation mail, in the customer's language (German, from Accept-Language).
    onramp_server::delivery::run_once(&w.state).await.expect("deliveries");
    let mails = common::mail::in_folder(&w.dir.path().join("outbox"));
    let mail = mails.iter().find(|m| m.header("Subject").is_some_and(|s| s.contains(&placed.id))).expect("the confirmation mail");
    let text = &mail.text;
    for expected in [
        "Organization",                                   // the plan
        "Summe, Abrechnung jährlich",                     // the billing period and total
        "(netto)",
        "Die Umsatzsteuer wird zu diesen Nettopreisen hinzugerechnet.", // domestic VAT (provider in DE)
        "Sie zahlen auf Rechnung; sie geht an it@stadt.example.",
        "Bestellnummer: PO-77",
        "Leitweg-ID: 991-33333TEST-33",
        "PEPPOL-Teilnehmer: 0204:991-33333TEST-33",
        &format!("https://signup.example/status/{}?locale=de", placed.id),
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
}

#[test]
fn a_wrong_leitweg_id_is_refused_at_its_field() {
    let mut s: onramp_api::DraftSections = serde_json::from_value(sections("lw", json!({
        "address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice", "buyer_reference": "991-33333TEST-34"
    }))).expect("sections");
    let errors = onramp_api::validate::validate_sections(&s, &onramp_api::sample::catalog());
    assert_eq!(errors.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(), ["/organization/billing/buyer_reference"]);
    if let Some(org) = s.organization.as_mut() {
        org.kind = onramp_api::OrganizationKind::Company;
    }
    assert!(onramp_api::validate::validate_sections(&s, &onramp_api::sample::catalog()).is_empty(), "any text is a company's buyer reference");
}
