//! The plan step's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use crate::format::Count;
use crate::i18n::Locale;
use crate::i18n_fr::heures;

/// The plan step's own strings in one language.
pub struct PlanStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub plan_intro: &'static str,
    pub billing_legend: &'static str,
    pub currency_legend: &'static str,
    pub currency_not_for_plan: fn(&str) -> String,
    pub currency_plan_not_in: fn(&str, &str) -> String,
    pub recommended: &'static str,
    pub limit_users: fn(&Count) -> String,
    pub limit_storage: fn(&str) -> String,
    pub custom_domain_yes: &'static str,
    pub custom_domain_no: &'static str,
    pub moderation_included: &'static str,
    pub moderation_addon: &'static str,
    pub moderation_unavailable: &'static str,
    pub support_line: fn(&str, &Count) -> String,
    pub catalog_empty: &'static str,
    pub addons_heading: &'static str,
    pub support_legend: &'static str,
    pub included: &'static str,
    pub dropped_title: fn(&str) -> String,
    pub dropped_payment: fn(&str) -> String,
    pub presets_ignored: &'static str,
    pub preset_item: fn(&str, &str) -> String,
    pub dropped_own_domain: fn(&str) -> String,
    pub summary_loading: &'static str,
    pub summary_load_failed: &'static str,
}

/// English.
pub static EN: PlanStrings = PlanStrings {
    locale: Locale::En,
    plan_intro: "Every plan includes hosting, updates, backups and security patches for your Mastodon server.",
    billing_legend: "Billing period",
    currency_legend: "Currency",
    currency_not_for_plan: |p| format!("(not for the {p} plan)"),
    currency_plan_not_in: |p, list| format!("The {p} plan is not sold in {list}."),
    recommended: "Recommended",
    limit_users: |n| if n.one { format!("Up to {} active user", n.text) } else { format!("Up to {} active users", n.text) },
    limit_storage: |n| format!("{n} GB media storage"),
    custom_domain_yes: "Your own domain",
    custom_domain_no: "Address on one of our domains",
    moderation_included: "Managed moderation included",
    moderation_addon: "Managed moderation available",
    moderation_unavailable: "No managed moderation",
    support_line: |name, h| format!("{name} support: answer within {} {}", h.text, if h.one { "hour" } else { "hours" }),
    catalog_empty: "No plans are offered right now. Please try again later.",
    addons_heading: "Add-ons and support",
    support_legend: "Support",
    included: "included",
    dropped_title: |plan| format!("The {plan} plan does not allow some of your choices, so we removed them:"),
    dropped_payment: |m| format!("Payment method “{m}” (choose another on the next step)"),
    presets_ignored: "Some choices in the link you followed are not available and were left out:",
    preset_item: |param, value| format!("{param}: “{value}”"),
    dropped_own_domain: |d| format!("Your own domain {d} (choose an address again on the domain step)"),
    summary_loading: "Loading the add-ons and your total…",
    summary_load_failed: "The add-ons and your total could not be loaded. Check your connection and try again; the plan you chose is kept.",
};

/// German.
pub static DE: PlanStrings = PlanStrings {
    locale: Locale::De,
    plan_intro: "Jeder Tarif enthält Hosting, Updates, Backups und Sicherheitsupdates für Ihren Mastodon-Server.",
    billing_legend: "Abrechnungszeitraum",
    currency_legend: "Währung",
    currency_not_for_plan: |p| format!("(nicht für den Tarif {p})"),
    currency_plan_not_in: |p, list| format!("Der Tarif {p} wird nicht in {list} angeboten."),
    recommended: "Empfohlen",
    limit_users: |n| if n.one { format!("Höchstens {} aktive Person", n.text) } else { format!("Bis zu {} aktive Nutzende", n.text) },
    limit_storage: |n| format!("{n} GB Speicher für Medien"),
    custom_domain_yes: "Eigene Domain",
    custom_domain_no: "Adresse auf einer unserer Domains",
    moderation_included: "Moderation durch uns inklusive",
    moderation_addon: "Moderation durch uns zubuchbar",
    moderation_unavailable: "Keine Moderation durch uns",
    support_line: |name, h| format!("Support {name}: Antwort innerhalb von {} {}", h.text, if h.one { "Stunde" } else { "Stunden" }),
    catalog_empty: "Derzeit werden keine Tarife angeboten. Bitte versuchen Sie es später erneut.",
    addons_heading: "Zusatzleistungen und Support",
    support_legend: "Support",
    included: "inklusive",
    dropped_title: |plan| format!("Der Tarif {plan} erlaubt einige Ihrer Auswahlen nicht; wir haben sie entfernt:"),
    dropped_payment: |m| format!("Zahlungsart „{m}“ (wählen Sie im nächsten Schritt eine andere)"),
    presets_ignored: "Einige Vorgaben aus dem Link sind nicht verfügbar und wurden nicht übernommen:",
    preset_item: |param, value| format!("{param}: „{value}“"),
    dropped_own_domain: |d| format!("Ihre eigene Domain {d} (wählen Sie im Domain-Schritt erneut eine Adresse)"),
    summary_loading: "Zusatzleistungen und Gesamtpreis werden geladen …",
    summary_load_failed: "Zusatzleistungen und Gesamtpreis konnten nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut; Ihr gewählter Tarif bleibt erhalten.",
};

