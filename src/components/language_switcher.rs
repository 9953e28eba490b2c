//! The language switcher: English and German, each named in its own language.

use leptos::prelude::*;

use crate::i18n::{use_locale, use_strings, Locale};
use crate::storage;

/// Local storage key of the chosen language.
pub const LOCALE_KEY: &str = "onramp.locale";

fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::De => "Deutsch",
    }
}

/// Buttons that switch the language; the current one is pressed.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let locale = use_locale();
    let t = use_strings();
    view! {
        <div class="language-switcher" role="group" aria-label=move || t().language_label>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            lang=l.as_str()
                            aria-pressed=move || (locale.get() == l).to_string()
                            on:click=move |_| {
                                locale.set(l);
                                storage::set(LOCALE_KEY, l.as_str());
                            }
                        >
                            {endonym(l)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
