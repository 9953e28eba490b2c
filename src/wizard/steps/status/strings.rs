//! The status page's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use std::cell::Cell;

use crate::i18n::{Locale, Strings};

/// The status page's own strings in one language.
pub struct StatusStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub pay_heading: &'static str,
    pub pay_invoiced: fn(&str) -> String,
    pub pay_awaiting_card: &'static str,
    pub pay_awaiting_sepa: &'static str,
    pub pay_offline: &'static str,
    pub pay_holds: &'static str,
    pub pay_button_card: &'static str,
    pub pay_button_sepa: &'static str,
    pub pay_again: &'static str,
    pub pay_privacy: fn(&str) -> String,
    pub pay_opening: &'static str,
    pub pay_new_tab: &'static str,
    pub pay_returned: &'static str,
    pub pay_pending_card: &'static str,
    pub pay_pending_sepa: &'static str,
    pub pay_paid: &'static str,
    pub pay_failed: fn(&str) -> String,
    pub order_summary_heading: &'static str,
    pub references_heading: &'static str,
    pub ref_po: fn(&str) -> String,
    pub ref_buyer: fn(&str) -> String,
    pub ref_leitweg: fn(&str) -> String,
    pub ref_peppol: fn(&str) -> String,
    pub status_heading: &'static str,
    pub status_steps: &'static str,
    pub status_steps_done: &'static str,
    pub status_heading_live: &'static str,
    pub status_heading_attention: &'static str,
    pub status_intro: fn(&str) -> String,
    pub step_domain_verified: &'static str,
    pub step_server_created: &'static str,
    pub step_tls_certificate: &'static str,
    pub step_branding_applied: &'static str,
    pub step_admin_invite_sent: &'static str,
    pub state_pending: &'static str,
    pub state_running: &'static str,
    pub state_done: &'static str,
    pub state_failed: &'static str,
    pub state_at: fn(&str) -> String,
    pub check_again: &'static str,
    pub status_reconnecting: &'static str,
    pub status_unknown_order: &'static str,
    pub live_address: fn(&str) -> String,
    pub live_admin: fn(&str) -> String,
    pub next_steps_heading: &'static str,
    pub next_invite: &'static str,
    pub next_signin: &'static str,
    pub next_help: &'static str,
}

impl std::ops::Deref for StatusStrings {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        self.locale.strings()
    }
}

/// English.
pub static EN: StatusStrings = StatusStrings {
    locale: Locale::En,
    pay_heading: "Payment",
    pay_invoiced: |to| format!("You pay by invoice; it is sent to {to}."),
    pay_awaiting_card: "You chose to pay by card. Pay now to complete your order.",
    pay_awaiting_sepa: "You chose SEPA direct debit. Give the mandate now to complete your order.",
    pay_offline: "We will contact you about your payment.",
    pay_holds: "Your server is set up once the payment is through.",
    pay_button_card: "Pay by card",
    pay_button_sepa: "Give the SEPA mandate",
    pay_again: "Try the payment again",
    pay_privacy: |p| format!("You pay on {p}’s payment page; this sign-up never sees your card number or IBAN."),
    pay_opening: "Opening the payment page…",
    pay_new_tab: "The payment page opened in a new tab. This page updates when the payment is through.",
    pay_returned: "Thank you. We are waiting for the payment provider to confirm your payment.",
    pay_pending_card: "Your payment is being processed.",
    pay_pending_sepa: "Your SEPA mandate is in; the direct debit takes a few business days.",
    pay_paid: "Paid. Thank you.",
    pay_failed: |why| format!("The payment did not go through: {why}"),
    order_summary_heading: "Your order",
    references_heading: "References on your invoices",
    ref_po: |v| format!("Purchase order: {v}"),
    ref_buyer: |v| format!("Buyer reference: {v}"),
    ref_leitweg: |v| format!("Leitweg-ID: {v}"),
    ref_peppol: |v| format!("PEPPOL participant ID: {v}"),
    status_heading: "Your server is being set up",
    status_steps: "Set-up steps",
    status_steps_done: "Set-up steps: all done",
    status_heading_live: "Your server is live",
    status_heading_attention: "Your setup needs attention",
    status_intro: |id| format!("Order {id}. You can close this page; the setup carries on, and this page shows where it stands when you come back."),
    step_domain_verified: "Domain verified",
    step_server_created: "Server created",
    step_tls_certificate: "TLS certificate issued",
    step_branding_applied: "Branding and policy applied",
    step_admin_invite_sent: "Admin invite sent",
    state_pending: "Waiting",
    state_running: "In progress",
    state_done: "Done",
    state_failed: "Needs your attention",
    state_at: |time| format!("at {time}"),
    check_again: "Check again",
    status_reconnecting: "The connection was lost; we keep trying and show the latest state when it is back.",
    status_unknown_order: "This order cannot be shown on this device. Open the link from the email we sent, or ask us at support.",
    live_address: |u| format!("Your server: {u}"),
    live_admin: |h| format!("Admin account: {h}"),
    next_steps_heading: "What to do next",
    next_invite: "Open the invite we sent to your contact address and set the admin password.",
    next_signin: "Sign in, invite your colleagues, and post a first hello.",
    next_help: "Questions? Our support answers within the time your plan promises.",
};

