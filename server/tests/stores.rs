//! Both stores behind the same tests: the embedded SQLite file always, and PostgreSQL when
//! `ONRAMP_TEST_DATABASE` names a server to make throwaway databases on (`cargo xtask test`
//! starts one with `pg_virtualenv` and sets it; without it the PostgreSQL half fails loudly in
//! CI, see `postgres_is_tested_when_asked`). Each behaviour that must hold across instances is
//! exercised through the `Store` trait: versions, tokens, expiry, images, exactly-once submit
//! (also 20 at once), a domain claimed once, steps claimed by one worker at a time, deliveries
//! leased, resume-mail limits, the funnel.

mod common;

use std::sync::Arc;

use onramp_api::asset::{AssetKind, ImageFormat};
use onramp_api::funnel::{EventBatch, FunnelEvent, FunnelKind};
use onramp_api::order::{StepKind, StepState};
use onramp_api::webhook::StepReport;
use onramp_api::{DraftSections, PlanSection};
use onramp_server::delivery::mail::{Block, QueuedMail};
use onramp_server::delivery::Outcome;
use onramp_server::pg::PgStore;
use onramp_server::store::Store;
use onramp_server::{Db, DbError, MailLimits, StoredImage};

/// A store on a fresh database of the test PostgreSQL, if one is named.
fn postgres(ttl: Option<i64>) -> Option<Arc<dyn Store>> {
    let url = common::pg::fresh_database("onramp_test")?;
    let store = PgStore::open(&url, 8).expect("connect to the test database");
    Some(Arc::new(match ttl {
        Some(t) => store.with_ttl(t),
        None => store,
    }))
}

fn rand_suffix() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).expect("random");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn sqlite(ttl: Option<i64>) -> (tempfile::TempDir, Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("db.sqlite3")).unwrap();
    (dir, Arc::new(match ttl {
        Some(t) => db.with_ttl(t),
        None => db,
    }))
}

fn sections(label: &str) -> DraftSections {
    serde_json::from_value(common::full_sections(label)).unwrap()
}

fn ok(_: &DraftSections) -> Vec<onramp_api::FieldError> {
    Vec::new()
}

/// What two takers (two instances) claim between them, both at once at `now`.
fn claim_at_once(store: &Arc<dyn Store>, now: i64) -> Vec<onramp_server::delivery::Delivery> {
    let (one, two) = std::thread::scope(|scope| {
        let (x, y) = (store.clone(), store.clone());
        let h1 = scope.spawn(move || x.claim_deliveries(now, 60_000, 16).unwrap());
        let h2 = scope.spawn(move || y.claim_deliveries(now, 60_000, 16).unwrap());
        (h1.join().unwrap(), h2.join().unwrap())
    });
    one.into_iter().chain(two).collect()
}

