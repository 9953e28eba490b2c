//! Rules of the organization section: name, country, contact email, admin username, VAT id.

use crate::{countries, ErrorCode, FieldError, OrganizationSection};

use super::{required_text, Check, Issue, Report};

/// Longest organization name.
pub const NAME_MAX: usize = 100;
/// Longest Mastodon username.
pub const USERNAME_MAX: usize = 30;
/// Longest email address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;

/// Mastodon's seeded exact username blocks (`db/seeds/05_blocked_usernames.rb`, Mastodon 4.5), each
/// a block that `UsernameBlock.matches?` compares after normalizing (see
/// [`mastodon_normalized_username`]). They are refused for the first admin because Mastodon
/// refuses them too: `tootctl accounts create` builds the account and saves it through
/// `User#save` (`lib/mastodon/cli/accounts.rb`), so `Account`'s `UnreservedUsernameValidator`
/// (`UsernameBlock.matches?(username, allow_with_approval: false)`) runs and provisioning would
/// fail. None of the seeds is an approval-only block, so no name is refused that Mastodon would
/// only hold for approval.
pub const RESERVED_USERNAMES: [&str; 21] = [
    "abuse", "account", "accounts", "admin", "administration", "administrator", "admins", "help", "helpdesk",
    "instance", "mod", "moderator", "moderators", "mods", "owner", "root", "security", "server", "staff",
    "support", "webmaster",
];

/// Mastodon's seeded partial blocks (the same file, `exact: false`): a username that contains one
/// of these, once normalized, is refused (`UsernameBlock.matches_partially`).
pub const RESERVED_USERNAME_PARTS: [&str; 2] = ["mastodon", "mastadon"];

/// A username as `UsernameBlock` compares it: lower case, and the digits that pass for letters
/// read as those letters (`UsernameBlock::HOMOGLYPHS`: `4dm1n` is `admin`).
pub fn mastodon_normalized_username(username: &str) -> String {
    username
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '1' => 'i',
            '2' => 'z',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '8' => 'b',
            '9' => 'g',
            '0' => 'o',
            c => c,
        })
        .collect()
}

/// The organization's name.
pub fn check_org_name(name: &str) -> Check {
    required_text(name, NAME_MAX)
}

/// ISO 3166-1 alpha-2 country code.
pub fn check_country(code: &str) -> Check {
    if code.trim().is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Choose the country the organization is based in."));
    }
    if !countries::is_country(code) {
        return Err(Issue::new(ErrorCode::Invalid, "Choose a country from the list."));
    }
    Ok(())
}

/// An email address (syntax as RFC 5321/5322, checked by the `email_address` crate).
pub fn check_email(email: &str) -> Check {
    let email = email.trim();
    if email.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter an email address."));
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {EMAIL_MAX} characters.")));
    }
    // A domain without a dot is legal in RFC 5322 but never reaches anyone from the internet.
    let has_dotted_domain = email.rsplit_once('@').is_some_and(|(_, d)| d.contains('.') && !d.ends_with('.'));
    if !email_address::EmailAddress::is_valid(email) || !has_dotted_domain {
        return Err(Issue::new(ErrorCode::Invalid, "Enter an email address like name@example.org."));
    }
    Ok(())
}

/// Mastodon's rules for a local username (`Account`: `/\A[a-z0-9_]+\z/i`, at most
/// `USERNAME_LENGTH_LIMIT` = 30; `UnreservedUsernameValidator`): letters, digits and underscores,
/// at most 30, none of [`RESERVED_USERNAMES`] and nothing holding one of
/// [`RESERVED_USERNAME_PARTS`], once normalized as Mastodon does.
pub fn check_admin_username(username: &str) -> Check {
    if username.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter a username for the admin account."));
    }
    if username.chars().count() > USERNAME_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {USERNAME_MAX} characters.")));
    }
    if !username.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Issue::new(ErrorCode::Invalid, "Use only letters, digits and underscores."));
    }
    let normalized = mastodon_normalized_username(username);
    if let Some(word) = RESERVED_USERNAMES.iter().find(|w| **w == normalized) {
        let detail = if normalized == username.to_lowercase() {
            "Mastodon keeps this username for itself; choose another.".to_owned()
        } else {
            format!("Mastodon reads this as “{word}”, a name it keeps for itself; choose another.")
        };
        return Err(Issue::new(ErrorCode::Reserved, detail));
    }
    if let Some(word) = RESERVED_USERNAME_PARTS.iter().find(|w| normalized.contains(**w)) {
        return Err(Issue::new(ErrorCode::Reserved, format!("Mastodon keeps names with “{word}” in them for itself; choose another.")));
    }
    Ok(())
}