/// German.
pub static DE: StatusStrings = StatusStrings {
    locale: Locale::De,
    pay_heading: "Zahlung",
    pay_invoiced: |to| format!("Sie zahlen auf Rechnung; sie geht an {to}."),
    pay_awaiting_card: "Sie haben Kartenzahlung gewählt. Bezahlen Sie jetzt, um Ihre Bestellung abzuschließen.",
    pay_awaiting_sepa: "Sie haben SEPA-Lastschrift gewählt. Erteilen Sie jetzt das Mandat, um Ihre Bestellung abzuschließen.",
    pay_offline: "Wir melden uns wegen der Zahlung bei Ihnen.",
    pay_holds: "Ihr Server wird eingerichtet, sobald die Zahlung durch ist.",
    pay_button_card: "Mit Karte bezahlen",
    pay_button_sepa: "SEPA-Mandat erteilen",
    pay_again: "Zahlung erneut versuchen",
    pay_privacy: |p| format!("Sie zahlen auf der Zahlungsseite von {p}; diese Anmeldung sieht Ihre Kartennummer oder IBAN nie."),
    pay_opening: "Die Zahlungsseite wird geöffnet …",
    pay_new_tab: "Die Zahlungsseite hat sich in einem neuen Tab geöffnet. Diese Seite aktualisiert sich, sobald die Zahlung durch ist.",
    pay_returned: "Vielen Dank. Wir warten auf die Bestätigung Ihrer Zahlung durch den Zahlungsdienstleister.",
    pay_pending_card: "Ihre Zahlung wird bearbeitet.",
    pay_pending_sepa: "Ihr SEPA-Mandat liegt vor; die Lastschrift dauert einige Werktage.",
    pay_paid: "Bezahlt. Vielen Dank.",
    pay_failed: |why| format!("Die Zahlung ist nicht durchgegangen: {why}"),
    order_summary_heading: "Ihre Bestellung",
    references_heading: "Angaben auf Ihren Rechnungen",
    ref_po: |v| format!("Bestellnummer: {v}"),
    ref_buyer: |v| format!("Käuferreferenz: {v}"),
    ref_leitweg: |v| format!("Leitweg-ID: {v}"),
    ref_peppol: |v| format!("PEPPOL-Teilnehmer-ID: {v}"),
    status_heading: "Ihr Server wird eingerichtet",
    status_steps: "Einrichtungsschritte",
    status_steps_done: "Einrichtungsschritte: alle erledigt",
    status_heading_live: "Ihr Server ist online",
    status_heading_attention: "Ihre Einrichtung braucht Aufmerksamkeit",
    status_intro: |id| format!("Bestellung {id}. Sie können diese Seite schließen; die Einrichtung läuft weiter, und diese Seite zeigt den Stand, wenn Sie zurückkommen."),
    step_domain_verified: "Domain geprüft",
    step_server_created: "Server angelegt",
    step_tls_certificate: "TLS-Zertifikat ausgestellt",
    step_branding_applied: "Gestaltung und Regeln übernommen",
    step_admin_invite_sent: "Einladung an die Administration verschickt",
    state_pending: "Wartet",
    state_running: "Läuft",
    state_done: "Erledigt",
    state_failed: "Braucht Ihre Aufmerksamkeit",
    state_at: |time| format!("um {time}"),
    check_again: "Erneut prüfen",
    status_reconnecting: "Die Verbindung ist unterbrochen; wir versuchen es weiter und zeigen den neuesten Stand, sobald sie zurück ist.",
    status_unknown_order: "Diese Bestellung kann auf diesem Gerät nicht angezeigt werden. Öffnen Sie den Link aus unserer E-Mail oder fragen Sie unseren Support.",
    live_address: |u| format!("Ihr Server: {u}"),
    live_admin: |h| format!("Admin-Konto: {h}"),
    next_steps_heading: "Wie es weitergeht",
    next_invite: "Öffnen Sie die Einladung an Ihre Kontaktadresse und legen Sie das Admin-Passwort fest.",
    next_signin: "Melden Sie sich an, laden Sie Ihr Team ein und schreiben Sie einen ersten Gruß.",
    next_help: "Fragen? Unser Support antwortet in der Zeit, die Ihr Tarif verspricht.",
};

