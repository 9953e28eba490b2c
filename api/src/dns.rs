//! The DNS records an own domain needs, how each is compared with what a lookup found, and the
//! verification answer of `POST /signups/{id}/domain/verification`.

use serde::{Deserialize, Serialize};

use crate::{DomainMode, DomainSection};

/// Label under the web domain that carries the ownership token.
pub const CHALLENGE_LABEL: &str = "_onramp-challenge";

/// The kind of a record to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// IPv4 address (a web domain that is an apex cannot be a CNAME).
    A,
    /// IPv6 address.
    Aaaa,
    /// Alias to the provider's edge host.
    Cname,
    /// Text record (ownership token).
    Txt,
    /// An HTTP redirect on the handle domain (not a DNS record; checked before provisioning).
    Redirect,
}

impl RecordKind {
    /// How DNS tools write it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::A => "A",
            Self::Aaaa => "AAAA",
            Self::Cname => "CNAME",
            Self::Txt => "TXT",
            Self::Redirect => "redirect",
        }
    }
}

/// Why a record is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordPurpose {
    /// Points the web domain at the provider.
    WebDomain,
    /// Proves the organization controls the domain.
    Ownership,
    /// Lets other servers find users under the handle domain.
    Webfinger,
    /// The older discovery document, also on the handle domain.
    HostMeta,
}

/// One record to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DnsRecord {
    /// Kind.
    pub kind: RecordKind,
    /// Owner name (ASCII), or for a redirect the URL to redirect.
    pub name: String,
    /// Value (ASCII host, address or text), or for a redirect the target URL.
    pub value: String,
    /// Why.
    pub purpose: RecordPurpose,
}

/// What a lookup found of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// There and right.
    Ok,
    /// Not there.
    Missing,
    /// There with another value (see `found`).
    Wrong,
    /// Not a DNS record; checked before provisioning.
    Unchecked,
}

/// A record with what the lookup found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckedRecord {
    /// The record to create.
    pub record: DnsRecord,
    /// What was found.
    pub status: RecordStatus,
    /// The values found, when wrong.
    #[serde(default)]
    pub found: Vec<String>,
}

/// Answer of the verification call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    /// Every record, in the order to create them.
    pub records: Vec<CheckedRecord>,
    /// Every DNS record is there and right.
    pub verified: bool,
    /// Why nothing could be looked up (the records are still listed, unchecked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_error: Option<String>,
}

/// Where the provider's servers answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Host a web domain's CNAME points to.
    pub host: String,
    /// IPv4 address for an apex web domain.
    pub ipv4: String,
    /// IPv6 address for an apex web domain.
    pub ipv6: String,
}

/// The records an own domain needs (none for a subdomain of the provider). `web_is_apex` says
/// whether the web domain is a registrable domain (no CNAME possible there).
pub fn plan_records(section: &DomainSection, web_is_apex: bool, edge: &Edge, token: &str) -> Vec<DnsRecord> {
    if section.mode != DomainMode::Custom {
        return Vec::new();
    }
    let web = crate::domain::normalize(&section.web_domain);
    let handle = crate::domain::normalize(&section.handle_domain);
    let record = |kind, name: &str, value: &str, purpose| DnsRecord { kind, name: name.to_owned(), value: value.to_owned(), purpose };
    let mut records = if web_is_apex {
        vec![
            record(RecordKind::A, &web, &edge.ipv4, RecordPurpose::WebDomain),
            record(RecordKind::Aaaa, &web, &edge.ipv6, RecordPurpose::WebDomain),
        ]
    } else {
        vec![record(RecordKind::Cname, &web, &edge.host, RecordPurpose::WebDomain)]
    };
    records.push(record(RecordKind::Txt, &format!("{CHALLENGE_LABEL}.{web}"), token, RecordPurpose::Ownership));
    if handle != web && !handle.is_empty() {
        for (path, purpose) in [("/.well-known/webfinger", RecordPurpose::Webfinger), ("/.well-known/host-meta", RecordPurpose::HostMeta)] {
            records.push(record(RecordKind::Redirect, &format!("https://{handle}{path}"), &format!("https://{web}{path}"), purpose));
        }
    }
    records
}

