//! The moderation step's form: one store of what is typed (numbers as typed, rules with stable
//! keys), filled by a patch from what this device kept or the saved section, read back as one
//! value.

use onramp_api::{DomainBlock, ModerationSection, RegistrationsMode};
use reactive_stores::{Patch, Store};
use serde::{Deserialize, Serialize};

use super::{rows_from, RuleRow};

/// What is typed on this step as this device keeps it, numbers as typed (so "abc" survives a
/// reload to be corrected).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModerationForm {
    /// The section, numbers aside.
    pub section: ModerationSection,
    /// Minimum age as typed.
    pub min_age: String,
    /// Post retention as typed.
    pub content_days: String,
    /// Media retention as typed.
    pub media_days: String,
}

impl From<ModerationSection> for ModerationForm {
    fn from(s: ModerationSection) -> Self {
        let shown = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        Self {
            min_age: shown(s.min_age.map(u32::from)),
            content_days: shown(s.content_cache_retention_days),
            media_days: shown(s.media_cache_retention_days),
            section: s,
        }
    }
}

/// A number field's value: empty is `None`; anything that is not a whole number in range
/// becomes 0, which the shared rules refuse with the field's own message.
pub fn number(text: &str) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse::<u32>().unwrap_or(0))
}

/// The step's store.
#[derive(Debug, Clone, Default, PartialEq, Store, Patch)]
pub struct ModerationFields {
    #[patch(|this, new| *this = new)]
    pub mode: RegistrationsMode,
    pub invite_text: bool,
    pub min_age: String,
    #[patch(|this, new| *this = new)]
    pub languages: Vec<String>,
    #[patch(|this, new| *this = new)]
    pub rules: Vec<RuleRow>,
    #[patch(|this, new| *this = new)]
    pub blocks: Vec<DomainBlock>,
    pub content_days: String,
    pub media_days: String,
}

impl From<ModerationForm> for ModerationFields {
    fn from(f: ModerationForm) -> Self {
        let s = f.section;
        Self {
            mode: s.registrations_mode,
            invite_text: s.require_invite_text,
            min_age: f.min_age,
            languages: s.languages,
            rules: rows_from(s.rules, 0),
            blocks: s.domain_blocks,
            content_days: f.content_days,
            media_days: f.media_days,
        }
    }
}

impl ModerationFields {
    /// What this device keeps of the form.
    pub fn typed(&self) -> ModerationForm {
        ModerationForm {
            section: ModerationSection {
                registrations_mode: self.mode,
                require_invite_text: self.invite_text && self.mode == RegistrationsMode::Approved,
                min_age: number(&self.min_age).map(|a| u8::try_from(a).unwrap_or(0)),
                rules: self.rules.iter().map(|r| r.rule.clone()).collect(),
                domain_blocks: self.blocks.clone(),
                languages: self.languages.clone(),
                content_cache_retention_days: number(&self.content_days),
                media_cache_retention_days: number(&self.media_days),
            },
            min_age: self.min_age.clone(),
            content_days: self.content_days.clone(),
            media_days: self.media_days.clone(),
        }
    }

    /// The section this form holds, the rules' text trimmed.
    pub fn section(&self) -> ModerationSection {
        let mut s = self.typed().section;
        for r in &mut s.rules {
            r.text = r.text.trim().to_owned();
            r.hint = r.hint.trim().to_owned();
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::Rule;

    #[test]
    fn numbers_are_kept_as_typed_and_read_as_numbers() {
        assert_eq!(number(""), None);
        assert_eq!(number(" 16 "), Some(16));
        assert_eq!(number("abc"), Some(0), "refused by the shared rules with the field's message");
        assert_eq!(number("-3"), Some(0));
        assert_eq!(number("99999999999"), Some(0));
        let fields = ModerationFields { min_age: "abc".into(), content_days: "30".into(), ..Default::default() };
        let typed = fields.typed();
        assert_eq!((typed.min_age.as_str(), typed.section.min_age), ("abc", Some(0)));
        assert_eq!(typed.section.content_cache_retention_days, Some(30));
        assert_eq!(ModerationFields::from(typed.clone()).typed(), typed, "what the device keeps comes back");
    }

    #[test]
    fn a_section_comes_back_trimmed_and_the_invite_text_only_with_approval() {
        let section = ModerationSection {
            registrations_mode: RegistrationsMode::Open,
            require_invite_text: true,
            min_age: Some(16),
            rules: vec![Rule { text: "  Be kind ".into(), hint: String::new() }],
            ..Default::default()
        };
        let s = ModerationFields::from(ModerationForm::from(section)).section();
        assert_eq!(s.min_age, Some(16));
        assert_eq!(s.rules[0].text, "Be kind");
        assert!(!s.require_invite_text, "only an approved sign-up asks for a reason");
    }
}
