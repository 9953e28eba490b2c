//! Rules of the moderation section: who may join, the server rules, federation blocks, the
//! community's languages and cache retention.

use std::collections::{HashMap, HashSet};

use crate::domain::normalize;
use crate::text::visible_len;
use crate::{DomainBlock, ErrorCode, FieldError, ModerationSection, Severity};

use super::{Check, Issue, Report};

/// Most server rules.
pub const RULES_MAX: usize = 30;
/// Longest rule: `Rule::TEXT_SIZE_LIMIT`, in Mastodon's count.
pub const RULE_TEXT_MAX: usize = 300;
/// Longest rule hint. Mastodon sets none on `Rule#hint`; 500 keeps the sign-up page readable.
pub const RULE_HINT_MAX: usize = 500;
/// Most federation blocks.
pub const DOMAIN_BLOCKS_MAX: usize = 20_000;
/// Longest public comment on a block. Mastodon sets none on `DomainBlock#public_comment`; 500
/// keeps the list of moderated servers on the about page readable.
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

/// Checks one rule's text: present (`validates :text, presence: true`) and at most
/// [`RULE_TEXT_MAX`] characters as Mastodon counts them.
pub fn check_rule_text(text: &str) -> Check {
    if text.trim().is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Write the rule, or remove it."));
    }
    crate::text::check_mastodon_max(text, RULE_TEXT_MAX)
}

fn check_max(text: &str, max: usize) -> Check {
    let len = visible_len(text.trim());
    if len > max {
        return Err(Issue::new(ErrorCode::TooLong, format!("Use at most {max} characters (this has {len}).")));
    }
    Ok(())
}

/// Longest blocked domain: `DomainValidator` wants the normalized host shorter than 256.
pub const BLOCK_DOMAIN_MAX: usize = 255;

/// Checks a blocked domain as Mastodon's `DomainValidator` does (`app/validators/domain_validator.rb`):
/// each label 1 to 63 letters, digits or hyphens, the whole at most [`BLOCK_DOMAIN_MAX`]. So a
/// single label (a block on a whole top-level domain, `example`) and an IPv4 address are
/// blocks Mastodon takes, and so are they here. Stored lower case in ASCII without a trailing
/// dot, as `TagManager#normalize_domain` stores it.
pub fn check_block_domain(domain: &str) -> Check {
    if domain.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter the domain to block."));
    }
    if normalize(domain) != domain {
        return Err(Issue::new(ErrorCode::Invalid, "Store the domain in lower case, without a trailing dot."));
    }
    if !domain.is_ascii() {
        return Err(Issue::new(ErrorCode::Invalid, "Store domains in their ASCII (punycode) form."));
    }
    if domain.len() > BLOCK_DOMAIN_MAX {
        return Err(Issue::new(ErrorCode::TooLong, format!("A domain has at most {BLOCK_DOMAIN_MAX} characters.")));
    }
    let label_ok = |l: &str| (1..=63).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !domain.split('.').all(label_ok) {
        return Err(Issue::new(ErrorCode::Invalid, "Use letters, digits and hyphens, with dots between parts of at most 63."));
    }
    Ok(())
}

/// The domain that already covers `domain` among those `blocked` says are: the domain itself or
/// one above it, as `DomainBlock.rule_for` looks (`Form::DomainBlockBatch#save!` skips a block
/// such a rule covers, so Mastodon would drop it).
pub fn covering_block(domain: &str, blocked: impl Fn(&str) -> bool) -> Option<&str> {
    let mut rest = domain;
    loop {
        if blocked(rest) {
            return Some(rest);
        }
        rest = rest.split_once('.')?.1;
    }
}

/// The block on the nearest domain above `domain` that `lookup` finds, as
/// `DomainBlock.rule_for` picks the longest of the domain's parents.
pub fn parent_block<'a>(domain: &str, lookup: impl Fn(&str) -> Option<&'a DomainBlock>) -> Option<&'a DomainBlock> {
    let mut rest = domain;
    loop {
        rest = rest.split_once('.')?.1;
        if let Some(b) = lookup(rest) {
            return Some(b);
        }
    }
}

/// Whether a block may stand under the block on a domain above it, as Mastodon's admin decides
/// (`DomainBlock#stricter_than?`, `app/models/domain_block.rb`; its PR #26392 "Fix blocking
/// subdomains of an already-blocked domain" lets `Admin::DomainBlocksController#create` and the
/// admin API save such a child only when this holds):
///
/// ```ruby
/// def stricter_than?(other_block)
///   return true  if suspend?
///   return false if other_block.suspend? && (silence? || noop?)
///   return false if other_block.silence? && noop?
///
///   (reject_media || !other_block.reject_media) && (reject_reports || !other_block.reject_reports)
/// end
/// ```
///
/// So a child as strict as its parent passes too, and a suspension always does.
pub fn stricter_than(block: &DomainBlock, parent: &DomainBlock) -> bool {
    if block.severity == Severity::Suspend {
        return true;
    }
    if parent.severity == Severity::Suspend {
        return false;
    }
    if parent.severity == Severity::Silence && block.severity == Severity::Noop {
        return false;
    }
    (block.reject_media || !parent.reject_media) && (block.reject_reports || !parent.reject_reports)
}

