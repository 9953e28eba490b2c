//! The organization step's form: one store of what is typed, filled from the contract's section
//! by a patch and read back as one value.

use onramp_api::{BillingDetails, OrganizationKind, OrganizationSection, PaymentMethod, PostalAddress};
use reactive_stores::{Patch, Store};

use crate::wizard::optional;

/// What the organization step holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Store, Patch)]
pub struct OrganizationForm {
    pub name: String,
    #[patch(|this, new| *this = new)]
    pub kind: OrganizationKind,
    pub country: String,
    pub email: String,
    pub username: String,
    pub vat: String,
    pub billing_email: String,
    pub line1: String,
    pub line2: String,
    pub postal: String,
    pub city: String,
    pub po: String,
    pub buyer_ref: String,
    pub peppol: String,
    /// `None` until the plan's first method is chosen for the user.
    #[patch(|this, new| *this = new)]
    pub payment: Option<PaymentMethod>,
}

/// Whether `method` is an invoice (the e-invoicing references apply).
pub fn invoiced(method: Option<PaymentMethod>) -> bool {
    method.is_none_or(|m| m == PaymentMethod::Invoice)
}

impl From<OrganizationSection> for OrganizationForm {
    fn from(o: OrganizationSection) -> Self {
        let b = o.billing;
        Self {
            name: o.name,
            kind: o.kind,
            country: o.country,
            email: o.contact_email,
            username: o.admin_username,
            vat: o.vat_id.unwrap_or_default(),
            billing_email: b.email.unwrap_or_default(),
            line1: b.address.line1,
            line2: b.address.line2,
            postal: b.address.postal_code,
            city: b.address.city,
            po: b.purchase_order.unwrap_or_default(),
            buyer_ref: b.buyer_reference.unwrap_or_default(),
            peppol: b.peppol_id.unwrap_or_default(),
            payment: Some(b.payment_method),
        }
    }
}

impl OrganizationForm {
    /// The section this form holds, trimmed; references that do not apply are left out.
    pub fn section(&self) -> OrganizationSection {
        let invoice = invoiced(self.payment);
        OrganizationSection {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            country: self.country.clone(),
            contact_email: self.email.trim().to_owned(),
            admin_username: self.username.trim().to_owned(),
            vat_id: optional(&self.vat),
            billing: BillingDetails {
                email: optional(&self.billing_email),
                address: PostalAddress {
                    line1: self.line1.trim().to_owned(),
                    line2: self.line2.trim().to_owned(),
                    postal_code: self.postal.trim().to_owned(),
                    city: self.city.trim().to_owned(),
                },
                purchase_order: optional(&self.po),
                // The e-invoicing references go with invoices; the buyer reference with public
                // bodies.
                buyer_reference: optional(&self.buyer_ref)
                    .filter(|_| invoice && self.kind == OrganizationKind::PublicSector),
                peppol_id: optional(&self.peppol).filter(|_| invoice),
                payment_method: self.payment.unwrap_or_default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_comes_back_as_it_went_in() {
        let mut o = OrganizationSection {
            name: "Acme".into(),
            kind: OrganizationKind::PublicSector,
            country: "DE".into(),
            contact_email: "a@example.org".into(),
            admin_username: "admin".into(),
            vat_id: Some("DE123456789".into()),
            ..Default::default()
        };
        o.billing.payment_method = PaymentMethod::Invoice;
        o.billing.buyer_reference = Some("991-12345-67".into());
        o.billing.peppol_id = Some("0204:991-12345-67".into());
        assert_eq!(OrganizationForm::from(o.clone()).section(), o);
    }

    #[test]
    fn references_that_do_not_apply_are_left_out_and_text_is_trimmed() {
        let form = OrganizationForm {
            name: "  Acme  ".into(),
            kind: OrganizationKind::Company,
            buyer_ref: "991".into(),
            peppol: "0204:1".into(),
            vat: "   ".into(),
            payment: Some(PaymentMethod::Card),
            ..Default::default()
        };
        let s = form.section();
        assert_eq!(s.name, "Acme");
        assert_eq!(s.vat_id, None);
        assert_eq!(s.billing.buyer_reference, None, "a company has no buyer reference");
        assert_eq!(s.billing.peppol_id, None, "a card payment has no e-invoice");
        let invoiced = OrganizationForm { payment: Some(PaymentMethod::Invoice), ..form }.section();
        assert_eq!(invoiced.billing.peppol_id.as_deref(), Some("0204:1"));
        assert_eq!(invoiced.billing.buyer_reference, None);
    }
}
