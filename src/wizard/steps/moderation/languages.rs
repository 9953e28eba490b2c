//! The moderation step's languages: the chosen ones as chips that can be removed, and a list of
//! the others (named in the visitor's language, sorted for people) to add one.

use leptos::prelude::*;
use reactive_stores::Field;

use super::strings::use_strings;
use crate::format;
use crate::i18n::current_locale;

/// The server's languages.
#[component]
pub fn LanguagesField(
    /// The chosen languages' codes.
    #[prop(into)]
    languages: Field<Vec<String>>,
    /// The form's error for them.
    error: Signal<Option<String>>,
    /// Called after a change.
    on_change: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let mut language_options: Vec<(String, String)> = onramp_api::languages::CODES
        .iter()
        .map(|c| ((*c).to_owned(), format::language_name(c, locale)))
        .collect();
    format::sort_for_people(&mut language_options, locale, |(_, name)| name);
    let language_options = StoredValue::new(language_options);
    view! {
        <fieldset class="field" class:field-invalid=move || error.get().is_some()>
            <legend>{t.languages_legend}</legend>
            <p class="hint" id="languages-hint">{t.languages_hint}</p>
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            <ul class="chips" aria-live="polite">
                {move || {
                    let chosen = languages.get();
                    if chosen.is_empty() {
                        return view! { <li class="hint">{t.no_languages}</li> }.into_any();
                    }
                    chosen.into_iter().map(|code| {
                        let name = format::language_name(&code, locale);
                        let label = (t.remove_language)(&name);
                        view! {
                            <li class="chip">
                                <span lang=code.clone()>{name}</span>
                                <button
                                    type="button"
                                    class="chip-remove"
                                    aria-label=label
                                    on:click=move |_| {
                                        languages.update(|l| l.retain(|c| *c != code));
                                        on_change.run(());
                                    }
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <label for="moderation-languages">{t.add_language_label}</label>
            <select
                id="moderation-languages"
                aria-describedby="languages-hint"
                prop:value=""
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if !code.is_empty() && !languages.with_untracked(|l| l.contains(&code)) {
                        languages.update(|l| l.push(code));
                        on_change.run(());
                    }
                }
            >
                <option value="">{t.add_language_choose}</option>
                {move || language_options.with_value(|opts| {
                    let chosen = languages.get();
                    opts.iter()
                        .filter(|(c, _)| !chosen.contains(c))
                        .map(|(c, n)| view! { <option value=c.clone()>{n.clone()}</option> })
                        .collect_view()
                })}
            </select>
        </fieldset>
    }
}
