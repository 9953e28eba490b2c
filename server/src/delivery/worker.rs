//! The delivery worker: claims what is due, makes one attempt at each (mail or webhook), and
//! stores what came of it.

use std::time::Duration;

use super::{mail, post, Channel, Delivery, Endpoint, Outcome, Policy, SmtpSettings};
use crate::AppState;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp_nanos().checked_div(1_000_000).and_then(|n| i64::try_from(n).ok()).unwrap_or(0)
}

fn jitter() -> f64 {
    let mut b = [0u8; 2];
    if getrandom::fill(&mut b).is_err() {
        return 0.5;
    }
    f64::from(u16::from_le_bytes(b)) / f64::from(u16::MAX)
}

/// Most deliveries claimed at once by one instance.
const BATCH: usize = 16;

/// Runs the delivery worker until the process ends, looking for due deliveries every `every`,
/// and at once again after a round that tried some (an order's next event waits for the one
/// before it, so a burst of events goes out one round each).
pub fn spawn(state: AppState, every: Duration) {
    tokio::spawn(async move {
        loop {
            match run_once(&state).await {
                Ok(tried) if tried > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "deliveries"),
            }
            tokio::time::sleep(every).await;
        }
    });
}

/// Claims the deliveries due now and makes one attempt at each (at once); how many were tried.
pub async fn run_once(state: &AppState) -> Result<usize, crate::DbError> {
    let lease = state.delivery.policy.lease(state.delivery.smtp.as_ref());
    let db = state.db.clone();
    let claimed = crate::blocking_db(move || db.claim_deliveries(now_ms(), lease.as_millis() as i64, BATCH)).await?;
    let count = claimed.len();
    let mut attempts = tokio::task::JoinSet::new();
    for d in claimed {
        let state = state.clone();
        attempts.spawn(async move {
            let result = attempt(&state, &d).await;
            let now = now_ms();
            let outcome = match result {
                Ok(()) => Outcome::Delivered,
                Err(Attempt::Refused(error)) => Outcome::Failed { error },
                Err(Attempt::Later(error)) => {
                    let at_ms = now + state.delivery.policy.retry_in(d.attempts + 1, jitter()).as_millis() as i64;
                    if at_ms > d.deadline_ms {
                        Outcome::Failed { error: format!("given up after {} attempts: {error}", d.attempts + 1) }
                    } else {
                        Outcome::Retry { at_ms, error }
                    }
                }
            };
            match &outcome {
                Outcome::Delivered => tracing::info!(id = %d.id, channel = d.channel.as_str(), attempt = d.attempts + 1, "delivered"),
                Outcome::Retry { error, .. } => tracing::warn!(id = %d.id, channel = d.channel.as_str(), attempt = d.attempts + 1, error = %error, "delivery failed; retrying"),
                Outcome::Failed { error } => tracing::error!(id = %d.id, channel = d.channel.as_str(), attempt = d.attempts + 1, error = %error, "delivery given up"),
            }
            let (db, id) = (state.db.clone(), d.id.clone());
            crate::blocking_db(move || db.finish_delivery(&id, &outcome)).await
        });
    }
    while let Some(done) = attempts.join_next().await {
        match done {
            Ok(Err(e)) => tracing::error!(error = %e, "deliveries: the outcome could not be stored"),
            Err(e) => tracing::error!(error = %e, "deliveries: an attempt stopped"),
            Ok(Ok(())) => {}
        }
    }
    Ok(count)
}

/// Why an attempt did not deliver.
#[derive(Debug)]
pub enum Attempt {
    /// Worth trying again (a server down, a timeout, a 5xx).
    Later(String),
    /// Never going to work (an address refused for good, an endpoint no longer configured).
    Refused(String),
}

async fn attempt(state: &AppState, d: &Delivery) -> Result<(), Attempt> {
    match d.channel {
        Channel::Mail => {
            let queued: mail::QueuedMail = serde_json::from_str(&d.body).map_err(|e| Attempt::Refused(format!("stored mail unreadable: {e}")))?;
            let Some(mailer) = &state.delivery.mailer else { return Err(Attempt::Later("no mail transport is configured".into())) };
            mailer.send(&d.id, &queued, &state.sender()).await
        }
        Channel::Webhook => {
            let Some(endpoint) = state.delivery.endpoints.iter().find(|e| e.url == d.target) else {
                return Err(Attempt::Refused("this endpoint is no longer in the configuration".into()));
            };
            post::deliver(&state.delivery.http, endpoint, &d.event_id, d.body.as_bytes()).await
        }
    }
}

/// Everything deliveries need, shared by the handlers and the worker.
#[derive(Clone)]
pub struct Deliveries {
    /// How mail leaves; `None`: no mail is queued.
    pub mailer: Option<std::sync::Arc<mail::Mailer>>,
    /// The provider's endpoints; empty: no events are written and provisioning is simulated.
    pub endpoints: std::sync::Arc<Vec<Endpoint>>,
    /// The mail server, when mail goes through one.
    pub smtp: Option<SmtpSettings>,
    /// Retry rules.
    pub policy: Policy,
    /// The HTTP client webhooks go through.
    pub http: reqwest::Client,
}

impl Default for Deliveries {
    /// No mail, no endpoints.
    fn default() -> Self {
        Self { mailer: None, endpoints: std::sync::Arc::new(Vec::new()), smtp: None, policy: Policy::default(), http: post::client(Policy::default().timeout) }
    }
}

