//! The resume page's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use crate::i18n::Locale;

/// The resume page's own strings in one language.
pub struct ResumeStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub resume_opening: &'static str,
    pub resume_bad_link: &'static str,
}

/// English.
pub static EN: ResumeStrings = ResumeStrings {
    locale: Locale::En,
    resume_opening: "Opening your draft …",
    resume_bad_link: "This link is incomplete. Copy the whole link from the email and try again.",
};

/// German.
pub static DE: ResumeStrings = ResumeStrings {
    locale: Locale::De,
    resume_opening: "Ihr Entwurf wird geöffnet …",
    resume_bad_link: "Dieser Link ist unvollständig. Kopieren Sie den ganzen Link aus der E-Mail und versuchen Sie es erneut.",
};

/// French.
pub static FR: ResumeStrings = ResumeStrings {
    locale: Locale::Fr,
    resume_opening: "Ouverture de votre brouillon…",
    resume_bad_link: "Ce lien est incomplet. Copiez le lien entier depuis l’e-mail et réessayez.",
};

crate::step_strings!(ResumeStrings);

/// The pseudo-locale's table, built from English (see `crate::i18n_pseudo`).
pub fn pseudo_table() -> &'static ResumeStrings {
    #[allow(unused_imports)]
    use crate::i18n::{pseudo, pseudo_static as s};
    Box::leak(Box::new(ResumeStrings {
        locale: Locale::En,
        resume_opening: s(EN.resume_opening),
        resume_bad_link: s(EN.resume_bad_link),
    }))
}
