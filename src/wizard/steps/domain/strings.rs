//! The domain step's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use std::cell::Cell;

use crate::format::Count;
use crate::i18n::{Locale, Strings};

/// The domain step's own strings in one language.
pub struct DomainStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub domain_mode_legend: &'static str,
    pub mode_subdomain_hint: &'static str,
    pub mode_custom_hint: &'static str,
    pub mode_custom_unavailable: fn(&str) -> String,
    pub subdomain_label: &'static str,
    pub subdomain_hint: &'static str,
    pub base_label: &'static str,
    pub custom_label: &'static str,
    pub custom_hint: &'static str,
    pub checking: &'static str,
    pub status_available: fn(&str) -> String,
    pub status_taken: fn(&str) -> String,
    pub status_reserved: fn(&str) -> String,
    pub status_not_allowed: fn(&str) -> String,
    pub suggestions_label: &'static str,
    pub check_failed: &'static str,
    pub mixed_script_warning: &'static str,
    pub handle_legend: &'static str,
    pub handle_explain: &'static str,
    pub handle_same: fn(&str) -> String,
    pub handle_parent: fn(&str) -> String,
    pub handle_warning: &'static str,
    pub preview_handle: fn(&str) -> String,
    pub preview_server: fn(&str) -> String,
    pub dns_show: &'static str,
    pub dns_recheck: &'static str,
    pub dns_checking: &'static str,
    pub col_type: &'static str,
    pub col_name: &'static str,
    pub col_value: &'static str,
    pub col_status: &'static str,
    pub copy_value: fn(&str) -> String,
    pub status_ok: &'static str,
    pub status_missing: &'static str,
    pub status_wrong: fn(&str) -> String,
    pub status_redirect: &'static str,
    pub status_unchecked: &'static str,
    pub purpose_web: &'static str,
    pub purpose_ownership: &'static str,
    pub purpose_webfinger: &'static str,
    pub purpose_host_meta: &'static str,
    pub dns_verified: &'static str,
    pub dns_summary: fn(&Count, &Count) -> String,
    pub dns_lookup_failed: &'static str,
}

impl std::ops::Deref for DomainStrings {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        self.locale.strings()
    }
}

/// English.
pub static EN: DomainStrings = DomainStrings {
    locale: Locale::En,
    domain_mode_legend: "Where will your server live?",
    mode_subdomain_hint: "Ready at once; nothing to set up.",
    mode_custom_hint: "You create a few DNS records; we show you which.",
    mode_custom_unavailable: |plan| format!("An own domain needs a larger plan than {plan}."),
    subdomain_label: "Name of your server",
    subdomain_hint: "Letters, digits and hyphens, for example your organization's short name.",
    base_label: "Domain",
    custom_label: "Your domain",
    custom_hint: "Where the server runs, for example social.example.org or example.org.",
    checking: "Checking availability…",
    status_available: |n| format!("{n} is available."),
    status_taken: |n| format!("{n} is taken."),
    status_reserved: |n| format!("{n} is reserved."),
    status_not_allowed: |n| format!("{n} cannot be used."),
    suggestions_label: "Free alternatives:",
    check_failed: "We could not check availability just now; it is checked again when you continue.",
    mixed_script_warning: "This name mixes letters from different alphabets, which can make it look like another name. Make sure it is the one you mean.",
    handle_legend: "Where do your users' handles end?",
    handle_explain: "People on the fediverse find your users by handles like @alice@example.org. A handle can end in your main domain even when the server runs at a subdomain.",
    handle_same: |d| format!("At the server's address: @name@{d}"),
    handle_parent: |d| format!("At your main domain: @name@{d} (that domain then redirects two addresses to the server)"),
    handle_warning: "The handle domain can never be changed after your server launches.",
    preview_handle: |h| format!("Your users' handles: @alice@{h}"),
    preview_server: |w| format!("Your server's address: https://{w}"),
    dns_show: "Show the records to create",
    dns_recheck: "Check again",
    dns_checking: "Looking the records up…",
    col_type: "Type",
    col_name: "Name",
    col_value: "Value",
    col_status: "Status",
    copy_value: |v| format!("Copy {v}"),
    status_ok: "Found",
    status_missing: "Not found yet",
    status_wrong: |f| format!("Found {f} instead"),
    status_redirect: "Set up on your web server; checked before launch",
    status_unchecked: "Not checked",
    purpose_web: "Points your domain to our servers.",
    purpose_ownership: "Proves that your organization controls the domain.",
    purpose_webfinger: "Redirect on your main domain, so other servers find your users.",
    purpose_host_meta: "Redirect this one too; older servers use it.",
    dns_verified: "All records are in place.",
    dns_summary: |ok, total| format!("{} of {} {} found.", ok.text, total.text, if total.one { "record" } else { "records" }),
    dns_lookup_failed: "We could not look the records up just now. Create them anyway; we check again before launch.",
};

