//! The handlers reach the database only through the `Store` trait: the API runs over a store
//! that wraps SQLite and can be made to fail, and a failing store is answered with a 500
//! problem document on every call, never a panic or a hung request.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::*;
use onramp_api::asset::{Asset, AssetKind, ImageFormat};
use onramp_api::domain::DomainStatus;
use onramp_api::funnel::EventBatch;
use onramp_api::order::{Order, ProviderOrder, StepKind, StepState};
use onramp_api::webhook::StepReport;
use onramp_server::delivery::mail::QueuedMail;
use onramp_server::delivery::{Delivery, DeliveryLine, Outcome};
use onramp_api::{CreatedSignup, DraftSections, Signup};
use onramp_server::funnel::FunnelLine;
use onramp_server::store::{Check, Store};
use onramp_server::{app, AppState, Db, DbError, StoredImage};

struct Switch {
    inner: Db,
    down: AtomicBool,
}

impl Switch {
    fn up(&self) -> Result<&Db, DbError> {
        if self.down.load(Ordering::SeqCst) {
            Err(DbError::Corrupt("the test took the database away".into()))
        } else {
            Ok(&self.inner)
        }
    }
}

impl Store for Switch {
    fn create_signup_for(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError> {
        self.up()?.create_signup_for(partner)
    }
    fn get_signup(&self, id: &str, token: &str) -> Result<Signup, DbError> {
        self.up()?.get_signup(id, token)
    }
    fn update_signup(&self, id: &str, token: &str, v: u64, patch: DraftSections, check: Check<'_>) -> Result<Signup, DbError> {
        self.up()?.update_signup(id, token, v, patch, check)
    }
    fn signup_partner(&self, id: &str) -> Result<Option<String>, DbError> {
        self.up()?.signup_partner(id)
    }
    fn domain_state(&self, name: &str) -> Result<Option<DomainStatus>, DbError> {
        self.up()?.domain_state(name)
    }
    fn reserve_labels(&self, labels: &[String]) -> Result<(), DbError> {
        Store::reserve_labels(self.up()?, labels)
    }
    fn add_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError> {
        self.up()?.add_asset(signup_id, token, image)
    }
    fn asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError> {
        self.up()?.asset(signup_id, token, asset_id)
    }
    fn sweep_assets(&self) -> Result<usize, DbError> {
        self.up()?.sweep_assets()
    }
    fn asset_kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError> {
        self.up()?.asset_kinds(signup_id, ids)
    }
    fn submit(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &onramp_server::orders::NewPayment) -> Result<(Order, bool), DbError> {
        self.up()?.submit(signup_id, token, key, sections, locale, payment)
    }
    fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(ProviderOrder, u32), DbError> {
        self.up()?.begin_checkout(order_id, token)
    }
    fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError> {
        self.up()?.checkout_attempts(order_id)
    }
    fn report_payment(&self, order_id: &str, state: onramp_api::payment::PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError> {
        self.up()?.report_payment(order_id, state, reason, hold)
    }
    fn order(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.up()?.order(order_id, token)
    }
    fn provider_order(&self, order_id: &str) -> Result<ProviderOrder, DbError> {
        self.up()?.provider_order(order_id)
    }
    fn retry_failed(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.up()?.retry_failed(order_id, token)
    }
    fn pending_work(&self) -> Result<Vec<onramp_server::Work>, DbError> {
        self.up()?.pending_work()
    }
    fn release_work(&self, order_id: &str, position: i64) -> Result<(), DbError> {
        self.up()?.release_work(order_id, position)
    }
    fn set_step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError> {
        self.up()?.set_step(order_id, position, state, detail, mail)
    }
    fn report_step(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError> {
        self.up()?.report_step(order_id, kind, report)
    }
    fn queue_mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
        self.up()?.queue_mail(id, mail)
    }
    fn claim_deliveries(&self, now_ms: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError> {
        self.up()?.claim_deliveries(now_ms, lease_ms, limit)
    }
    fn finish_delivery(&self, id: &str, outcome: &Outcome) -> Result<(), DbError> {
        self.up()?.finish_delivery(id, outcome)
    }
    fn deliveries(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError> {
        self.up()?.deliveries(states)
    }
    fn retry_delivery(&self, id: &str) -> Result<bool, DbError> {
        self.up()?.retry_delivery(id)
    }
    fn reserve_mail(&self, signup_id: &str, address: &str, limits: onramp_server::MailLimits) -> Result<Result<(), u64>, DbError> {
        self.up()?.reserve_mail(signup_id, address, limits)
    }
    fn add_events(&self, batch: &EventBatch) -> Result<(), DbError> {
        self.up()?.add_events(batch)
    }
    fn funnel(&self) -> Result<Vec<FunnelLine>, DbError> {
        self.up()?.funnel()
    }
}

#[tokio::test]
async fn the_api_runs_over_any_store_and_a_failing_one_answers_500() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Switch { inner: Db::open(&dir.path().join("db.sqlite3")).unwrap(), down: AtomicBool::new(false) });
    let router = app(AppState::with_store(store.clone()));
    let created = create(&router).await;
    let plan = serde_json::json!({"plan": {"plan_id": "starter"}}).to_string();
    let reply = send(&router, patch(&created.id, &created.resume_token, Some("\"1\""), plan.clone())).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    let read = send(&router, get(&format!("/api/v1/signups/{}", created.id), Some(&created.resume_token))).await;
    assert_eq!(read.json::<Signup>().sections.plan.map(|p| p.plan_id).as_deref(), Some("starter"));

    store.down.store(true, Ordering::SeqCst);
    let calls = [
        ("POST /signups", axum::http::Request::post("/api/v1/signups").body(axum::body::Body::empty()).unwrap()),
        ("GET /signups/{id}", get(&format!("/api/v1/signups/{}", created.id), Some(&created.resume_token))),
        ("PATCH /signups/{id}", patch(&created.id, &created.resume_token, Some("\"2\""), plan)),
        ("GET /domains/availability", get("/api/v1/domains/availability?name=acme&base=social-host.example", None)),
        ("GET /orders/{id}", get("/api/v1/orders/or_0", Some(&created.resume_token))),
    ];
    for (name, request) in calls {
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 500, "{name}");
        assert_eq!(reply.problem().status, 500, "{name}");
    }
}
