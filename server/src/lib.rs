//! Onramp's reference hosting backend: the `/api/v1` JSON API over an embedded SQLite database,
//! and the built app from the same origin.
//!
//! [`app`] builds the whole service as a `Router`, so tests drive it with `oneshot` and `main`
//! only binds it to a socket.

pub mod auth;
pub mod config;
mod db;
pub mod dns;
pub mod funnel;
pub mod guard;
pub mod headers;
mod images;
pub mod limit;
pub mod orders;
pub mod delivery;
mod outbox;
pub mod payments;
pub mod pg;
pub mod page;
pub mod partner_demo;
pub mod provision;
mod problem;
mod routes;
pub mod serve;
pub mod store;
mod time;
pub mod trace;

pub use db::{Db, DbError, MailLimits, StoredImage};
pub use orders::Work;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use onramp_api::Catalog;
use tower_http::services::ServeDir;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Largest draft update: a moderation section may hold up to 20,000 federation blocks.
pub const DRAFT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Where drafts, assets and orders are kept.
    pub db: Arc<dyn store::Store>,
    /// What is sold.
    pub catalog: Arc<Catalog>,
    /// The built app (Trunk's `dist/`), if it is served from here.
    pub static_dir: Option<PathBuf>,
    /// Where own domains must point.
    pub edge: onramp_api::dns::Edge,
    /// The DNS resolver that verification asks.
    pub resolver: std::net::SocketAddr,
    /// How mail and webhook events leave (the outbox worker's transports and endpoints).
    pub delivery: delivery::Deliveries,
    /// The sender address of mail.
    pub mail_from: String,
    /// Origins whose pages may change things through the API besides the request's own host:
    /// `public_url`'s and the partners'.
    pub trusted_origins: Vec<String>,
    /// The key the provider's own calls carry; `None`: such calls are refused.
    pub api_key: Option<config::ApiKey>,
    /// The app's address as users reach it, for links in mail.
    pub public_url: String,
    /// Security headers, computed from the built app.
    pub headers: Arc<headers::SecurityHeaders>,
    /// Rate limits per client.
    pub limiter: limit::Limiter,
    /// How often a resume link may be mailed.
    pub mail_limits: MailLimits,
    /// What bounds memory: image checks and upload bodies at once.
    pub memory: MemoryLimits,
    /// Deadlines of connections and requests.
    pub timeouts: serve::Timeouts,
    /// Image checks under way (`memory.image_decodes` permits).
    pub decodes: Arc<tokio::sync::Semaphore>,
    /// Partners that may embed the app.
    pub partners: Arc<Vec<onramp_api::embed::Partner>>,
    /// The provider's checkout, when card and SEPA payments are handed to it.
    pub payments: Option<Arc<payments::PaymentSettings>>,
}

/// What bounds the server's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryLimits {
    /// Image checks (decode and re-encode) at once.
    pub image_decodes: usize,
    /// Upload bodies being read at once (each at most 4 MB).
    pub uploads_in_flight: usize,
}

impl Default for MemoryLimits {
    fn default() -> Self {
        Self { image_decodes: 2, uploads_in_flight: 8 }
    }
}

impl MemoryLimits {
    /// The most image work holds at once: every check at its worst, and every body in flight.
    pub fn worst_case_bytes(&self) -> u64 {
        images::worst_case_bytes() * self.image_decodes as u64 + onramp_api::asset::MAX_BYTES * self.uploads_in_flight as u64
    }
}

/// The token the ownership TXT record must hold for draft `id`.
pub fn challenge_token(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("onramp-challenge:{id}").as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("onramp-verify={hex}")
}

/// The first `nameserver` of `/etc/resolv.conf`, else 127.0.0.1:53.
pub fn system_resolver() -> std::net::SocketAddr {
    std::fs::read_to_string("/etc/resolv.conf")
        .ok()
        .and_then(|conf| {
            conf.lines().find_map(|l| {
                let ip = l.trim().strip_prefix("nameserver")?.trim();
                ip.parse::<std::net::IpAddr>().ok()
            })
        })
        .map(|ip| std::net::SocketAddr::new(ip, 53))
        .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 53)))
}

/// The reference edge (documentation addresses; a provider sets its own with `--edge-*`).
pub fn reference_edge() -> onramp_api::dns::Edge {
    onramp_api::sample::edge()
}

impl AppState {
    /// State over a database with the sample catalogue.
    pub fn new(db: Db) -> Self {
        Self::with_store(Arc::new(db))
    }

