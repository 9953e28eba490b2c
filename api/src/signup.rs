//! Requests and responses of the signup calls (`/signups`, `/signups/{id}`).

use serde::{Deserialize, Serialize};

use crate::DraftSections;

/// Name of the header that carries the resume token (`Authorization: Bearer <token>`).
pub const AUTHORIZATION_SCHEME: &str = "Bearer";

/// Answer to `POST /signups`: a fresh draft and what is needed to come back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedSignup {
    /// Draft id.
    pub id: String,
    /// Secret that authorizes reads and writes of this draft.
    pub resume_token: String,
    /// Version, sent back in `If-Match`.
    pub version: u64,
    /// When the draft is deleted if untouched (RFC 3339, UTC).
    pub expires_at: String,
}

/// A draft as `GET` and `PATCH /signups/{id}` return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signup {
    /// Draft id.
    pub id: String,
    /// Version, sent back in `If-Match`; grows with every write.
    pub version: u64,
    /// When the draft is deleted if untouched (RFC 3339, UTC).
    pub expires_at: String,
    /// The sections filled in so far.
    pub sections: DraftSections,
    /// The order this draft became, once submitted (it can no longer change then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// Formats a version as the strong entity tag sent in `ETag` and expected in `If-Match`.
pub fn etag(version: u64) -> String {
    format!("\"{version}\"")
}

/// Parses an `If-Match` value made by [`etag`] (quotes optional, weak prefix refused).
pub fn parse_etag(value: &str) -> Option<u64> {
    let v = value.trim();
    let v = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(v);
    v.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_round_trip() {
        assert_eq!(parse_etag(&etag(7)), Some(7));
        assert_eq!(parse_etag("7"), Some(7));
        assert_eq!(parse_etag("W/\"7\""), None);
        assert_eq!(parse_etag("\"x\""), None);
    }
}
