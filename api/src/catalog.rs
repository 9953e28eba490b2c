//! The hosting catalogue: plans, add-ons, support tiers and the provider's shared domains, with
//! names per language and prices per currency, and the projections the app shows
//! ([`Catalog::localized`], [`Catalog::in_currency`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::provider::Provider;

/// An amount of money in minor units (cents). Never a float.
pub type MinorUnits = i64;

/// A price for each billing period, in minor units of one currency, net of VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Price {
    /// Charged every month when billed monthly.
    pub monthly: MinorUnits,
    /// Charged once a year when billed yearly.
    pub yearly: MinorUnits,
}

/// What a plan allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanLimits {
    /// Monthly active users the plan is sized for.
    pub active_users: u32,
    /// Media storage included, in gigabytes.
    pub storage_gb: u32,
    /// Whether the organization may use its own domain.
    pub custom_domain: bool,
}

/// How managed moderation relates to a plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FeatureAvailability))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Part of the plan at no extra charge.
    Included,
    /// Can be bought as an add-on.
    #[default]
    Addon,
    /// Not offered with this plan.
    NotAvailable,
}

impl Availability {
    /// The API value, also used as a CSS class.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Included => "included",
            Self::Addon => "addon",
            Self::NotAvailable => "not_available",
        }
    }
}

/// How an organization pays. Onramp collects no card or bank data: card and SEPA direct debit
/// are completed with the provider after submit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Invoice, paid by bank transfer.
    #[default]
    Invoice,
    /// Credit or debit card.
    Card,
    /// SEPA direct debit.
    SepaDebit,
}

impl PaymentMethod {
    /// Every method, in the order shown.
    pub const ALL: [Self; 3] = [Self::Invoice, Self::Card, Self::SepaDebit];

    /// The API value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::Card => "card",
            Self::SepaDebit => "sepa_debit",
        }
    }
}

/// A hosting plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    /// Stable identifier, used in the draft and in URL presets.
    pub id: String,
    /// Product name in the catalogue's default language.
    pub name: String,
    /// One sentence on whom the plan is for, in the default language (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Name and description in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, ItemText>,
    /// Net price in the catalogue's default currency.
    pub price: Price,
    /// Net prices in the other currencies the plan is sold in, by ISO 4217 code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, Price>,
    /// What the plan allows.
    pub limits: PlanLimits,
    /// Whether the catalogue recommends this plan.
    #[serde(default)]
    pub recommended: bool,
    /// Managed moderation with this plan.
    #[serde(default)]
    pub managed_moderation: Availability,
    /// Add-ons that are part of the plan at no extra charge.
    #[serde(default)]
    pub included_addons: Vec<String>,
    /// The support tier included in the plan.
    pub included_support: String,
    /// How this plan can be paid.
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
}

/// Hours during which managed moderation acts on reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Working days, office hours (Central European Time).
    BusinessHours,
    /// Every hour of every day.
    AroundTheClock,
}

/// What an add-on is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AddonKind {
    /// Moderators of the provider handle reports.
    ManagedModeration {
        /// When they act.
        coverage: Coverage,
        /// ISO 639-1 codes of the languages the moderators read.
        languages: Vec<String>,
        /// Longest time until a report is acted on, within the coverage hours.
        response_hours: u32,
    },
    /// More media storage.
    ExtraStorage {
        /// Gigabytes added.
        storage_gb: u32,
    },
}

/// An add-on that can be bought with a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Addon {
    /// Stable identifier.
    pub id: String,
    /// What it is.
    pub kind: AddonKind,
    /// Name in the default language; empty: named from its kind ([`Addon::kind_name`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Description in the default language (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Name and description in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, ItemText>,
    /// Net price in the default currency.
    pub price: Price,
    /// Net prices in the other currencies.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, Price>,
}