/// German.
pub static DE: DomainStrings = DomainStrings {
    locale: Locale::De,
    domain_mode_legend: "Wo soll Ihr Server erreichbar sein?",
    mode_subdomain_hint: "Sofort bereit; nichts einzurichten.",
    mode_custom_hint: "Sie legen einige DNS-Einträge an; wir zeigen Ihnen, welche.",
    mode_custom_unavailable: |plan| format!("Eine eigene Domain braucht einen größeren Tarif als {plan}."),
    subdomain_label: "Name Ihres Servers",
    subdomain_hint: "Buchstaben, Ziffern und Bindestriche, etwa das Kürzel Ihrer Organisation.",
    base_label: "Domain",
    custom_label: "Ihre Domain",
    custom_hint: "Wo der Server läuft, zum Beispiel social.example.org oder example.org.",
    checking: "Verfügbarkeit wird geprüft …",
    status_available: |n| format!("{n} ist verfügbar."),
    status_taken: |n| format!("{n} ist vergeben."),
    status_reserved: |n| format!("{n} ist reserviert."),
    status_not_allowed: |n| format!("{n} kann nicht verwendet werden."),
    suggestions_label: "Freie Alternativen:",
    check_failed: "Die Verfügbarkeit konnte gerade nicht geprüft werden; beim Weitergehen wird sie erneut geprüft.",
    mixed_script_warning: "Dieser Name mischt Buchstaben verschiedener Schriften und kann so wie ein anderer Name aussehen. Prüfen Sie, ob es der gemeinte ist.",
    handle_legend: "Worauf enden die Handles Ihrer Nutzenden?",
    handle_explain: "Im Fediverse findet man Ihre Nutzenden über Handles wie @alice@example.org. Ein Handle kann auf Ihre Hauptdomain enden, auch wenn der Server unter einer Subdomain läuft.",
    handle_same: |d| format!("Auf die Adresse des Servers: @name@{d}"),
    handle_parent: |d| format!("Auf Ihre Hauptdomain: @name@{d} (diese Domain leitet dann zwei Adressen zum Server weiter)"),
    handle_warning: "Die Handle-Domain kann nach dem Start Ihres Servers nie mehr geändert werden.",
    preview_handle: |h| format!("Handles Ihrer Nutzenden: @alice@{h}"),
    preview_server: |w| format!("Adresse Ihres Servers: https://{w}"),
    dns_show: "Anzulegende Einträge zeigen",
    dns_recheck: "Erneut prüfen",
    dns_checking: "Einträge werden abgefragt …",
    col_type: "Typ",
    col_name: "Name",
    col_value: "Wert",
    col_status: "Status",
    copy_value: |v| format!("{v} kopieren"),
    status_ok: "Gefunden",
    status_missing: "Noch nicht gefunden",
    status_wrong: |f| format!("Stattdessen {f} gefunden"),
    status_redirect: "Auf Ihrem Webserver einrichten; vor dem Start geprüft",
    status_unchecked: "Nicht geprüft",
    purpose_web: "Verweist Ihre Domain auf unsere Server.",
    purpose_ownership: "Belegt, dass Ihre Organisation über die Domain verfügt.",
    purpose_webfinger: "Weiterleitung auf Ihrer Hauptdomain, damit andere Server Ihre Nutzenden finden.",
    purpose_host_meta: "Auch diese weiterleiten; ältere Server nutzen sie.",
    dns_verified: "Alle Einträge sind vorhanden.",
    dns_summary: |ok, total| if total.one { format!("{} von {} Eintrag gefunden.", ok.text, total.text) } else { format!("{} von {} Einträgen gefunden.", ok.text, total.text) },
    dns_lookup_failed: "Die Einträge konnten gerade nicht abgefragt werden. Legen Sie sie trotzdem an; vor dem Start prüfen wir erneut.",
};

