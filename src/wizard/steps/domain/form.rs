//! The domain step's form: one store of what is typed (the kind of address, the subdomain and
//! the shared domain it goes under, or the organization's own domain), filled by a patch.

use onramp_api::{DomainMode, DomainSection};
use reactive_stores::{Patch, Store};

/// What the domain step holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Store, Patch)]
pub struct DomainFields {
    #[patch(|this, new| *this = new)]
    pub mode: DomainMode,
    /// The subdomain label.
    pub label: String,
    /// The provider's shared domain it goes under.
    pub base: String,
    /// The organization's own domain.
    pub custom: String,
    /// Whether handles end in the parent of the own domain.
    pub handle_parent: bool,
}

impl DomainFields {
    /// The form once the provider's shared domains are known: the first of them chosen, and
    /// the saved answer shown unless something was typed before it arrived (what the user typed
    /// wins).
    pub fn filled(&self, bases: &[String], saved: Option<DomainSection>) -> Self {
        let mut next = Self { base: bases.first().cloned().unwrap_or_default(), ..self.clone() };
        let typed = !self.label.trim().is_empty() || !self.custom.trim().is_empty();
        let Some(s) = saved.filter(|_| !typed) else { return next };
        next.mode = s.mode;
        match s.mode {
            DomainMode::Subdomain => {
                let split = bases.iter().find_map(|b| s.web_domain.strip_suffix(&format!(".{b}")).map(|l| (l, b)));
                if let Some((l, b)) = split {
                    next.label = l.to_owned();
                    next.base = b.clone();
                }
            }
            DomainMode::Custom => {
                next.handle_parent = s.handle_domain != s.web_domain;
                next.custom = s.web_domain;
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases() -> Vec<String> {
        vec!["social.example".into(), "fedi.example".into()]
    }

    #[test]
    fn a_saved_subdomain_is_split_at_its_shared_domain() {
        let saved = DomainSection { mode: DomainMode::Subdomain, web_domain: "acme.fedi.example".into(), handle_domain: "acme.fedi.example".into() };
        let f = DomainFields::default().filled(&bases(), Some(saved));
        assert_eq!((f.label.as_str(), f.base.as_str()), ("acme", "fedi.example"));
    }

    #[test]
    fn a_saved_own_domain_keeps_where_handles_end() {
        let saved = DomainSection { mode: DomainMode::Custom, web_domain: "social.acme.example".into(), handle_domain: "acme.example".into() };
        let f = DomainFields::default().filled(&bases(), Some(saved));
        assert_eq!((f.mode, f.custom.as_str(), f.handle_parent), (DomainMode::Custom, "social.acme.example", true));
        assert_eq!(f.base, "social.example", "the first shared domain stays chosen for a switch back");
    }

    #[test]
    fn what_was_typed_first_wins_over_the_saved_answer() {
        let saved = DomainSection { mode: DomainMode::Custom, web_domain: "acme.example".into(), handle_domain: "acme.example".into() };
        let typed = DomainFields { label: "mine".into(), ..Default::default() };
        let f = typed.filled(&bases(), Some(saved));
        assert_eq!((f.mode, f.label.as_str(), f.base.as_str()), (DomainMode::Subdomain, "mine", "social.example"));
    }
}