/// A level of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportTier {
    /// Stable identifier.
    pub id: String,
    /// Product name in the default language.
    pub name: String,
    /// Name and description in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, ItemText>,
    /// Promised first response, in hours.
    pub response_hours: u32,
    /// Net price on top of the plan (zero when included), in the default currency.
    pub price: Price,
    /// Net prices in the other currencies.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, Price>,
}

/// A name and description in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemText {
    /// The name.
    pub name: String,
    /// The description (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Everything that can be bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    /// ISO 4217 currency of every `price` (the provider's default currency).
    pub currency: String,
    /// Every currency something is sold in, the default first; empty means only `currency`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currencies: Vec<String>,
    /// Language of every `name` and `description` (ISO 639-1).
    #[serde(default = "default_language")]
    pub default_language: String,
    /// Who sells.
    #[serde(default)]
    pub provider: Provider,
    /// Plans, cheapest first.
    pub plans: Vec<Plan>,
    /// Add-ons.
    pub addons: Vec<Addon>,
    /// Support tiers, slowest first.
    pub support_tiers: Vec<SupportTier>,
    /// Domains under which a subdomain can be had.
    pub shared_domains: Vec<String>,
    /// ISO 3166-1 alpha-2 country of the provider (decides how VAT is charged).
    pub provider_country: String,
    /// Where the terms of service are (absolute, or a path on the app's origin).
    #[serde(default)]
    pub terms_url: String,
    /// Where the data-processing agreement is.
    #[serde(default)]
    pub dpa_url: String,
}

fn default_language() -> String {
    "en".into()
}

/// Swaps `price` for the one in `to`, keeping the one it had under `from`; `false` when the item
/// is not sold in `to`.
fn reprice(price: &mut Price, prices: &mut BTreeMap<String, Price>, from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    let Some(new) = prices.remove(to) else { return false };
    prices.insert(from.to_owned(), *price);
    *price = new;
    true
}

fn translate(name: &mut String, description: &mut String, translations: &BTreeMap<String, ItemText>, language: &str) {
    if let Some(t) = translations.get(language) {
        if !t.name.trim().is_empty() {
            name.clone_from(&t.name);
        }
        if !t.description.trim().is_empty() {
            description.clone_from(&t.description);
        }
    }
}

impl Addon {
    /// How an add-on without a name in the provider's file is named, from its kind, in `locale`
    /// (`en`, `de`, `fr`; English otherwise): the words the app shows (its `addon_label`, whose
    /// tables a test holds equal to these), for what the server writes, such as mails. The app
    /// keeps its own typed copies so that each language's words load with that language only.
    pub fn kind_name(&self, locale: &str) -> String {
        match (&self.kind, locale) {
            (AddonKind::ExtraStorage { storage_gb }, "de") => format!("Zusätzlicher Speicher für Medien: {} GB mehr", grouped(u64::from(*storage_gb), '.')),
            (AddonKind::ExtraStorage { storage_gb }, "fr") => format!("Stockage supplémentaire pour les médias\u{a0}: {} Go de plus", grouped(u64::from(*storage_gb), '\u{202f}')),
            (AddonKind::ExtraStorage { storage_gb }, _) => format!("Extra media storage: {} GB more", grouped(u64::from(*storage_gb), ',')),
            (AddonKind::ManagedModeration { coverage, .. }, locale) => {
                let (legend, business, around) = match locale {
                    "de" => ("Moderation durch uns", "Zu Geschäftszeiten (Montag bis Freitag, 9 bis 18 Uhr MEZ)", "Rund um die Uhr (täglich, 24 Stunden)"),
                    "fr" => ("Modération gérée", "Heures ouvrées (du lundi au vendredi, de 9\u{a0}h à 18\u{a0}h HNEC)", "Jour et nuit (tous les jours, 24\u{a0}heures sur 24)"),
                    _ => ("Managed moderation", "Business hours (Monday to Friday, 9:00 to 18:00 CET)", "Around the clock (every day, 24 hours)"),
                };
                let when = match coverage {
                    Coverage::BusinessHours => business,
                    Coverage::AroundTheClock => around,
                };
                format!("{legend}: {when}")
            }
        }
    }