/// French.
pub static FR: DomainStrings = DomainStrings {
    locale: Locale::Fr,
    domain_mode_legend: "Où votre serveur sera-t-il hébergé\u{202f}?",
    mode_subdomain_hint: "Prête tout de suite\u{202f}; rien à configurer.",
    mode_custom_hint: "Vous créez quelques enregistrements DNS\u{202f}; nous vous indiquons lesquels.",
    mode_custom_unavailable: |plan| format!("Un domaine propre demande une offre supérieure à {plan}."),
    subdomain_label: "Nom de votre serveur",
    subdomain_hint: "Lettres, chiffres et traits d’union, par exemple le nom court de votre organisation.",
    base_label: "Domaine",
    custom_label: "Votre domaine",
    custom_hint: "Là où le serveur fonctionne, par exemple social.exemple.org ou exemple.org.",
    checking: "Vérification de la disponibilité…",
    status_available: |n| format!("{n} est disponible."),
    status_taken: |n| format!("{n} est déjà pris."),
    status_reserved: |n| format!("{n} est réservé."),
    status_not_allowed: |n| format!("{n} ne peut pas être utilisé."),
    suggestions_label: "Alternatives libres\u{a0}:",
    check_failed: "Nous n’avons pas pu vérifier la disponibilité pour l’instant\u{202f}; elle est vérifiée de nouveau quand vous continuez.",
    mixed_script_warning: "Ce nom mélange des lettres d’alphabets différents, ce qui peut le faire ressembler à un autre nom. Assurez-vous que c’est bien celui que vous voulez.",
    handle_legend: "Comment se terminent les identifiants de vos utilisateurs\u{202f}?",
    handle_explain: "Sur le fédivers, on trouve vos utilisateurs par des identifiants comme @alice@exemple.org. Un identifiant peut se terminer par votre domaine principal même si le serveur fonctionne sur un sous-domaine.",
    handle_same: |d| format!("À l’adresse du serveur\u{a0}: @nom@{d}"),
    handle_parent: |d| format!("À votre domaine principal\u{a0}: @nom@{d} (ce domaine redirige alors deux adresses vers le serveur)"),
    handle_warning: "Le domaine des identifiants ne peut plus jamais changer après le lancement de votre serveur.",
    preview_handle: |h| format!("Identifiants de vos utilisateurs\u{a0}: @alice@{h}"),
    preview_server: |w| format!("Adresse de votre serveur\u{a0}: https://{w}"),
    dns_show: "Afficher les enregistrements à créer",
    dns_recheck: "Vérifier de nouveau",
    dns_checking: "Recherche des enregistrements…",
    col_type: "Type",
    col_name: "Nom",
    col_value: "Valeur",
    col_status: "État",
    copy_value: |v| format!("Copier {v}"),
    status_ok: "Trouvé",
    status_missing: "Pas encore trouvé",
    status_wrong: |f| format!("{f} trouvé à la place"),
    status_redirect: "À configurer sur votre serveur web\u{202f}; vérifié avant le lancement",
    status_unchecked: "Non vérifié",
    purpose_web: "Fait pointer votre domaine vers nos serveurs.",
    purpose_ownership: "Prouve que votre organisation contrôle le domaine.",
    purpose_webfinger: "Redirection sur votre domaine principal, pour que les autres serveurs trouvent vos utilisateurs.",
    purpose_host_meta: "Redirigez aussi celle-ci\u{202f}; les serveurs plus anciens l’utilisent.",
    dns_verified: "Tous les enregistrements sont en place.",
    dns_summary: |ok, total| format!("{} sur {} {}", ok.text, total.text, if total.one { "enregistrement trouvé." } else { "enregistrements trouvés." }),
    dns_lookup_failed: "Nous n’avons pas pu rechercher les enregistrements pour l’instant. Créez-les quand même\u{202f}; nous vérifions de nouveau avant le lancement.",
};