/// Everything a store must do, run on `store`.
fn contract(store: Arc<dyn Store>) {
    let s = store.as_ref();
    // Drafts: versions, tokens that do not open other drafts.
    let a = s.create_signup_for(None).unwrap();
    let b = s.create_signup_for(Some("example-university")).unwrap();
    assert_eq!(s.signup_partner(&b.id).unwrap().as_deref(), Some("example-university"));
    let patch = DraftSections { plan: Some(PlanSection { plan_id: "starter".into(), ..Default::default() }), ..Default::default() };
    let v2 = s.update_signup(&a.id, &a.resume_token, 1, patch.clone(), &ok).unwrap();
    assert_eq!(v2.version, 2);
    assert!(matches!(s.update_signup(&a.id, &a.resume_token, 1, patch.clone(), &ok), Err(DbError::Conflict { current: 2 })));
    assert!(matches!(s.get_signup(&a.id, &b.resume_token), Err(DbError::NotFound)), "another draft's token");
    assert!(matches!(s.get_signup("nope", &a.resume_token), Err(DbError::NotFound)));
    let refuse = |_: &DraftSections| vec![onramp_api::FieldError::new("/plan", onramp_api::ErrorCode::Invalid, "no")];
    assert!(matches!(s.update_signup(&a.id, &a.resume_token, 2, patch, &refuse), Err(DbError::Invalid(_))));

    // Images: the latest of each kind is kept.
    let image = |kind| StoredImage { kind, format: ImageFormat::Png, width: 2, height: 2, data: vec![1, 2, 3] };
    let first = s.add_asset(&a.id, &a.resume_token, image(AssetKind::Logo)).unwrap();
    let second = s.add_asset(&a.id, &a.resume_token, image(AssetKind::Logo)).unwrap();
    assert!(matches!(s.asset(&a.id, &a.resume_token, &first.id), Err(DbError::NotFound)));
    assert_eq!(s.asset(&a.id, &a.resume_token, &second.id).unwrap(), (ImageFormat::Png, vec![1, 2, 3]));
    assert_eq!(s.asset_kinds(&a.id, &[first.id.clone(), second.id.clone()]).unwrap(), [(second.id.clone(), AssetKind::Logo)]);

    // Names: reserved labels and taken domains.
    s.reserve_labels(&["www".to_owned()]).unwrap();
    assert_eq!(s.domain_state("www").unwrap(), Some(onramp_api::domain::DomainStatus::Reserved));

    // Submit exactly once: the same key, a second key, another draft with the same key, and
    // twenty at once.
    let d = s.create_signup_for(None).unwrap();
    let full = sections(&format!("once{}", rand_suffix()));
    s.update_signup(&d.id, &d.resume_token, 1, full.clone(), &ok).unwrap();
    let (order, created) = s.submit(&d.id, &d.resume_token, "key-0000000000000001", &full, "de", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false }).unwrap();
    assert!(created);
    assert_eq!(s.submit(&d.id, &d.resume_token, "key-0000000000000001", &full, "de", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false }).unwrap(), (order.clone(), false));
    assert_eq!(s.submit(&d.id, &d.resume_token, "key-0000000000000002", &full, "de", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false }).unwrap().0.id, order.id);
    assert!(matches!(s.update_signup(&d.id, &d.resume_token, 2, full.clone(), &ok), Err(DbError::Submitted { .. })));
    let other = s.create_signup_for(None).unwrap();
    s.update_signup(&other.id, &other.resume_token, 1, full.clone(), &ok).unwrap();
    assert!(matches!(s.submit(&other.id, &other.resume_token, "key-0000000000000001", &full, "de", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false }), Err(DbError::KeyReused)));
    // The same domain from another draft: claimed once.
    let taken = s.submit(&other.id, &other.resume_token, "key-0000000000000003", &full, "de", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false });
    assert!(matches!(taken, Err(DbError::Invalid(ref e)) if e[0].code == onramp_api::ErrorCode::Taken), "{taken:?}");

    let many = s.create_signup_for(None).unwrap();
    let many_sections = sections(&format!("many{}", rand_suffix()));
    s.update_signup(&many.id, &many.resume_token, 1, many_sections.clone(), &ok).unwrap();
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let (store, many, sec) = (store.clone(), &many, &many_sections);
                scope.spawn(move || store.submit(&many.id, &many.resume_token, &format!("parallel-key-{i:08}"), sec, "en", &onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false }))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ids: std::collections::HashSet<String> = results.iter().map(|r| r.as_ref().unwrap().0.id.clone()).collect();
    assert_eq!(ids.len(), 1, "twenty parallel submits, one order");
    assert_eq!(results.iter().filter(|r| r.as_ref().unwrap().1).count(), 1, "created once");

    // Steps: claimed, moved, reported, retried.
    let work = s.pending_work().unwrap();
    let mine = work.iter().find(|w| w.order_id == order.id).expect("the order's first step").clone();
    assert_eq!((mine.kind, mine.state, mine.locale.as_str()), (StepKind::DomainVerified, StepState::Pending, "de"));
    s.set_step(&order.id, mine.position, StepState::Failed, Some("DNS"), None).unwrap();
    assert_eq!(s.retry_failed(&order.id, &d.resume_token).unwrap().steps[0].state, StepState::Pending);
    let report = StepReport { state: StepState::Running, message: Some("Creating.".into()) };
    let reported = s.report_step(&order.id, StepKind::ServerCreated, &report).unwrap().unwrap();
    assert_eq!(reported.steps[1].detail.as_deref(), Some("Creating."));
    assert!(s.report_step("or_none", StepKind::ServerCreated, &report).unwrap().is_none());
    assert_eq!(s.provider_order(&order.id).unwrap().locale, "de");

    // Deliveries: queued once per id, claimed by one taker at a time, then finished.
    let mail = QueuedMail { to: "it@stadt.example".into(), locale: "de".into(), subject: "Hallo".into(), blocks: vec![Block::Text("x".into())] };
    s.queue_mail("m-1", &mail).unwrap();
    s.queue_mail("m-1", &mail).unwrap();
    s.queue_mail("m-2", &mail).unwrap();
    let now = onramp_server::delivery::now_ms();
    let mut claimed: Vec<String> = claim_at_once(&store, now).iter().map(|d| d.id.clone()).collect();
    claimed.sort();
    assert_eq!(claimed, ["m-1", "m-2"], "each delivery to one taker");
    assert!(s.claim_deliveries(now, 60_000, 16).unwrap().is_empty(), "leased");
    s.finish_delivery("m-1", &Outcome::Delivered).unwrap();
    s.finish_delivery("m-2", &Outcome::Failed { error: "refused".into() }).unwrap();
    let listed = s.deliveries(&["failed"]).unwrap();
    assert_eq!(listed.iter().map(|l| (l.id.as_str(), l.last_error.as_deref())).collect::<Vec<_>>(), [("m-2", Some("refused"))]);
    assert!(s.retry_delivery("m-2").unwrap() && !s.retry_delivery("m-1").unwrap(), "a delivered one is not sent again");

    // Resume mail held to the limits; funnel events counted.
    let limits = MailLimits { gap_secs: 0, per_day: 1 };
    assert_eq!(s.reserve_mail(&a.id, "x@y.example", limits).unwrap(), Ok(()));
    assert!(s.reserve_mail(&a.id, "X@y.example", limits).unwrap().is_err());
    let batch = EventBatch {
        session: "s1".into(),
        partner: None,
        events: vec![FunnelEvent { kind: FunnelKind::StepEntered, step: "plan".into(), codes: vec![] }],
    };
    s.add_events(&batch).unwrap();
    assert!(s.funnel().unwrap().iter().any(|l| l.step == "plan" && l.entered == 1));
}

