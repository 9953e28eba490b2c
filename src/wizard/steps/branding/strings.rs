//! The branding step's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use crate::format::Count;
use crate::i18n::Locale;

/// The branding step's own strings in one language.
pub struct BrandingStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub branding_intro: &'static str,
    pub site_title_hint: &'static str,
    pub description_hint: &'static str,
    pub char_count: fn(usize, usize) -> String,
    pub char_over: fn(&Count) -> String,
    pub site_contact_hint: &'static str,
    pub thumbnail_label: &'static str,
    pub thumbnail_hint: fn(u32, u32) -> String,
    pub logo_label: &'static str,
    pub logo_hint: fn(u32, u32) -> String,
    pub theme_legend: &'static str,
    pub preview_heading: &'static str,
    pub preview_mode_label: &'static str,
    pub preview_about: &'static str,
    pub preview_post: &'static str,
    pub preview_title_placeholder: &'static str,
    pub preview_post_text: fn(&str) -> String,
    pub preview_create_account: &'static str,
    pub preview_admin: fn(&str) -> String,
    pub preview_contact: fn(&str) -> String,
    pub preview_follow: &'static str,
    pub preview_just_now: &'static str,
    pub preview_uses_shade: fn(&str) -> String,
}

/// English.
pub static EN: BrandingStrings = BrandingStrings {
    locale: Locale::En,
    branding_intro: "This is how people will see your server. You can change all of it later in Mastodon's settings.",
    site_title_hint: "Shown in apps, on the about page and in link previews.",
    description_hint: "One or two sentences about who the server is for.",
    char_count: |n, max| format!("{n} of {max} characters"),
    char_over: |n| format!("{} {} too many", n.text, if n.one { "character" } else { "characters" }),
    site_contact_hint: "Shown on the about page for questions about the server.",
    thumbnail_label: "Thumbnail (optional)",
    thumbnail_hint: |w, h| format!("The server's picture in apps and link previews. PNG, JPEG or WebP, at most 4 MB, at least {w}×{h} pixels; 1200×630 looks best."),
    logo_label: "Logo (optional)",
    logo_hint: |w, h| format!("Shown on the about page. PNG, JPEG or WebP, at most 4 MB, at least {w}×{h} pixels, square works best."),
    theme_legend: "Theme",
    preview_heading: "Preview",
    preview_mode_label: "Show the preview in",
    preview_about: "Your about page",
    preview_post: "A post from your server, as seen on another server",
    preview_title_placeholder: "Your server's name",
    preview_post_text: |title| format!("Hello, fediverse! {title} is now on the open social web."),
    preview_create_account: "Create account",
    preview_admin: |h| format!("Administered by {h}"),
    preview_contact: |e| format!("Contact: {e}"),
    preview_follow: "Follow",
    preview_just_now: "just now",
    preview_uses_shade: |hex| format!("Until the colour is readable, the preview shows the nearest readable shade, {hex}."),
};

/// German.
pub static DE: BrandingStrings = BrandingStrings {
    locale: Locale::De,
    branding_intro: "So sehen andere Ihren Server. Sie können alles später in den Einstellungen von Mastodon ändern.",
    site_title_hint: "Erscheint in Apps, auf der Info-Seite und in Linkvorschauen.",
    description_hint: "Ein oder zwei Sätze dazu, für wen der Server da ist.",
    char_count: |n, max| format!("{n} von {max} Zeichen"),
    char_over: |n| format!("{} Zeichen zu viel", n.text),
    site_contact_hint: "Steht auf der Info-Seite, für Fragen zum Server.",
    thumbnail_label: "Vorschaubild (optional)",
    thumbnail_hint: |w, h| format!("Das Bild des Servers in Apps und Linkvorschauen. PNG, JPEG oder WebP, höchstens 4 MB, mindestens {w}×{h} Pixel; 1200×630 sieht am besten aus."),
    logo_label: "Logo (optional)",
    logo_hint: |w, h| format!("Erscheint auf der Info-Seite. PNG, JPEG oder WebP, höchstens 4 MB, mindestens {w}×{h} Pixel, am besten quadratisch."),
    theme_legend: "Darstellung",
    preview_heading: "Vorschau",
    preview_mode_label: "Vorschau zeigen in",
    preview_about: "Ihre Info-Seite",
    preview_post: "Ein Beitrag Ihres Servers, wie er auf einem anderen Server erscheint",
    preview_title_placeholder: "Name Ihres Servers",
    preview_post_text: |title| format!("Hallo Fediverse! {title} ist jetzt im offenen sozialen Netz."),
    preview_create_account: "Konto erstellen",
    preview_admin: |h| format!("Betreut von {h}"),
    preview_contact: |e| format!("Kontakt: {e}"),
    preview_follow: "Folgen",
    preview_just_now: "gerade eben",
    preview_uses_shade: |hex| format!("Bis die Farbe gut lesbar ist, zeigt die Vorschau den nächsten gut lesbaren Ton, {hex}."),
};

