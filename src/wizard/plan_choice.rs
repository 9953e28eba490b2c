//! Plan choices as pure functions: presets from the URL, and what a plan switch keeps, includes
//! or has to drop (said to the user, never dropped silently).

use onramp_api::{Billing, Catalog, DraftSections, PlanSection};

/// Something a plan switch removed, for the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// An add-on the new plan does not allow.
    Addon(String),
    /// A payment method the new plan does not take.
    PaymentMethod(onramp_api::PaymentMethod),
    /// An own domain the new plan does not allow (to be chosen again on the domain step).
    OwnDomain(String),
}

/// The draft after switching to `plan_id`: add-ons the plan includes are kept quietly (they are
/// part of it now), add-ons it does not allow and a payment method it does not take are dropped
/// and listed; billing and support carry over.
pub fn switch_plan(draft: &DraftSections, catalog: &Catalog, plan_id: &str, billing: Billing) -> (DraftSections, Vec<Dropped>) {
    let previous = draft.plan.clone().unwrap_or_default();
    let mut dropped = Vec::new();
    let mut addons = Vec::new();
    for id in previous.addons {
        let included = catalog.plan(plan_id).is_some_and(|p| p.included_addons.contains(&id));
        if catalog.addon_allowed(plan_id, &id) {
            addons.push(id);
        } else if !included {
            dropped.push(Dropped::Addon(id));
        }
    }
    let support_tier = previous
        .support_tier
        .filter(|t| catalog.support_tier(t).is_some())
        .filter(|t| catalog.plan(plan_id).is_some_and(|p| p.included_support != *t));
    let mut next = DraftSections {
        plan: Some(PlanSection { plan_id: plan_id.to_owned(), billing, addons, support_tier, currency: previous.currency }),
        ..Default::default()
    };
    if let (Some(org), Some(plan)) = (&draft.organization, catalog.plan(plan_id)) {
        if !plan.payment_methods.contains(&org.billing.payment_method) {
            if let Some(first) = plan.payment_methods.first() {
                dropped.push(Dropped::PaymentMethod(org.billing.payment_method));
                let mut org = org.clone();
                org.billing.payment_method = *first;
                next.organization = Some(org);
            }
        }
    }
    let own_domain = draft.domain.as_ref().filter(|d| d.mode == onramp_api::DomainMode::Custom);
    if let (Some(domain), Some(plan)) = (own_domain, catalog.plan(plan_id)) {
        if !plan.limits.custom_domain {
            dropped.push(Dropped::OwnDomain(domain.web_domain.clone()));
        }
    }
    (next, dropped)
}

/// A preset from the URL that was ignored, with the parameter and the value given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredPreset {
    /// `plan`, `billing`, `addons` or `support`.
    pub param: &'static str,
    /// What the link said.
    pub value: String,
}

