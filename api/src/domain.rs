//! Domain names: the rules for a name in ASCII (what the draft stores), subdomain labels, the
//! availability answer, and, with the `idna` feature (server side), UTS 46 conversion and the
//! public suffix list.

use serde::{Deserialize, Serialize};

use crate::validate::{Check, Issue};
use crate::ErrorCode;

/// Longest domain name in ASCII, without the trailing dot.
pub const NAME_MAX: usize = 253;
/// Longest label.
pub const LABEL_MAX: usize = 63;
/// Shortest subdomain label on a shared domain.
pub const SUBDOMAIN_MIN: usize = 2;

/// What the availability check says of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    /// Free to claim.
    Available,
    /// Another organization has it.
    Taken,
    /// Kept by the provider.
    Reserved,
    /// Not a valid name.
    Invalid,
    /// Valid, but not allowed here (a bare public suffix, or a domain of the provider).
    NotAllowed,
    /// Browsers and Mastodon would read it as two different domains (`ß`, `ς`, joiners).
    Ambiguous,
}

/// Answer of `GET /domains/availability`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = DomainAvailability))]
pub struct Availability {
    /// The name in ASCII (punycode), as it would be stored.
    pub ascii: String,
    /// What the name is.
    pub status: DomainStatus,
    /// Free alternatives when the name is taken or reserved (at most five).
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Why, in English, when not available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The name mixes scripts (a possible look-alike of another name).
    #[serde(default)]
    pub mixed_script: bool,
    /// The name in Unicode, for display.
    #[serde(default)]
    pub unicode: String,
    /// For an own domain: the registrable domain above it by the public suffix list
    /// (`example.org` for `social.example.org`), where handles may end instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registrable: Option<String>,
}

fn check_label(label: &str) -> Check {
    if label.is_empty() {
        return Err(Issue::new(ErrorCode::Invalid, "A domain cannot have an empty part (two dots in a row)."));
    }
    if label.len() > LABEL_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("Each part between dots has at most {LABEL_MAX} characters.")));
    }
    if !label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(Issue::new(ErrorCode::Invalid, "Use only letters, digits and hyphens."));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(Issue::new(ErrorCode::Invalid, "A part of a domain cannot start or end with a hyphen."));
    }
    if label.get(2..4) == Some("--") && !label.starts_with("xn--") {
        return Err(Issue::new(ErrorCode::Invalid, "Two hyphens in the third and fourth place are reserved."));
    }
    Ok(())
}

/// A name as IDNA 2003 reads it before conversion, where that differs from UTS 46 as browsers
/// apply it (IDNA 2008, nontransitional): lower case, `ß` as `ss`, a final `ς` as `σ`, and the
/// joiners U+200C and U+200D removed. Mastodon normalizes hosts with Addressable and libidn,
/// which is IDNA 2003, so this is the name it stores (`TagManager#normalize_domain`).
pub fn idna2003_mapped(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            '\u{200c}' | '\u{200d}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether browsers and Mastodon read `name` (Unicode) as two different domains.
pub fn differs_in_idna2003(name: &str) -> bool {
    let lower: String = name.chars().flat_map(char::to_lowercase).collect();
    idna2003_mapped(name) != lower
}

/// Lower-cases, trims and drops one trailing dot.
pub fn normalize(name: &str) -> String {
    let name = name.trim().to_ascii_lowercase();
    name.strip_suffix('.').map(str::to_owned).unwrap_or(name)
}

/// Checks a full domain name already in ASCII: at least two labels, each valid, at most 253.
pub fn check_ascii_domain(name: &str) -> Check {
    let name = normalize(name);
    if name.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter a domain."));
    }
    if !name.is_ascii() {
        return Err(Issue::new(ErrorCode::Invalid, "Store domains in their ASCII (punycode) form."));
    }
    if name.len() > NAME_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("A domain has at most {NAME_MAX} characters.")));
    }
    if !name.contains('.') {
        return Err(Issue::new(ErrorCode::Invalid, "Enter a full domain such as example.org."));
    }
    name.split('.').try_for_each(check_label)?;
    if name.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Issue::new(ErrorCode::Invalid, "Enter a domain name, not an IP address."));
    }
    Ok(())
}

/// Checks one label to claim under a shared domain (`acme` in `acme.social-host.example`).
pub fn check_subdomain_label(label: &str) -> Check {
    let label = normalize(label);
    if label.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter a name for your server's address."));
    }
    if label.contains('.') {
        return Err(Issue::new(ErrorCode::Invalid, "Enter one name without dots."));
    }
    if label.chars().count() < SUBDOMAIN_MIN {
        return Err(Issue::new(ErrorCode::TooShort, format!("Use at least {SUBDOMAIN_MIN} characters.")));
    }
    if !label.is_ascii() {
        return Err(Issue::new(ErrorCode::Invalid, "Store names in their ASCII (punycode) form."));
    }
    check_label(&label)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        _ => Script::Other,
    })
}

