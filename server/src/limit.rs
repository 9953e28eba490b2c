//! Rate limits per client through `governor` (a GCRA keyed limiter): availability checks, draft
//! creation and funnel events, answered with `429` problem+json and `Retry-After` when spent.
//! Clients are keyed by IPv4 address or IPv6 /64 (one customer line holds a whole /64); idle keys
//! are dropped by a background task, and the map is capped.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use onramp_api::Problem;

use crate::problem::ApiError;
use crate::AppState;

/// What is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `GET /domains/availability`.
    Availability,
    /// `POST /signups`.
    Create,
    /// `POST /events`.
    Events,
    /// `POST /csp-reports`.
    Reports,
    /// `POST /signups/{id}/assets`.
    Uploads,
}

/// Requests per minute and client for each kind (each also the burst size), for this instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Availability checks per minute.
    pub availability_per_min: u32,
    /// New drafts per minute.
    pub create_per_min: u32,
    /// Funnel event batches (`POST /events`) per minute and client.
    pub events_per_min: u32,
    /// CSP violation reports per minute and client.
    pub reports_per_min: u32,
    /// Image uploads per minute and client.
    pub uploads_per_min: u32,
    /// Image uploads per minute and draft (whatever the client).
    pub uploads_per_draft_per_min: u32,
    /// Most clients each limiter remembers before it forgets them all.
    pub max_clients: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { availability_per_min: 240, create_per_min: 60, events_per_min: 120, reports_per_min: 30, uploads_per_min: 20, uploads_per_draft_per_min: 10, max_clients: 50_000 }
    }
}

impl Limits {
    /// This instance's share when `instances` servers behind one address share the limits (a
    /// load balancer spreads a client's requests, so each instance holds `1/instances`).
    pub fn share(self, instances: u32) -> Self {
        let n = instances.max(1);
        let part = |v: u32| v.div_ceil(n).max(1);
        Self {
            availability_per_min: part(self.availability_per_min),
            create_per_min: part(self.create_per_min),
            events_per_min: part(self.events_per_min),
            reports_per_min: part(self.reports_per_min),
            uploads_per_min: part(self.uploads_per_min),
            uploads_per_draft_per_min: part(self.uploads_per_draft_per_min),
            max_clients: self.max_clients,
        }
    }
}

/// The key a client is limited by: its IPv4 address, or the /64 of its IPv6 address (an
/// IPv4-mapped IPv6 address counts as the IPv4 address).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

type Keyed<K> = DefaultKeyedRateLimiter<K>;

fn keyed<K: std::hash::Hash + Eq + Clone>(per_min: u32) -> Arc<Keyed<K>> {
    let n = NonZeroU32::new(per_min.max(1)).unwrap_or(NonZeroU32::MIN);
    Arc::new(RateLimiter::keyed(Quota::per_minute(n)))
}

/// One kind's limiter, replaced by a fresh one when it remembers too many keys.
struct Slot<K: std::hash::Hash + Eq + Clone = IpAddr> {
    per_min: u32,
    current: RwLock<Arc<Keyed<K>>>,
}

impl<K: std::hash::Hash + Eq + Clone> Slot<K> {
    fn new(per_min: u32) -> Arc<Self> {
        Arc::new(Self { per_min, current: RwLock::new(keyed(per_min)) })
    }

    fn get(&self) -> Arc<Keyed<K>> {
        self.current.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn prune(&self, cap: usize) {
        let l = self.get();
        l.retain_recent();
        if l.len() > cap {
            // Past the cap (a flood of addresses) every client starts afresh: memory stays
            // bounded, at the price of one refilled allowance.
            *self.current.write().unwrap_or_else(|p| p.into_inner()) = keyed(self.per_min);
        } else {
            l.shrink_to_fit();
        }
    }
}

/// The limiters, shared by all requests.
#[derive(Clone)]
pub struct Limiter {
    limits: Limits,
    availability: Arc<Slot>,
    create: Arc<Slot>,
    events: Arc<Slot>,
    reports: Arc<Slot>,
    uploads: Arc<Slot>,
    draft_uploads: Arc<Slot<String>>,
}

impl Limiter {
    /// Limiters with `limits`.
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            availability: Slot::new(limits.availability_per_min),
            create: Slot::new(limits.create_per_min),
            events: Slot::new(limits.events_per_min),
            reports: Slot::new(limits.reports_per_min),
            uploads: Slot::new(limits.uploads_per_min),
            draft_uploads: Slot::new(limits.uploads_per_draft_per_min),
        }
    }

    fn of(&self, kind: Kind) -> &Slot {
        match kind {
            Kind::Availability => &self.availability,
            Kind::Create => &self.create,
            Kind::Events => &self.events,
            Kind::Reports => &self.reports,
            Kind::Uploads => &self.uploads,
        }
    }

    /// Takes one request for `client`; `Err(seconds)` until the next one is allowed.
    pub fn take(&self, kind: Kind, client: Option<IpAddr>) -> Result<(), u64> {
        // Requests without a peer address (tests through `oneshot`) share one key.
        let key = client.map_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), client_key);
        self.of(kind).get().check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Takes one upload for draft `id`; `Err(seconds)` until the next one is allowed.
    pub fn take_draft_upload(&self, id: &str) -> Result<(), u64> {
        self.draft_uploads.get().check_key(&id.to_owned()).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// How many clients the limiters remember, all kinds together.
    pub fn clients(&self) -> usize {
        [&self.availability, &self.create, &self.events, &self.reports, &self.uploads].iter().map(|s| s.get().len()).sum()
    }

    /// Forgets clients whose allowance is whole again, and everything past the cap.
    pub fn prune(&self) {
        for slot in [&self.availability, &self.create, &self.events, &self.reports, &self.uploads] {
            slot.prune(self.limits.max_clients);
        }
        self.draft_uploads.prune(self.limits.max_clients);
    }

    /// Prunes every `every` in the background (on the current Tokio runtime).
    pub fn spawn_pruner(&self, every: Duration) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                me.prune();
            }
        });
    }
}

