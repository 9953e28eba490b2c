//! The signup draft, section by section, as the app edits it and the server stores it.
//!
//! Every section is optional in the draft (the user fills them in order); a section that is
//! present is validated as a whole by [`crate::validate`].

use serde::{Deserialize, Serialize};

use crate::catalog::PaymentMethod;

/// How the organization is billed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Every month.
    #[default]
    Monthly,
    /// Once a year, at the yearly price.
    Yearly,
}

impl Billing {
    /// The API value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Yearly => "yearly",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "monthly" => Some(Self::Monthly),
            "yearly" => Some(Self::Yearly),
            _ => None,
        }
    }
}

/// Plan section: what is bought.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSection {
    /// Catalogue plan id.
    pub plan_id: String,
    /// Billing period.
    #[serde(default)]
    pub billing: Billing,
    /// Catalogue add-on ids.
    #[serde(default)]
    pub addons: Vec<String>,
    /// Catalogue support tier id; `None` means the tier included in the plan.
    #[serde(default)]
    pub support_tier: Option<String>,
    /// ISO 4217 currency billed in, one the catalogue offers; `None` means its default currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// What kind of organization signs up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// A business.
    #[default]
    Company,
    /// A charity, association or NGO.
    Nonprofit,
    /// A public body.
    PublicSector,
    /// A school, college or university.
    Education,
    /// Anything else.
    Other,
}

impl OrganizationKind {
    /// Every kind, in the order shown.
    pub const ALL: [Self; 5] =
        [Self::Company, Self::Nonprofit, Self::PublicSector, Self::Education, Self::Other];

    /// The API value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::Nonprofit => "nonprofit",
            Self::PublicSector => "public_sector",
            Self::Education => "education",
            Self::Other => "other",
        }
    }
}

/// Organization section: who signs up and who administers the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSection {
    /// Legal or common name.
    pub name: String,
    /// Kind of organization.
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Where the provider writes to.
    pub contact_email: String,
    /// Username of the first admin account (Mastodon's rules).
    pub admin_username: String,
    /// Optional EU VAT identification number, with its country prefix.
    #[serde(default)]
    pub vat_id: Option<String>,
    /// Who pays, where, and how.
    #[serde(default)]
    pub billing: BillingDetails,
}

/// A postal address; its country is the organization's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalAddress {
    /// Street and number, or PO box.
    pub line1: String,
    /// Department, building, c/o.
    #[serde(default)]
    pub line2: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
}

/// Billing details of the organization section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingDetails {
    /// Where invoices go; `None` means the contact email.
    #[serde(default)]
    pub email: Option<String>,
    /// Billing address.
    #[serde(default)]
    pub address: PostalAddress,
    /// Purchase-order reference to print on invoices.
    #[serde(default)]
    pub purchase_order: Option<String>,
    /// The buyer reference e-invoices carry (XRechnung BT-10): for German public bodies the
    /// Leitweg-ID, checked by its format and check digits.
    #[serde(default)]
    pub buyer_reference: Option<String>,
    /// The PEPPOL participant id invoices are delivered to (`0204:…`), if the organization
    /// receives e-invoices over PEPPOL.
    #[serde(default)]
    pub peppol_id: Option<String>,
    /// How the organization pays.
    #[serde(default)]
    pub payment_method: PaymentMethod,
}

/// Where the server lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DomainMode {
    /// A subdomain of one of the provider's shared domains.
    #[default]
    Subdomain,
    /// The organization's own domain.
    Custom,
}

/// Domain section (Mastodon's `WEB_DOMAIN` and `LOCAL_DOMAIN`), stored in ASCII.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomainSection {
    /// Subdomain or own domain.
    pub mode: DomainMode,
    /// Where the server runs (`WEB_DOMAIN`).
    pub web_domain: String,
    /// What handles end in (`LOCAL_DOMAIN`); can never change after launch.
    pub handle_domain: String,
}

/// Light, dark or following the reader's system.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follows the reader's system setting.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Branding section (names as Mastodon's settings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingSection {
    /// Server name.
    pub site_title: String,
    /// At most 200 characters.
    #[serde(default)]
    pub site_short_description: String,
    /// Contact address shown on the about page (Mastodon's `site_contact_email`).
    #[serde(default)]
    pub site_contact_email: Option<String>,
    /// Uploaded asset id of the thumbnail.
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// Uploaded asset id of the logo.
    #[serde(default)]
    pub logo: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub accent_color: Option<String>,
    /// Theme.
    #[serde(default)]
    pub theme: Theme,
}

