//! Rules of the moderation section: who may join, the server rules, federation blocks, the
//! community's languages and cache retention.

use std::collections::HashSet;

use crate::domain::{check_ascii_domain, normalize};
use crate::text::visible_len;
use crate::{ErrorCode, FieldError, ModerationSection};

use super::{Check, Issue, Report};

/// Most server rules.
pub const RULES_MAX: usize = 30;
/// Longest rule (as Mastodon).
pub const RULE_TEXT_MAX: usize = 300;
/// Longest rule hint.
pub const RULE_HINT_MAX: usize = 500;
/// Most federation blocks.
pub const DOMAIN_BLOCKS_MAX: usize = 20_000;
/// Longest public comment on a block.
pub const PUBLIC_COMMENT_MAX: usize = 500;
/// Most community languages.
pub const LANGUAGES_MAX: usize = 20;
/// Youngest and oldest minimum age that can be set.
pub const MIN_AGE_RANGE: (u8, u8) = (13, 99);
/// Shortest and longest cache retention, in days.
pub const RETENTION_RANGE: (u32, u32) = (7, 3_650);

/// How a rule is compared with the others: trimmed, case and inner spacing ignored.
pub fn rule_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Checks one rule's text.
pub fn check_rule_text(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Write the rule, or remove it."));
    }
    let len = visible_len(text);
    if len > RULE_TEXT_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {RULE_TEXT_MAX} characters (this has {len}).")));
    }
    Ok(())
}

fn check_max(text: &str, max: usize) -> Check {
    let len = visible_len(text.trim());
    if len > max {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {max} characters (this has {len}).")));
    }
    Ok(())
}

/// Checks a blocked domain: a domain by the domain step's rules, stored lower case in ASCII.
pub fn check_block_domain(domain: &str) -> Check {
    check_ascii_domain(domain)?;
    if normalize(domain) != domain {
        return Err(Issue::new(ErrorCode::Invalid, "Store the domain in lower case, without a trailing dot."));
    }
    Ok(())
}

/// Checks the minimum age.
pub fn check_min_age(age: u8) -> Check {
    let (lo, hi) = MIN_AGE_RANGE;
    if age < lo || age > hi {
        return Err(Issue::new(ErrorCode::Invalid, format!("Give an age from {lo} to {hi} years, or leave it empty.")));
    }
    Ok(())
}

/// Checks a retention period in days.
pub fn check_retention(days: u32) -> Check {
    let (lo, hi) = RETENTION_RANGE;
    if days < lo || days > hi {
        return Err(Issue::new(ErrorCode::Invalid, format!("Give from {lo} to {hi} days, or leave it empty to keep everything.")));
    }
    Ok(())
}

