//! The sample catalogue: served by the reference backend and used by the demo backend.

use crate::catalog::*;

fn price(monthly: MinorUnits, yearly: MinorUnits) -> Price {
    Price { monthly, yearly }
}

/// A realistic catalogue in EUR: three plans, managed moderation in two coverage levels, extra
/// storage, and three support tiers.
pub fn catalog() -> Catalog {
    Catalog {
        currency: "EUR".into(),
        plans: vec![
            Plan {
                id: "starter".into(),
                name: "Starter".into(),
                price: price(2_900, 29_000),
                limits: PlanLimits { active_users: 50, storage_gb: 25, custom_domain: false },
                recommended: false,
                managed_moderation: Availability::NotAvailable,
                included_addons: vec![],
                included_support: "standard".into(),
                payment_methods: vec![PaymentMethod::Card, PaymentMethod::SepaDebit],
            },
            Plan {
                id: "organization".into(),
                name: "Organization".into(),
                price: price(9_900, 99_000),
                limits: PlanLimits { active_users: 500, storage_gb: 150, custom_domain: true },
                recommended: true,
                managed_moderation: Availability::Addon,
                included_addons: vec![],
                included_support: "standard".into(),
                payment_methods: vec![PaymentMethod::Invoice, PaymentMethod::Card, PaymentMethod::SepaDebit],
            },
            Plan {
                id: "enterprise".into(),
                name: "Enterprise".into(),
                price: price(39_900, 399_000),
                limits: PlanLimits { active_users: 5_000, storage_gb: 1_000, custom_domain: true },
                recommended: false,
                managed_moderation: Availability::Included,
                included_addons: vec!["moderation_business_hours".into()],
                included_support: "priority".into(),
                payment_methods: vec![PaymentMethod::Invoice, PaymentMethod::SepaDebit],
            },
        ],
        addons: vec![
            Addon {
                id: "moderation_business_hours".into(),
                kind: AddonKind::ManagedModeration {
                    coverage: Coverage::BusinessHours,
                    languages: vec!["en".into(), "de".into()],
                    response_hours: 4,
                },
                price: price(14_900, 149_000),
            },
            Addon {
                id: "moderation_around_the_clock".into(),
                kind: AddonKind::ManagedModeration {
                    coverage: Coverage::AroundTheClock,
                    languages: vec!["en".into(), "de".into(), "fr".into(), "es".into()],
                    response_hours: 1,
                },
                price: price(49_900, 499_000),
            },
            Addon {
                id: "storage_100gb".into(),
                kind: AddonKind::ExtraStorage { storage_gb: 100 },
                price: price(1_500, 15_000),
            },
        ],
        support_tiers: vec![
            SupportTier {
                id: "standard".into(),
                name: "Standard".into(),
                response_hours: 48,
                price: price(0, 0),
            },
            SupportTier {
                id: "priority".into(),
                name: "Priority".into(),
                response_hours: 8,
                price: price(9_900, 99_000),
            },
            SupportTier {
                id: "dedicated".into(),
                name: "Dedicated".into(),
                response_hours: 1,
                price: price(49_900, 499_000),
            },
        ],
        shared_domains: vec!["social-host.example".into(), "fedi-hosting.example".into()],
        provider_country: "DE".into(),
        terms_url: "/legal/terms.html".into(),
        dpa_url: "/legal/dpa.html".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_in_the_sample_resolves() {
        let c = catalog();
        assert!(c.plans.len() >= 3);
        for plan in &c.plans {
            assert!(c.support_tier(&plan.included_support).is_some(), "{}", plan.id);
            for addon in &plan.included_addons {
                assert!(c.addon(addon).is_some(), "{addon}");
            }
            assert!(plan.price.yearly < plan.price.monthly * 12, "yearly saves on {}", plan.id);
            assert!(!plan.payment_methods.is_empty(), "{} can be paid", plan.id);
        }
        let coverages = c
            .addons
            .iter()
            .filter(|a| matches!(a.kind, AddonKind::ManagedModeration { .. }))
            .count();
        assert_eq!(coverages, 2);
    }
}