/// Whether a label of the (Unicode) name mixes Latin, Greek or Cyrillic letters: the usual way
/// to make a look-alike of another name (`pаypal` with a Cyrillic `а`).
pub fn is_mixed_script(unicode_name: &str) -> bool {
    unicode_name.split('.').any(|label| {
        let mut first = None;
        label.chars().filter_map(script).filter(|s| *s != Script::Other).any(|s| {
            let f = *first.get_or_insert(s);
            f != s
        })
    })
}

/// UTS 46 and the public suffix list (server side).
#[cfg(feature = "idna")]
pub mod idn {
    use super::*;

    /// A name as typed (Unicode or ASCII) to its checked ASCII form.
    pub fn to_ascii(input: &str) -> Result<String, Issue> {
        let trimmed = input.trim();
        let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
        if trimmed.is_empty() {
            return Err(Issue::new(ErrorCode::Required, "Enter a domain."));
        }
        let ascii = idna::domain_to_ascii(trimmed)
            .map_err(|_| Issue::new(ErrorCode::Invalid, "This is not a valid domain name."))?;
        check_ascii_domain(&ascii)?;
        Ok(normalize(&ascii))
    }

    /// The ASCII name shown in Unicode.
    pub fn to_unicode(ascii: &str) -> String {
        idna::domain_to_unicode(ascii).0
    }

    /// Refuses a server's own name (web or handle domain) that browsers and Mastodon would read
    /// as two different registered domains (`straße.de` is `xn--strae-oqa.de` to a browser,
    /// `strasse.de` to Mastodon): a server whose name means two things cannot be set up.
    pub fn check_one_reading(ascii: &str) -> Check {
        let unicode = to_unicode(ascii);
        if !differs_in_idna2003(&unicode) {
            return Ok(());
        }
        let mapped = idna2003_mapped(&unicode);
        let theirs = idna::domain_to_ascii(&mapped).unwrap_or(mapped);
        Err(Issue::new(
            ErrorCode::Ambiguous,
            format!(
                "Browsers read {unicode} as {ascii}, but Mastodon reads it as {theirs}: two different domains. \
                 Choose a name without ß, ς or invisible joiners (write ss or σ)."
            ),
        ))
    }

    /// Where a domain sits under its public suffix.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Position {
        /// A public suffix itself (`co.uk`): nobody can own it.
        PublicSuffix,
        /// The registrable domain (`example.co.uk`).
        Apex,
        /// Below the registrable domain, which is given (`social.example.org` → `example.org`).
        Subdomain(String),
    }

    /// The position of an ASCII domain, by the public suffix list.
    pub fn position(ascii: &str) -> Position {
        let name = normalize(ascii);
        match psl::domain_str(&name) {
            None => Position::PublicSuffix,
            Some(apex) if apex == name => Position::Apex,
            Some(apex) => Position::Subdomain(apex.to_owned()),
        }
    }
}

/// Names near a taken `label` to suggest, best first (the caller keeps the free ones, at most
/// five).
pub fn suggestion_candidates(label: &str) -> [String; 7] {
    [
        format!("{label}-social"),
        format!("{label}-community"),
        format!("social-{label}"),
        format!("{label}-hq"),
        format!("{label}-team"),
        format!("{label}1"),
        format!("{label}2"),
    ]
}

