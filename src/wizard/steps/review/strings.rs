//! The review step's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use std::cell::Cell;

use crate::format::Count;
use crate::i18n::{Locale, Strings};

/// The review step's own strings in one language.
pub struct ReviewStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub review_intro: &'static str,
    pub change: &'static str,
    pub review_plan: &'static str,
    pub review_organization: &'static str,
    pub review_domain: &'static str,
    pub review_branding: &'static str,
    pub review_moderation: &'static str,
    pub review_billing_period: &'static str,
    pub review_contact: &'static str,
    pub review_admin: &'static str,
    pub review_billing_address: &'static str,
    pub review_payment: &'static str,
    pub review_server: &'static str,
    pub review_handles: &'static str,
    pub review_title: &'static str,
    pub review_description: &'static str,
    pub review_images: &'static str,
    pub review_colour: &'static str,
    pub review_join: &'static str,
    pub review_rules: &'static str,
    pub review_blocks: &'static str,
    pub review_languages: &'static str,
    pub review_none: &'static str,
    pub review_thumbnail_logo: fn(bool, bool) -> String,
    pub review_count_rules: fn(&Count) -> String,
    pub review_count_blocks: fn(&Count) -> String,
    pub review_missing: &'static str,
    pub review_addons: &'static str,
    pub review_support: &'static str,
    pub review_currency: &'static str,
    pub review_billing_email: &'static str,
    pub review_address_kind: &'static str,
    pub review_site_contact: &'static str,
    pub review_applications: &'static str,
    pub review_min_age: &'static str,
    pub review_content_cache: &'static str,
    pub review_media_cache: &'static str,
    pub review_yes: &'static str,
    pub review_no: &'static str,
    pub review_kept: &'static str,
    pub review_days: fn(&Count) -> String,
    pub review_years: fn(&Count) -> String,
    pub review_included_support: fn(&str) -> String,
    pub review_block_line: fn(&str, &str) -> String,
    pub terms_legend: &'static str,
    pub terms_accept: &'static str,
    pub terms_link: &'static str,
    pub dpa_link: &'static str,
    pub opens_new_tab: &'static str,
    pub err_accept_terms: &'static str,
    pub submit_order: &'static str,
    pub submitting: &'static str,
    pub submit_failed: &'static str,
    pub err_step_missing: fn(&str) -> String,
    pub err_at_step: fn(&str, &str) -> String,
    pub err_key_reused: &'static str,
}

impl std::ops::Deref for ReviewStrings {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        self.locale.strings()
    }
}

/// English.
pub static EN: ReviewStrings = ReviewStrings {
    locale: Locale::En,
    review_intro: "Check your answers. Change anything before you submit; nothing is ordered until you do.",
    change: "Change",
    review_plan: "Plan and price",
    review_organization: "Organization",
    review_domain: "Address",
    review_branding: "Look",
    review_moderation: "Moderation",
    review_billing_period: "Billing",
    review_contact: "Contact",
    review_admin: "First admin",
    review_billing_address: "Billing address",
    review_payment: "Payment",
    review_server: "Server address",
    review_handles: "Handles",
    review_title: "Server name",
    review_description: "Description",
    review_images: "Images",
    review_colour: "Accent colour and theme",
    review_join: "Who can join",
    review_rules: "Rules",
    review_blocks: "Blocked servers",
    review_languages: "Languages",
    review_none: "None",
    review_thumbnail_logo: |th, lo| match (th, lo) { (true, true) => "Thumbnail and logo".into(), (true, false) => "Thumbnail".into(), (false, true) => "Logo".into(), _ => "None".into() },
    review_count_rules: |n| format!("{} {}", n.text, if n.one { "rule" } else { "rules" }),
    review_count_blocks: |n| format!("{} {} blocked", n.text, if n.one { "server" } else { "servers" }),
    review_missing: "Not answered yet",
    review_addons: "Add-ons",
    review_support: "Support",
    review_currency: "Currency",
    review_billing_email: "Invoices go to",
    review_address_kind: "Kind of address",
    review_site_contact: "Contact address shown on the server",
    review_applications: "Applicants say why they want to join",
    review_min_age: "Minimum age",
    review_content_cache: "Posts from other servers kept for",
    review_media_cache: "Media from other servers kept for",
    review_yes: "Yes",
    review_no: "No",
    review_kept: "Until they are removed (no limit)",
    review_days: |n| format!("{} {}", n.text, if n.one { "day" } else { "days" }),
    review_years: |n| format!("{} {}", n.text, if n.one { "year" } else { "years" }),
    review_included_support: |name| format!("{name} (included in your plan)"),
    review_block_line: |domain, severity| format!("{domain}: {severity}"),
    terms_legend: "Terms",
    terms_accept: "I accept the terms of service and the data-processing agreement on behalf of my organization.",
    terms_link: "Terms of service",
    dpa_link: "Data-processing agreement",
    opens_new_tab: "(opens in a new tab)",
    err_accept_terms: "Accept the terms of service and the data-processing agreement to submit.",
    submit_order: "Submit and set up my server",
    submitting: "Submitting …",
    submit_failed: "Your order did not go through. Nothing was ordered twice, and your answers are kept; try again.",
    err_step_missing: |step| format!("{step}: answer this step first."),
    err_at_step: |step, msg| format!("{step}: {msg}"),
    err_key_reused: "This submission clashed with an earlier one. Reload the page and submit again.",
};

