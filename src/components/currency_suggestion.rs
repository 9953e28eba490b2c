//! Asks whether to pay in the organization's own currency when the provider offers it: never
//! switches by itself, and says what it did in a live region.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{current_locale, use_strings};

/// The question, shown while the country suggests another offered currency and the customer has
/// not answered it for that country.
#[component]
pub fn CurrencySuggestion(
    /// The organization's country (ISO 3166-1 alpha-2).
    #[prop(into)]
    country: Signal<String>,
    /// The currency prices are shown in now.
    #[prop(into)]
    current: Signal<String>,
    /// The currencies the chosen plan can be bought in.
    #[prop(into)]
    offered: Signal<Vec<String>>,
    /// Switches to the currency given.
    on_switch: Callback<String>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    // Countries whose question was answered (either way).
    let answered = RwSignal::new(Vec::<String>::new());
    let announced = RwSignal::new(String::new());
    let suggestion = move || {
        let c = country.get();
        if answered.with(|a| a.contains(&c)) {
            return None;
        }
        onramp_api::currency::suggestion(&c, &current.get(), &offered.get())
    };
    view! {
        {move || suggestion().map(|cur| {
            let now = current.get();
            let (switch_to, keep) = (cur.clone(), now.clone());
            let answer = move || answered.update(|a| a.push(country.get_untracked()));
            view! {
                <div class="notice currency-suggestion" id="currency-suggestion">
                    <p>{(t.currency_suggest)(&format::region_name(&country.get_untracked(), locale), &cur, &now)}</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| {
                            answer();
                            on_switch.run(switch_to.clone());
                            announced.set((t.currency_switched)(&switch_to));
                        }>{(t.currency_switch)(&cur)}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| answer()>{(t.currency_keep)(&keep)}</button>
                    </div>
                </div>
            }
        })}
        <p class="visually-hidden" role="status">{move || announced.get()}</p>
    }
}
