//! Step order and what each step needs before it opens. Pure, so it is tested natively.

use onramp_api::{validate, DraftSections, OrganizationSection};

use crate::i18n::Strings;

/// Whether an organization section is complete. The frame asks through the draft's sync code
/// (`DraftStore::organization_check`), so the contract's rules stay out of the first load.
pub type OrganizationCheck = fn(&OrganizationSection) -> bool;

/// The contract's rules for the organization section, all passed.
pub fn organization_valid(o: &OrganizationSection) -> bool {
    validate::validate_organization(o).is_empty()
}

/// A step of the signup, one URL each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// `/plan`.
    Plan,
    /// `/organization`.
    Organization,
    /// `/domain`.
    Domain,
    /// `/branding`.
    Branding,
    /// `/moderation`.
    Moderation,
    /// `/review`.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Self; 6] =
        [Self::Plan, Self::Organization, Self::Domain, Self::Branding, Self::Moderation, Self::Review];

    /// The step's URL path.
    pub fn path(self) -> &'static str {
        match self {
            Self::Plan => "/plan",
            Self::Organization => "/organization",
            Self::Domain => "/domain",
            Self::Branding => "/branding",
            Self::Moderation => "/moderation",
            Self::Review => "/review",
        }
    }

    /// The step at a URL path (a trailing slash is allowed).
    pub fn from_path(path: &str) -> Option<Self> {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        Self::ALL.into_iter().find(|s| s.path() == path)
    }

    /// Position, from 0.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one.
    pub fn prev(self) -> Option<Self> {
        self.index().checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }

    /// Short name in the stepper.
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Self::Plan => t.step_plan,
            Self::Organization => t.step_organization,
            Self::Domain => t.step_domain,
            Self::Branding => t.step_branding,
            Self::Moderation => t.step_moderation,
            Self::Review => t.step_review,
        }
    }

    /// The step's heading.
    pub fn heading(self, t: &Strings) -> &'static str {
        match self {
            Self::Plan => t.heading_plan,
            Self::Organization => t.heading_organization,
            Self::Domain => t.heading_domain,
            Self::Branding => t.heading_branding,
            Self::Moderation => t.heading_moderation,
            Self::Review => t.heading_review,
        }
    }

    /// Whether the draft holds a complete answer for this step.
    pub fn is_complete(self, d: &DraftSections) -> bool {
        self.is_complete_with(d, organization_valid)
    }

    /// [`Step::is_complete`] with `organization` judging the organization section.
    pub fn is_complete_with(self, d: &DraftSections, organization: OrganizationCheck) -> bool {
        match self {
            Self::Plan => d.plan.as_ref().is_some_and(|p| !p.plan_id.is_empty()),
            Self::Organization => d.organization.as_ref().is_some_and(organization),
            Self::Domain => d.domain.as_ref().is_some_and(|s| !s.web_domain.is_empty()),
            Self::Branding => d.branding.is_some(),
            Self::Moderation => d.moderation.is_some(),
            Self::Review => false,
        }
    }

    /// The first step without a complete answer (review when all are answered).
    pub fn first_incomplete(d: &DraftSections) -> Self {
        Self::first_incomplete_with(d, organization_valid)
    }

    /// [`Step::first_incomplete`] with `organization` judging the organization section.
    pub fn first_incomplete_with(d: &DraftSections, organization: OrganizationCheck) -> Self {
        Self::ALL.into_iter().find(|s| !s.is_complete_with(d, organization)).unwrap_or(Self::Review)
    }

    /// Whether the user may open this step: every step before it is complete.
    pub fn is_reachable(self, d: &DraftSections) -> bool {
        self.is_reachable_with(d, organization_valid)
    }

    /// [`Step::is_reachable`] with `organization` judging the organization section.
    pub fn is_reachable_with(self, d: &DraftSections, organization: OrganizationCheck) -> bool {
        self.index() <= Self::first_incomplete_with(d, organization).index()
    }
}

/// Where Continue leads from `step`: back to review when the step was opened from there
/// (`?return=review`), else the next step.
pub fn continue_to(step: Step, return_param: Option<&str>) -> Option<Step> {
    match return_param {
        Some("review") if step != Step::Review => Some(Step::Review),
        _ => step.next(),
    }
}

/// The link that opens `step` to change an answer and come back to review.
pub fn change_link(step: Step) -> String {
    format!("{}?return=review", step.path())
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::{OrganizationKind, OrganizationSection, PlanSection};

    #[test]
    fn changes_from_review_come_back_to_it() {
        assert_eq!(continue_to(Step::Branding, None), Some(Step::Moderation));
        assert_eq!(continue_to(Step::Branding, Some("review")), Some(Step::Review));
        assert_eq!(continue_to(Step::Plan, Some("elsewhere")), Some(Step::Organization));
        assert_eq!(change_link(Step::Domain), "/domain?return=review");
    }

    fn with_plan() -> DraftSections {
        DraftSections {
            plan: Some(PlanSection { plan_id: "starter".into(), ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn paths_round_trip_in_order() {
        for (i, step) in Step::ALL.into_iter().enumerate() {
            assert_eq!(step.index(), i);
            assert_eq!(Step::from_path(step.path()), Some(step));
        }
        assert_eq!(Step::from_path("/plan/"), Some(Step::Plan));
        assert_eq!(Step::from_path("/nope"), None);
        assert_eq!(Step::from_path("/"), None);
        assert_eq!(Step::Plan.prev(), None);
        assert_eq!(Step::Plan.next(), Some(Step::Organization));
        assert_eq!(Step::Review.next(), None);
    }

    #[test]
    fn an_empty_draft_opens_only_the_plan() {
        let d = DraftSections::default();
        assert_eq!(Step::first_incomplete(&d), Step::Plan);
        assert!(Step::Plan.is_reachable(&d));
        assert!(!Step::Organization.is_reachable(&d));
        assert!(!Step::Review.is_reachable(&d));
    }

    #[test]
    fn a_chosen_plan_opens_the_organization_and_no_further() {
        let d = with_plan();
        assert_eq!(Step::first_incomplete(&d), Step::Organization);
        assert!(Step::Organization.is_reachable(&d));
        assert!(!Step::Domain.is_reachable(&d));
    }

    #[test]
    fn an_invalid_organization_is_not_complete() {
        let mut d = with_plan();
        d.organization = Some(OrganizationSection { name: "Acme".into(), ..Default::default() });
        assert_eq!(Step::first_incomplete(&d), Step::Organization);
        d.organization = Some(OrganizationSection {
            name: "Acme".into(),
            kind: OrganizationKind::Company,
            country: "DE".into(),
            contact_email: "it@acme.example".into(),
            admin_username: "acme_it".into(),
            vat_id: None,
            billing: onramp_api::BillingDetails {
                address: onramp_api::PostalAddress {
                    line1: "Weg 1".into(),
                    postal_code: "10115".into(),
                    city: "Berlin".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        });
        assert_eq!(Step::first_incomplete(&d), Step::Domain);
    }
}