/// German.
pub static DE: ReviewStrings = ReviewStrings {
    locale: Locale::De,
    review_intro: "Prüfen Sie Ihre Angaben. Ändern Sie, was nötig ist; bestellt wird erst mit dem Absenden.",
    change: "Ändern",
    review_plan: "Tarif und Preis",
    review_organization: "Organisation",
    review_domain: "Adresse",
    review_branding: "Gestaltung",
    review_moderation: "Moderation",
    review_billing_period: "Abrechnung",
    review_contact: "Kontakt",
    review_admin: "Erste Administration",
    review_billing_address: "Rechnungsadresse",
    review_payment: "Zahlung",
    review_server: "Serveradresse",
    review_handles: "Handles",
    review_title: "Servername",
    review_description: "Beschreibung",
    review_images: "Bilder",
    review_colour: "Akzentfarbe und Darstellung",
    review_join: "Wer beitreten kann",
    review_rules: "Regeln",
    review_blocks: "Gesperrte Server",
    review_languages: "Sprachen",
    review_none: "Keine",
    review_thumbnail_logo: |th, lo| match (th, lo) { (true, true) => "Vorschaubild und Logo".into(), (true, false) => "Vorschaubild".into(), (false, true) => "Logo".into(), _ => "Keine".into() },
    review_count_rules: |n| format!("{} {}", n.text, if n.one { "Regel" } else { "Regeln" }),
    review_count_blocks: |n| format!("{} Server gesperrt", n.text),
    review_missing: "Noch nicht beantwortet",
    review_addons: "Zusatzleistungen",
    review_support: "Support",
    review_currency: "Währung",
    review_billing_email: "Rechnungen gehen an",
    review_address_kind: "Art der Adresse",
    review_site_contact: "Auf dem Server angezeigte Kontaktadresse",
    review_applications: "Bewerbende geben an, warum sie beitreten möchten",
    review_min_age: "Mindestalter",
    review_content_cache: "Beiträge anderer Server aufbewahrt für",
    review_media_cache: "Medien anderer Server aufbewahrt für",
    review_yes: "Ja",
    review_no: "Nein",
    review_kept: "Bis sie entfernt werden (ohne Grenze)",
    review_days: |n| format!("{} {}", n.text, if n.one { "Tag" } else { "Tage" }),
    review_years: |n| format!("{} {}", n.text, if n.one { "Jahr" } else { "Jahre" }),
    review_included_support: |name| format!("{name} (in Ihrem Tarif enthalten)"),
    review_block_line: |domain, severity| format!("{domain}: {severity}"),
    terms_legend: "Bedingungen",
    terms_accept: "Ich akzeptiere die Nutzungsbedingungen und den Auftragsverarbeitungsvertrag im Namen meiner Organisation.",
    terms_link: "Nutzungsbedingungen",
    dpa_link: "Auftragsverarbeitungsvertrag",
    opens_new_tab: "(öffnet in einem neuen Tab)",
    err_accept_terms: "Akzeptieren Sie die Nutzungsbedingungen und den Auftragsverarbeitungsvertrag, um abzuschicken.",
    submit_order: "Absenden und Server einrichten",
    submitting: "Wird abgeschickt …",
    submit_failed: "Ihre Bestellung ist nicht angekommen. Nichts wurde doppelt bestellt, und Ihre Angaben bleiben erhalten; versuchen Sie es erneut.",
    err_step_missing: |step| format!("{step}: Beantworten Sie zuerst diesen Schritt."),
    err_at_step: |step, msg| format!("{step}: {msg}"),
    err_key_reused: "Dieses Absenden kollidierte mit einem früheren. Laden Sie die Seite neu und schicken Sie erneut ab.",
};

