//! Rate limits per client address: a token bucket for availability checks and one for draft
//! creation, answered with `429` problem+json and `Retry-After` when empty.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
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
}

/// Requests per minute for each kind (each also the burst size).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Availability checks per minute.
    pub availability_per_min: u32,
    /// New drafts per minute.
    pub create_per_min: u32,
    /// Funnel event batches (`POST /events`) per minute and client.
    pub events_per_min: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self { availability_per_min: 240, create_per_min: 60, events_per_min: 120 }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

type Buckets = HashMap<(Kind, Option<IpAddr>), Bucket>;

/// The buckets, shared by all requests.
#[derive(Clone)]
pub struct Limiter {
    limits: Limits,
    buckets: Arc<Mutex<Buckets>>,
}

impl Limiter {
    /// A limiter with `limits`.
    pub fn new(limits: Limits) -> Self {
        Self { limits, buckets: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// Takes one token for `client`; `Err(seconds)` until the next one when there is none.
    pub fn take(&self, kind: Kind, client: Option<IpAddr>, now: Instant) -> Result<(), u64> {
        let per_min = f64::from(match kind {
            Kind::Availability => self.limits.availability_per_min,
            Kind::Create => self.limits.create_per_min,
            Kind::Events => self.limits.events_per_min,
        })
        .max(1.0);
        let rate = per_min / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle clients now and then, so the map does not grow without bound.
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.duration_since(b.at).as_secs() < 120);
        }
        let bucket = buckets.entry((kind, client)).or_insert(Bucket { tokens: per_min, at: now });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(per_min);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

fn limited(seconds: u64) -> Response {
    let problem = Problem::new("/problems/rate-limited", 429, "Too many requests")
        .with_detail(format!("Slow down; try again in {seconds} seconds."));
    let mut response = ApiError(problem).into_response();
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

async fn check(state: &AppState, kind: Kind, request: Request, next: Next) -> Response {
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    match state.limiter.take(kind, client, Instant::now()) {
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

/// The middleware for funnel events.
pub async fn events(State(state): State<AppState>, request: Request, next: Next) -> Response {
    check(&state, Kind::Events, request, next).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refill_per_client() {
        let l = Limiter::new(Limits { availability_per_min: 60, create_per_min: 2, ..Limits::default() });
        let t0 = Instant::now();
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        let b = Some(IpAddr::from([10, 0, 0, 2]));
        assert_eq!(l.take(Kind::Create, a, t0), Ok(()));
        assert_eq!(l.take(Kind::Create, a, t0), Ok(()));
        assert_eq!(l.take(Kind::Create, a, t0), Err(30), "2 a minute: one every 30 s");
        assert_eq!(l.take(Kind::Create, b, t0), Ok(()), "another client has its own bucket");
        assert_eq!(l.take(Kind::Availability, a, t0), Ok(()), "another kind too");
        assert_eq!(l.take(Kind::Create, a, t0 + std::time::Duration::from_secs(30)), Ok(()));
    }
}