/// Validates the moderation section; an empty list means valid.
pub fn validate_moderation(m: &ModerationSection) -> Vec<FieldError> {
    let mut report = Report::default();
    if let Some(age) = m.min_age {
        report.check("/moderation/min_age", check_min_age(age));
    }
    if m.languages.len() > LANGUAGES_MAX {
        report.check(
            "/moderation/languages",
            Err(Issue::new(ErrorCode::TooLong, format!("Choose at most {LANGUAGES_MAX} languages."))),
        );
    }
    let mut seen_languages = HashSet::new();
    for (i, code) in m.languages.iter().enumerate() {
        let check = if !crate::languages::is_language(code) {
            Err(Issue::new(ErrorCode::Unknown, "Choose a language from the list."))
        } else if !seen_languages.insert(code.as_str()) {
            Err(Issue::new(ErrorCode::Duplicate, "This language is listed twice."))
        } else {
            Ok(())
        };
        report.check(format!("/moderation/languages/{i}"), check);
    }

    if m.rules.len() > RULES_MAX {
        report.check(
            "/moderation/rules",
            Err(Issue::new(ErrorCode::TooLong, format!("A server has at most {RULES_MAX} rules (this has {}).", m.rules.len()))),
        );
    }
    let mut seen_rules = HashSet::new();
    for (i, rule) in m.rules.iter().enumerate() {
        let text = check_rule_text(&rule.text).and_then(|()| {
            if seen_rules.insert(rule_key(&rule.text)) {
                Ok(())
            } else {
                Err(Issue::new(ErrorCode::Duplicate, "This rule is already listed."))
            }
        });
        report
            .check(format!("/moderation/rules/{i}/text"), text)
            .check(format!("/moderation/rules/{i}/hint"), check_max(&rule.hint, RULE_HINT_MAX));
    }

    if m.domain_blocks.len() > DOMAIN_BLOCKS_MAX {
        report.check(
            "/moderation/domain_blocks",
            Err(Issue::new(ErrorCode::TooLong, format!("At most {DOMAIN_BLOCKS_MAX} blocks."))),
        );
    }
    let mut seen_blocks = HashSet::new();
    for (i, block) in m.domain_blocks.iter().enumerate() {
        let domain = check_block_domain(&block.domain).and_then(|()| {
            if seen_blocks.insert(block.domain.as_str()) {
                Ok(())
            } else {
                Err(Issue::new(ErrorCode::Duplicate, "This domain is already blocked."))
            }
        });
        report
            .check(format!("/moderation/domain_blocks/{i}/domain"), domain)
            .check(format!("/moderation/domain_blocks/{i}/public_comment"), check_max(&block.public_comment, PUBLIC_COMMENT_MAX));
    }
    if let Some(days) = m.content_cache_retention_days {
        report.check("/moderation/content_cache_retention_days", check_retention(days));
    }
    if let Some(days) = m.media_cache_retention_days {
        report.check("/moderation/media_cache_retention_days", check_retention(days));
    }
    report.no_control_characters(m, "/moderation", &["/moderation/rules/*/hint"]);
    report.into_errors()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DomainBlock, Rule};

    fn rule(text: &str) -> Rule {
        Rule { text: text.into(), hint: String::new() }
    }

    fn block(domain: &str) -> DomainBlock {
        DomainBlock { domain: domain.into(), ..Default::default() }
    }

    fn found(m: &ModerationSection) -> Vec<(String, ErrorCode)> {
        validate_moderation(m).into_iter().map(|e| (e.pointer, e.code)).collect()
    }

    #[test]
    fn a_sensible_policy_passes() {
        let m = ModerationSection {
            min_age: Some(16),
            languages: vec!["de".into(), "en".into()],
            rules: vec![rule("Be kind."), rule("No spam.")],
            domain_blocks: vec![block("spam.example"), block("xn--bcher-kva.example")],
            content_cache_retention_days: Some(90),
            ..Default::default()
        };
        assert_eq!(found(&m), []);
    }

    #[test]
    fn rules_are_refused_when_empty_duplicate_long_or_too_many() {
        let m = ModerationSection {
            rules: vec![rule("Be kind."), rule("  "), rule("be   KIND."), rule(&"x".repeat(301))],
            ..Default::default()
        };
        assert_eq!(
            found(&m),
            [
                ("/moderation/rules/1/text".into(), ErrorCode::Required),
                ("/moderation/rules/2/text".into(), ErrorCode::Duplicate),
                ("/moderation/rules/3/text".into(), ErrorCode::TooLong),
            ]
        );
        let many = ModerationSection { rules: (0..31).map(|i| rule(&format!("Rule {i}"))).collect(), ..Default::default() };
        assert_eq!(found(&many), [("/moderation/rules".into(), ErrorCode::TooLong)]);
        let thirty = ModerationSection { rules: (0..30).map(|i| rule(&format!("Rule {i}"))).collect(), ..Default::default() };
        assert_eq!(found(&thirty), []);
    }

    #[test]
    fn blocks_languages_ages_and_retention() {
        let m = ModerationSection {
            min_age: Some(12),
            languages: vec!["de".into(), "xx".into(), "de".into()],
            domain_blocks: vec![block("spam.example"), block("Spam.Example"), block("spam.example"), block("localhost")],
            media_cache_retention_days: Some(3),
            ..Default::default()
        };
        assert_eq!(
            found(&m),
            [
                ("/moderation/min_age".into(), ErrorCode::Invalid),
                ("/moderation/languages/1".into(), ErrorCode::Unknown),
                ("/moderation/languages/2".into(), ErrorCode::Duplicate),
                ("/moderation/domain_blocks/1/domain".into(), ErrorCode::Invalid),
                ("/moderation/domain_blocks/2/domain".into(), ErrorCode::Duplicate),
                ("/moderation/domain_blocks/3/domain".into(), ErrorCode::Invalid),
                ("/moderation/media_cache_retention_days".into(), ErrorCode::Invalid),
            ]
        );
    }
}