/// The plan section a link presets (`?plan=…&billing=yearly&addons=a,b&support=…`), and what
/// in it was ignored. `None` when the link names no usable plan.
pub fn presets(
    catalog: &Catalog,
    get: impl Fn(&str) -> Option<String>,
) -> (Option<PlanSection>, Vec<IgnoredPreset>) {
    let mut ignored = Vec::new();
    let billing = match get("billing") {
        Some(b) => Billing::parse(b.trim()).unwrap_or_else(|| {
            ignored.push(IgnoredPreset { param: "billing", value: b });
            Billing::Monthly
        }),
        None => Billing::Monthly,
    };
    let plan_id = match get("plan").map(|p| p.trim().to_owned()) {
        Some(p) if catalog.plan(&p).is_some() => Some(p),
        Some(p) => {
            ignored.push(IgnoredPreset { param: "plan", value: p });
            None
        }
        None => None,
    };
    let Some(plan_id) = plan_id else {
        for param in ["addons", "support"] {
            if let Some(value) = get(param) {
                ignored.push(IgnoredPreset { param, value });
            }
        }
        return (None, ignored);
    };
    let mut addons: Vec<String> = Vec::new();
    let mut moderation_taken = false;
    for id in get("addons").unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let second_moderation = catalog.is_moderation(id) && moderation_taken;
        if catalog.addon_allowed(&plan_id, id) && !addons.iter().any(|a| a == id) && !second_moderation {
            moderation_taken |= catalog.is_moderation(id);
            addons.push(id.to_owned());
        } else {
            ignored.push(IgnoredPreset { param: "addons", value: id.to_owned() });
        }
    }
    let support_tier = match get("support").map(|s| s.trim().to_owned()) {
        Some(s) if catalog.support_tier(&s).is_some() => {
            catalog.plan(&plan_id).filter(|p| p.included_support != s).map(|_| s)
        }
        Some(s) => {
            ignored.push(IgnoredPreset { param: "support", value: s });
            None
        }
        None => None,
    };
    let currency = match get("currency").map(|c| c.trim().to_ascii_uppercase()) {
        Some(c) if catalog.plan_sold_in(&plan_id, &c) => Some(c),
        Some(c) => {
            ignored.push(IgnoredPreset { param: "currency", value: c });
            None
        }
        None => None,
    };
    (Some(PlanSection { plan_id, billing, addons, support_tier, currency }), ignored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::{sample, OrganizationSection, PaymentMethod};

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn a_full_preset_applies() {
        let c = sample::catalog();
        let (section, ignored) = presets(
            &c,
            query(&[("plan", "organization"), ("billing", "yearly"), ("addons", "moderation_business_hours,storage_100gb"), ("support", "priority")]),
        );
        assert!(ignored.is_empty(), "{ignored:?}");
        let s = section.unwrap_or_default();
        assert_eq!(s.plan_id, "organization");
        assert_eq!(s.billing, Billing::Yearly);
        assert_eq!(s.addons, ["moderation_business_hours", "storage_100gb"]);
        assert_eq!(s.support_tier.as_deref(), Some("priority"));
    }

    #[test]
    fn unknown_and_unsuitable_presets_are_ignored_and_named() {
        let c = sample::catalog();
        let (section, ignored) = presets(
            &c,
            query(&[("plan", "starter"), ("billing", "weekly"), ("addons", "moderation_business_hours,x,storage_100gb,storage_100gb"), ("support", "gold")]),
        );
        let s = section.unwrap_or_default();
        assert_eq!(s.plan_id, "starter");
        assert_eq!(s.billing, Billing::Monthly);
        assert_eq!(s.addons, ["storage_100gb"]);
        let named: Vec<_> = ignored.iter().map(|i| (i.param, i.value.as_str())).collect();
        assert_eq!(
            named,
            [("billing", "weekly"), ("addons", "moderation_business_hours"), ("addons", "x"), ("addons", "storage_100gb"), ("support", "gold")]
        );
        let (none, ignored) = presets(&c, query(&[("plan", "gold"), ("addons", "storage_100gb")]));
        assert!(none.is_none());
        assert_eq!(ignored.len(), 2);
        assert_eq!(presets(&c, query(&[])), (None, vec![]));
    }

    #[test]
    fn switching_plan_says_what_it_dropped() {
        let c = sample::catalog();
        let draft = DraftSections {
            plan: Some(PlanSection {
                plan_id: "organization".into(),
                billing: Billing::Yearly,
                addons: vec!["moderation_business_hours".into(), "storage_100gb".into()],
                support_tier: Some("priority".into()),
                currency: None,
            }),
            organization: Some(OrganizationSection {
                billing: onramp_api::BillingDetails { payment_method: PaymentMethod::Invoice, ..Default::default() },
                ..Default::default()
            }),
            ..Default::default()
        };
        let (next, dropped) = switch_plan(&draft, &c, "starter", Billing::Yearly);
        assert_eq!(
            dropped,
            [Dropped::Addon("moderation_business_hours".into()), Dropped::PaymentMethod(PaymentMethod::Invoice)]
        );
        let plan = next.plan.unwrap_or_default();
        assert_eq!(plan.addons, ["storage_100gb"]);
        assert_eq!(plan.support_tier.as_deref(), Some("priority"));
        assert_eq!(next.organization.map(|o| o.billing.payment_method), Some(PaymentMethod::Card));

        // Enterprise includes business-hours moderation and priority support: kept quietly.
        let (next, dropped) = switch_plan(&draft, &c, "enterprise", Billing::Monthly);
        assert!(dropped.is_empty(), "{dropped:?}");
        let plan = next.plan.unwrap_or_default();
        assert_eq!(plan.addons, ["storage_100gb"]);
        assert_eq!(plan.support_tier, None);
        assert!(next.organization.is_none(), "invoice is fine with enterprise");
    }
}