/// French.
pub static FR: PlanStrings = PlanStrings {
    locale: Locale::Fr,
    plan_intro: "Chaque offre comprend l’hébergement, les mises à jour, les sauvegardes et les correctifs de sécurité de votre serveur Mastodon.",
    billing_legend: "Période de facturation",
    currency_legend: "Devise",
    currency_not_for_plan: |p| format!("(pas pour l’offre {p})"),
    currency_plan_not_in: |p, list| format!("L’offre {p} n’est pas vendue en {list}."),
    recommended: "Recommandée",
    limit_users: |n| if n.one { format!("Jusqu’à {} utilisateur actif", n.text) } else { format!("Jusqu’à {} utilisateurs actifs", n.text) },
    limit_storage: |n| format!("{n} Go de stockage pour les médias"),
    custom_domain_yes: "Votre propre domaine",
    custom_domain_no: "Adresse sur l’un de nos domaines",
    moderation_included: "Modération gérée incluse",
    moderation_addon: "Modération gérée disponible",
    moderation_unavailable: "Sans modération gérée",
    support_line: |name, h| format!("Assistance {name}\u{a0}: réponse sous {}", heures(h)),
    catalog_empty: "Aucune offre n’est proposée pour le moment. Réessayez plus tard.",
    addons_heading: "Options et assistance",
    support_legend: "Assistance",
    included: "inclus",
    dropped_title: |plan| format!("L’offre {plan} ne permet pas certains de vos choix\u{202f}; nous les avons donc retirés\u{a0}:"),
    dropped_payment: |m| format!("Mode de paiement «\u{a0}{m}\u{a0}» (choisissez-en un autre à l’étape suivante)"),
    presets_ignored: "Certains choix du lien que vous avez suivi ne sont pas disponibles et ont été ignorés\u{a0}:",
    preset_item: |param, value| format!("{param}\u{a0}: «\u{a0}{value}\u{a0}»"),
    dropped_own_domain: |d| format!("Votre propre domaine {d} (choisissez de nouveau une adresse à l’étape du domaine)"),
    summary_loading: "Chargement des options et de votre total…",
    summary_load_failed: "Les options et votre total n’ont pas pu être chargés. Vérifiez votre connexion et réessayez\u{202f}; l’offre choisie est conservée.",
};

crate::step_strings!(PlanStrings);

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static PlanStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(PlanStrings {
        locale: Locale::En,
        plan_intro: s(EN.plan_intro),
        billing_legend: s(EN.billing_legend),
        currency_legend: s(EN.currency_legend),
        currency_not_for_plan: |a0| pseudo(&(EN.currency_not_for_plan)(a0)),
        currency_plan_not_in: |a0, a1| pseudo(&(EN.currency_plan_not_in)(a0, a1)),
        recommended: s(EN.recommended),
        limit_users: |a0| pseudo(&(EN.limit_users)(a0)),
        limit_storage: |a0| pseudo(&(EN.limit_storage)(a0)),
        custom_domain_yes: s(EN.custom_domain_yes),
        custom_domain_no: s(EN.custom_domain_no),
        moderation_included: s(EN.moderation_included),
        moderation_addon: s(EN.moderation_addon),
        moderation_unavailable: s(EN.moderation_unavailable),
        support_line: |a0, a1| pseudo(&(EN.support_line)(a0, a1)),
        catalog_empty: s(EN.catalog_empty),
        addons_heading: s(EN.addons_heading),
        support_legend: s(EN.support_legend),
        included: s(EN.included),
        dropped_title: |a0| pseudo(&(EN.dropped_title)(a0)),
        dropped_payment: |a0| pseudo(&(EN.dropped_payment)(a0)),
        presets_ignored: s(EN.presets_ignored),
        preset_item: |a0, a1| pseudo(&(EN.preset_item)(a0, a1)),
        dropped_own_domain: |a0| pseudo(&(EN.dropped_own_domain)(a0)),
        summary_loading: s(EN.summary_loading),
        summary_load_failed: s(EN.summary_load_failed),
    }))
}
