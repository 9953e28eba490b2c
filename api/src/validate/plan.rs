//! Rules of the plan section: known plan, allowed and unique add-ons, known support tier.

use crate::{AddonKind, Availability, Catalog, ErrorCode, FieldError, PlanSection};

use super::Issue;

/// Validates a plan section against the catalogue.
pub fn validate_plan(section: &PlanSection, catalog: &Catalog) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(plan) = catalog.plan(&section.plan_id) else {
        let issue = if section.plan_id.trim().is_empty() {
            Issue::new(ErrorCode::Required, "Choose a plan.")
        } else {
            Issue::new(ErrorCode::Unknown, "Choose one of the plans offered.")
        };
        errors.push(issue.at("/plan/plan_id"));
        return errors;
    };
    if let Some(currency) = &section.currency {
        if !catalog.offers_currency(currency) {
            errors.push(Issue::new(ErrorCode::Unknown, "Choose one of the currencies offered.").at("/plan/currency"));
        } else if !catalog.plan_sold_in(&plan.id, currency) {
            errors.push(
                Issue::new(ErrorCode::NotAllowed, format!("The {} plan is not sold in {currency}.", plan.name))
                    .at("/plan/currency"),
            );
        }
    }
    let mut moderation_addons = 0;
    for (i, id) in section.addons.iter().enumerate() {
        let pointer = format!("/plan/addons/{i}");
        if section.addons.iter().take(i).any(|earlier| earlier == id) {
            errors.push(Issue::new(ErrorCode::Duplicate, "This add-on is listed twice.").at(pointer));
            continue;
        }
        let Some(addon) = catalog.addon(id) else {
            errors.push(Issue::new(ErrorCode::Unknown, "Choose one of the add-ons offered.").at(pointer));
            continue;
        };
        if plan.included_addons.contains(id) {
            continue;
        }
        if let AddonKind::ManagedModeration { .. } = addon.kind {
            moderation_addons += 1;
            if plan.managed_moderation == Availability::NotAvailable {
                errors.push(
                    Issue::new(
                        ErrorCode::NotAllowed,
                        format!("Managed moderation is not available with the {} plan.", plan.name),
                    )
                    .at(pointer),
                );
            } else if moderation_addons > 1 {
                errors.push(
                    Issue::new(ErrorCode::NotAllowed, "Choose one level of managed moderation.")
                        .at(pointer),
                );
            }
        }
    }
    if let Some(tier) = &section.support_tier {
        if catalog.support_tier(tier).is_none() {
            errors.push(
                Issue::new(ErrorCode::Unknown, "Choose one of the support tiers offered.")
                    .at("/plan/support_tier"),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sample, Billing};

    fn section(plan: &str, addons: &[&str], support: Option<&str>) -> PlanSection {
        PlanSection {
            plan_id: plan.into(),
            billing: Billing::Monthly,
            addons: addons.iter().map(|a| a.to_string()).collect(),
            support_tier: support.map(Into::into),
            currency: None,
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, ErrorCode)> {
        errors.iter().map(|e| (e.pointer.as_str(), e.code)).collect()
    }

    #[test]
    fn valid_choices_pass() {
        let c = sample::catalog();
        assert!(validate_plan(&section("starter", &["storage_100gb"], None), &c).is_empty());
        assert!(validate_plan(
            &section("organization", &["moderation_around_the_clock"], Some("dedicated")),
            &c
        )
        .is_empty());
        assert!(validate_plan(&section("enterprise", &["moderation_business_hours"], None), &c)
            .is_empty());
    }

    #[test]
    fn the_currency_must_be_offered_for_the_plan() {
        let mut c = sample::catalog();
        c.currencies = vec!["EUR".into(), "CHF".into()];
        if let Some(p) = c.plans.iter_mut().find(|p| p.id == "organization") {
            p.prices.insert("CHF".into(), crate::Price { monthly: 1, yearly: 10 });
        }
        let with = |plan: &str, cur: &str| PlanSection { currency: Some(cur.into()), ..section(plan, &[], None) };
        assert!(validate_plan(&with("organization", "CHF"), &c).is_empty());
        assert!(validate_plan(&with("starter", "EUR"), &c).is_empty());
        assert_eq!(codes(&validate_plan(&with("starter", "CHF"), &c)), [("/plan/currency", ErrorCode::NotAllowed)]);
        assert_eq!(codes(&validate_plan(&with("organization", "USD"), &c)), [("/plan/currency", ErrorCode::Unknown)]);
    }

    #[test]
    fn missing_and_unknown_plans_are_named() {
        let c = sample::catalog();
        assert_eq!(codes(&validate_plan(&section("", &[], None), &c)), [("/plan/plan_id", ErrorCode::Required)]);
        assert_eq!(codes(&validate_plan(&section("gold", &[], None), &c)), [("/plan/plan_id", ErrorCode::Unknown)]);
    }

    #[test]
    fn addon_problems_point_at_the_addon() {
        let c = sample::catalog();
        assert_eq!(
            codes(&validate_plan(&section("starter", &["moderation_business_hours"], None), &c)),
            [("/plan/addons/0", ErrorCode::NotAllowed)]
        );
        assert_eq!(
            codes(&validate_plan(&section("organization", &["storage_100gb", "storage_100gb", "x"], Some("gold")), &c)),
            [
                ("/plan/addons/1", ErrorCode::Duplicate),
                ("/plan/addons/2", ErrorCode::Unknown),
                ("/plan/support_tier", ErrorCode::Unknown)
            ]
        );
        assert_eq!(
            codes(&validate_plan(
                &section("organization", &["moderation_business_hours", "moderation_around_the_clock"], None),
                &c
            )),
            [("/plan/addons/1", ErrorCode::NotAllowed)]
        );
    }
}
