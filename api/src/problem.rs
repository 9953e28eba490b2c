//! RFC 9457 problem details with field errors, so each error lands on its field.

use serde::{Deserialize, Serialize};

/// Media type of a problem response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Why a field was refused. The app words the message in the user's language from this code;
/// `detail` is an English fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Must be filled in.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Shorter than allowed.
    TooShort,
    /// Not in the expected form.
    Invalid,
    /// Not a known catalogue entry.
    Unknown,
    /// Not allowed with the chosen plan.
    NotAllowed,
    /// Reserved name.
    Reserved,
    /// Listed twice.
    Duplicate,
    /// Someone else has it (a domain).
    Taken,
    /// Does not match another field (VAT prefix and country, for example).
    Mismatch,
    /// A file that could not be read (damaged or cut off).
    Damaged,
    /// A colour without enough contrast.
    Contrast,
    /// A name browsers and Mastodon read as two different names (IDNA 2008 and 2003).
    Ambiguous,
    /// A federation block under a domain already blocked at least as strictly (Mastodon: "You
    /// have already imposed stricter limits on …").
    Covered,
    /// A code this version of the contract does not know.
    #[serde(other)]
    Other,
}

impl ErrorCode {
    /// The API value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::TooShort => "too_short",
            Self::Invalid => "invalid",
            Self::Unknown => "unknown",
            Self::NotAllowed => "not_allowed",
            Self::Reserved => "reserved",
            Self::Duplicate => "duplicate",
            Self::Taken => "taken",
            Self::Mismatch => "mismatch",
            Self::Contrast => "contrast",
            Self::Damaged => "damaged",
            Self::Ambiguous => "ambiguous",
            Self::Covered => "covered",
            Self::Other => "other",
        }
    }
}

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON Pointer (RFC 6901) into the request body, e.g. `/organization/contact_email`.
    pub pointer: String,
    /// Why.
    pub code: ErrorCode,
    /// English explanation that says how to fix it.
    pub detail: String,
}

impl FieldError {
    /// A field error.
    pub fn new(pointer: impl Into<String>, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), code, detail: detail.into() }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// URI reference naming the problem type.
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    /// Short summary.
    #[serde(default)]
    pub title: String,
    /// HTTP status code.
    #[serde(default)]
    pub status: u16,
    /// Explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field errors (422).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".into()
}

/// Problem type URIs used by the reference server.
pub mod types {
    /// Some fields were refused; see `errors`.
    pub const VALIDATION: &str = "/problems/validation";
    /// The body is not JSON of the expected shape.
    pub const MALFORMED: &str = "/problems/malformed-body";
    /// The draft changed since the version in `If-Match`.
    pub const CONFLICT: &str = "/problems/version-conflict";
    /// `If-Match` is missing.
    pub const PRECONDITION_REQUIRED: &str = "/problems/precondition-required";
    /// No such resource, or the token does not open it.
    pub const NOT_FOUND: &str = "/problems/not-found";
    /// The body is larger than allowed.
    pub const TOO_LARGE: &str = "/problems/body-too-large";
    /// Something failed on the server.
    pub const INTERNAL: &str = "/problems/internal";
    /// The draft was left too long and is gone.
    pub const EXPIRED: &str = "/problems/draft-expired";
    /// The draft became an order and is read-only.
    pub const SUBMITTED: &str = "/problems/draft-submitted";
    /// The method is not one this path answers.
    pub const METHOD_NOT_ALLOWED: &str = "/problems/method-not-allowed";
    /// The body is not of a media type this call takes.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "/problems/unsupported-media-type";
    /// The request took longer than the server waits.
    pub const TIMEOUT: &str = "/problems/timeout";
    /// A browser call from another site.
    pub const CROSS_SITE: &str = "/problems/cross-site";
    /// Too many requests; `Retry-After` says when to try again.
    pub const RATE_LIMITED: &str = "/problems/rate-limited";
    /// Nothing of the order is to be paid online (invoice, paid, pending, or no checkout here).
    pub const NOTHING_TO_PAY: &str = "/problems/nothing-to-pay";
    /// The provider's checkout did not give a payment page.
    pub const CHECKOUT_UNAVAILABLE: &str = "/problems/checkout-unavailable";
}

impl Problem {
    /// A problem with a type, status and title.
    pub fn new(kind: &str, status: u16, title: impl Into<String>) -> Self {
        Self { kind: kind.into(), title: title.into(), status, detail: None, errors: Vec::new() }
    }

    /// Adds an explanation.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A 422 listing the refused fields.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self {
            errors,
            ..Self::new(types::VALIDATION, 422, "Some answers need another look")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_problem_from_another_server() {
        let p: Problem = serde_json::from_str(
            r#"{"title":"Nope","status":422,"errors":[{"pointer":"/x","code":"brand_new","detail":"d"}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}")); // ok: test
        assert_eq!(p.kind, "about:blank");
        assert_eq!(p.errors.first().map(|e| e.code), Some(ErrorCode::Other));
    }
}