    /// State over any store with the sample catalogue.
    pub fn with_store(db: Arc<dyn store::Store>) -> Self {
        Self {
            db,
            catalog: Arc::new(onramp_api::sample::catalog()),
            static_dir: None,
            edge: reference_edge(),
            resolver: system_resolver(),
            delivery: delivery::Deliveries::default(),
            mail_from: config::Settings::default().mail_from,
            api_key: None,
            payments: None,
            trusted_origins: Vec::new(),
            public_url: "http://127.0.0.1:8080".into(),
            headers: Arc::new(headers::SecurityHeaders::new(None, false)),
            limiter: limit::Limiter::new(limit::Limits::default()),
            mail_limits: MailLimits::default(),
            memory: MemoryLimits::default(),
            timeouts: serve::Timeouts::default(),
            decodes: Arc::new(tokio::sync::Semaphore::new(MemoryLimits::default().image_decodes)),
            partners: Arc::new(onramp_api::sample::partners()),
        }
    }

    /// These partners instead of the sample ones.
    pub fn with_partners(mut self, partners: Vec<onramp_api::embed::Partner>) -> Self {
        self.partners = Arc::new(partners);
        self
    }

    /// Mail is written to `dir` as `.eml` files, in the provider's name.
    pub fn with_outbox(mut self, dir: PathBuf) -> Self {
        self.delivery.mailer = Some(Arc::new(delivery::mail::Mailer::files(dir)));
        self
    }

    /// Mail goes through the provider's SMTP server.
    pub fn with_smtp(mut self, smtp: delivery::SmtpSettings) -> Result<Self, String> {
        self.delivery.mailer = Some(Arc::new(delivery::mail::Mailer::smtp(&smtp)?));
        self.delivery.smtp = Some(smtp);
        Ok(self)
    }

    /// Order events go to these endpoints (and the provider reports the steps), retried as
    /// `policy` says.
    pub fn with_webhooks(mut self, endpoints: Vec<delivery::Endpoint>, policy: delivery::Policy) -> Self {
        self.delivery.endpoints = Arc::new(endpoints);
        self.delivery.policy = policy;
        self.delivery.http = delivery::post::client(policy.timeout);
        self
    }

    /// In whose name mail goes out.
    pub fn sender(&self) -> delivery::mail::Sender {
        delivery::mail::Sender {
            name: self.catalog.provider.name.clone(),
            address: self.mail_from.clone(),
            support: self.catalog.provider.support_email.clone(),
        }
    }

    /// Sells this catalogue (with its provider), instead of the sample one.
    pub fn with_catalog(mut self, catalog: Catalog) -> Self {
        self.catalog = Arc::new(catalog);
        self
    }

    /// Mail comes from this address.
    pub fn with_mail_from(mut self, from: impl Into<String>) -> Self {
        self.mail_from = from.into();
        self
    }

    /// Card and SEPA payments go to this checkout.
    pub fn with_payments(mut self, payments: payments::PaymentSettings) -> Self {
        self.payments = Some(Arc::new(payments));
        self
    }

    /// The provider's calls are authenticated with this key.
    pub fn with_api_key(mut self, key: config::ApiKey) -> Self {
        self.api_key = Some(key);
        self
    }

    /// Links in mail start with `url`.
    pub fn with_public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = url.into();
        self
    }

    /// Verification asks this resolver.
    pub fn with_resolver(mut self, resolver: std::net::SocketAddr) -> Self {
        self.resolver = resolver;
        self
    }

    /// Own domains must point here.
    pub fn with_edge(mut self, edge: onramp_api::dns::Edge) -> Self {
        self.edge = edge;
        self
    }

    /// Serves the built app from `dir` beside the API (its pages get a CSP made for it).
    pub fn with_static_dir(mut self, dir: PathBuf) -> Self {
        self.headers = Arc::new(headers::SecurityHeaders::new(Some(&dir), self.headers.hsts));
        self.static_dir = Some(dir);
        self
    }

    /// Rate limits other than the defaults.
    pub fn with_limits(mut self, limits: limit::Limits) -> Self {
        self.limiter = limit::Limiter::new(limits);
        self
    }

    /// At most these image checks and upload bodies at once.
    pub fn with_memory_limits(mut self, memory: MemoryLimits) -> Self {
        self.decodes = Arc::new(tokio::sync::Semaphore::new(memory.image_decodes.max(1)));
        self.memory = memory;
        self
    }

    /// These deadlines instead of the defaults.
    pub fn with_timeouts(mut self, timeouts: serve::Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Resume links mailed at most this often.
    pub fn with_mail_limits(mut self, limits: MailLimits) -> Self {
        self.mail_limits = limits;
        self
    }

    /// Sends `Strict-Transport-Security` (only behind HTTPS).
    pub fn with_hsts(mut self) -> Self {
        let mut h = (*self.headers).clone();
        h.hsts = true;
        self.headers = Arc::new(h);
        self
    }
}