/// Who can join (Mastodon's `registrations_mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationsMode {
    /// Anyone can sign up.
    Open,
    /// Sign-ups wait for a moderator's approval.
    #[default]
    Approved,
    /// Invite only.
    None,
}

/// A server rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rule {
    /// The rule.
    pub text: String,
    /// Optional explanation.
    #[serde(default)]
    pub hint: String,
}

/// How hard a domain is blocked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Hidden from public timelines.
    #[default]
    Silence,
    /// Cut off completely.
    Suspend,
    /// Neither; only the media and report options apply.
    Noop,
}

/// A federation block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomainBlock {
    /// Blocked domain, ASCII.
    pub domain: String,
    /// Severity.
    pub severity: Severity,
    /// Do not store their media.
    #[serde(default)]
    pub reject_media: bool,
    /// Ignore their reports.
    #[serde(default)]
    pub reject_reports: bool,
    /// Shown on the about page.
    #[serde(default)]
    pub public_comment: String,
    /// Shown with some letters hidden on the about page.
    #[serde(default)]
    pub obfuscate: bool,
}

/// Moderation section. Managed moderation is an add-on of the plan section, whichever step
/// it is chosen on, so the price has one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationSection {
    /// Who can join.
    pub registrations_mode: RegistrationsMode,
    /// Applicants say why they want to join.
    #[serde(default)]
    pub require_invite_text: bool,
    /// Minimum age in years.
    #[serde(default)]
    pub min_age: Option<u8>,
    /// Server rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Federation blocks.
    #[serde(default)]
    pub domain_blocks: Vec<DomainBlock>,
    /// ISO 639-1 codes.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Days remote posts are cached.
    #[serde(default)]
    pub content_cache_retention_days: Option<u32>,
    /// Days remote media is cached.
    #[serde(default)]
    pub media_cache_retention_days: Option<u32>,
}

/// The sections of a draft. Absent means not filled in yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftSections {
    /// What is bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanSection>,
    /// Who signs up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationSection>,
    /// Where the server lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<DomainSection>,
    /// How it looks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<BrandingSection>,
    /// Who can join and what is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ModerationSection>,
}

impl DraftSections {
    /// The sections as an order keeps them: each text the rules count trimmed, trimmed (the
    /// server name, short description, rules and their hints, public comments on blocks, the
    /// organization's name), so what is stored is exactly what was counted.
    pub fn trimmed(&self) -> DraftSections {
        let mut s = self.clone();
        let trim = |t: &mut String| {
            let kept = t.trim();
            if kept.len() != t.len() {
                *t = kept.to_owned();
            }
        };
        if let Some(o) = s.organization.as_mut() {
            trim(&mut o.name);
        }
        if let Some(b) = s.branding.as_mut() {
            trim(&mut b.site_title);
            trim(&mut b.site_short_description);
        }
        if let Some(m) = s.moderation.as_mut() {
            for r in &mut m.rules {
                trim(&mut r.text);
                trim(&mut r.hint);
            }
            for b in &mut m.domain_blocks {
                trim(&mut b.public_comment);
            }
        }
        s
    }

    /// Replaces each section present in `patch`, keeping the others.
    pub fn apply(&mut self, patch: DraftSections) {
        let DraftSections { plan, organization, domain, branding, moderation } = patch;
        if plan.is_some() {
            self.plan = plan;
        }
        if organization.is_some() {
            self.organization = organization;
        }
        if domain.is_some() {
            self.domain = domain;
        }
        if branding.is_some() {
            self.branding = branding;
        }
        if moderation.is_some() {
            self.moderation = moderation;
        }
    }

    /// Whether no section is present.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_replaces_only_present_sections() {
        let mut draft = DraftSections {
            plan: Some(PlanSection { plan_id: "starter".into(), ..Default::default() }),
            ..Default::default()
        };
        let org = OrganizationSection { name: "Acme".into(), ..Default::default() };
        draft.apply(DraftSections { organization: Some(org.clone()), ..Default::default() });
        assert_eq!(draft.plan.as_ref().map(|p| p.plan_id.as_str()), Some("starter"));
        assert_eq!(draft.organization, Some(org));
    }

    #[test]
    fn sections_use_the_api_names() {
        let json = serde_json::to_value(DraftSections {
            organization: Some(OrganizationSection {
                kind: OrganizationKind::PublicSector,
                ..Default::default()
            }),
            ..Default::default()
        })
        .unwrap_or_default();
        assert_eq!(json["organization"]["kind"], "public_sector");
        assert!(json.get("plan").is_none(), "absent sections are left out: {json}");
    }
}