thread_local! {
    /// The German and French tables once their languages' chunks are here, and the
    /// pseudo-locale's (shown instead of English in a test run that asks for it).
    static LOADED: [Cell<Option<&'static DomainStrings>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Makes `table` the one shown for its language (`pseudo`: instead of English). Called by the
/// languages' chunks.
pub fn register(table: &'static DomainStrings, pseudo: bool) {
    let slot = match (pseudo, table.locale) {
        (true, _) | (false, Locale::En) => 2,
        (false, Locale::De) => 0,
        (false, Locale::Fr) => 1,
    };
    LOADED.with(|l| if let Some(cell) = l.get(slot) { cell.set(Some(table)) });
}

fn loaded(slot: usize) -> Option<&'static DomainStrings> {
    LOADED.with(|l| l.get(slot).and_then(Cell::get))
}

/// The strings in `locale` (English until that language's chunk is here).
pub fn of(locale: Locale) -> &'static DomainStrings {
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
pub fn use_strings() -> &'static DomainStrings {
    of(crate::i18n::current_locale())
}

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static DomainStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(DomainStrings {
        locale: Locale::En,
        domain_mode_legend: s(EN.domain_mode_legend),
        mode_subdomain_hint: s(EN.mode_subdomain_hint),
        mode_custom_hint: s(EN.mode_custom_hint),
        mode_custom_unavailable: |a0| pseudo(&(EN.mode_custom_unavailable)(a0)),
        subdomain_label: s(EN.subdomain_label),
        subdomain_hint: s(EN.subdomain_hint),
        base_label: s(EN.base_label),
        custom_label: s(EN.custom_label),
        custom_hint: s(EN.custom_hint),
        checking: s(EN.checking),
        status_available: |a0| pseudo(&(EN.status_available)(a0)),
        status_taken: |a0| pseudo(&(EN.status_taken)(a0)),
        status_reserved: |a0| pseudo(&(EN.status_reserved)(a0)),
        status_not_allowed: |a0| pseudo(&(EN.status_not_allowed)(a0)),
        suggestions_label: s(EN.suggestions_label),
        check_failed: s(EN.check_failed),
        mixed_script_warning: s(EN.mixed_script_warning),
        handle_legend: s(EN.handle_legend),
        handle_explain: s(EN.handle_explain),
        handle_same: |a0| pseudo(&(EN.handle_same)(a0)),
        handle_parent: |a0| pseudo(&(EN.handle_parent)(a0)),
        handle_warning: s(EN.handle_warning),
        preview_handle: |a0| pseudo(&(EN.preview_handle)(a0)),
        preview_server: |a0| pseudo(&(EN.preview_server)(a0)),
        dns_show: s(EN.dns_show),
        dns_recheck: s(EN.dns_recheck),
        dns_checking: s(EN.dns_checking),
        col_type: s(EN.col_type),
        col_name: s(EN.col_name),
        col_value: s(EN.col_value),
        col_status: s(EN.col_status),
        copy_value: |a0| pseudo(&(EN.copy_value)(a0)),
        status_ok: s(EN.status_ok),
        status_missing: s(EN.status_missing),
        status_wrong: |a0| pseudo(&(EN.status_wrong)(a0)),
        status_redirect: s(EN.status_redirect),
        status_unchecked: s(EN.status_unchecked),
        purpose_web: s(EN.purpose_web),
        purpose_ownership: s(EN.purpose_ownership),
        purpose_webfinger: s(EN.purpose_webfinger),
        purpose_host_meta: s(EN.purpose_host_meta),
        dns_verified: s(EN.dns_verified),
        dns_summary: |a0, a1| pseudo(&(EN.dns_summary)(a0, a1)),
        dns_lookup_failed: s(EN.dns_lookup_failed),
    }))
}
