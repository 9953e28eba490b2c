//! The resume page's strings in English, German and French: a missing one does not compile. The
//! strings every step shares are reached through `Deref` ([`crate::i18n::Strings`]). English
//! comes with the step's code; German and French come with those languages' chunks (see
//! [`crate::wizard::languages`]), so a visitor loads only the language shown.

use std::cell::Cell;

use crate::i18n::{Locale, Strings};

/// The resume page's own strings in one language.
pub struct ResumeStrings {
    /// The language of this table, whose shared strings `Deref` reaches.
    pub locale: Locale,
    pub resume_opening: &'static str,
    pub resume_bad_link: &'static str,
}

impl std::ops::Deref for ResumeStrings {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        self.locale.strings()
    }
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

thread_local! {
    /// The German and French tables once their languages' chunks are here, and the
    /// pseudo-locale's (shown instead of English in a test run that asks for it).
    static LOADED: [Cell<Option<&'static ResumeStrings>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Makes `table` the one shown for its language (`pseudo`: instead of English). Called by the
/// languages' chunks.
pub fn register(table: &'static ResumeStrings, pseudo: bool) {
    let slot = match (pseudo, table.locale) {
        (true, _) | (false, Locale::En) => 2,
        (false, Locale::De) => 0,
        (false, Locale::Fr) => 1,
    };
    LOADED.with(|l| if let Some(cell) = l.get(slot) { cell.set(Some(table)) });
}

fn loaded(slot: usize) -> Option<&'static ResumeStrings> {
    LOADED.with(|l| l.get(slot).and_then(Cell::get))
}

/// The strings in `locale` (English until that language's chunk is here).
pub fn of(locale: Locale) -> &'static ResumeStrings {
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
pub fn use_strings() -> &'static ResumeStrings {
    of(crate::i18n::current_locale())
}

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
