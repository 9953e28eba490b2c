//! What the outbox holds and says: channels, claimed deliveries, their outcomes and listings,
//! the mail server and webhook endpoints, and secrets kept out of logs.

use std::time::Duration;

use crate::config::SmtpSecurity;

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

