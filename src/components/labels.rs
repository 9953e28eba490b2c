//! How the contract's values are named to people: add-ons and their prices, kinds of
//! organization, payment methods, block severities and the VAT note. Shared by several steps.

use onramp_api::tax::{vat_treatment, VatTreatment};
use onramp_api::{Addon, AddonKind, Billing, Coverage, OrganizationKind, PaymentMethod, Price, Severity};

use crate::format;
use crate::i18n::{Locale, Strings};

/// How an add-on is named.
pub fn addon_label(addon: &Addon, t: &Strings, locale: Locale) -> String {
    match &addon.kind {
        AddonKind::ManagedModeration { coverage, .. } => format!(
            "{}: {}",
            t.moderation_legend,
            match coverage {
                Coverage::BusinessHours => t.coverage_business_hours,
                Coverage::AroundTheClock => t.coverage_around_the_clock,
            }
        ),
        AddonKind::ExtraStorage { storage_gb } => (t.storage_addon)(&format::integer(*storage_gb, locale)),
    }
}

/// `+€149 per month`.
pub fn extra_price(price: Price, billing: Billing, currency: &str, t: &Strings, locale: Locale) -> String {
    let (amount, period) = match billing {
        Billing::Monthly => (price.monthly, t.per_month),
        Billing::Yearly => (price.yearly, t.per_year),
    };
    (t.price_extra)(&format::money(amount, currency, locale), period)
}

/// The words for an organization kind.
pub fn kind_label(kind: OrganizationKind, t: &Strings) -> &'static str {
    match kind {
        OrganizationKind::Company => t.kind_company,
        OrganizationKind::Nonprofit => t.kind_nonprofit,
        OrganizationKind::PublicSector => t.kind_public_sector,
        OrganizationKind::Education => t.kind_education,
        OrganizationKind::Other => t.kind_other,
    }
}

/// How a payment method is described.
pub fn payment_label(method: PaymentMethod, t: &Strings) -> &'static str {
    match method {
        PaymentMethod::Invoice => t.payment_invoice,
        PaymentMethod::Card => t.payment_card,
        PaymentMethod::SepaDebit => t.payment_sepa,
    }
}

/// The words for a block severity.
pub fn severity_label(s: Severity, t: &Strings) -> &'static str {
    match s {
        Severity::Silence => t.severity_silence,
        Severity::Suspend => t.severity_suspend,
        Severity::Noop => t.severity_noop,
    }
}

/// The sentence on VAT under the total, for the organization as far as it is known.
pub fn vat_note(provider_country: &str, org: Option<onramp_api::OrganizationSection>, t: &Strings, locale: Locale) -> String {
    let country = |c: &str| format::region_name(c, locale);
    match vat_treatment(provider_country, org.as_ref()) {
        VatTreatment::Unknown => t.vat_note.to_owned(),
        VatTreatment::Domestic => (t.vat_domestic)(&country(provider_country)),
        VatTreatment::ReverseCharge => t.vat_reverse_charge.to_owned(),
        VatTreatment::EuWithoutVatId => (t.vat_eu_without_id)(&country(&org.map(|o| o.country).unwrap_or_default())),
        VatTreatment::OutsideEu => t.vat_outside_eu.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    /// The server names an add-on without a name from its kind with the contract's words
    /// (`Addon::kind_name`, in its mails): the same as the app's, in every language.
    #[test]
    fn an_unnamed_addon_is_named_as_the_server_names_it() {
        let addon = |kind| Addon { id: "x".into(), kind, name: String::new(), description: String::new(), translations: Default::default(), price: Price { monthly: 0, yearly: 0 }, prices: Default::default() };
        let kinds = [
            AddonKind::ExtraStorage { storage_gb: 50 },
            AddonKind::ManagedModeration { coverage: Coverage::BusinessHours, languages: vec![], response_hours: 24 },
            AddonKind::ManagedModeration { coverage: Coverage::AroundTheClock, languages: vec![], response_hours: 4 },
        ];
        for locale in Locale::ALL {
            for kind in kinds.clone() {
                let a = addon(kind);
                assert_eq!(addon_label(&a, locale.strings(), locale), a.kind_name(locale.as_str()), "{locale:?}");
            }
        }
    }
}
