//! The hosting catalogue: plans, add-ons, support tiers and the provider's shared domains.

use serde::{Deserialize, Serialize};

/// An amount of money in minor units (cents). Never a float.
pub type MinorUnits = i64;

/// A price for each billing period, in minor units of the catalogue currency, net of VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    /// Charged every month when billed monthly.
    pub monthly: MinorUnits,
    /// Charged once a year when billed yearly.
    pub yearly: MinorUnits,
}

/// What a plan allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Plan {
    /// Stable identifier, used in the draft and in URL presets.
    pub id: String,
    /// Product name, the same in every language.
    pub name: String,
    /// Net price.
    pub price: Price,
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
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Working days, office hours (Central European Time).
    BusinessHours,
    /// Every hour of every day.
    AroundTheClock,
}

/// What an add-on is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Addon {
    /// Stable identifier.
    pub id: String,
    /// What it is.
    pub kind: AddonKind,
    /// Net price.
    pub price: Price,
}

/// A level of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportTier {
    /// Stable identifier.
    pub id: String,
    /// Product name, the same in every language.
    pub name: String,
    /// Promised first response, in hours.
    pub response_hours: u32,
    /// Net price on top of the plan (zero when included).
    pub price: Price,
}

/// Everything that can be bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// ISO 4217 currency of every price.
    pub currency: String,
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

impl Catalog {
    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The add-on with this id.
    pub fn addon(&self, id: &str) -> Option<&Addon> {
        self.addons.iter().find(|a| a.id == id)
    }

    /// The support tier with this id.
    pub fn support_tier(&self, id: &str) -> Option<&SupportTier> {
        self.support_tiers.iter().find(|s| s.id == id)
    }
}
