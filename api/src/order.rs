//! Submitting a draft exactly once, and the order it becomes: provisioning step by step until
//! the server is live and the admin invite is sent.

use serde::{Deserialize, Serialize};

use crate::{DraftSections, ErrorCode, FieldError};

/// Header that makes a submit idempotent.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Whether `key` is a usable idempotency key: 16 to 128 letters, digits, `-` or `_`.
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Body of `POST /signups/{id}/submit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitRequest {
    /// The terms of service and the data-processing agreement are accepted.
    pub accept_terms: bool,
}

/// A step of provisioning, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The domain points at us (own domains) or is reserved (subdomains).
    DomainVerified,
    /// The Mastodon server is set up.
    ServerCreated,
    /// A TLS certificate is issued.
    TlsCertificate,
    /// Branding, rules and blocks are applied.
    BrandingApplied,
    /// The first admin is invited by email.
    AdminInviteSent,
}

impl StepKind {
    /// Every step, in order.
    pub const ALL: [Self; 5] =
        [Self::DomainVerified, Self::ServerCreated, Self::TlsCertificate, Self::BrandingApplied, Self::AdminInviteSent];

    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DomainVerified => "domain_verified",
            Self::ServerCreated => "server_created",
            Self::TlsCertificate => "tls_certificate",
            Self::BrandingApplied => "branding_applied",
            Self::AdminInviteSent => "admin_invite_sent",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Not started.
    Pending,
    /// Under way.
    Running,
    /// Finished.
    Done,
    /// Stopped; `detail` says what to fix.
    Failed,
}

impl StepState {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Running, Self::Done, Self::Failed].into_iter().find(|k| k.as_str() == s)
    }
}

/// One provisioning step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvisioningStep {
    /// Which step.
    pub kind: StepKind,
    /// Where it stands.
    pub state: StepState,
    /// When it started (RFC 3339).
    #[serde(default)]
    pub started_at: Option<String>,
    /// When it finished or failed (RFC 3339).
    #[serde(default)]
    pub finished_at: Option<String>,
    /// What to fix, when it failed (English; the app words known cases itself).
    #[serde(default)]
    pub detail: Option<String>,
}

/// Where an order stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Steps are running.
    Provisioning,
    /// A step failed and waits for a fix.
    NeedsAttention,
    /// The server is live and the invite is sent.
    Live,
}

/// An order: a submitted draft on its way to a running server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    /// Order id.
    pub id: String,
    /// The draft it came from.
    pub signup_id: String,
    /// When it was placed (RFC 3339).
    pub created_at: String,
    /// When the terms were accepted (RFC 3339, the server's clock).
    pub terms_accepted_at: String,
    /// As a whole.
    pub status: OrderStatus,
    /// Each step.
    pub steps: Vec<ProvisioningStep>,
    /// Where the server runs.
    pub web_domain: String,
    /// What handles end in.
    pub handle_domain: String,
    /// The first admin, `@name@domain`.
    pub admin_handle: String,
    /// Where the payment stands (absent on orders placed before payments were tracked).
    #[serde(default)]
    pub payment: Option<crate::payment::Payment>,
}

impl Order {
    /// The status the steps amount to.
    pub fn status_of(steps: &[ProvisioningStep]) -> OrderStatus {
        if steps.iter().any(|s| s.state == StepState::Failed) {
            OrderStatus::NeedsAttention
        } else if !steps.is_empty() && steps.iter().all(|s| s.state == StepState::Done) {
            OrderStatus::Live
        } else {
            OrderStatus::Provisioning
        }
    }
}

/// Rules a draft must meet before it becomes an order, besides each section's own: every
/// section answered and the terms accepted.
pub fn check_submittable(sections: &DraftSections, request: &SubmitRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let missing = |present: bool, pointer: &str, what: &str| {
        (!present).then(|| FieldError::new(pointer, ErrorCode::Required, format!("Answer the {what} step first.")))
    };
    errors.extend(missing(sections.plan.is_some(), "/plan", "plan"));
    errors.extend(missing(sections.organization.is_some(), "/organization", "organization"));
    errors.extend(missing(sections.domain.is_some(), "/domain", "domain"));
    errors.extend(missing(sections.branding.is_some(), "/branding", "branding"));
    errors.extend(missing(sections.moderation.is_some(), "/moderation", "moderation"));
    if !request.accept_terms {
        errors.push(FieldError::new(
            "/accept_terms",
            ErrorCode::Required,
            "Accept the terms of service and the data-processing agreement.",
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_statuses() {
        assert!(is_idempotency_key("0123456789abcdef"));
        assert!(is_idempotency_key("c1a5e0f2-7d7b-4b0e-9d55-2f0e5a1b9c3d"));
        assert!(!is_idempotency_key("short"));
        assert!(!is_idempotency_key("0123456789abcdef with space"));
        let step = |state| ProvisioningStep { kind: StepKind::ServerCreated, state, started_at: None, finished_at: None, detail: None };
        assert_eq!(Order::status_of(&[step(StepState::Done), step(StepState::Running)]), OrderStatus::Provisioning);
        assert_eq!(Order::status_of(&[step(StepState::Done), step(StepState::Failed)]), OrderStatus::NeedsAttention);
        assert_eq!(Order::status_of(&[step(StepState::Done), step(StepState::Done)]), OrderStatus::Live);
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn a_draft_needs_every_section_and_consent() {
        let pointers: Vec<String> = check_submittable(&DraftSections::default(), &SubmitRequest::default())
            .into_iter()
            .map(|e| e.pointer)
            .collect();
        assert_eq!(pointers, ["/plan", "/organization", "/domain", "/branding", "/moderation", "/accept_terms"]);
    }
}

/// An order as the provider reads it (`GET /provider/orders/{id}`, with the provider API key):
/// its progress and every section of the draft it was placed with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderOrder {
    /// The order and its steps.
    pub order: Order,
    /// What the customer submitted.
    pub sections: DraftSections,
    /// The customer's language (BCP 47).
    #[serde(default)]
    pub locale: String,
}