/// A 429 with `Retry-After: seconds`, saying `detail`.
pub fn too_many(seconds: u64, detail: &str) -> LimitedError {
    LimitedError { seconds: seconds.max(1), detail: detail.to_owned() }
}

/// A 429 answer.
#[derive(Debug)]
pub struct LimitedError {
    seconds: u64,
    detail: String,
}

impl IntoResponse for LimitedError {
    fn into_response(self) -> Response {
        let problem = Problem::new(onramp_api::types::RATE_LIMITED, 429, "Too many requests")
            .with_detail(format!("{} Try again in {} seconds.", self.detail, self.seconds));
        let mut response = ApiError(problem).into_response();
        if let Ok(v) = HeaderValue::from_str(&self.seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

fn limited(seconds: u64) -> Response {
    too_many(seconds, "Slow down.").into_response()
}

async fn check(state: &AppState, kind: Kind, request: Request, next: Next) -> Response {
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    match state.limiter.take(kind, client) {
        Ok(()) => next.run(request).await,
        Err(seconds) => limited(seconds),
    }
}

/// Middleware for availability checks.
pub async fn availability(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Availability, request, next).await
}

/// Middleware for draft creation.
pub async fn create(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Create, request, next).await
}

/// The middleware for uploads.
pub async fn uploads(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Uploads, request, next).await
}

/// The middleware for CSP reports.
pub async fn reports(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Reports, request, next).await
}

/// The middleware for funnel events.
pub async fn events(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Events, request, next).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_and_kind_has_its_own_allowance() {
        let l = Limiter::new(Limits { availability_per_min: 60, create_per_min: 2, ..Limits::default() });
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        let b = Some(IpAddr::from([10, 0, 0, 2]));
        assert_eq!(l.take(Kind::Create, a), Ok(()));
        assert_eq!(l.take(Kind::Create, a), Ok(()));
        let wait = l.take(Kind::Create, a);
        assert!(matches!(wait, Err(s) if (29..=30).contains(&s)), "2 a minute: one every 30 s, got {wait:?}");
        assert_eq!(l.take(Kind::Create, b), Ok(()), "another client has its own allowance");
        assert_eq!(l.take(Kind::Availability, a), Ok(()), "another kind too");
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(one), client_key(same));
        assert_ne!(client_key(one), client_key(other));
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), IpAddr::from([192, 0, 2, 7]));
        assert_eq!(client_key(IpAddr::from([192, 0, 2, 7])), IpAddr::from([192, 0, 2, 7]));
        let l = Limiter::new(Limits { create_per_min: 1, ..Limits::default() });
        assert_eq!(l.take(Kind::Create, Some(one)), Ok(()));
        assert!(l.take(Kind::Create, Some(same)).is_err(), "rotating addresses in one /64 does not escape");
    }

    #[test]
    fn shares_and_the_cap_bound_the_state() {
        let shared = Limits { availability_per_min: 240, create_per_min: 61, events_per_min: 1, reports_per_min: 30, uploads_per_min: 20, uploads_per_draft_per_min: 10, max_clients: 100 }.share(2);
        assert_eq!((shared.availability_per_min, shared.create_per_min, shared.events_per_min), (120, 31, 1));
        let l = Limiter::new(Limits { max_clients: 100, ..Limits::default() });
        for i in 0..1_000u32 {
            let _ = l.take(Kind::Availability, Some(IpAddr::from(i.to_be_bytes())));
        }
        assert!(l.clients() >= 1_000);
        l.prune();
        assert_eq!(l.clients(), 0, "past the cap the limiter starts afresh");
    }
}
