//! The organization step's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use crate::i18n::Locale;

/// The organization step's own strings in one language.
pub struct OrganizationStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub buyer_ref_hint: &'static str,
    pub leitweg_hint: &'static str,
    pub peppol_hint: &'static str,
    pub country_choose: &'static str,
    pub contact_email_hint: &'static str,
    pub admin_username_hint: &'static str,
    pub admin_preview: fn(&str) -> String,
    pub vat_hint: &'static str,
    pub billing_heading: &'static str,
    pub billing_email_hint: &'static str,
    pub po_hint: &'static str,
}

/// English.
pub static EN: OrganizationStrings = OrganizationStrings {
    locale: Locale::En,
    buyer_ref_hint: "The reference your accounts department wants on every invoice, if it has one.",
    leitweg_hint: "German public bodies receive e-invoices (XRechnung) under this ID, such as 991-33333TEST-33; your accounts department has it.",
    peppol_hint: "If you receive e-invoices over PEPPOL: the scheme, a colon and your ID, such as 0204:991-33333TEST-33.",
    country_choose: "Choose a country",
    contact_email_hint: "We write to this address about your server.",
    admin_username_hint: "Letters, digits and underscores, at most 30 characters. This person runs the server.",
    admin_preview: |u| format!("Your admin will appear as @{u}@ followed by the domain you choose next."),
    vat_hint: "With its country prefix, for example DE123456789.",
    billing_heading: "Billing",
    billing_email_hint: "Leave empty to send invoices to the contact email.",
    po_hint: "Printed on every invoice, if your organization needs one.",
};

/// German.
pub static DE: OrganizationStrings = OrganizationStrings {
    locale: Locale::De,
    buyer_ref_hint: "Die Referenz, die Ihre Buchhaltung auf jeder Rechnung sehen möchte, falls es eine gibt.",
    leitweg_hint: "Öffentliche Auftraggeber erhalten E-Rechnungen (XRechnung) unter dieser ID, etwa 991-33333TEST-33; Ihre Buchhaltung kennt sie.",
    peppol_hint: "Falls Sie E-Rechnungen über PEPPOL empfangen: das Schema, ein Doppelpunkt und Ihre ID, etwa 0204:991-33333TEST-33.",
    country_choose: "Land auswählen",
    contact_email_hint: "An diese Adresse schreiben wir zu Ihrem Server.",
    admin_username_hint: "Buchstaben, Ziffern und Unterstriche, höchstens 30 Zeichen. Diese Person betreut den Server.",
    admin_preview: |u| format!("Ihre Administration erscheint als @{u}@ gefolgt von der Domain, die Sie als Nächstes wählen."),
    vat_hint: "Mit Länderkennung, zum Beispiel DE123456789.",
    billing_heading: "Rechnung",
    billing_email_hint: "Leer lassen, um Rechnungen an die Kontakt-E-Mail zu senden.",
    po_hint: "Steht auf jeder Rechnung, falls Ihre Organisation eine braucht.",
};

/// French.
pub static FR: OrganizationStrings = OrganizationStrings {
    locale: Locale::Fr,
    buyer_ref_hint: "La référence que votre service comptable veut voir sur chaque facture, s’il en a une.",
    leitweg_hint: "Les organismes publics allemands reçoivent les factures électroniques (XRechnung) sous cet identifiant, par exemple 991-33333TEST-33\u{202f}; votre service comptable le connaît.",
    peppol_hint: "Si vous recevez des factures électroniques par PEPPOL\u{a0}: le schéma, deux-points et votre identifiant, par exemple 0204:991-33333TEST-33.",
    country_choose: "Choisissez un pays",
    contact_email_hint: "Nous vous écrivons à cette adresse au sujet de votre serveur.",
    admin_username_hint: "Lettres, chiffres et tirets bas, 30 caractères au plus. Cette personne gère le serveur.",
    admin_preview: |u| format!("Votre administrateur apparaîtra sous @{u}@ suivi du domaine que vous choisissez ensuite."),
    vat_hint: "Avec son préfixe de pays, par exemple FR12345678901.",
    billing_heading: "Facturation",
    billing_email_hint: "Laissez vide pour envoyer les factures à l’adresse de contact.",
    po_hint: "Imprimée sur chaque facture, si votre organisation en a besoin.",
};

crate::step_strings!(OrganizationStrings);

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static OrganizationStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(OrganizationStrings {
        locale: Locale::En,
        buyer_ref_hint: s(EN.buyer_ref_hint),
        leitweg_hint: s(EN.leitweg_hint),
        peppol_hint: s(EN.peppol_hint),
        country_choose: s(EN.country_choose),
        contact_email_hint: s(EN.contact_email_hint),
        admin_username_hint: s(EN.admin_username_hint),
        admin_preview: |a0| pseudo(&(EN.admin_preview)(a0)),
        vat_hint: s(EN.vat_hint),
        billing_heading: s(EN.billing_heading),
        billing_email_hint: s(EN.billing_email_hint),
        po_hint: s(EN.po_hint),
    }))
}
