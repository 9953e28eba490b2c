//! Deliveries from the transactional outbox: mail (through the provider's SMTP server, or as
//! `.eml` files) and signed webhook events, each a row written in the same transaction as the
//! change it reports, delivered at least once with exponential backoff and jitter until it
//! succeeds or its time is up. A row is leased while it is tried, so a process killed
//! mid-delivery leaves it to be tried again, and several instances never send it at once.

pub mod mail;
pub mod post;
pub mod sign;

use std::time::Duration;

use crate::config::SmtpSecurity;
use crate::AppState;

/// Keeps a secret out of `Debug` output and logs.
#[derive(Clone)]
pub struct Hidden<T>(pub T);

impl<T> std::fmt::Debug for Hidden<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hidden(…)")
    }
}

/// The provider's mail server.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// STARTTLS, TLS, or none (loopback only).
    pub security: SmtpSecurity,
    /// Login and password.
    pub login: Option<(String, Hidden<String>)>,
    /// Longest conversation.
    pub timeout: Duration,
}

/// A webhook endpoint and its signing key.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Where events are posted.
    pub url: String,
    /// The HMAC key (the decoded `whsec_` secret).
    pub key: Hidden<Vec<u8>>,
}

/// How deliveries are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Wait before the first retry.
    pub first_retry: Duration,
    /// Longest wait between two attempts.
    pub max_retry: Duration,
    /// A delivery not done this long after it was written is given up.
    pub give_up_after: Duration,
    /// Longest webhook request.
    pub timeout: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            first_retry: Duration::from_secs(5),
            max_retry: Duration::from_secs(3_600),
            give_up_after: Duration::from_secs(3 * 86_400),
            timeout: Duration::from_secs(10),
        }
    }
}

impl Policy {
    /// The wait after `attempts` failed attempts: doubling from `first_retry` up to
    /// `max_retry`, of which a random half (`jitter` in 0..1) is taken off, so receivers that
    /// come back are not hit by every sender at the same instant.
    pub fn retry_in(&self, attempts: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(attempts.saturating_sub(1).min(30));
        let full = self.first_retry.saturating_mul(doubling).min(self.max_retry);
        full.mul_f64(1.0 - 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// How long a claimed delivery is held before another attempt may take it: the longest an
    /// attempt can take, and a margin.
    pub fn lease(&self, smtp: Option<&SmtpSettings>) -> Duration {
        self.timeout.max(smtp.map_or(Duration::ZERO, |s| s.timeout)) + Duration::from_secs(5)
    }
}

/// Which way a delivery goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A mail to a customer.
    Mail,
    /// An event to a provider endpoint.
    Webhook,
}

impl Channel {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mail => "mail",
            Self::Webhook => "webhook",
        }
    }

    /// Parses the stored value.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Mail, Self::Webhook].into_iter().find(|c| c.as_str() == s)
    }
}

/// A delivery claimed for an attempt.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Row id (unique per event and endpoint, or per mail).
    pub id: String,
    /// The event's id, the same for every endpoint and attempt (`webhook-id`).
    pub event_id: String,
    /// Mail or webhook.
    pub channel: Channel,
    /// Address or endpoint URL.
    pub target: String,
    /// The mail as JSON ([`mail::QueuedMail`]) or the event body.
    pub body: String,
    /// Attempts made before this one.
    pub attempts: u32,
    /// When it was written (ms).
    pub created_at_ms: i64,
    /// When it is given up (ms).
    pub deadline_ms: i64,
}

/// What an attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered.
    Delivered,
    /// Failed for now; tried again at `at_ms`.
    Retry {
        /// When.
        at_ms: i64,
        /// Why it failed (no secrets).
        error: String,
    },
    /// Given up: the time is up or the receiver refused it for good.
    Failed {
        /// Why.
        error: String,
    },
}

/// A delivery as `onramp-server outbox` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryLine {
    /// Row id.
    pub id: String,
    /// Mail or webhook.
    pub channel: Channel,
    /// Address or URL.
    pub target: String,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    /// Attempts made.
    pub attempts: u32,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// When it is tried next (RFC 3339), while pending.
    pub next_at: Option<String>,
    /// The last error.
    pub last_error: Option<String>,
    /// What it is about (mail subject or event type).
    pub about: String,
}

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

/// Runs the delivery worker until the process ends, looking for due deliveries every `every`.
pub fn spawn(state: AppState, every: Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = run_once(&state).await {
                tracing::error!(error = %e, "deliveries");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let p = Policy { first_retry: Duration::from_secs(5), max_retry: Duration::from_secs(60), ..Policy::default() };
        assert_eq!(p.retry_in(1, 0.0), Duration::from_secs(5));
        assert_eq!(p.retry_in(2, 0.0), Duration::from_secs(10));
        assert_eq!(p.retry_in(3, 1.0), Duration::from_secs(10), "half taken off at most");
        assert_eq!(p.retry_in(10, 0.0), Duration::from_secs(60));
        assert_eq!(p.retry_in(u32::MAX, 0.0), Duration::from_secs(60), "no overflow");
    }
}
