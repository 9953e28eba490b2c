//! The limits the contract's rules enforce, as they appear in the OpenAPI document's schemas
//! (`maxLength`, `maxItems`, `pattern`, `minimum`/`maximum`), taken from the rules' own constants
//! so the document and the rules cannot disagree. A schema generator alone cannot see them: they
//! live in the rules, not in the types.

use crate::validate as branding;
use crate::validate as moderation;
use crate::validate as organization;

/// One limit on one property of one schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many characters (Unicode code points, after trimming): `maxLength`.
    MaxChars(usize),
    /// At most this many characters as people see them (an emoji or a letter with its accents
    /// is one): stated as `x-onramp-max-visible-characters`, since `maxLength` counts code points.
    MaxVisible(usize),
    /// At most this many entries: `maxItems`.
    MaxItems(usize),
    /// A regular expression the whole value matches: `pattern`.
    Pattern(&'static str),
    /// The smallest and largest number: `minimum`, `maximum`.
    Range(i64, i64),
}

/// `(schema, property, limit)` for every limit the rules enforce on a request body.
pub const LIMITS: &[(&str, &str, Limit)] = &[
    ("PlanSection", "currency", Limit::Pattern("^[A-Z]{3}$")),
    ("OrganizationSection", "name", Limit::MaxChars(organization::NAME_MAX)),
    ("OrganizationSection", "country", Limit::Pattern("^[A-Z]{2}$")),
    ("OrganizationSection", "contact_email", Limit::MaxChars(organization::EMAIL_MAX)),
    ("OrganizationSection", "admin_username", Limit::MaxChars(organization::USERNAME_MAX)),
    ("OrganizationSection", "admin_username", Limit::Pattern("^[A-Za-z0-9_]*$")),
    ("PostalAddress", "line1", Limit::MaxChars(organization::LINE_MAX)),
    ("PostalAddress", "line2", Limit::MaxChars(organization::LINE_MAX)),
    ("PostalAddress", "city", Limit::MaxChars(organization::LINE_MAX)),
    ("PostalAddress", "postal_code", Limit::MaxChars(organization::POSTAL_CODE_MAX)),
    ("BillingDetails", "email", Limit::MaxChars(organization::EMAIL_MAX)),
    ("BillingDetails", "purchase_order", Limit::MaxChars(organization::PURCHASE_ORDER_MAX)),
    ("DomainSection", "web_domain", Limit::MaxChars(crate::domain::NAME_MAX)),
    ("DomainSection", "handle_domain", Limit::MaxChars(crate::domain::NAME_MAX)),
    ("BrandingSection", "site_title", Limit::MaxVisible(branding::SITE_TITLE_MAX)),
    ("BrandingSection", "site_short_description", Limit::MaxChars(branding::SHORT_DESCRIPTION_MAX)),
    ("BrandingSection", "site_contact_email", Limit::MaxChars(organization::EMAIL_MAX)),
    ("BrandingSection", "accent_color", Limit::Pattern("^#[0-9A-Fa-f]{6}$")),
    ("Rule", "text", Limit::MaxChars(moderation::RULE_TEXT_MAX)),
    ("Rule", "hint", Limit::MaxChars(moderation::RULE_HINT_MAX)),
    ("DomainBlock", "domain", Limit::MaxChars(moderation::BLOCK_DOMAIN_MAX)),
    ("DomainBlock", "public_comment", Limit::MaxChars(moderation::PUBLIC_COMMENT_MAX)),
    ("ModerationSection", "rules", Limit::MaxItems(moderation::RULES_MAX)),
    ("ModerationSection", "domain_blocks", Limit::MaxItems(moderation::DOMAIN_BLOCKS_MAX)),
    ("ModerationSection", "languages", Limit::MaxItems(moderation::LANGUAGES_MAX)),
    ("ModerationSection", "min_age", Limit::Range(moderation::MIN_AGE_RANGE.0 as i64, moderation::MIN_AGE_RANGE.1 as i64)),
    ("ModerationSection", "content_cache_retention_days", Limit::Range(moderation::RETENTION_RANGE.0 as i64, moderation::RETENTION_RANGE.1 as i64)),
    ("ModerationSection", "media_cache_retention_days", Limit::Range(moderation::RETENTION_RANGE.0 as i64, moderation::RETENTION_RANGE.1 as i64)),
    ("EventBatch", "events", Limit::MaxItems(crate::funnel::BATCH_MAX)),
    ("FunnelEvent", "codes", Limit::MaxItems(crate::funnel::CODES_MAX)),
    ("StepReport", "message", Limit::MaxChars(crate::webhook::MESSAGE_MAX)),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::check_admin_username;

    #[test]
    fn the_stated_limits_are_the_rules_limits() {
        // Just inside each limit passes the rule, just outside fails it.
        let name = |n: usize| "a".repeat(n);
        assert!(check_admin_username(&name(organization::USERNAME_MAX)).is_ok());
        assert!(check_admin_username(&name(organization::USERNAME_MAX + 1)).is_err());
        assert!(check_admin_username("alice-b").is_err(), "the pattern's hyphen rule");
        assert!(moderation::check_min_age(moderation::MIN_AGE_RANGE.0).is_ok() && moderation::check_min_age(moderation::MIN_AGE_RANGE.0 - 1).is_err());
        assert!(moderation::check_retention(moderation::RETENTION_RANGE.1).is_ok() && moderation::check_retention(moderation::RETENTION_RANGE.1 + 1).is_err());
        assert!(branding::check_site_title(&name(branding::SITE_TITLE_MAX)).is_ok() && branding::check_site_title(&name(branding::SITE_TITLE_MAX + 1)).is_err());
    }
}