fn canonical(value: &str) -> String {
    value.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Compares what a lookup found with the record.
pub fn compare(record: &DnsRecord, found: &[String]) -> RecordStatus {
    if record.kind == RecordKind::Redirect {
        return RecordStatus::Unchecked;
    }
    if found.is_empty() {
        return RecordStatus::Missing;
    }
    let matches = |f: &String| match record.kind {
        RecordKind::Txt => f.trim() == record.value,
        RecordKind::Aaaa => f.parse::<std::net::Ipv6Addr>().ok() == record.value.parse().ok(),
        _ => canonical(f) == canonical(&record.value),
    };
    if found.iter().any(matches) {
        RecordStatus::Ok
    } else {
        RecordStatus::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge() -> Edge {
        Edge { host: "edge.social-host.example".into(), ipv4: "203.0.113.10".into(), ipv6: "2001:db8::10".into() }
    }

    fn custom(web: &str, handle: &str) -> DomainSection {
        DomainSection { mode: DomainMode::Custom, web_domain: web.into(), handle_domain: handle.into() }
    }

    #[test]
    fn a_subdomain_of_an_own_domain_needs_a_cname_and_a_token() {
        let r = plan_records(&custom("social.example.org", "social.example.org"), false, &edge(), "tok");
        let kinds: Vec<_> = r.iter().map(|r| (r.kind, r.name.as_str(), r.value.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (RecordKind::Cname, "social.example.org", "edge.social-host.example"),
                (RecordKind::Txt, "_onramp-challenge.social.example.org", "tok"),
            ]
        );
    }

    #[test]
    fn an_apex_gets_addresses_and_split_domains_get_redirects() {
        let r = plan_records(&custom("example.org", "example.org"), true, &edge(), "t");
        assert_eq!(r.iter().map(|r| r.kind).collect::<Vec<_>>(), [RecordKind::A, RecordKind::Aaaa, RecordKind::Txt]);
        let r = plan_records(&custom("social.example.org", "example.org"), false, &edge(), "t");
        let redirects: Vec<_> = r.iter().filter(|r| r.kind == RecordKind::Redirect).map(|r| (r.name.as_str(), r.value.as_str())).collect();
        assert_eq!(
            redirects,
            [
                ("https://example.org/.well-known/webfinger", "https://social.example.org/.well-known/webfinger"),
                ("https://example.org/.well-known/host-meta", "https://social.example.org/.well-known/host-meta"),
            ]
        );
        let sub = DomainSection { mode: DomainMode::Subdomain, ..custom("a.social-host.example", "a.social-host.example") };
        assert!(plan_records(&sub, false, &edge(), "t").is_empty());
    }

    #[test]
    fn comparing_found_values() {
        let r = plan_records(&custom("social.example.org", "social.example.org"), false, &edge(), "tok");
        let (cname, txt) = (&r[0], &r[1]);
        assert_eq!(compare(cname, &[]), RecordStatus::Missing);
        assert_eq!(compare(cname, &["EDGE.social-host.example.".into()]), RecordStatus::Ok);
        assert_eq!(compare(cname, &["other.example".into()]), RecordStatus::Wrong);
        assert_eq!(compare(txt, &["v=spf1 -all".into(), "tok".into()]), RecordStatus::Ok);
        assert_eq!(compare(txt, &["tok2".into()]), RecordStatus::Wrong);
        let a = plan_records(&custom("example.org", "example.org"), true, &edge(), "t");
        assert_eq!(compare(&a[1], &["2001:0db8:0000::0010".into()]), RecordStatus::Ok);
    }
}
