//! Field errors in the user's language: from a JSON pointer and an error code (the same pair the
//! shared rules and the server produce) to the field's element id and a sentence.

use onramp_api::validate::{SHORT_DESCRIPTION_MAX, SITE_TITLE_MAX};
use onramp_api::validate::{EMAIL_MAX, LINE_MAX, NAME_MAX, POSTAL_CODE_MAX, PURCHASE_ORDER_MAX, USERNAME_MAX};
use onramp_api::{ErrorCode, FieldError};

use crate::components::SummaryItem;
use crate::i18n::Strings;

/// The element id of the field a pointer names: `/organization/billing/email` is
/// `organization-billing-email`.
pub fn field_id(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', "-")
}

fn label(pointer: &str, t: &Strings) -> (&'static str, usize) {
    match pointer {
        "/organization/name" => (t.org_name_label, NAME_MAX),
        "/organization/country" => (t.country_label, 2),
        "/organization/contact_email" => (t.contact_email_label, EMAIL_MAX),
        "/organization/admin_username" => (t.admin_username_label, USERNAME_MAX),
        "/organization/vat_id" => (t.vat_label, 16),
        "/organization/billing/email" => (t.billing_email_label, EMAIL_MAX),
        "/organization/billing/address/line1" => (t.line1_label, LINE_MAX),
        "/organization/billing/address/line2" => (t.line2_label, LINE_MAX),
        "/organization/billing/address/postal_code" => (t.postal_code_label, POSTAL_CODE_MAX),
        "/organization/billing/address/city" => (t.city_label, LINE_MAX),
        "/organization/billing/purchase_order" => (t.po_label, PURCHASE_ORDER_MAX),
        "/organization/billing/buyer_reference" => (t.buyer_ref_label, onramp_api::payment::BUYER_REFERENCE_MAX),
        "/organization/billing/peppol_id" => (t.peppol_label, 0),
        "/organization/billing/payment_method" => (t.payment_legend, 0),
        "/plan/plan_id" => (t.plans_legend, 0),
        "/branding/site_title" => (t.site_title_label, SITE_TITLE_MAX),
        "/branding/site_short_description" => (t.description_label, SHORT_DESCRIPTION_MAX),
        "/branding/site_contact_email" => (t.site_contact_label, EMAIL_MAX),
        _ => ("", 0),
    }
}

/// The sentence for a field error.
pub fn message(error: &FieldError, t: &Strings) -> String {
    let (name, max) = label(&error.pointer, t);
    let p = error.pointer.as_str();
    let is_email = p.ends_with("email");
    if p.starts_with("/moderation") {
        return moderation_message(p, error.code, t);
    }
    if p.starts_with("/domain") {
        return match (p, error.code) {
            ("/domain/mode", _) => t.err_own_domain_plan,
            ("/domain/handle_domain", _) => t.err_handle_domain,
            (_, ErrorCode::Taken) => t.err_domain_taken,
            (_, ErrorCode::Reserved) => t.err_domain_reserved,
            (_, ErrorCode::Required) => t.err_subdomain_required,
            (_, ErrorCode::TooShort) => t.err_subdomain_short,
            (_, ErrorCode::NotAllowed) => t.err_domain_not_allowed,
            (_, ErrorCode::Ambiguous) => t.err_domain_ambiguous,
            _ => t.err_domain_invalid,
        }
        .to_owned();
    }
    match (p, error.code) {
        ("/branding/thumbnail" | "/branding/logo", _) => return t.img_err_again.to_owned(),
        ("/branding/accent_color", ErrorCode::Contrast) => return t.err_accent_contrast.to_owned(),
        ("/branding/accent_color", _) => return t.err_accent_invalid.to_owned(),
        _ => {}
    }
    match error.code {
        ErrorCode::Required if p == "/plan/plan_id" => t.error_choose_plan.to_owned(),
        ErrorCode::Required if p == "/organization/country" => t.err_invalid_country.to_owned(),
        ErrorCode::Required if !name.is_empty() => (t.err_required)(name),
        ErrorCode::TooLong if max > 0 => (t.err_too_long)(name, max),
        ErrorCode::Invalid if is_email => t.err_invalid_email.to_owned(),
        ErrorCode::Invalid if p == "/organization/admin_username" => t.err_invalid_username.to_owned(),
        ErrorCode::Invalid if p == "/organization/vat_id" => t.err_invalid_vat.to_owned(),
        ErrorCode::Invalid if p == "/organization/billing/buyer_reference" => t.err_invalid_leitweg.to_owned(),
        ErrorCode::Invalid if p == "/organization/billing/peppol_id" => t.err_invalid_peppol.to_owned(),
        ErrorCode::Invalid if p.ends_with("postal_code") => t.err_invalid_postal_code.to_owned(),
        ErrorCode::Invalid if p == "/organization/country" => t.err_invalid_country.to_owned(),
        ErrorCode::Reserved => t.err_reserved_username.to_owned(),
        ErrorCode::Mismatch => t.err_vat_mismatch.to_owned(),
        ErrorCode::NotAllowed if p.ends_with("payment_method") => t.err_payment_not_allowed.to_owned(),
        _ if name.is_empty() => t.err_generic.to_owned(),
        _ => format!("{name}: {}", t.err_generic),
    }
}

/// The index in a pointer such as `/moderation/rules/3/text`, and what follows it.
fn indexed<'a>(pointer: &'a str, list: &str) -> Option<(usize, &'a str)> {
    let rest = pointer.strip_prefix(list)?.strip_prefix('/')?;
    let (index, field) = rest.split_once('/').unwrap_or((rest, ""));
    Some((index.parse().ok()?, field))
}