/// Validates a domain section (names in ASCII) against the shared domains on offer.
pub fn validate_domain(section: &crate::DomainSection, shared_domains: &[String]) -> Vec<crate::FieldError> {
    use crate::DomainMode;
    let mut report = crate::validate::Report::default();
    let web = normalize(&section.web_domain);
    let handle = normalize(&section.handle_domain);
    match section.mode {
        DomainMode::Subdomain => {
            let under = shared_domains.iter().find_map(|base| web.strip_suffix(&format!(".{base}")));
            match under {
                Some(label) => {
                    report.check("/domain/web_domain", check_subdomain_label(label));
                }
                None if web.is_empty() => {
                    report.check("/domain/web_domain", Err(Issue::new(ErrorCode::Required, "Enter a name for your server's address.")));
                }
                None => {
                    report.check("/domain/web_domain", Err(Issue::new(ErrorCode::NotAllowed, "Choose a name under one of the offered domains.")));
                }
            }
            if handle != web {
                report.check("/domain/handle_domain", Err(Issue::new(ErrorCode::Mismatch, "On a shared domain, handles end in the server's own address.")));
            }
        }
        DomainMode::Custom => {
            report.check("/domain/web_domain", check_ascii_domain(&web));
            let shared = shared_domains.iter().any(|d| web == *d || web.ends_with(&format!(".{d}")));
            if shared {
                report.check("/domain/web_domain", Err(Issue::new(ErrorCode::NotAllowed, "This is one of our shared domains; choose a subdomain instead.")));
            }
            if handle != web && !web.ends_with(&format!(".{handle}")) {
                report.check("/domain/handle_domain", Err(Issue::new(ErrorCode::Mismatch, "Handles can end in the server's address or in a domain above it.")));
            } else if handle != web {
                report.check("/domain/handle_domain", check_ascii_domain(&handle));
            }
        }
    }
    report.into_errors()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: Check) -> Option<ErrorCode> {
        c.err().map(|i| i.code)
    }

    #[test]
    fn ascii_domains() {
        assert_eq!(code(check_ascii_domain("example.org")), None);
        assert_eq!(code(check_ascii_domain("Social.Example.org.")), None);
        assert_eq!(code(check_ascii_domain("xn--bcher-kva.example")), None);
        assert_eq!(code(check_ascii_domain("")), Some(ErrorCode::Required));
        assert_eq!(code(check_ascii_domain("localhost")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("a..b")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("-a.org")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("a-.org")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("ab--c.org")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("bücher.example")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("a_b.org")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_ascii_domain("192.168.0.1")), Some(ErrorCode::Invalid));
        let l63 = "a".repeat(63);
        let l64 = "a".repeat(64);
        assert_eq!(code(check_ascii_domain(&format!("{l63}.org"))), None);
        assert_eq!(code(check_ascii_domain(&format!("{l64}.org"))), Some(ErrorCode::TooLong));
        let long = [l63.as_str(); 4].join(".");
        assert_eq!(code(check_ascii_domain(&long)), Some(ErrorCode::TooLong));
    }

    #[test]
    fn subdomain_labels() {
        assert_eq!(code(check_subdomain_label("acme")), None);
        assert_eq!(code(check_subdomain_label("ACME ")), None);
        assert_eq!(code(check_subdomain_label("a")), Some(ErrorCode::TooShort));
        assert_eq!(code(check_subdomain_label("a.b")), Some(ErrorCode::Invalid));
        assert_eq!(code(check_subdomain_label("")), Some(ErrorCode::Required));
        assert_eq!(code(check_subdomain_label("😀😀")), Some(ErrorCode::Invalid));
    }

    #[test]
    fn domain_sections() {
        use crate::{DomainMode, DomainSection};
        let shared = vec!["social-host.example".to_string()];
        let pointers = |mode, web: &str, handle: &str| -> Vec<(String, ErrorCode)> {
            let s = DomainSection { mode, web_domain: web.into(), handle_domain: handle.into() };
            validate_domain(&s, &shared).into_iter().map(|e| (e.pointer, e.code)).collect()
        };
        let ok: Vec<(String, ErrorCode)> = vec![];
        assert_eq!(pointers(DomainMode::Subdomain, "acme.social-host.example", "acme.social-host.example"), ok);
        assert_eq!(pointers(DomainMode::Subdomain, "acme.other.example", "acme.other.example"), [("/domain/web_domain".into(), ErrorCode::NotAllowed)]);
        assert_eq!(pointers(DomainMode::Subdomain, "a.social-host.example", "a.social-host.example"), [("/domain/web_domain".into(), ErrorCode::TooShort)]);
        assert_eq!(pointers(DomainMode::Subdomain, "acme.social-host.example", "example.org"), [("/domain/handle_domain".into(), ErrorCode::Mismatch)]);
        assert_eq!(pointers(DomainMode::Custom, "social.example.org", "example.org"), ok);
        assert_eq!(pointers(DomainMode::Custom, "example.org", "example.org"), ok);
        assert_eq!(pointers(DomainMode::Custom, "social.example.org", "other.org"), [("/domain/handle_domain".into(), ErrorCode::Mismatch)]);
        assert_eq!(pointers(DomainMode::Custom, "x.social-host.example", "x.social-host.example"), [("/domain/web_domain".into(), ErrorCode::NotAllowed)]);
        assert_eq!(pointers(DomainMode::Custom, "", ""), [("/domain/web_domain".into(), ErrorCode::Required)]);
    }

    #[test]
    fn mixed_scripts_are_noticed() {
        assert!(!is_mixed_script("bücher.example"));
        assert!(!is_mixed_script("пример.рф"));
        assert!(is_mixed_script("p\u{0430}ypal.example"));
        assert!(!is_mixed_script("例え.テスト"));
    }

    #[test]
    fn no_panic_on_any_string() {
        for s in ["", ".", "..", "\u{0}", "ä", "-", "xn--", "a.-", "\u{10FFFF}.x", "a\u{300}.org"] {
            let _ = check_ascii_domain(s);
            let _ = check_subdomain_label(s);
            let _ = is_mixed_script(s);
        }
    }

    #[cfg(feature = "idna")]
    #[test]
    fn idn_conversion_and_suffixes() {
        use idn::*;
        assert_eq!(to_ascii("bücher.example").ok().as_deref(), Some("xn--bcher-kva.example"));
        assert_eq!(to_unicode("xn--bcher-kva.example"), "bücher.example");
        assert_eq!(to_ascii("BÜCHER.Example.").ok().as_deref(), Some("xn--bcher-kva.example"));
        assert!(to_ascii("😀.example").is_ok_and(|a| a.starts_with("xn--")));
        assert!(to_ascii("a b.example").is_err());
        assert!(to_ascii("").is_err());
        assert_eq!(position("example.co.uk"), Position::Apex);
        assert_eq!(position("co.uk"), Position::PublicSuffix);
        assert_eq!(position("social.example.org"), Position::Subdomain("example.org".into()));
    }
}