/// A card order waits for its payment: no provisioning work until the provider's report lifts
/// the hold; checkout tries are counted per order; a report for no order is `None`.
fn payments(store: Arc<dyn Store>) {
    use onramp_api::payment::PaymentState;
    use onramp_server::orders::NewPayment;
    let s = store.as_ref();
    let d = s.create_signup_for(None).unwrap();
    let full = sections(&format!("pay{}", rand_suffix()));
    s.update_signup(&d.id, &d.resume_token, 1, full.clone(), &ok).unwrap();
    let card = NewPayment { method: onramp_api::PaymentMethod::Card, state: PaymentState::AwaitingPayment, hold: true };
    let (order, _) = s.submit(&d.id, &d.resume_token, "key-pay-0000000001", &full, "en", &card).unwrap();
    let payment = order.payment.clone().expect("a payment");
    assert_eq!((payment.method, payment.state, payment.holds_provisioning), (onramp_api::PaymentMethod::Card, PaymentState::AwaitingPayment, true));
    assert!(!s.pending_work().unwrap().iter().any(|w| w.order_id == order.id), "held for payment");
    assert_eq!(s.checkout_attempts(&order.id).unwrap(), 0);
    assert!(matches!(s.begin_checkout(&order.id, "wrong-token"), Err(DbError::NotFound)));
    let (full_order, attempt) = s.begin_checkout(&order.id, &d.resume_token).unwrap();
    assert_eq!((full_order.order.id.as_str(), attempt), (order.id.as_str(), 1));
    assert_eq!(s.begin_checkout(&order.id, &d.resume_token).unwrap().1, 2);
    assert_eq!(s.checkout_attempts(&order.id).unwrap(), 2);
    let failed = s.report_payment(&order.id, PaymentState::Failed, Some("Card declined"), true).unwrap().expect("the order");
    assert_eq!(failed.payment.as_ref().map(|p| (p.state, p.reason.clone())), Some((PaymentState::Failed, Some("Card declined".to_owned()))));
    assert!(!s.pending_work().unwrap().iter().any(|w| w.order_id == order.id), "still held");
    let paid = s.report_payment(&order.id, PaymentState::Paid, None, false).unwrap().expect("the order");
    assert_eq!(paid.payment.as_ref().map(|p| (p.state, p.holds_provisioning, p.reason.clone())), Some((PaymentState::Paid, false, None)));
    assert!(s.pending_work().unwrap().iter().any(|w| w.order_id == order.id), "provisioning starts once paid");
    assert_eq!(s.order(&order.id, &d.resume_token).unwrap().payment, paid.payment);
    assert!(s.report_payment("or_nothing", PaymentState::Paid, None, false).unwrap().is_none());
}

