//! `GET /partners/{id}/embed-check?origin=…&ancestors=…`: whether a page may embed the app for
//! a partner, asked by `embed.js` before it creates the frame (a page cannot see a
//! `frame-ancestors` refusal, so it asks). Public, readable from any origin, nothing secret:
//! the same origins are in every embed page's `frame-ancestors`.

use serde::{Deserialize, Serialize};

use crate::embed::{is_origin, is_partner_id, Partner, LOCALES, PROTOCOL_VERSION};

/// Most ancestor origins a check takes (a page nested deeper is refused).
pub const ANCESTORS_MAX: usize = 8;

/// The verdict, also the `code` of the `onramp:error` the loader dispatches for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmbedStatus {
    /// The page may embed the app.
    Ok,
    /// No partner has this id.
    UnknownPartner,
    /// The page's origin is not one the partner allows.
    OriginNotAllowed,
    /// The page is itself inside a frame of an origin the partner does not allow.
    AncestorNotAllowed,
}

impl EmbedStatus {
    /// The code as it is written in JSON and in `onramp:error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::UnknownPartner => "unknown_partner",
            Self::OriginNotAllowed => "origin_not_allowed",
            Self::AncestorNotAllowed => "ancestor_not_allowed",
        }
    }
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedCheck {
    /// The protocol version the app speaks.
    pub onramp: u32,
    /// The verdict.
    pub status: EmbedStatus,
    /// The partner id asked about.
    pub partner: String,
    /// The origin asked about.
    pub origin: String,
    /// For the partner's developer: what is wrong and how to fix it (English), naming the partner
    /// id and the origin; empty when the status is `ok`.
    pub message: String,
    /// The languages the app has.
    pub locales: Vec<String>,
}

/// Why a check could not be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// `origin` is missing or not an exact origin.
    Origin,
    /// An ancestor is not an exact origin, or there are too many.
    Ancestors,
}

/// The ancestor origins of `ancestors=` (comma-separated, nearest first; empty for a top-level
/// page).
pub fn parse_ancestors(ancestors: &str) -> Result<Vec<String>, CheckError> {
    let list: Vec<String> = ancestors.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect();
    if list.len() > ANCESTORS_MAX || !list.iter().all(|a| is_origin(a)) {
        return Err(CheckError::Ancestors);
    }
    Ok(list)
}

/// The verdict for a page on `origin`, inside frames of `ancestors`, embedding the app for
/// partner `id`.
pub fn check(partners: &[Partner], id: &str, origin: &str, ancestors: &[String]) -> Result<EmbedCheck, CheckError> {
    if !is_origin(origin) {
        return Err(CheckError::Origin);
    }
    let partner = partners.iter().find(|p| p.id == id && is_partner_id(id));
    let (status, message) = match partner {
        None => (
            EmbedStatus::UnknownPartner,
            format!("No partner has the id \"{id}\" on this sign-up service; check data-partner on the page at {origin}, or ask the provider to add the partner."),
        ),
        Some(p) if !p.allows(origin) => (
            EmbedStatus::OriginNotAllowed,
            format!("Partner \"{id}\" does not allow embedding from {origin}; ask the provider to add this exact origin to the partner's allowed origins."),
        ),
        Some(p) => match ancestors.iter().find(|a| !p.allows(a)) {
            Some(a) => (
                EmbedStatus::AncestorNotAllowed,
                format!("The page at {origin} is inside a frame of {a}, which partner \"{id}\" does not allow; browsers refuse the sign-up there."),
            ),
            None => (EmbedStatus::Ok, String::new()),
        },
    };
    Ok(EmbedCheck {
        onramp: PROTOCOL_VERSION,
        status,
        partner: id.to_owned(),
        origin: origin.to_owned(),
        message,
        locales: LOCALES.iter().map(|l| (*l).to_owned()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_verdict_names_the_partner_and_the_origin() {
        let partners = crate::sample::partners();
        let ok = check(&partners, "example-university", "http://127.0.0.1:8090", &[]).unwrap();
        assert_eq!((ok.status, ok.message.as_str()), (EmbedStatus::Ok, ""));
        assert_eq!(ok.locales, ["en", "de", "fr"]);
        let unknown = check(&partners, "nobody", "http://127.0.0.1:8090", &[]).unwrap();
        assert_eq!(unknown.status, EmbedStatus::UnknownPartner);
        assert!(unknown.message.contains("\"nobody\"") && unknown.message.contains("http://127.0.0.1:8090"), "{}", unknown.message);
        let other = check(&partners, "example-university", "https://evil.example", &[]).unwrap();
        assert_eq!(other.status, EmbedStatus::OriginNotAllowed);
        assert!(other.message.contains("https://evil.example") && other.message.contains("example-university"));
        let framed = check(&partners, "example-university", "http://127.0.0.1:8090", &["https://evil.example".into()]).unwrap();
        assert_eq!(framed.status, EmbedStatus::AncestorNotAllowed);
        assert!(framed.message.contains("https://evil.example"));
        let nested = check(&partners, "example-university", "http://127.0.0.1:8090", &["http://127.0.0.1:8090".into()]).unwrap();
        assert_eq!(nested.status, EmbedStatus::Ok, "inside a frame of an allowed origin");
        assert_eq!(serde_json::to_value(framed).unwrap()["status"], "ancestor_not_allowed");
    }

    #[test]
    fn malformed_questions_are_refused() {
        let partners = crate::sample::partners();
        assert_eq!(check(&partners, "example-university", "", &[]), Err(CheckError::Origin));
        assert_eq!(check(&partners, "example-university", "http://127.0.0.1:8090/page", &[]), Err(CheckError::Origin));
        assert_eq!(check(&partners, "../etc", "http://127.0.0.1:8090", &[]).map(|c| c.status), Ok(EmbedStatus::UnknownPartner));
        assert_eq!(parse_ancestors(""), Ok(vec![]));
        assert_eq!(parse_ancestors("https://a.example,https://b.example"), Ok(vec!["https://a.example".into(), "https://b.example".into()]));
        assert_eq!(parse_ancestors("https://a.example/x"), Err(CheckError::Ancestors));
        assert_eq!(parse_ancestors(&vec!["https://a.example"; 9].join(",")), Err(CheckError::Ancestors));
    }
}
