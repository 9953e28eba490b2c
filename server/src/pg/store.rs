//! The PostgreSQL store: connecting, migrating, running a call to completion from the blocking
//! threads the handlers use, and the `Store` implementation that hands each call to its module.

use std::future::Future;
use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use onramp_api::asset::{Asset, AssetKind, ImageFormat};
use onramp_api::domain::DomainStatus;
use onramp_api::funnel::EventBatch;
use onramp_api::order::{Order, ProviderOrder, StepKind, StepState};
use onramp_api::webhook::StepReport;
use onramp_api::{CreatedSignup, DraftSections, Signup};
use tokio_postgres::NoTls;

use crate::delivery::mail::QueuedMail;
use crate::delivery::{Delivery, DeliveryLine, Outcome};
use crate::funnel::FunnelLine;
use crate::orders::Work;
use crate::store::{Check, Store};
use crate::{DbError, MailLimits, StoredImage};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// The key of the advisory lock held while migrating.
const MIGRATION_LOCK: i64 = 0x6f6e_7261_6d70;

/// The runtime every PostgreSQL connection lives on: its own worker threads drive the sockets,
/// so a store call finishes from any blocking thread whatever runtime (if any) the caller has.
/// It lives as long as the process.
fn runtime() -> Result<&'static tokio::runtime::Runtime, DbError> {
    static RUNTIME: std::sync::OnceLock<Option<tokio::runtime::Runtime>> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("postgres").enable_all().build().ok())
        .as_ref()
        .ok_or_else(|| DbError::Postgres("no runtime for the database connections".into()))
}

/// The shared database. Cloning shares the pool.
#[derive(Clone)]
pub struct PgStore {
    pub(super) pool: Pool,
    pub(super) ttl_secs: i64,
    pub(super) endpoints: Arc<Vec<String>>,
    pub(super) give_up_ms: i64,
}