/// French.
pub static FR: ReviewStrings = ReviewStrings {
    locale: Locale::Fr,
    review_intro: "Vérifiez vos réponses. Modifiez ce que vous voulez avant l’envoi\u{202f}; rien n’est commandé avant.",
    change: "Modifier",
    review_plan: "Offre et prix",
    review_organization: "Organisation",
    review_domain: "Adresse",
    review_branding: "Apparence",
    review_moderation: "Modération",
    review_billing_period: "Facturation",
    review_contact: "Contact",
    review_admin: "Premier administrateur",
    review_billing_address: "Adresse de facturation",
    review_payment: "Paiement",
    review_server: "Adresse du serveur",
    review_handles: "Identifiants",
    review_title: "Nom du serveur",
    review_description: "Description",
    review_images: "Images",
    review_colour: "Couleur d’accent et thème",
    review_join: "Qui peut s’inscrire",
    review_rules: "Règles",
    review_blocks: "Serveurs bloqués",
    review_languages: "Langues",
    review_none: "Aucun",
    review_thumbnail_logo: |th, lo| match (th, lo) { (true, true) => "Vignette et logo".into(), (true, false) => "Vignette".into(), (false, true) => "Logo".into(), _ => "Aucune".into() },
    review_count_rules: |n| format!("{} {}", n.text, if n.one { "règle" } else { "règles" }),
    review_count_blocks: |n| if n.one { format!("{} serveur bloqué", n.text) } else { format!("{} serveurs bloqués", n.text) },
    review_missing: "Pas encore répondu",
    review_addons: "Options",
    review_support: "Assistance",
    review_currency: "Devise",
    review_billing_email: "Les factures vont à",
    review_address_kind: "Type d’adresse",
    review_site_contact: "Adresse de contact affichée sur le serveur",
    review_applications: "Les candidats indiquent pourquoi ils veulent s’inscrire",
    review_min_age: "Âge minimum",
    review_content_cache: "Publications des autres serveurs conservées pendant",
    review_media_cache: "Médias des autres serveurs conservés pendant",
    review_yes: "Oui",
    review_no: "Non",
    review_kept: "Jusqu’à leur suppression (sans limite)",
    review_days: |n| format!("{} {}", n.text, if n.one { "jour" } else { "jours" }),
    review_years: |n| format!("{} {}", n.text, if n.one { "an" } else { "ans" }),
    review_included_support: |name| format!("{name} (inclus dans votre offre)"),
    review_block_line: |domain, severity| format!("{domain}\u{a0}: {severity}"),
    terms_legend: "Conditions",
    terms_accept: "J’accepte les conditions d’utilisation et l’accord de traitement des données au nom de mon organisation.",
    terms_link: "Conditions d’utilisation",
    dpa_link: "Accord de traitement des données",
    opens_new_tab: "(s’ouvre dans un nouvel onglet)",
    err_accept_terms: "Acceptez les conditions d’utilisation et l’accord de traitement des données pour envoyer.",
    submit_order: "Envoyer et mettre en place mon serveur",
    submitting: "Envoi…",
    submit_failed: "Votre commande n’est pas passée. Rien n’a été commandé deux fois et vos réponses sont conservées\u{202f}; réessayez.",
    err_step_missing: |step| format!("{step}\u{a0}: répondez d’abord à cette étape."),
    err_at_step: |step, msg| format!("{step}\u{a0}: {msg}"),
    err_key_reused: "Cet envoi est entré en conflit avec un précédent. Rechargez la page et envoyez de nouveau.",
};