/// Longest address line, city, and purchase-order reference.
pub const LINE_MAX: usize = 100;
/// Longest postal code.
pub const POSTAL_CODE_MAX: usize = 16;
/// Longest purchase-order reference.
pub const PURCHASE_ORDER_MAX: usize = 50;

/// A postal code: letters, digits, spaces and hyphens, at most 16.
pub fn check_postal_code(code: &str) -> Check {
    required_text(code, POSTAL_CODE_MAX)?;
    if !code.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') {
        return Err(Issue::new(ErrorCode::Invalid, "Use only letters, digits, spaces and hyphens."));
    }
    Ok(())
}

/// An optional text of at most `max` characters.
pub fn optional_text(value: &str, max: usize) -> Check {
    let len = value.trim().chars().count();
    if len > max {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {max} characters (this has {len}).")));
    }
    Ok(())
}

/// Whether the organization is a German public body, whose buyer reference is a Leitweg-ID.
pub fn is_german_public_body(org: &OrganizationSection) -> bool {
    org.kind == crate::OrganizationKind::PublicSector && org.country == "DE"
}

/// Validates an organization section.
pub fn validate_organization(org: &OrganizationSection) -> Vec<FieldError> {
    let mut report = Report::default();
    report
        .check("/organization/name", check_org_name(&org.name))
        .check("/organization/country", check_country(&org.country))
        .check("/organization/contact_email", check_email(&org.contact_email))
        .check("/organization/admin_username", check_admin_username(&org.admin_username));
    if let Some(vat) = org.vat_id.as_deref().filter(|v| !v.trim().is_empty()) {
        report.check("/organization/vat_id", super::check_vat_id(vat, &org.country));
    }
    let billing = &org.billing;
    if let Some(email) = billing.email.as_deref().filter(|e| !e.trim().is_empty()) {
        report.check("/organization/billing/email", check_email(email));
    }
    let address = &billing.address;
    report
        .check("/organization/billing/address/line1", required_text(&address.line1, LINE_MAX))
        .check("/organization/billing/address/line2", optional_text(&address.line2, LINE_MAX))
        .check("/organization/billing/address/postal_code", check_postal_code(&address.postal_code))
        .check("/organization/billing/address/city", required_text(&address.city, LINE_MAX));
    if let Some(reference) = billing.buyer_reference.as_deref().filter(|r| !r.trim().is_empty()) {
        let check = if is_german_public_body(org) {
            crate::payment::check_leitweg_id(reference).map_err(|m| Issue::new(ErrorCode::Invalid, m))
        } else {
            optional_text(reference, crate::payment::BUYER_REFERENCE_MAX)
        };
        report.check("/organization/billing/buyer_reference", check);
    }
    if let Some(peppol) = billing.peppol_id.as_deref().filter(|r| !r.trim().is_empty()) {
        report.check("/organization/billing/peppol_id", crate::payment::check_peppol_id(peppol).map(|_| ()).map_err(|m| Issue::new(ErrorCode::Invalid, m)));
    }
    if let Some(po) = &billing.purchase_order {
        report.check("/organization/billing/purchase_order", optional_text(po, PURCHASE_ORDER_MAX));
    }
    report.no_control_characters(org, "/organization", &[]);
    report.into_errors()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BillingDetails, OrganizationKind, PaymentMethod, PostalAddress};

    fn valid() -> OrganizationSection {
        OrganizationSection {
            name: "Stadtwerke Beispiel".into(),
            kind: OrganizationKind::PublicSector,
            country: "DE".into(),
            contact_email: "it@stadtwerke.example".into(),
            admin_username: "it_team".into(),
            vat_id: Some("DE123456789".into()),
            billing: BillingDetails {
                email: None,
                address: PostalAddress {
                    line1: "Hauptstraße 1".into(),
                    line2: String::new(),
                    postal_code: "10115".into(),
                    city: "Berlin".into(),
                },
                purchase_order: Some("PO-2026-17".into()),
                buyer_reference: None,
                peppol_id: None,
                payment_method: PaymentMethod::Invoice,
            },
        }
    }

    #[test]
    fn a_complete_organization_passes() {
        assert_eq!(validate_organization(&valid()), vec![]);
        assert_eq!(validate_organization(&OrganizationSection { vat_id: None, ..valid() }), vec![]);
    }

    #[test]
    fn every_field_error_points_at_its_field() {
        let org = OrganizationSection {
            name: "   ".into(),
            kind: OrganizationKind::Company,
            country: "XX".into(),
            contact_email: "not-an-email".into(),
            admin_username: "Admin".into(),
            vat_id: Some("FR123".into()),
            billing: BillingDetails {
                email: Some("billing@".into()),
                address: PostalAddress {
                    line1: String::new(),
                    line2: "x".repeat(101),
                    postal_code: "1011<5".into(),
                    city: " ".into(),
                },
                purchase_order: Some("P".repeat(51)),
                buyer_reference: None,
                peppol_id: None,
                payment_method: PaymentMethod::Card,
            },
        };
        let got: Vec<_> = validate_organization(&org).into_iter().map(|e| (e.pointer, e.code)).collect();
        assert_eq!(
            got,
            [
                ("/organization/name".to_string(), ErrorCode::Required),
                ("/organization/country".to_string(), ErrorCode::Invalid),
                ("/organization/contact_email".to_string(), ErrorCode::Invalid),
                ("/organization/admin_username".to_string(), ErrorCode::Reserved),
                ("/organization/vat_id".to_string(), ErrorCode::Mismatch),
                ("/organization/billing/email".to_string(), ErrorCode::Invalid),
                ("/organization/billing/address/line1".to_string(), ErrorCode::Required),
                ("/organization/billing/address/line2".to_string(), ErrorCode::TooLong),
                ("/organization/billing/address/postal_code".to_string(), ErrorCode::Invalid),
                ("/organization/billing/address/city".to_string(), ErrorCode::Required),
                ("/organization/billing/purchase_order".to_string(), ErrorCode::TooLong),
            ]
        );
    }

    #[test]
    fn usernames_follow_mastodon() {
        assert!(check_admin_username("alice_1").is_ok());
        assert_eq!(check_admin_username("").map_err(|i| i.code), Err(ErrorCode::Required));
        assert_eq!(check_admin_username("al ice").map_err(|i| i.code), Err(ErrorCode::Invalid));
        assert_eq!(check_admin_username("jürgen").map_err(|i| i.code), Err(ErrorCode::Invalid));
        assert!(check_admin_username(&"a".repeat(30)).is_ok());
        assert_eq!(check_admin_username(&"a".repeat(31)).map_err(|i| i.code), Err(ErrorCode::TooLong));
        assert_eq!(check_admin_username("ROOT").map_err(|i| i.code), Err(ErrorCode::Reserved));
        // Mastodon's seeds, as `UsernameBlock.matches?` compares them (its spec's cases: case
        // and digits for letters).
        for reserved in ["Staff", "4dm1n", "r00t", "M0D5", "5upp0rt", "helpdesk", "owner"] {
            assert_eq!(check_admin_username(reserved).map_err(|i| i.code), Err(ErrorCode::Reserved), "{reserved}");
        }
        assert!(check_admin_username("4dm1n").unwrap_err().detail.contains("“admin”"));
        // Names Mastodon takes: the other seeds are exact blocks, so a longer name holding one
        // passes, and names Onramp refused before Mastodon's list was read are free again.
        for taken in ["mastodon", "Mastodon_Team", "m4st0d0n", "our_mastadon"] {
            assert_eq!(check_admin_username(taken).map_err(|i| i.code), Err(ErrorCode::Reserved), "{taken}: a partial block");
        }
        for free in ["admin_team", "staffing", "info", "postmaster", "no_reply", "presse"] {
            assert!(check_admin_username(free).is_ok(), "{free}");
        }
    }

    #[test]
    fn emails() {
        assert!(check_email("a.b+c@example.org").is_ok());
        assert!(check_email("  it@uni.example  ").is_ok());
        for bad in ["", "a@", "@b.org", "a b@c.org", "a@localhost", "a@b.", "<script>@x.org"] {
            assert!(check_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn names_count_characters_not_bytes() {
        assert!(check_org_name(&"ä".repeat(NAME_MAX)).is_ok());
        assert_eq!(check_org_name(&"ä".repeat(NAME_MAX + 1)).map_err(|i| i.code), Err(ErrorCode::TooLong));
    }
}
