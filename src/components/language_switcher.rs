//! The language switcher: English, German and French, each named in its own language.

use leptos::prelude::*;

use crate::i18n::{use_locale, use_strings, Locale};
use crate::storage;

/// Local storage key of the chosen language.
pub const LOCALE_KEY: &str = "onramp.locale";

fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::De => "Deutsch",
        Locale::Fr => "Français",
    }
}

/// Rewrites `?locale=` in the address (if it is there) to the language now shown, so that a
/// reload or a shared link keeps it; nothing else in the address changes.
fn replace_locale_in_address(l: Locale) {
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let params = url.search_params();
    if params.get("locale").is_none() {
        return;
    }
    params.set("locale", l.as_str());
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url.href()));
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
                                crate::i18n_keep::switching(true);
                                locale.set(l);
                                storage::set(LOCALE_KEY, l.as_str());
                                replace_locale_in_address(l);
                                // The page renders anew in the new language; keep focus here.
                                request_animation_frame(move || {
                                    crate::i18n_keep::switching(false);
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