/// French.
pub static FR: StatusStrings = StatusStrings {
    locale: Locale::Fr,
    pay_heading: "Paiement",
    pay_invoiced: |to| format!("Vous payez sur facture\u{a0}; elle est envoyée à {to}."),
    pay_awaiting_card: "Vous avez choisi de payer par carte. Payez maintenant pour finaliser votre commande.",
    pay_awaiting_sepa: "Vous avez choisi le prélèvement SEPA. Signez le mandat maintenant pour finaliser votre commande.",
    pay_offline: "Nous vous contacterons au sujet de votre paiement.",
    pay_holds: "Votre serveur est mis en place dès que le paiement est passé.",
    pay_button_card: "Payer par carte",
    pay_button_sepa: "Signer le mandat SEPA",
    pay_again: "Relancer le paiement",
    pay_privacy: |p| format!("Vous payez sur la page de paiement de {p}\u{202f}; cette inscription ne voit jamais votre numéro de carte ni votre IBAN."),
    pay_opening: "Ouverture de la page de paiement…",
    pay_new_tab: "La page de paiement s’est ouverte dans un nouvel onglet. Cette page se met à jour une fois le paiement passé.",
    pay_returned: "Merci. Nous attendons que le prestataire de paiement confirme votre paiement.",
    pay_pending_card: "Votre paiement est en cours de traitement.",
    pay_pending_sepa: "Votre mandat SEPA est enregistré\u{202f}; le prélèvement prend quelques jours ouvrés.",
    pay_paid: "Payé. Merci.",
    pay_failed: |why| format!("Le paiement n’est pas passé\u{a0}: {why}"),
    order_summary_heading: "Votre commande",
    references_heading: "Références sur vos factures",
    ref_po: |v| format!("Bon de commande\u{a0}: {v}"),
    ref_buyer: |v| format!("Référence acheteur\u{a0}: {v}"),
    ref_leitweg: |v| format!("Leitweg-ID\u{a0}: {v}"),
    ref_peppol: |v| format!("Identifiant de participant PEPPOL\u{a0}: {v}"),
    status_heading: "Votre serveur est en cours de mise en place",
    status_steps: "Étapes de la mise en place",
    status_steps_done: "Étapes de la mise en place\u{a0}: toutes terminées",
    status_heading_live: "Votre serveur est en ligne",
    status_heading_attention: "Votre mise en place demande votre attention",
    status_intro: |id| format!("Commande {id}. Vous pouvez fermer cette page\u{202f}; la mise en place continue, et cette page montre où elle en est quand vous revenez."),
    step_domain_verified: "Domaine vérifié",
    step_server_created: "Serveur créé",
    step_tls_certificate: "Certificat TLS émis",
    step_branding_applied: "Apparence et politique appliquées",
    step_admin_invite_sent: "Invitation de l’administrateur envoyée",
    state_pending: "En attente",
    state_running: "En cours",
    state_done: "Terminé",
    state_failed: "Demande votre attention",
    state_at: |time| format!("à {time}"),
    check_again: "Vérifier de nouveau",
    status_reconnecting: "La connexion a été perdue\u{202f}; nous continuons d’essayer et affichons le dernier état dès son retour.",
    status_unknown_order: "Cette commande ne peut pas être affichée sur cet appareil. Ouvrez le lien de l’e-mail que nous avons envoyé, ou écrivez à notre assistance.",
    live_address: |u| format!("Votre serveur\u{a0}: {u}"),
    live_admin: |h| format!("Compte administrateur\u{a0}: {h}"),
    next_steps_heading: "Et maintenant",
    next_invite: "Ouvrez l’invitation envoyée à votre adresse de contact et définissez le mot de passe administrateur.",
    next_signin: "Connectez-vous, invitez vos collègues et publiez un premier bonjour.",
    next_help: "Des questions\u{202f}? Notre assistance répond dans le délai promis par votre offre.",
};