thread_local! {
    /// The German and French tables once their languages' chunks are here, and the
    /// pseudo-locale's (shown instead of English in a test run that asks for it).
    static LOADED: [Cell<Option<&'static ReviewStrings>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Makes `table` the one shown for its language (`pseudo`: instead of English). Called by the
/// languages' chunks.
pub fn register(table: &'static ReviewStrings, pseudo: bool) {
    let slot = match (pseudo, table.locale) {
        (true, _) | (false, Locale::En) => 2,
        (false, Locale::De) => 0,
        (false, Locale::Fr) => 1,
    };
    LOADED.with(|l| if let Some(cell) = l.get(slot) { cell.set(Some(table)) });
}

fn loaded(slot: usize) -> Option<&'static ReviewStrings> {
    LOADED.with(|l| l.get(slot).and_then(Cell::get))
}

/// The strings in `locale` (English until that language's chunk is here).
pub fn of(locale: Locale) -> &'static ReviewStrings {
    match locale {
        Locale::En => loaded(2).unwrap_or(&EN),
        #[cfg(not(feature = "split"))]
        Locale::De => &DE,
        #[cfg(not(feature = "split"))]
        Locale::Fr => &FR,
        #[cfg(feature = "split")]
        Locale::De => loaded(0).unwrap_or(&EN),
        #[cfg(feature = "split")]
        Locale::Fr => loaded(1).unwrap_or(&EN),
    }
}

/// The strings in the current language. Not reactive, like [`crate::i18n::use_strings`].
pub fn use_strings() -> &'static ReviewStrings {
    of(crate::i18n::current_locale())
}

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static ReviewStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(ReviewStrings {
        locale: Locale::En,
        review_intro: s(EN.review_intro),
        change: s(EN.change),
        review_plan: s(EN.review_plan),
        review_organization: s(EN.review_organization),
        review_domain: s(EN.review_domain),
        review_branding: s(EN.review_branding),
        review_moderation: s(EN.review_moderation),
        review_billing_period: s(EN.review_billing_period),
        review_contact: s(EN.review_contact),
        review_admin: s(EN.review_admin),
        review_billing_address: s(EN.review_billing_address),
        review_payment: s(EN.review_payment),
        review_server: s(EN.review_server),
        review_handles: s(EN.review_handles),
        review_title: s(EN.review_title),
        review_description: s(EN.review_description),
        review_images: s(EN.review_images),
        review_colour: s(EN.review_colour),
        review_join: s(EN.review_join),
        review_rules: s(EN.review_rules),
        review_blocks: s(EN.review_blocks),
        review_languages: s(EN.review_languages),
        review_none: s(EN.review_none),
        review_thumbnail_logo: |a0, a1| pseudo(&(EN.review_thumbnail_logo)(a0, a1)),
        review_count_rules: |a0| pseudo(&(EN.review_count_rules)(a0)),
        review_count_blocks: |a0| pseudo(&(EN.review_count_blocks)(a0)),
        review_missing: s(EN.review_missing),
        review_addons: s(EN.review_addons),
        review_support: s(EN.review_support),
        review_currency: s(EN.review_currency),
        review_billing_email: s(EN.review_billing_email),
        review_address_kind: s(EN.review_address_kind),
        review_site_contact: s(EN.review_site_contact),
        review_applications: s(EN.review_applications),
        review_min_age: s(EN.review_min_age),
        review_content_cache: s(EN.review_content_cache),
        review_media_cache: s(EN.review_media_cache),
        review_yes: s(EN.review_yes),
        review_no: s(EN.review_no),
        review_kept: s(EN.review_kept),
        review_days: |a0| pseudo(&(EN.review_days)(a0)),
        review_years: |a0| pseudo(&(EN.review_years)(a0)),
        review_included_support: |a0| pseudo(&(EN.review_included_support)(a0)),
        review_block_line: |a0, a1| pseudo(&(EN.review_block_line)(a0, a1)),
        terms_legend: s(EN.terms_legend),
        terms_accept: s(EN.terms_accept),
        terms_link: s(EN.terms_link),
        dpa_link: s(EN.dpa_link),
        opens_new_tab: s(EN.opens_new_tab),
        err_accept_terms: s(EN.err_accept_terms),
        submit_order: s(EN.submit_order),
        submitting: s(EN.submitting),
        submit_failed: s(EN.submit_failed),
        err_step_missing: |a0| pseudo(&(EN.err_step_missing)(a0)),
        err_at_step: |a0, a1| pseudo(&(EN.err_at_step)(a0, a1)),
        err_key_reused: s(EN.err_key_reused),
    }))
}
