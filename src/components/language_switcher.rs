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
    let locked_by = crate::embed::locked(onramp_api::embed::LockedField::Locale);
    let locked = locked_by.is_some();
    view! {
        <div class="language-switcher" role="group" aria-label=t.language_label aria-describedby=locked.then_some("language-locked")>
            {locked_by.map(|p| view! { <span class="hint" id="language-locked">{(t.locked_by)(&p)}</span> })}
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            lang=l.as_str()
                            disabled=locked
                            aria-pressed=move || (locale.get() == l).to_string()
                            on:click=move |_| leptos::task::spawn_local(async move {
                                // German comes as a chunk of its own in the split build.
                                if !crate::i18n::ensure(l).await {
                                    return;
                                }
                                locale.set(l);
                                storage::set(LOCALE_KEY, l.as_str());
                                // The page renders anew in the new language; keep focus here.
                                request_animation_frame(move || {
                                    let selector = format!(".language-switcher button[lang={}]", l.as_str());
                                    if let Some(el) = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.query_selector(&selector).ok().flatten())
                                        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                                    {
                                        let _ = el.focus();
                                    }
                                });
                            })
                        >
                            {endonym(l)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