/// French.
pub static FR: BrandingStrings = BrandingStrings {
    locale: Locale::Fr,
    branding_intro: "C’est ainsi que l’on verra votre serveur. Vous pourrez tout modifier plus tard dans les réglages de Mastodon.",
    site_title_hint: "Affiché dans les applications, sur la page « À propos » et dans les aperçus de liens.",
    description_hint: "Une ou deux phrases sur le public du serveur.",
    char_count: |n, max| format!("{n} caractères sur {max}"),
    char_over: |n| format!("{} {} de trop", n.text, if n.one { "caractère" } else { "caractères" }),
    site_contact_hint: "Affichée sur la page « À propos » pour les questions sur le serveur.",
    thumbnail_label: "Vignette (facultatif)",
    thumbnail_hint: |w, h| format!("L’image du serveur dans les applications et les aperçus de liens. PNG, JPEG ou WebP, 4\u{a0}Mo au plus, au moins {w}×{h} pixels\u{202f}; 1200×630 rend le mieux."),
    logo_label: "Logo (facultatif)",
    logo_hint: |w, h| format!("Affiché sur la page « À propos ». PNG, JPEG ou WebP, 4\u{a0}Mo au plus, au moins {w}×{h} pixels, de préférence carré."),
    theme_legend: "Thème",
    preview_heading: "Aperçu",
    preview_mode_label: "Afficher l’aperçu en",
    preview_about: "Votre page « À propos »",
    preview_post: "Une publication de votre serveur, vue depuis un autre serveur",
    preview_title_placeholder: "Le nom de votre serveur",
    preview_post_text: |title| format!("Bonjour le fédivers\u{202f}! {title} est désormais sur le web social ouvert."),
    preview_create_account: "Créer un compte",
    preview_admin: |h| format!("Administré par {h}"),
    preview_contact: |e| format!("Contact\u{a0}: {e}"),
    preview_follow: "Suivre",
    preview_just_now: "à l’instant",
    preview_uses_shade: |hex| format!("Tant que la couleur n’est pas lisible, l’aperçu montre la nuance lisible la plus proche, {hex}."),
};

crate::step_strings!(BrandingStrings);

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static BrandingStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(BrandingStrings {
        locale: Locale::En,
        branding_intro: s(EN.branding_intro),
        site_title_hint: s(EN.site_title_hint),
        description_hint: s(EN.description_hint),
        char_count: |a0, a1| pseudo(&(EN.char_count)(a0, a1)),
        char_over: |a0| pseudo(&(EN.char_over)(a0)),
        site_contact_hint: s(EN.site_contact_hint),
        thumbnail_label: s(EN.thumbnail_label),
        thumbnail_hint: |a0, a1| pseudo(&(EN.thumbnail_hint)(a0, a1)),
        logo_label: s(EN.logo_label),
        logo_hint: |a0, a1| pseudo(&(EN.logo_hint)(a0, a1)),
        theme_legend: s(EN.theme_legend),
        preview_heading: s(EN.preview_heading),
        preview_mode_label: s(EN.preview_mode_label),
        preview_about: s(EN.preview_about),
        preview_post: s(EN.preview_post),
        preview_title_placeholder: s(EN.preview_title_placeholder),
        preview_post_text: |a0| pseudo(&(EN.preview_post_text)(a0)),
        preview_create_account: s(EN.preview_create_account),
        preview_admin: |a0| pseudo(&(EN.preview_admin)(a0)),
        preview_contact: |a0| pseudo(&(EN.preview_contact)(a0)),
        preview_follow: s(EN.preview_follow),
        preview_just_now: s(EN.preview_just_now),
        preview_uses_shade: |a0| pseudo(&(EN.preview_uses_shade)(a0)),
    }))
}