/// Runs a store call off the async runtime.
pub async fn blocking_db<T: Send + 'static>(f: impl FnOnce() -> Result<T, DbError> + Send + 'static) -> Result<T, DbError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| DbError::Corrupt(e.to_string()))?
}

/// Deletes the images of expired drafts every `every`, in the background.
pub fn spawn_sweeper(db: Arc<dyn store::Store>, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let db = db.clone();
            match tokio::task::spawn_blocking(move || db.sweep_assets()).await {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!(deleted = n, "images of expired drafts deleted"),
                Ok(Err(e)) => tracing::error!(error = %e, "sweeping images"),
                Err(e) => tracing::error!(error = %e, "sweeping images"),
            }
        }
    });
}

/// The server as the configuration describes it (over `db`): catalogue, provider, partners,
/// edge, resolver, limits, mail and key. What the command line overrides is applied after.
pub fn state_from(db: Db, settings: &config::Settings) -> AppState {
    let db = db.with_delivery(settings.webhooks.iter().map(|e| e.url.clone()).collect(), settings.delivery.give_up_after);
    state_over(Arc::new(db), settings)
}

/// [`state_from`] over any store, set up already (its webhook endpoints and draft lifetime).
pub fn state_over(db: Arc<dyn store::Store>, settings: &config::Settings) -> AppState {
    let mut state = AppState::with_store(db)
        .with_webhooks(settings.webhooks.clone(), settings.delivery).with_catalog(settings.catalog.clone()).with_mail_from(settings.mail_from.clone()).with_limits(settings.limits).with_mail_limits(settings.mail_limits).with_memory_limits(settings.memory).with_timeouts(settings.timeouts);
    if let Some(partners) = &settings.partners {
        state = state.with_partners(partners.clone());
    }
    if let Some(edge) = &settings.edge {
        state = state.with_edge(edge.clone());
    }
    if let Some(resolver) = settings.resolver {
        state = state.with_resolver(resolver);
    }
    if let Some(key) = &settings.api_key {
        state = state.with_api_key(key.clone());
    }
    if let Some(payments) = &settings.payments {
        state = state.with_payments(payments.clone());
    }
    state
}

/// Reads and checks a partners file (a JSON array of partner settings): every problem, located.
pub fn load_partners(path: &std::path::Path, catalog: &Catalog) -> Result<Vec<onramp_api::embed::Partner>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let partners: Vec<onramp_api::embed::Partner> =
        serde_json::from_str(&text).map_err(|e| format!("{}: not a JSON array of partners: {e}", path.display()))?;
    let mut problems = Vec::new();
    for (i, p) in partners.iter().enumerate() {
        for e in p.validate(catalog) {
            problems.push(format!("{}: partner {i} ({}) {}: {}", path.display(), p.id, e.pointer, e.detail));
        }
        if partners.iter().filter(|q| q.id == p.id).count() > 1 {
            problems.push(format!("{}: partner id {} is listed twice", path.display(), p.id));
        }
    }
    if problems.is_empty() {
        Ok(partners)
    } else {
        Err(problems.join("\n"))
    }
}

/// The whole service: `/api/v1` and, when configured, the app with a fallback to `index.html`
/// so that every step's URL can be loaded directly.
pub fn app(state: AppState) -> Router {
    let mut trusted: Vec<String> = state.partners.iter().flat_map(|p| p.allowed_origins.clone()).collect();
    trusted.extend(guard::origin_of(&state.public_url));
    let state = AppState { trusted_origins: trusted, ..state };
    let api = routes::router(state.clone())
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::browser_calls))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(problem::api_answers));
    let router = Router::new().nest(onramp_api::API_PREFIX, api);
    let router = match &state.static_dir {
        // `name.br`/`name.gz` beside a file (written by the build) are sent as they are; other
        // files are compressed per response. The page itself carries the provider's name, so it
        // is rendered (see `page`) for `/`, `/index.html` and every step's URL.
        Some(dir) => {
            use axum::handler::Handler;
            let page = page::index.with_state(state.clone());
            router
                .route("/", axum::routing::get(page::index))
                .route("/index.html", axum::routing::get(page::index))
                .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(page))
        }
        None => router.fallback(problem::not_found),
    };
    router
        .layer(axum::middleware::from_fn_with_state(state.clone(), headers::apply))
        .layer(trace::layer())
        .layer(tower_http::compression::CompressionLayer::new().br(true).gzip(true))
        .with_state(state)
}