fn expiry(store: Arc<dyn Store>) {
    let d = store.create_signup_for(None).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    assert!(matches!(store.get_signup(&d.id, &d.resume_token), Err(DbError::Expired)));
}

const ENDPOINTS: [&str; 2] = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"];

/// A submitted order (with its `order.created` event) and its id.
fn placed(store: &dyn Store, label: &str) -> String {
    let d = store.create_signup_for(None).unwrap();
    let full = sections(&format!("{label}{}", rand_suffix()));
    store.update_signup(&d.id, &d.resume_token, 1, full.clone(), &ok).unwrap();
    let payment = onramp_server::orders::NewPayment { method: onramp_api::PaymentMethod::Invoice, state: onramp_api::payment::PaymentState::Invoiced, hold: false };
    store.submit(&d.id, &d.resume_token, &format!("key-{label}-{}", rand_suffix()), &full, "en", &payment).unwrap().0.id
}

/// A claimed delivery as (order, endpoint, sequence, delivery id).
fn claimed(d: &onramp_server::delivery::Delivery) -> (String, String, u64, String) {
    let event: onramp_api::webhook::OrderEvent = serde_json::from_str(&d.body).expect("an order event");
    (event.data.order.id, d.target.clone(), event.data.sequence, d.id.clone())
}

