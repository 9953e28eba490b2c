//! English, German and French: the locale, how it is chosen, and every visible string.
//!
//! A typed table instead of a translation library: a missing German string is a compile error,
//! and nothing but the strings themselves reaches the wasm (see the README for the size figures).
//! English is in the first load; in the split build German and French are chunks of their own,
//! fetched ([`ensure`]) before the app shows them, so an English visitor never loads them.

use std::cell::Cell;

use leptos::prelude::*;

use crate::chunks::{ChunkError, Loading};
pub use crate::locale::Locale;
use crate::i18n_strings::EN;

pub use crate::i18n_pseudo::{pseudo, s as pseudo_static};

/// How the other languages' tables are fetched: split points that see every step's strings
/// (`crate::wizard::languages`), handed over at start so this module imports no step.
#[derive(Clone, Copy)]
pub struct Loaders {
    /// German: the shared table (each step's own registered on the way).
    pub de: fn() -> Loading<&'static Strings>,
    /// French, likewise.
    pub fr: fn() -> Loading<&'static Strings>,
    /// The pseudo-locale, likewise.
    pub pseudo: fn() -> Loading<&'static Strings>,
}

thread_local! {
    static LOADERS: Cell<Option<Loaders>> = const { Cell::new(None) };
}

/// Hands over the loaders of the other languages (once, before the first [`ensure`]).
pub fn install(loaders: Loaders) {
    LOADERS.with(|l| l.set(Some(loaders)));
}

async fn fetch(pick: fn(Loaders) -> fn() -> Loading<&'static Strings>) -> Result<&'static Strings, ChunkError> {
    match LOADERS.with(Cell::get) {
        Some(loaders) => pick(loaders)().await,
        None => Err(ChunkError),
    }
}

thread_local! {
    /// The German table, once its chunk is here.
    static GERMAN: Cell<Option<&'static Strings>> = const { Cell::new(None) };
    /// The French table, once its chunk is here.
    static FRENCH: Cell<Option<&'static Strings>> = const { Cell::new(None) };
    /// The pseudo-locale's table, shown instead of English in a test run that asks for it.
    static PSEUDO: Cell<Option<&'static Strings>> = const { Cell::new(None) };
}

/// The tag that asks for the pseudo-locale (`?locale=en-XA`), honoured only where `config.json`
/// allows it (the test runs'): English, every string lengthened and bracketed.
pub const PSEUDO_TAG: &str = "en-XA";

/// Shows the pseudo-locale instead of English from now on; false if its chunk cannot be fetched.
pub async fn ensure_pseudo() -> bool {
    if PSEUDO.with(Cell::get).is_some() {
        return true;
    }
    match fetch(|l| l.pseudo).await {
        Ok(table) => {
            PSEUDO.with(|p| p.set(Some(table)));
            true
        }
        Err(_) => false,
    }
}

fn slot(locale: Locale) -> Option<&'static std::thread::LocalKey<Cell<Option<&'static Strings>>>> {
    match locale {
        Locale::En => None,
        Locale::De => Some(&GERMAN),
        Locale::Fr => Some(&FRENCH),
    }
}

/// Makes `locale`'s strings available; false if its chunk cannot be fetched (then the app stays
/// in the language it shows).
pub async fn ensure(locale: Locale) -> bool {
    // Unsplit, every table is in the one wasm.
    if !cfg!(feature = "split") {
        return true;
    }
    let Some(slot) = slot(locale) else { return true };
    if slot.with(Cell::get).is_some() {
        return true;
    }
    let table = match locale {
        Locale::Fr => fetch(|l| l.fr).await,
        _ => fetch(|l| l.de).await,
    };
    match table {
        Ok(table) => {
            slot.with(|g| g.set(Some(table)));
            true
        }
        Err(_) => {
            let text = format!("Onramp: the {} strings could not be loaded; staying in the language shown", locale.as_str());
            web_sys::console::warn_1(&text.into());
            false
        }
    }
}

/// Whether `locale`'s strings are here (always, unsplit).
pub fn available(locale: Locale) -> bool {
    !cfg!(feature = "split") || slot(locale).is_none_or(|s| s.with(Cell::get).is_some())
}

impl Locale {
    /// The strings of this locale (English until its table is fetched: see [`ensure`]).
    pub fn strings(&self) -> &'static Strings {
        match self {
            Self::En => PSEUDO.with(Cell::get).unwrap_or(&EN),
            #[cfg(not(feature = "split"))]
            Self::De => &crate::i18n_strings::DE,
            #[cfg(not(feature = "split"))]
            Self::Fr => &crate::i18n_fr::FR,
            #[cfg(feature = "split")]
            Self::De => GERMAN.with(Cell::get).unwrap_or(&EN),
            #[cfg(feature = "split")]
            Self::Fr => FRENCH.with(Cell::get).unwrap_or(&EN),
        }
    }
}

