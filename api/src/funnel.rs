//! Funnel events: which steps people enter and complete, which rules stop them, and submits.
//! Privacy-preserving by construction: a step name, error codes and a random per-visit id,
//! never a typed value.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// The steps events may name.
pub const STEPS: [&str; 7] = ["plan", "organization", "domain", "branding", "moderation", "review", "status"];

/// Most error codes one event carries.
pub const CODES_MAX: usize = 20;

/// Most events one request to `POST /events` carries.
pub const BATCH_MAX: usize = 50;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FunnelKind {
    /// A step was shown.
    StepEntered,
    /// Continue on a step led on.
    StepCompleted,
    /// Continue was refused by the rules (the codes say which).
    ValidationError,
    /// The order was placed.
    Submitted,
}

impl FunnelKind {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StepEntered => "step_entered",
            Self::StepCompleted => "step_completed",
            Self::ValidationError => "validation_error",
            Self::Submitted => "submitted",
        }
    }
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelEvent {
    /// What happened.
    pub kind: FunnelKind,
    /// On which step.
    pub step: String,
    /// The rules that refused, for `validation_error` (codes only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<ErrorCode>,
}

/// Body of `POST /events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventBatch {
    /// A random id for this visit (16 to 64 hex digits), not tied to a person or a draft.
    pub session: String,
    /// The embedding partner, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// The events, oldest first.
    pub events: Vec<FunnelEvent>,
}

impl FunnelEvent {
    /// Whether the event is well formed.
    pub fn is_valid(&self) -> bool {
        STEPS.contains(&self.step.as_str())
            && self.codes.len() <= CODES_MAX
            && (self.kind == FunnelKind::ValidationError || self.codes.is_empty())
    }
}

impl EventBatch {
    /// Why the batch is refused, if it is.
    pub fn problem(&self) -> Option<&'static str> {
        if !(16..=64).contains(&self.session.len()) || !self.session.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some("The session is 16 to 64 hex digits.");
        }
        if self.partner.as_deref().is_some_and(|p| !crate::partner_id::is_partner_id(p)) {
            return Some("Unknown partner id.");
        }
        if self.events.is_empty() || self.events.len() > BATCH_MAX {
            return Some("Send 1 to 50 events.");
        }
        if !self.events.iter().all(FunnelEvent::is_valid) {
            return Some("An event names an unknown step or carries codes it should not.");
        }
        None
    }
}

/// The step a path shows (`/plan` → `plan`), if it is one events may name.
pub fn step_of(path: &str) -> Option<&'static str> {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or_default();
    STEPS.iter().copied().find(|s| *s == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(events: Vec<FunnelEvent>) -> EventBatch {
        EventBatch { session: "0123456789abcdef".into(), partner: Some("example-university".into()), events }
    }

    #[test]
    fn well_formed_batches_pass() {
        let b = batch(vec![
            FunnelEvent { kind: FunnelKind::StepEntered, step: "plan".into(), codes: vec![] },
            FunnelEvent { kind: FunnelKind::ValidationError, step: "organization".into(), codes: vec![ErrorCode::Required, ErrorCode::Invalid] },
        ]);
        assert_eq!(b.problem(), None);
        let json = serde_json::to_string(&b).unwrap_or_default();
        assert!(!json.contains('@'));
    }

    #[test]
    fn anything_else_is_refused() {
        assert!(batch(vec![]).problem().is_some());
        assert!(batch(vec![FunnelEvent { kind: FunnelKind::StepEntered, step: "admin".into(), codes: vec![] }]).problem().is_some());
        assert!(batch(vec![FunnelEvent { kind: FunnelKind::StepEntered, step: "plan".into(), codes: vec![ErrorCode::Required] }]).problem().is_some());
        let mut b = batch(vec![FunnelEvent { kind: FunnelKind::Submitted, step: "review".into(), codes: vec![] }]);
        b.session = "alice@example.org".into();
        assert!(b.problem().is_some());
        b.session = "0123456789abcdef".into();
        b.partner = Some("../x".into());
        assert!(b.problem().is_some());
    }
}