/// One order's events reach one endpoint in the order they happened: each is numbered
/// (`data.sequence`), a claim takes none while an earlier one of its order and endpoint is
/// pending or leased (by any taker), a failing endpoint holds back only that order's events to
/// itself, and an event given up releases the ones after it.
fn ordered_events(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let first = placed(s, "seqa");
    let report = |state, kind| s.report_step(&first, kind, &StepReport { state, message: None }).unwrap().unwrap();
    report(StepState::Running, StepKind::DomainVerified);
    report(StepState::Done, StepKind::DomainVerified);
    report(StepState::Running, StepKind::ServerCreated);
    let second = placed(s, "seqb");
    let now = onramp_server::delivery::now_ms();
    // Two takers at once (two instances): between them, the first event of each order for
    // each endpoint, and nothing after it.
    let mut got: Vec<(String, String, u64, String)> = claim_at_once(&store, now).iter().map(claimed).filter(|c| c.0 == first || c.0 == second).collect();
    got.sort();
    let mut expected: Vec<(String, String, u64)> =
        [&first, &second].iter().flat_map(|o| ENDPOINTS.iter().map(move |e| ((*o).clone(), (*e).to_owned(), 1))).collect();
    expected.sort();
    assert_eq!(got.iter().map(|c| (c.0.clone(), c.1.clone(), c.2)).collect::<Vec<_>>(), expected, "the first event of each order, once per endpoint");
    assert!(s.claim_deliveries(now, 60_000, 16).unwrap().is_empty(), "the later ones wait while the first is leased");

    let id = |order: &str, endpoint: &str| got.iter().find(|c| c.0 == order && c.1 == endpoint).map(|c| c.3.clone()).unwrap();
    // Endpoint a takes the first order's event; its next one comes, and only that.
    s.finish_delivery(&id(&first, ENDPOINTS[0]), &Outcome::Delivered).unwrap();
    let next: Vec<_> = s.claim_deliveries(now, 60_000, 16).unwrap().iter().map(claimed).collect();
    assert_eq!(next.iter().map(|c| (c.0.as_str(), c.1.as_str(), c.2)).collect::<Vec<_>>(), [(first.as_str(), ENDPOINTS[0], 2)]);
    s.finish_delivery(&next[0].3, &Outcome::Delivered).unwrap();
    // Endpoint b fails on the first order: its later events to b wait for it, to a they go on,
    // and the second order's go on to both.
    s.finish_delivery(&id(&first, ENDPOINTS[1]), &Outcome::Retry { at_ms: now + 3_600_000, error: "503".into() }).unwrap();
    s.finish_delivery(&id(&second, ENDPOINTS[0]), &Outcome::Delivered).unwrap();
    s.finish_delivery(&id(&second, ENDPOINTS[1]), &Outcome::Delivered).unwrap();
    let mut seen_a = vec![1, 2];
    loop {
        let round: Vec<_> = s.claim_deliveries(now, 60_000, 16).unwrap().iter().map(claimed).filter(|c| c.0 == first || c.0 == second).collect();
        if round.is_empty() {
            break;
        }
        assert!(round.iter().all(|c| c.0 == first && c.1 == ENDPOINTS[0]), "only the first order's events to a: {round:?}");
        assert_eq!(round.len(), 1, "one at a time");
        seen_a.push(round[0].2);
        s.finish_delivery(&round[0].3, &Outcome::Delivered).unwrap();
    }
    assert_eq!(seen_a, [1, 2, 3, 4], "created, then three step changes, in order");
    // Given up at last: the event after it is released to b.
    s.finish_delivery(&id(&first, ENDPOINTS[1]), &Outcome::Failed { error: "given up".into() }).unwrap();
    let released: Vec<_> = s.claim_deliveries(now, 60_000, 16).unwrap().iter().map(claimed).collect();
    assert_eq!(released.iter().map(|c| (c.0.as_str(), c.1.as_str(), c.2)).collect::<Vec<_>>(), [(first.as_str(), ENDPOINTS[1], 2)]);
}

#[test]
fn sqlite_keeps_the_contract() {
    let (_dir, store) = sqlite(None);
    contract(store.clone());
    payments(store);
    let (_dir, short) = sqlite(Some(1));
    expiry(short);
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("db.sqlite3")).unwrap().with_delivery(ENDPOINTS.map(str::to_owned).to_vec(), std::time::Duration::from_secs(3_600));
    ordered_events(Arc::new(db));
}

#[test]
fn postgres_keeps_the_contract() {
    let Some(store) = postgres(None) else { return };
    contract(store.clone());
    payments(store);
    expiry(postgres(Some(1)).expect("a second database"));
    let url = common::pg::fresh_database("onramp_test").expect("a third database");
    let pg = PgStore::open(&url, 8).expect("connect to the test database").with_delivery(ENDPOINTS.map(str::to_owned).to_vec(), std::time::Duration::from_secs(3_600));
    ordered_events(Arc::new(pg));
}

/// `cargo xtask test` runs this file once more under `pg_virtualenv` with `ONRAMP_REQUIRE_POSTGRES`:
/// then a missing database is a failure, not a pass.
#[test]
fn postgres_is_tested_when_asked() {
    common::pg::require_when_asked();
}
