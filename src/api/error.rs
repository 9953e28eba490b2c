//! What can go wrong talking to the backend, decided from status and body without panicking.

use onramp_api::{FieldError, Problem};

use crate::i18n::Strings;

/// A failed API call, as the user is told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// No answer: offline, DNS, refused connection, CORS.
    Network,
    /// No answer in time.
    Timeout,
    /// 5xx, or a status the client does not expect.
    Server(u16),
    /// An answer that is not what the contract says.
    Malformed,
    /// 401 or 404: the draft is gone or the token does not open it.
    NotFound,
    /// 409: the draft changed since our version.
    Conflict,
    /// 422 with the refused fields.
    Invalid(Vec<FieldError>),
    /// 410: the draft was left too long and is gone.
    Expired,
    /// 409 on a draft that became an order.
    Submitted,
    /// 429: too many of these calls for now.
    TooMany,
}

impl AppError {
    /// Classifies a non-success answer from its status and body.
    pub fn from_response(status: u16, body: &str) -> Self {
        match status {
            401 | 404 => Self::NotFound,
            410 => Self::Expired,
            409 if serde_json::from_str::<Problem>(body).is_ok_and(|p| p.kind == onramp_api::types::SUBMITTED) => {
                Self::Submitted
            }
            409 | 412 => Self::Conflict,
            422 => match serde_json::from_str::<Problem>(body) {
                Ok(problem) => Self::Invalid(problem.errors),
                Err(_) => Self::Malformed,
            },
            429 => Self::TooMany,
            _ => Self::Server(status),
        }
    }

    /// Whether trying the same call again may help.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Network | Self::Timeout | Self::Server(_) | Self::Malformed | Self::TooMany)
    }

    /// The sentence shown to the user.
    pub fn message(&self, t: &Strings) -> &'static str {
        match self {
            Self::Network => t.error_network,
            Self::Timeout => t.error_timeout,
            Self::Server(_) => t.error_server,
            Self::Malformed => t.error_malformed,
            Self::NotFound => t.error_not_found,
            Self::Conflict => t.error_conflict,
            Self::Invalid(_) => t.error_invalid,
            Self::Expired => t.error_expired,
            Self::Submitted => t.error_submitted,
            Self::TooMany => t.error_too_many,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::ErrorCode;

    #[test]
    fn statuses_map_to_variants() {
        assert_eq!(AppError::from_response(404, ""), AppError::NotFound);
        assert_eq!(AppError::from_response(401, "<html>"), AppError::NotFound);
        assert_eq!(AppError::from_response(409, "{}"), AppError::Conflict);
        assert_eq!(AppError::from_response(500, "oops"), AppError::Server(500));
        assert_eq!(AppError::from_response(418, ""), AppError::Server(418));
        assert_eq!(AppError::from_response(422, "{not json"), AppError::Malformed);
        assert_eq!(AppError::from_response(410, ""), AppError::Expired);
        assert_eq!(AppError::from_response(409, r#"{"type":"/problems/draft-submitted","status":409}"#), AppError::Submitted);
        assert_eq!(AppError::from_response(429, ""), AppError::TooMany);
        assert!(AppError::from_response(429, "").is_transient());
    }

    #[test]
    fn field_errors_come_through() {
        let body = r#"{"type":"/problems/validation","title":"t","status":422,
            "errors":[{"pointer":"/plan/plan_id","code":"unknown","detail":"Choose one."}]}"#;
        let AppError::Invalid(errors) = AppError::from_response(422, body) else {
            panic!("expected field errors"); // ok: test
        };
        assert_eq!(errors.first().map(|e| e.code), Some(ErrorCode::Unknown));
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        use crate::i18n::Locale;
        for e in [AppError::Network, AppError::Timeout, AppError::Server(503), AppError::Malformed,
                  AppError::NotFound, AppError::Conflict, AppError::Invalid(vec![]), AppError::Expired, AppError::Submitted, AppError::TooMany] {
            for l in Locale::ALL {
                assert!(!e.message(l.strings()).is_empty());
            }
            assert_ne!(e.message(Locale::En.strings()), e.message(Locale::De.strings()));
        }
    }
}