impl From<tokio_postgres::Error> for DbError {
    fn from(e: tokio_postgres::Error) -> Self {
        DbError::Postgres(e.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for DbError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        DbError::Postgres(e.to_string())
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`), brings the schema up
    /// to date, and keeps a pool of `connections`.
    pub async fn connect(url: &str, connections: usize) -> Result<Self, DbError> {
        let url = url.to_owned();
        runtime()?.spawn(async move { Self::connect_here(&url, connections).await }).await.map_err(|e| DbError::Postgres(e.to_string()))?
    }

    /// [`PgStore::connect`] for a caller without a runtime of its own (or one that must not
    /// wait on it, as a synchronous test helper inside a test's runtime).
    pub fn open(url: &str, connections: usize) -> Result<Self, DbError> {
        let url = url.to_owned();
        std::thread::spawn(move || runtime()?.block_on(Self::connect_here(&url, connections)))
            .join()
            .map_err(|_| DbError::Postgres("connecting stopped".into()))?
    }

    async fn connect_here(url: &str, connections: usize) -> Result<Self, DbError> {
        let config: tokio_postgres::Config = url.parse().map_err(|e: tokio_postgres::Error| DbError::Postgres(format!("{url:?} is not a PostgreSQL address: {e}")))?;
        let (mut client, connection) = config.connect(NoTls).await?;
        let driver = tokio::spawn(connection);
        client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await?;
        let migrated = embedded::migrations::runner().run_async(&mut client).await;
        client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await?;
        drop(client);
        let _ = driver.await;
        migrated.map_err(|e| DbError::Postgres(format!("schema: {e}")))?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager).max_size(connections.max(2)).build().map_err(|e| DbError::Postgres(e.to_string()))?;
        Ok(Self {
            pool,
            ttl_secs: crate::db::DRAFT_TTL_SECS,
            endpoints: Arc::new(Vec::new()),
            give_up_ms: crate::delivery::Policy::default().give_up_after.as_millis() as i64,
        })
    }

    /// Keeps untouched drafts for `secs` seconds instead of the default.
    pub fn with_ttl(mut self, secs: i64) -> Self {
        self.ttl_secs = secs.max(1);
        self
    }

    /// Writes an event for each of these endpoints with every order change, given up `give_up`
    /// after it was written.
    pub fn with_delivery(mut self, endpoints: Vec<String>, give_up: std::time::Duration) -> Self {
        self.endpoints = Arc::new(endpoints);
        self.give_up_ms = i64::try_from(give_up.as_millis()).unwrap_or(i64::MAX);
        self
    }

    /// Runs `f` to completion on the connections' runtime. Store calls come from blocking
    /// threads (see `routes::blocking`), where waiting is allowed.
    fn run<T>(&self, f: impl Future<Output = Result<T, DbError>>) -> Result<T, DbError> {
        runtime()?.block_on(f)
    }
}

impl Store for PgStore {
    fn create_signup_for(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError> {
        self.run(self.create_signup(partner))
    }
    fn get_signup(&self, id: &str, token: &str) -> Result<Signup, DbError> {
        self.run(self.signup(id, token))
    }
    fn update_signup(&self, id: &str, token: &str, expected_version: u64, patch: DraftSections, check: Check<'_>) -> Result<Signup, DbError> {
        self.run(self.update(id, token, expected_version, patch, check))
    }
    fn signup_partner(&self, id: &str) -> Result<Option<String>, DbError> {
        self.run(self.partner(id))
    }
    fn domain_state(&self, name: &str) -> Result<Option<DomainStatus>, DbError> {
        self.run(self.domain(name))
    }
    fn reserve_labels(&self, labels: &[String]) -> Result<(), DbError> {
        self.run(self.reserve(labels))
    }
    fn add_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError> {
        self.run(self.store_asset(signup_id, token, image))
    }
    fn sweep_assets(&self) -> Result<usize, DbError> {
        self.run(self.sweep())
    }
    fn asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError> {
        self.run(self.read_asset(signup_id, token, asset_id))
    }
    fn asset_kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError> {
        self.run(self.kinds(signup_id, ids))
    }
    fn submit(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &crate::orders::NewPayment) -> Result<(Order, bool), DbError> {
        self.run(self.place(signup_id, token, key, sections, locale, payment))
    }
    fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(ProviderOrder, u32), DbError> {
        self.run(PgStore::begin_checkout(self, order_id, token))
    }
    fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError> {
        self.run(PgStore::checkout_attempts(self, order_id))
    }
    fn report_payment(&self, order_id: &str, state: onramp_api::payment::PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError> {
        self.run(self.payment_report(order_id, state, reason, hold))
    }
    fn order(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.run(self.customer_order(order_id, token))
    }
    fn provider_order(&self, order_id: &str) -> Result<ProviderOrder, DbError> {
        self.run(self.full_order(order_id))
    }
    fn retry_failed(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.run(self.retry(order_id, token))
    }
    fn pending_work(&self) -> Result<Vec<Work>, DbError> {
        self.run(self.claim_work())
    }
    fn release_work(&self, order_id: &str, position: i64) -> Result<(), DbError> {
        self.run(self.release(order_id, position))
    }
    fn set_step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError> {
        self.run(self.step(order_id, position, state, detail, mail))
    }
    fn report_step(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError> {
        self.run(self.report(order_id, kind, report))
    }
    fn reserve_mail(&self, signup_id: &str, address: &str, limits: MailLimits) -> Result<Result<(), u64>, DbError> {
        self.run(self.mail_allowance(signup_id, address, limits))
    }
    fn add_events(&self, batch: &EventBatch) -> Result<(), DbError> {
        self.run(self.events(batch))
    }
    fn funnel(&self) -> Result<Vec<FunnelLine>, DbError> {
        self.run(self.funnel_lines())
    }
    fn queue_mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
        self.run(self.mail(id, mail))
    }
    fn claim_deliveries(&self, now_ms: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError> {
        self.run(self.claim(now_ms, lease_ms, limit))
    }
    fn finish_delivery(&self, id: &str, outcome: &Outcome) -> Result<(), DbError> {
        self.run(self.finish(id, outcome))
    }
    fn deliveries(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError> {
        self.run(self.listing(states))
    }
    fn retry_delivery(&self, id: &str) -> Result<bool, DbError> {
        self.run(self.due_now(id))
    }
}