    /// The name in `locale`: the provider's own ([`Catalog::localized`] first), or else from its
    /// kind.
    pub fn display_name(&self, locale: &str) -> String {
        if self.name.trim().is_empty() {
            self.kind_name(locale)
        } else {
            self.name.clone()
        }
    }
}

/// A whole number with `sep` between groups of three digits, as `Intl.NumberFormat` writes
/// one in English (`,`), German (`.`) and French (U+202F); the server's mail groups its amounts
/// with it too.
pub fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

impl Catalog {
    /// Every offered currency, the default first.
    pub fn offered_currencies(&self) -> Vec<String> {
        let mut all = vec![self.currency.clone()];
        for c in &self.currencies {
            if !all.contains(c) {
                all.push(c.clone());
            }
        }
        all
    }

    /// Whether something is sold in `currency`.
    pub fn offers_currency(&self, currency: &str) -> bool {
        self.offered_currencies().iter().any(|c| c == currency)
    }

    /// Whether plan `plan_id` is sold in `currency`.
    pub fn plan_sold_in(&self, plan_id: &str, currency: &str) -> bool {
        self.plan(plan_id).is_some_and(|p| currency == self.currency || p.prices.contains_key(currency))
    }

    /// The same catalogue priced in `currency`: every `price` is the one in that currency and
    /// plans not sold in it are left out. Unchanged for a currency that is not offered.
    pub fn in_currency(&self, currency: &str) -> Catalog {
        let mut c = self.clone();
        if !self.offers_currency(currency) || currency == self.currency {
            return c;
        }
        let from = self.currency.clone();
        c.plans.retain_mut(|p| reprice(&mut p.price, &mut p.prices, &from, currency));
        c.addons.retain_mut(|a| reprice(&mut a.price, &mut a.prices, &from, currency));
        c.support_tiers.retain_mut(|s| reprice(&mut s.price, &mut s.prices, &from, currency));
        c.currency = currency.to_owned();
        c
    }

    /// The same catalogue with names and descriptions in `language` where it has them (the
    /// default language's otherwise).
    pub fn localized(&self, language: &str) -> Catalog {
        let mut c = self.clone();
        if language == self.default_language {
            return c;
        }
        for p in &mut c.plans {
            translate(&mut p.name, &mut p.description, &p.translations, language);
        }
        for a in &mut c.addons {
            translate(&mut a.name, &mut a.description, &a.translations, language);
        }
        for s in &mut c.support_tiers {
            let mut none = String::new();
            translate(&mut s.name, &mut none, &s.translations, language);
        }
        c
    }

    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The add-on with this id.
    pub fn addon(&self, id: &str) -> Option<&Addon> {
        self.addons.iter().find(|a| a.id == id)
    }

    /// Whether `plan_id` allows buying `addon_id` (both known, not included, and permitted).
    pub fn addon_allowed(&self, plan_id: &str, addon_id: &str) -> bool {
        let (Some(plan), Some(addon)) = (self.plan(plan_id), self.addon(addon_id)) else {
            return false;
        };
        if plan.included_addons.iter().any(|a| a == addon_id) {
            return false;
        }
        match addon.kind {
            AddonKind::ManagedModeration { .. } => plan.managed_moderation != Availability::NotAvailable,
            AddonKind::ExtraStorage { .. } => true,
        }
    }

    /// Whether an add-on is managed moderation.
    pub fn is_moderation(&self, addon_id: &str) -> bool {
        self.addon(addon_id).is_some_and(|a| matches!(a.kind, AddonKind::ManagedModeration { .. }))
    }

    /// The support tier with this id.
    pub fn support_tier(&self, id: &str) -> Option<&SupportTier> {
        self.support_tiers.iter().find(|s| s.id == id)
    }
}