fn moderation_message(p: &str, code: ErrorCode, t: &Strings) -> String {
    use onramp_api::validate::{PUBLIC_COMMENT_MAX, RULES_MAX, RULE_HINT_MAX, RULE_TEXT_MAX};
    if let Some((i, field)) = indexed(p, "/moderation/rules") {
        return match (field, code) {
            ("hint", _) => (t.err_too_long)(&(t.rule_hint_label)(i + 1), RULE_HINT_MAX),
            (_, ErrorCode::Duplicate) => t.err_rule_duplicate.to_owned(),
            (_, ErrorCode::TooLong) => (t.err_too_long)(&(t.rule_label)(i + 1), RULE_TEXT_MAX),
            _ => t.err_rule_required.to_owned(),
        };
    }
    if let Some((_, field)) = indexed(p, "/moderation/domain_blocks") {
        return match (field, code) {
            ("public_comment", _) => (t.err_too_long)(t.public_comment_label, PUBLIC_COMMENT_MAX),
            (_, ErrorCode::Duplicate) => t.err_block_duplicate.to_owned(),
            (_, ErrorCode::Covered) => t.err_block_not_stricter.to_owned(),
            _ => t.err_block_domain.to_owned(),
        };
    }
    match p {
        "/moderation/rules" => (t.err_rules_too_many)(RULES_MAX),
        "/moderation/domain_blocks" => t.err_blocks_too_many.to_owned(),
        "/moderation/min_age" => t.err_min_age.to_owned(),
        "/moderation/content_cache_retention_days" | "/moderation/media_cache_retention_days" => t.err_retention.to_owned(),
        p if p.starts_with("/moderation/languages") => t.err_language.to_owned(),
        _ => t.err_generic.to_owned(),
    }
}

/// The error shown at the field with this pointer, if any.
pub fn error_at(errors: &[FieldError], pointer: &str, t: &Strings) -> Option<String> {
    errors.iter().find(|e| e.pointer == pointer).map(|e| message(e, t))
}

/// The error summary's items, in the order of the errors.
pub fn summary(errors: &[FieldError], t: &Strings) -> Vec<SummaryItem> {
    errors.iter().map(|e| SummaryItem { field_id: field_id(&e.pointer), message: message(e, t) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_branding_error_has_words_in_both_languages() {
        let b = onramp_api::BrandingSection {
            site_short_description: "x".repeat(201),
            site_contact_email: Some("x".into()),
            thumbnail: Some("x".into()),
            logo: Some("x".into()),
            accent_color: Some("#ffff00".into()),
            ..Default::default()
        };
        let errors = onramp_api::validate::validate_branding(&b);
        assert_eq!(errors.len(), 6, "{errors:?}");
        for l in Locale::ALL {
            for e in &errors {
                let m = message(e, l.strings());
                assert!(!m.is_empty() && !m.contains(l.strings().err_generic), "{} {:?}: {m}", e.pointer, e.code);
            }
        }
    }

    #[test]
    fn every_moderation_error_has_words_in_both_languages() {
        use onramp_api::{DomainBlock, ModerationSection, Rule};
        let m = ModerationSection {
            min_age: Some(3),
            languages: vec!["xx".into()],
            rules: vec![
                Rule { text: "".into(), hint: "h".repeat(501) },
                Rule { text: "a".into(), hint: String::new() },
                Rule { text: "A".into(), hint: String::new() },
                Rule { text: "x".repeat(301), hint: String::new() },
            ],
            domain_blocks: vec![
                DomainBlock { domain: "under_score".into(), public_comment: "c".repeat(501), ..Default::default() },
            ],
            content_cache_retention_days: Some(1),
            ..Default::default()
        };
        let errors = onramp_api::validate::validate_moderation(&m);
        assert!(errors.len() >= 9, "{errors:?}");
        for l in Locale::ALL {
            for e in &errors {
                let m = message(e, l.strings());
                assert!(!m.is_empty() && m != l.strings().err_generic, "{} {:?}: {m}", e.pointer, e.code);
            }
        }
        let en = Locale::En.strings();
        assert_eq!(
            message(&FieldError::new("/moderation/rules/3/text", ErrorCode::TooLong, ""), en),
            "Rule 4: use at most 300 characters."
        );
        assert_eq!(field_id("/moderation/rules/3/text"), "moderation-rules-3-text");
    }

    #[test]
    fn every_organization_error_has_words_in_both_languages() {
        let org = onramp_api::OrganizationSection {
            vat_id: Some("XX1".into()),
            billing: onramp_api::BillingDetails {
                email: Some("x".into()),
                address: onramp_api::PostalAddress { line2: "x".repeat(200), ..Default::default() },
                purchase_order: Some("p".repeat(60)),
                buyer_reference: None,
                peppol_id: None,
                ..Default::default()
            },
            ..Default::default()
        };
        let errors = onramp_api::validate::validate_organization(&org);
        assert!(errors.len() >= 9, "{errors:?}");
        for l in Locale::ALL {
            for e in &errors {
                let m = message(e, l.strings());
                assert!(!m.is_empty() && m != l.strings().err_generic, "{} {:?}: {m}", e.pointer, e.code);
            }
        }
        assert_eq!(field_id("/organization/billing/address/line1"), "organization-billing-address-line1");
        assert_eq!(
            message(&FieldError::new("/organization/name", ErrorCode::TooLong, ""), Locale::En.strings()),
            "Organization name: use at most 100 characters."
        );
    }
}