thread_local! {
    /// The German and French tables once their languages' chunks are here, and the
    /// pseudo-locale's (shown instead of English in a test run that asks for it).
    static LOADED: [Cell<Option<&'static StatusStrings>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Makes `table` the one shown for its language (`pseudo`: instead of English). Called by the
/// languages' chunks.
pub fn register(table: &'static StatusStrings, pseudo: bool) {
    let slot = match (pseudo, table.locale) {
        (true, _) | (false, Locale::En) => 2,
        (false, Locale::De) => 0,
        (false, Locale::Fr) => 1,
    };
    LOADED.with(|l| if let Some(cell) = l.get(slot) { cell.set(Some(table)) });
}

fn loaded(slot: usize) -> Option<&'static StatusStrings> {
    LOADED.with(|l| l.get(slot).and_then(Cell::get))
}

/// The strings in `locale` (English until that language's chunk is here).
pub fn of(locale: Locale) -> &'static StatusStrings {
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
pub fn use_strings() -> &'static StatusStrings {
    of(crate::i18n::current_locale())
}

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static StatusStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(StatusStrings {
        locale: Locale::En,
        pay_heading: s(EN.pay_heading),
        pay_invoiced: |a0| pseudo(&(EN.pay_invoiced)(a0)),
        pay_awaiting_card: s(EN.pay_awaiting_card),
        pay_awaiting_sepa: s(EN.pay_awaiting_sepa),
        pay_offline: s(EN.pay_offline),
        pay_holds: s(EN.pay_holds),
        pay_button_card: s(EN.pay_button_card),
        pay_button_sepa: s(EN.pay_button_sepa),
        pay_again: s(EN.pay_again),
        pay_privacy: |a0| pseudo(&(EN.pay_privacy)(a0)),
        pay_opening: s(EN.pay_opening),
        pay_new_tab: s(EN.pay_new_tab),
        pay_returned: s(EN.pay_returned),
        pay_pending_card: s(EN.pay_pending_card),
        pay_pending_sepa: s(EN.pay_pending_sepa),
        pay_paid: s(EN.pay_paid),
        pay_failed: |a0| pseudo(&(EN.pay_failed)(a0)),
        order_summary_heading: s(EN.order_summary_heading),
        references_heading: s(EN.references_heading),
        ref_po: |a0| pseudo(&(EN.ref_po)(a0)),
        ref_buyer: |a0| pseudo(&(EN.ref_buyer)(a0)),
        ref_leitweg: |a0| pseudo(&(EN.ref_leitweg)(a0)),
        ref_peppol: |a0| pseudo(&(EN.ref_peppol)(a0)),
        status_heading: s(EN.status_heading),
        status_steps: s(EN.status_steps),
        status_steps_done: s(EN.status_steps_done),
        status_heading_live: s(EN.status_heading_live),
        status_heading_attention: s(EN.status_heading_attention),
        status_intro: |a0| pseudo(&(EN.status_intro)(a0)),
        step_domain_verified: s(EN.step_domain_verified),
        step_server_created: s(EN.step_server_created),
        step_tls_certificate: s(EN.step_tls_certificate),
        step_branding_applied: s(EN.step_branding_applied),
        step_admin_invite_sent: s(EN.step_admin_invite_sent),
        state_pending: s(EN.state_pending),
        state_running: s(EN.state_running),
        state_done: s(EN.state_done),
        state_failed: s(EN.state_failed),
        state_at: |a0| pseudo(&(EN.state_at)(a0)),
        check_again: s(EN.check_again),
        status_reconnecting: s(EN.status_reconnecting),
        status_unknown_order: s(EN.status_unknown_order),
        live_address: |a0| pseudo(&(EN.live_address)(a0)),
        live_admin: |a0| pseudo(&(EN.live_admin)(a0)),
        next_steps_heading: s(EN.next_steps_heading),
        next_invite: s(EN.next_invite),
        next_signin: s(EN.next_signin),
        next_help: s(EN.next_help),
    }))
}
