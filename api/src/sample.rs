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
        currencies: vec![],
        default_language: "en".into(),
        provider: Provider::default(),
        plans: vec![
            Plan {
                id: "starter".into(),
                name: "Starter".into(),
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
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
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
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
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
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
                name: String::new(),
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
                id: "moderation_business_hours".into(),
                kind: AddonKind::ManagedModeration {
                    coverage: Coverage::BusinessHours,
                    languages: vec!["en".into(), "de".into()],
                    response_hours: 4,
                },
                price: price(14_900, 149_000),
            },
            Addon {
                name: String::new(),
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
                id: "moderation_around_the_clock".into(),
                kind: AddonKind::ManagedModeration {
                    coverage: Coverage::AroundTheClock,
                    languages: vec!["en".into(), "de".into(), "fr".into(), "es".into()],
                    response_hours: 1,
                },
                price: price(49_900, 499_000),
            },
            Addon {
                name: String::new(),
                description: String::new(),
                translations: Default::default(),
                prices: Default::default(),
                id: "storage_100gb".into(),
                kind: AddonKind::ExtraStorage { storage_gb: 100 },
                price: price(1_500, 15_000),
            },
        ],
        support_tiers: vec![
            SupportTier {
                translations: Default::default(),
                prices: Default::default(),
                id: "standard".into(),
                name: "Standard".into(),
                response_hours: 48,
                price: price(0, 0),
            },
            SupportTier {
                translations: Default::default(),
                prices: Default::default(),
                id: "priority".into(),
                name: "Priority".into(),
                response_hours: 8,
                price: price(9_900, 99_000),
            },
            SupportTier {
                translations: Default::default(),
                prices: Default::default(),
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

/// The preset demo scenarios, by name.
pub const SCENARIOS: [&str; 2] = ["university", "nonprofit"];

/// A complete draft a sales person can start a demo from: `university` (own domain, handles on
/// the university's domain, managed moderation around the clock, invite-only) or `nonprofit`
/// (a subdomain on the shared domain, the Starter plan, open registrations).
pub fn scenario(name: &str) -> Option<crate::DraftSections> {
    use crate::*;
    let rule = |text: &str, hint: &str| Rule { text: text.into(), hint: hint.into() };
    let rules = vec![
        rule("Be respectful", "No harassment, hate speech or personal attacks."),
        rule("No illegal content", "Nothing that breaks the law where we operate."),
        rule("Mark sensitive media", "Use content warnings for graphic or sensitive images."),
    ];
    match name {
        "university" => Some(DraftSections {
            plan: Some(PlanSection {
                plan_id: "organization".into(),
                billing: Billing::Yearly,
                addons: vec!["moderation_around_the_clock".into()],
                support_tier: None,
                currency: None,
            }),
            organization: Some(OrganizationSection {
                name: "Universität Beispielstadt".into(),
                kind: OrganizationKind::Education,
                country: "DE".into(),
                contact_email: "social-media@uni-beispielstadt.example".into(),
                admin_username: "kommunikation".into(),
                vat_id: None,
                billing: BillingDetails {
                    email: Some("rechnungen@uni-beispielstadt.example".into()),
                    address: PostalAddress { line1: "Universitätsplatz 1".into(), line2: String::new(), postal_code: "12345".into(), city: "Beispielstadt".into() },
                    purchase_order: Some("PO-2026-0815".into()),
                    buyer_reference: None,
                    peppol_id: None,
                    payment_method: PaymentMethod::Invoice,
                },
            }),
            domain: Some(DomainSection {
                mode: DomainMode::Custom,
                web_domain: "social.uni-beispielstadt.example".into(),
                handle_domain: "uni-beispielstadt.example".into(),
            }),
            branding: Some(BrandingSection {
                site_title: "Uni Beispielstadt Social".into(),
                site_short_description: "The official Mastodon server of Universität Beispielstadt: news from research, teaching and campus life.".into(),
                site_contact_email: Some("social-media@uni-beispielstadt.example".into()),
                thumbnail: None,
                logo: None,
                accent_color: Some("#8a1538".into()),
                theme: Theme::Auto,
            }),
            moderation: Some(ModerationSection {
                registrations_mode: RegistrationsMode::None,
                require_invite_text: false,
                min_age: Some(16),
                rules,
                domain_blocks: vec![],
                languages: vec!["de".into(), "en".into()],
                content_cache_retention_days: None,
                media_cache_retention_days: Some(30),
            }),
        }),
        "nonprofit" => Some(DraftSections {
            plan: Some(PlanSection { plan_id: "starter".into(), billing: Billing::Monthly, addons: vec![], support_tier: None, currency: None }),
            organization: Some(OrganizationSection {
                name: "Green Valley Community Garden".into(),
                kind: OrganizationKind::Nonprofit,
                country: "NL".into(),
                contact_email: "hello@greenvalley.example".into(),
                admin_username: "gardeners".into(),
                vat_id: None,
                billing: BillingDetails {
                    email: None,
                    address: PostalAddress { line1: "Tuinstraat 7".into(), line2: String::new(), postal_code: "1012 AB".into(), city: "Amsterdam".into() },
                    purchase_order: None,
                    buyer_reference: None,
                    peppol_id: None,
                    payment_method: PaymentMethod::SepaDebit,
                },
            }),
            domain: Some(DomainSection {
                mode: DomainMode::Subdomain,
                web_domain: format!("greenvalley.{}", catalog().shared_domains.first().cloned().unwrap_or_default()),
                handle_domain: format!("greenvalley.{}", catalog().shared_domains.first().cloned().unwrap_or_default()),
            }),
            branding: Some(BrandingSection {
                site_title: "Green Valley Social".into(),
                site_short_description: "Neighbours growing food together.".into(),
                site_contact_email: None,
                thumbnail: None,
                logo: None,
                accent_color: Some("#1d6b3a".into()),
                theme: Theme::Light,
            }),
            moderation: Some(ModerationSection {
                registrations_mode: RegistrationsMode::Open,
                require_invite_text: false,
                min_age: None,
                rules,
                domain_blocks: vec![],
                languages: vec!["nl".into(), "en".into()],
                content_cache_retention_days: None,
                media_cache_retention_days: None,
            }),
        }),
        _ => None,
    }
}

/// Subdomain labels the provider keeps on every shared domain.
pub const RESERVED_LABELS: [&str; 12] =
    ["www", "mail", "admin", "api", "status", "support", "help", "abuse", "billing", "login", "static", "cdn"];

/// The reference edge: documentation addresses (RFC 5737, RFC 3849) and an `.example` host.
pub fn edge() -> crate::dns::Edge {
    crate::dns::Edge { host: "edge.social-host.example".into(), ipv4: "203.0.113.10".into(), ipv6: "2001:db8::10".into() }
}

/// The partner origin the reference server allows by default: the partner demo page that
/// `cargo xtask dev` serves beside the app.
pub const DEMO_PARTNER_ORIGINS: [&str; 2] = ["http://127.0.0.1:8090", "http://localhost:8090"];

/// A 96×32 PNG: the sample university's shield and name bars.
const EXAMPLE_UNIVERSITY_LOGO: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAa0lEQVR42u3ZwQnAIAwF0CzRXTqj6/Yi9NINiocoUR78cw6PkBCNtz/yk0AACNAyoHbdKQEECBCgWkBZldcEUB7QSBMCAjQf6NghDQhQDSAzCBAgQNa8LQbINe+aBwQIkCdXQD4OAQECtEc+4T63YO6+oRAAAAAASUVORK5CYII=";

/// Sample partners: a university that embeds the flow with its colours and a locked plan, and a
/// hosting reseller with presets it leaves open.
pub fn partners() -> Vec<crate::embed::Partner> {
    use crate::embed::*;
    let origins = || DEMO_PARTNER_ORIGINS.iter().map(|o| (*o).to_owned()).collect::<Vec<_>>();
    vec![
        Partner {
            id: "example-university".into(),
            name: "Example University".into(),
            logo: Some(EXAMPLE_UNIVERSITY_LOGO.into()),
            allowed_origins: origins(),
            appearance: Appearance {
                primary: "#8a1538".into(),
                background: "#fbf8f3".into(),
                text: "#221a12".into(),
                radius_px: 4,
                font: FontChoice::Serif,
            },
            presets: Presets { plan: Some("organization".into()), billing: Some(crate::Billing::Yearly), locale: None },
            locked: vec![LockedField::Plan],
        },
        Partner {
            id: "civic-hosting".into(),
            name: "Civic Hosting".into(),
            logo: None,
            allowed_origins: origins(),
            appearance: Appearance {
                primary: "#00635a".into(),
                background: "#ffffff".into(),
                text: "#15202b".into(),
                radius_px: 12,
                font: FontChoice::Humanist,
            },
            presets: Presets { plan: Some("starter".into()), billing: None, locale: Some("de".into()) },
            locked: vec![],
        },
    ]
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

    #[test]
    fn every_scenario_is_a_draft_ready_to_submit() {
        let catalog = catalog();
        for name in SCENARIOS {
            let draft = scenario(name);
            assert!(draft.is_some(), "scenario {name} is missing");
            let draft = draft.unwrap_or_default();
            let mut errors = crate::order::check_submittable(&draft, &crate::order::SubmitRequest { accept_terms: true });
            errors.extend(crate::validate::validate_sections(&draft, &catalog));
            errors.extend(crate::validate::validate_across(&draft, &catalog));
            assert_eq!(errors, vec![], "{name}");
        }
        assert_eq!(scenario("nope"), None);
    }
}
