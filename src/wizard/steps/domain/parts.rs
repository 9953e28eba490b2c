//! Pieces of the domain step: the choice between a subdomain and an own domain, the suggestions
//! when a name is taken, and where handles end for an own domain.

use leptos::prelude::*;
use onramp_api::DomainMode;
use reactive_stores::Field;

use super::strings::use_strings;

/// A subdomain of the provider's or the organization's own domain (when the plan allows it).
#[component]
pub fn ModeChoice(
    /// The choice.
    #[prop(into)]
    mode: Field<DomainMode>,
    /// The form's error for it.
    error: Signal<Option<String>>,
    /// Whether the chosen plan allows an own domain.
    custom_allowed: Signal<bool>,
    /// The chosen plan's name (said when it does not).
    plan_name: Signal<String>,
    /// Called after a change.
    on_change: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <fieldset class="field" id="domain-mode" tabindex="-1">
            <legend>{t.domain_mode_legend}</legend>
            {move || error.get().map(|e| view! { <p class="field-error" id="domain-mode-error">{e}</p> })}
            <div class="choice">
                <input
                    type="radio"
                    name="domain-mode"
                    id="domain-mode-subdomain"
                    aria-describedby="domain-mode-subdomain-hint"
                    prop:checked=move || mode.get() == DomainMode::Subdomain
                    on:change=move |_| {
                        mode.set(DomainMode::Subdomain);
                        on_change.run(());
                    }
                />
                <label for="domain-mode-subdomain">
                    {t.mode_subdomain}
                    <span class="hint" id="domain-mode-subdomain-hint">{t.mode_subdomain_hint}</span>
                </label>
            </div>
            <div class="choice">
                <input
                    type="radio"
                    name="domain-mode"
                    id="domain-mode-custom"
                    aria-describedby="domain-mode-custom-hint"
                    disabled=move || !custom_allowed.get()
                    prop:checked=move || mode.get() == DomainMode::Custom
                    on:change=move |_| {
                        mode.set(DomainMode::Custom);
                        on_change.run(());
                    }
                />
                <label for="domain-mode-custom">
                    {t.mode_custom}
                    <span class="hint" id="domain-mode-custom-hint">
                        {move || {
                            if custom_allowed.get() {
                                t.mode_custom_hint.to_owned()
                            } else {
                                (t.mode_custom_unavailable)(&plan_name.get())
                            }
                        }}
                    </span>
                </label>
            </div>
        </fieldset>
    }
}

/// Free names like the one asked for, each a button that takes it.
#[component]
pub fn Suggestions(
    /// Free web domains, in ASCII.
    suggestions: Vec<String>,
    /// The shared domain they go under (taken off to give the label).
    base: String,
    /// Called with the label of the one taken.
    on_pick: Callback<String>,
) -> impl IntoView {
    let t = use_strings();
    (!suggestions.is_empty()).then(|| {
        let items = suggestions
            .into_iter()
            .map(|s| {
                let l = s.strip_suffix(&format!(".{base}")).unwrap_or(&s).to_owned();
                view! {
                    <li>
                        <button type="button" class="button button-link" on:click=move |_| on_pick.run(l.clone())>
                            {s.clone()}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="suggestions">
                <p>{t.suggestions_label}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// Whether handles end in the own domain or in its registrable parent, with the warning that
/// this cannot change later.
#[component]
pub fn HandleChoice(
    /// The choice: true for the parent.
    #[prop(into)]
    handle_parent: Field<bool>,
    /// The web domain, as shown.
    web: String,
    /// Its registrable parent, as shown.
    apex: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <fieldset class="field" id="domain-handle_domain">
            <legend>{t.handle_legend}</legend>
            <p class="hint">{t.handle_explain}</p>
            <div class="choice">
                <input
                    type="radio"
                    name="handle"
                    id="handle-same"
                    prop:checked=move || !handle_parent.get()
                    on:change=move |_| handle_parent.set(false)
                />
                <label for="handle-same">{(t.handle_same)(&web)}</label>
            </div>
            <div class="choice">
                <input
                    type="radio"
                    name="handle"
                    id="handle-parent"
                    prop:checked=move || handle_parent.get()
                    on:change=move |_| handle_parent.set(true)
                />
                <label for="handle-parent">{(t.handle_parent)(&apex)}</label>
            </div>
            <p class="notice notice-warning"><strong>{t.handle_warning}</strong></p>
        </fieldset>
    }
}