pub use crate::i18n_strings::Strings;

/// The current locale, shared by every component.
#[derive(Clone, Copy)]
pub struct LocaleContext(pub RwSignal<Locale>);

/// The current locale.
pub fn use_locale() -> RwSignal<Locale> {
    use_context::<LocaleContext>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(Locale::En))
}

/// The strings of the current locale. Not reactive: the app renders its routes anew when the
/// locale changes (see `App`), so views hold plain strings instead of one closure per text,
/// which keeps the wasm small.
pub fn use_strings() -> &'static Strings {
    current_locale().strings()
}

/// The current locale, read once (see [`use_strings`]).
pub fn current_locale() -> Locale {
    use_locale().get_untracked()
}

/// What every step's `strings.rs` declares besides its tables: `Deref` to the shared strings,
/// the slots that the languages' chunks fill (`register`), `of(locale)` and `use_strings()`.
/// `step_strings!(PlanStrings)` after `pub static EN`, `DE` and `FR` of that type.
#[macro_export]
macro_rules! step_strings {
    ($table:ident) => {
        impl ::std::ops::Deref for $table {
            type Target = $crate::i18n::Strings;

            fn deref(&self) -> &$crate::i18n::Strings {
                self.locale.strings()
            }
        }

        thread_local! {
            /// The German and French tables once their languages' chunks are here, and the
            /// pseudo-locale's (shown instead of English in a test run that asks for it).
            static LOADED: [::std::cell::Cell<Option<&'static $table>>; 3] =
                const { [::std::cell::Cell::new(None), ::std::cell::Cell::new(None), ::std::cell::Cell::new(None)] };
        }

        /// Makes `table` the one shown for its language (`pseudo`: instead of English). Called
        /// by the languages' chunks (`crate::wizard::languages`).
        pub fn register(table: &'static $table, pseudo: bool) {
            let slot = match (pseudo, table.locale) {
                (true, _) | (false, $crate::i18n::Locale::En) => 2,
                (false, $crate::i18n::Locale::De) => 0,
                (false, $crate::i18n::Locale::Fr) => 1,
            };
            LOADED.with(|l| {
                if let Some(cell) = l.get(slot) {
                    cell.set(Some(table))
                }
            });
        }

        #[allow(dead_code)]
        fn loaded(slot: usize) -> Option<&'static $table> {
            LOADED.with(|l| l.get(slot).and_then(::std::cell::Cell::get))
        }

        /// The strings in `locale` (English until that language's chunk is here).
        pub fn of(locale: $crate::i18n::Locale) -> &'static $table {
            match locale {
                $crate::i18n::Locale::En => loaded(2).unwrap_or(&EN),
                #[cfg(not(feature = "split"))]
                $crate::i18n::Locale::De => &DE,
                #[cfg(not(feature = "split"))]
                $crate::i18n::Locale::Fr => &FR,
                #[cfg(feature = "split")]
                $crate::i18n::Locale::De => loaded(0).unwrap_or(&EN),
                #[cfg(feature = "split")]
                $crate::i18n::Locale::Fr => loaded(1).unwrap_or(&EN),
            }
        }

        /// The strings in the current language. Not reactive, like [`crate::i18n::use_strings`].
        pub fn use_strings() -> &'static $table {
            of($crate::i18n::current_locale())
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choice_wins_then_memory_then_browser() {
        assert_eq!(Locale::negotiate(Some("de"), Some("en"), ["en-US"]), Locale::De);
        assert_eq!(Locale::negotiate(Some("es"), Some("de"), ["en-US"]), Locale::De);
        assert_eq!(Locale::negotiate(None, None, ["es-ES", "de-AT", "en"]), Locale::De);
        assert_eq!(Locale::negotiate(None, None, ["fr-CA", "de"]), Locale::Fr);
        assert_eq!(Locale::negotiate(None, None, ["it", "es"]), Locale::En);
        assert_eq!(Locale::negotiate(Some(""), None, []), Locale::En);
    }

    #[test]
    fn the_app_has_the_languages_the_contract_announces() {
        let tags: Vec<&str> = Locale::ALL.iter().map(Locale::as_str).collect();
        assert_eq!(tags, onramp_api::embed::LOCALES);
        assert!(Locale::ALL.iter().all(|l| Locale::parse(l.as_str()) == Some(*l)));
    }

    #[test]
    fn tags_parse_by_primary_language() {
        assert_eq!(Locale::parse("DE_ch"), Some(Locale::De));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("deu"), None);
    }
}