/// Mastodon's refusal of a child block that is not stricter than its parent
/// (`admin.domain_blocks.existing_domain_block`), and how to go on.
pub fn not_stricter_detail(parent: &str) -> String {
    format!("You have already imposed stricter limits on {parent}. Make this block stricter (a harsher severity, or reject media or reports), or remove it.")
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
    // A block under another in the list stands when it is stricter, wherever the two are in
    // the list (the hand-over CSV puts children first, so Mastodon's import keeps them).
    let mut by_domain: HashMap<&str, &DomainBlock> = HashMap::new();
    for block in &m.domain_blocks {
        by_domain.entry(block.domain.as_str()).or_insert(block);
    }
    let mut seen_blocks: HashSet<&str> = HashSet::new();
    for (i, block) in m.domain_blocks.iter().enumerate() {
        let domain = check_block_domain(&block.domain).and_then(|()| {
            if !seen_blocks.insert(block.domain.as_str()) {
                return Err(Issue::new(ErrorCode::Duplicate, "This domain is already blocked."));
            }
            match parent_block(&block.domain, |d| by_domain.get(d).copied()) {
                Some(parent) if !stricter_than(block, parent) => Err(Issue::new(ErrorCode::Covered, not_stricter_detail(&parent.domain))),
                _ => Ok(()),
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

    /// `spec/validators/domain_validator_spec.rb` and `DomainBlock.rule_for` cases.
    #[test]
    fn block_domains_follow_mastodons_validator() {
        for ok in ["example", "localhost", "192.168.1.1", "xn--bcher-kva.example", "-dash.example", "a-.example", &format!("{}.example", "a".repeat(63))] {
            assert!(check_block_domain(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a..example", "under_score.example", "Spam.example", "spam.example.", "*.example", "bücher.example", &format!("{}.example", "a".repeat(64)), &"a.".repeat(128)] {
            assert!(check_block_domain(bad).is_err(), "{bad}");
        }
        let earlier: HashSet<&str> = ["example.com", "org"].into_iter().collect();
        let blocked = |d: &str| earlier.contains(d);
        assert_eq!(covering_block("a.b.example.com", blocked), Some("example.com"));
        assert_eq!(covering_block("example.com", blocked), Some("example.com"));
        assert_eq!(covering_block("anything.org", blocked), Some("org"), "a block on a top-level domain covers it all");
        assert_eq!(covering_block("example.net", blocked), None);
        assert_eq!(covering_block("com", blocked), None, "a parent is not covered by its child");
    }

    fn limits(domain: &str, severity: Severity, reject_media: bool, reject_reports: bool) -> DomainBlock {
        DomainBlock { domain: domain.into(), severity, reject_media, reject_reports, ..Default::default() }
    }

    /// `spec/models/domain_block_spec.rb`'s `#stricter_than?` cases, and the rest of the table.
    #[test]
    fn stricter_than_as_mastodon_reads_it() {
        use Severity::{Noop, Silence, Suspend};
        let parent = |s| limits("example.com", s, false, false);
        let child = |s| limits("blog.example.com", s, false, false);
        assert!(stricter_than(&child(Suspend), &parent(Suspend)), "a suspension is always stricter");
        assert!(stricter_than(&child(Suspend), &limits("example.com", Suspend, true, true)));
        assert!(!stricter_than(&child(Silence), &parent(Suspend)));
        assert!(!stricter_than(&child(Noop), &parent(Suspend)));
        assert!(!stricter_than(&child(Noop), &parent(Silence)));
        assert!(stricter_than(&child(Silence), &parent(Silence)), "as strict passes");
        assert!(stricter_than(&child(Silence), &parent(Noop)));
        assert!(!stricter_than(&child(Silence), &limits("example.com", Silence, true, false)), "media rejected above, not here");
        assert!(stricter_than(&limits("blog.example.com", Noop, true, true), &limits("example.com", Noop, true, false)));
        assert!(!stricter_than(&limits("blog.example.com", Noop, true, false), &limits("example.com", Noop, false, true)));
    }

    #[test]
    fn a_block_under_a_blocked_domain_stands_when_it_is_stricter() {
        use Severity::{Noop, Silence, Suspend};
        // Typed by hand: the parent first, then a stricter child (Mastodon's admin saves it).
        let m = ModerationSection { domain_blocks: vec![limits("example.com", Silence, false, false), limits("blog.example.com", Suspend, false, false)], ..Default::default() };
        assert_eq!(found(&m), []);
        // Not stricter: refused at the child, with Mastodon's reason, wherever it stands.
        for blocks in [
            vec![limits("example.com", Suspend, false, false), limits("blog.example.com", Silence, false, false)],
            vec![limits("blog.example.com", Noop, false, false), limits("example.com", Silence, false, false)],
        ] {
            let child = blocks.iter().position(|b| b.domain == "blog.example.com").unwrap_or_default();
            let errors = validate_moderation(&ModerationSection { domain_blocks: blocks, ..Default::default() });
            assert_eq!(errors.iter().map(|e| (e.pointer.as_str(), e.code)).collect::<Vec<_>>(), [(format!("/moderation/domain_blocks/{child}/domain").as_str(), ErrorCode::Covered)]);
            assert!(errors[0].detail.starts_with("You have already imposed stricter limits on example.com."), "{}", errors[0].detail);
        }
        // The nearest parent decides, as `rule_for` picks the longest.
        let m = ModerationSection {
            domain_blocks: vec![limits("example.com", Suspend, false, false), limits("b.example.com", Suspend, false, false), limits("a.b.example.com", Suspend, false, false), limits("x.a.b.example.com", Noop, false, false)],
            ..Default::default()
        };
        assert_eq!(found(&m), [("/moderation/domain_blocks/3/domain".into(), ErrorCode::Covered)]);
        // The same domain twice is a duplicate.
        let m = ModerationSection { domain_blocks: vec![block("spam.example"), block("spam.example")], ..Default::default() };
        assert_eq!(found(&m), [("/moderation/domain_blocks/1/domain".into(), ErrorCode::Duplicate)]);
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
            domain_blocks: vec![block("spam.example"), block("Spam.Example"), block("spam.example"), block("under_score.example"), block("a.spam.example")], // a child as strict as its parent stands
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
