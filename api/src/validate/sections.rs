//! Validation of a whole draft, section by section.

use crate::{Catalog, DraftSections, ErrorCode, FieldError};

use super::{validate_branding, validate_moderation, validate_organization, validate_plan};

/// Validates every section present in a draft; an empty list means valid.
pub fn validate_sections(sections: &DraftSections, catalog: &Catalog) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(plan) = &sections.plan {
        errors.extend(validate_plan(plan, catalog));
    }
    if let Some(org) = &sections.organization {
        errors.extend(validate_organization(org));
    }
    if let Some(domain) = &sections.domain {
        errors.extend(crate::domain::validate_domain(domain, &catalog.shared_domains));
    }
    if let Some(branding) = &sections.branding {
        errors.extend(validate_branding(branding));
    }
    if let Some(moderation) = &sections.moderation {
        errors.extend(validate_moderation(moderation));
    }
    errors
}

/// Rules that span sections, checked against the whole stored draft: the payment method must be
/// one the chosen plan allows.
pub fn validate_across(sections: &DraftSections, catalog: &Catalog) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let plan = sections.plan.as_ref().and_then(|p| catalog.plan(&p.plan_id));
    if let (Some(plan), Some(org)) = (plan, &sections.organization) {
        if !plan.payment_methods.contains(&org.billing.payment_method) {
            errors.push(FieldError::new(
                "/organization/billing/payment_method",
                ErrorCode::NotAllowed,
                format!("The {} plan cannot be paid this way; choose another payment method.", plan.name),
            ));
        }
    }
    let custom = sections.domain.as_ref().is_some_and(|d| d.mode == crate::DomainMode::Custom);
    if let (Some(plan), true) = (plan, custom) {
        if !plan.limits.custom_domain {
            errors.push(FieldError::new(
                "/domain/mode",
                ErrorCode::NotAllowed,
                format!("The {} plan runs on one of our domains; choose a subdomain or another plan.", plan.name),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sample, OrganizationSection, PaymentMethod, PlanSection};

    #[test]
    fn the_payment_method_must_suit_the_plan() {
        let catalog = sample::catalog();
        let mut draft = DraftSections {
            plan: Some(PlanSection { plan_id: "starter".into(), ..Default::default() }),
            organization: Some(OrganizationSection::default()),
            ..Default::default()
        };
        let pointers = |d: &DraftSections| -> Vec<String> {
            validate_across(d, &catalog).into_iter().map(|e| e.pointer).collect()
        };
        assert_eq!(pointers(&draft), ["/organization/billing/payment_method"], "starter has no invoice");
        if let Some(org) = draft.organization.as_mut() {
            org.billing.payment_method = PaymentMethod::SepaDebit;
        }
        assert!(pointers(&draft).is_empty());
        draft.plan = None;
        assert!(pointers(&draft).is_empty(), "nothing to check without a plan");
    }
}
