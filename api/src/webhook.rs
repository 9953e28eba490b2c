//! What the provider's systems hear of orders and say back: the events Onramp delivers to the
//! provider's webhook endpoints (signed as the Standard Webhooks specification describes), and
//! the step reports the provider sends with its API key.

use serde::{Deserialize, Serialize};

use crate::order::{Order, StepKind, StepState};
use crate::validate::Report;
use crate::{DraftSections, ErrorCode, FieldError};

/// Header carrying the event's id, the same on every attempt: a receiver drops what it has seen.
pub const HEADER_ID: &str = "webhook-id";
/// Header carrying the attempt's time, whole seconds since the Unix epoch.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// Header carrying `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
pub const HEADER_SIGNATURE: &str = "webhook-signature";
/// What a signing secret starts with; base64 of the key follows.
pub const SECRET_PREFIX: &str = "whsec_";

/// What happened to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventType {
    /// A draft was submitted and is now an order to provision.
    #[serde(rename = "order.created")]
    OrderCreated,
    /// A provisioning step changed state (`data.step` says which).
    #[serde(rename = "order.step_changed")]
    OrderStepChanged,
}

/// The body of a webhook delivery, in the Standard Webhooks shape: a type, a time and the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// When it happened (RFC 3339, the server's clock).
    pub timestamp: String,
    /// The order as it stood right after.
    pub data: OrderEventData,
}

/// The order an event is about, with everything the customer answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEventData {
    /// The order and its steps.
    pub order: Order,
    /// This event's place among the order's events: 1 for `order.created`, then one more for
    /// each event, in the order the changes happened. A receiver that has seen a higher number
    /// for the order holds newer news and drops this one. Onramp delivers one order's events
    /// to one endpoint in this order (each after the one before it is delivered or given up),
    /// but at least once, so a number can come again.
    pub sequence: u64,
    /// Every section of the draft it was placed with.
    pub sections: DraftSections,
    /// The step that changed (for `order.step_changed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepKind>,
    /// The customer's language (BCP 47), for what the provider writes to them.
    pub locale: String,
    /// The order as the Mastodon server it becomes (env lines, admin settings, rules, the
    /// block list as Mastodon's CSV, the owner command, redirects for a split domain).
    pub mastodon: crate::mastodon::MastodonConfig,
}

/// Body of `POST /provider/orders/{id}/steps/{kind}`: the provider's word on a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepReport {
    /// `running`, `done` or `failed` (a step is `pending` only until someone reports it).
    pub state: StepState,
    /// For the customer, shown on the status page: what is under way, or what went wrong and
    /// what happens next. Required when the step failed.
    #[serde(default)]
    pub message: Option<String>,
}

/// Longest message a report may carry, in characters.
pub const MESSAGE_MAX: usize = 500;

impl StepReport {
    /// What is wrong with the report, each at its JSON pointer.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = Vec::new();
        if self.state == StepState::Pending {
            errors.push(FieldError::new("/state", ErrorCode::Invalid, "Report running, done or failed; a step is pending until then."));
        }
        let message = self.message.as_deref().map(str::trim).unwrap_or_default();
        if self.state == StepState::Failed && message.is_empty() {
            errors.push(FieldError::new("/message", ErrorCode::Required, "Say what went wrong and what happens next; the customer reads it."));
        }
        if message.chars().count() > MESSAGE_MAX {
            errors.push(FieldError::new("/message", ErrorCode::TooLong, format!("At most {MESSAGE_MAX} characters.")));
        }
        // Line breaks are fine in a message; other control characters cannot be shown.
        let mut report = Report(errors);
        report.no_control_characters(self, "", &["/message"]);
        report.into_errors()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_are_the_documented_strings() {
        assert_eq!(serde_json::to_string(&EventType::OrderCreated).unwrap(), "\"order.created\"");
        assert_eq!(serde_json::to_string(&EventType::OrderStepChanged).unwrap(), "\"order.step_changed\"");
    }

    #[test]
    fn a_report_is_checked() {
        let ok = StepReport { state: StepState::Running, message: Some("Creating the database.".into()) };
        assert!(ok.check().is_empty());
        let pointers = |r: StepReport| r.check().into_iter().map(|e| e.pointer).collect::<Vec<_>>();
        assert_eq!(pointers(StepReport { state: StepState::Pending, message: None }), ["/state"]);
        assert_eq!(pointers(StepReport { state: StepState::Failed, message: Some("  ".into()) }), ["/message"]);
        assert_eq!(pointers(StepReport { state: StepState::Done, message: Some("x".repeat(501)) }), ["/message"]);
        assert_eq!(pointers(StepReport { state: StepState::Done, message: Some("a\u{0}b".into()) }), ["/message"]);
        assert!(serde_json::from_str::<StepReport>(r#"{"state":"done","extra":1}"#).is_err());
    }
}
