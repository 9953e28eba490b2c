//! German, French and the pseudo-locale as chunks of their own: each holds the strings every
//! step shares and each step's own, so a visitor fetches only the language shown, once.

#[allow(unused_imports)]
use crate::i18n::{Loaders, Strings};
#[allow(unused_imports)]
use crate::wizard::steps::{branding, domain, moderation, organization, plan, resume, review, status};

/// Makes every step's table of one language the one shown (`pseudo`: the pseudo-locale's).
macro_rules! register_all {
    ($table:ident, $pseudo:expr) => {
        plan::strings::register($table!(plan), $pseudo);
        organization::strings::register($table!(organization), $pseudo);
        domain::strings::register($table!(domain), $pseudo);
        branding::strings::register($table!(branding), $pseudo);
        moderation::strings::register($table!(moderation), $pseudo);
        review::strings::register($table!(review), $pseudo);
        status::strings::register($table!(status), $pseudo);
        resume::strings::register($table!(resume), $pseudo);
    };
}

#[allow(unused_macros)]
macro_rules! german {
    ($step:ident) => {
        &$step::strings::DE
    };
}
#[allow(unused_macros)]
macro_rules! french {
    ($step:ident) => {
        &$step::strings::FR
    };
}
#[allow(unused_macros)]
macro_rules! pseudo {
    ($step:ident) => {
        $step::strings::pseudo_table()
    };
}

#[allow(dead_code)]
fn german() -> &'static Strings {
    register_all!(german, false);
    &crate::i18n_strings::DE
}

#[allow(dead_code)]
fn french() -> &'static Strings {
    register_all!(french, false);
    &crate::i18n_fr::FR
}

#[allow(dead_code)]
fn pseudo_locale() -> &'static Strings {
    register_all!(pseudo, true);
    crate::i18n_pseudo::table()
}

crate::split_point!(strings_de, de, &'static Strings, german());
crate::split_point!(strings_fr, fr, &'static Strings, french());
crate::split_point!(strings_pseudo, pseudo_chunk, &'static Strings, pseudo_locale());

/// Hands the languages' loaders to [`crate::i18n`]; call before the first `i18n::ensure`.
pub fn install() {
    crate::i18n::install(Loaders { de: de::boxed_build, fr: fr::boxed_build, pseudo: pseudo_chunk::boxed_build });
}
