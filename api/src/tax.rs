//! How VAT applies to an organization, for the note under the prices. The provider's prices are
//! net; what is added depends on the organization's country and VAT id.

use crate::validate::check_vat_id;
use crate::OrganizationSection;

/// EU member states (ISO 3166-1 alpha-2).
pub const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// What happens with VAT on the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatTreatment {
    /// The organization's country is not known yet.
    Unknown,
    /// Same country as the provider: its VAT is added.
    Domestic,
    /// An EU business in another member state with a valid VAT id: reverse charge, no VAT added.
    ReverseCharge,
    /// In another EU member state without a VAT id: that country's VAT is added.
    EuWithoutVatId,
    /// Outside the EU: no VAT is added by the provider.
    OutsideEu,
}

/// The VAT treatment for an organization billed by a provider in `provider_country`.
pub fn vat_treatment(provider_country: &str, org: Option<&OrganizationSection>) -> VatTreatment {
    let Some(org) = org.filter(|o| crate::countries::is_country(&o.country)) else {
        return VatTreatment::Unknown;
    };
    if org.country == provider_country {
        return VatTreatment::Domestic;
    }
    if !EU.contains(&org.country.as_str()) {
        return VatTreatment::OutsideEu;
    }
    let valid_vat = org
        .vat_id
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty() && check_vat_id(v, &org.country).is_ok());
    if valid_vat {
        VatTreatment::ReverseCharge
    } else {
        VatTreatment::EuWithoutVatId
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(country: &str, vat: Option<&str>) -> OrganizationSection {
        OrganizationSection { country: country.into(), vat_id: vat.map(Into::into), ..Default::default() }
    }

    #[test]
    fn each_case() {
        assert_eq!(vat_treatment("DE", None), VatTreatment::Unknown);
        assert_eq!(vat_treatment("DE", Some(&org("", None))), VatTreatment::Unknown);
        assert_eq!(vat_treatment("DE", Some(&org("DE", Some("DE123456789")))), VatTreatment::Domestic);
        assert_eq!(vat_treatment("DE", Some(&org("AT", Some("ATU12345678")))), VatTreatment::ReverseCharge);
        assert_eq!(vat_treatment("DE", Some(&org("AT", Some("ATU1")))), VatTreatment::EuWithoutVatId);
        assert_eq!(vat_treatment("DE", Some(&org("FR", None))), VatTreatment::EuWithoutVatId);
        assert_eq!(vat_treatment("DE", Some(&org("CH", Some("CHE123")))), VatTreatment::OutsideEu);
        assert_eq!(vat_treatment("DE", Some(&org("GB", None))), VatTreatment::OutsideEu);
        assert!(EU.windows(2).all(|w| w[0] < w[1]));
    }
}
