//! The plan step's currency choice: shown when the provider sells in more than one currency.

use leptos::prelude::*;
use onramp_api::PlanSection;

use super::strings::use_strings;
use crate::wizard::{use_currency, use_draft, use_raw_catalog};

/// The currencies offered, when there is more than one: switching shows every price in the other
/// currency and bills the chosen plan in it. A currency the chosen plan is not sold in is shown
/// but cannot be chosen, with the reason. The radios are rendered once per catalogue (their state
/// is reactive), so choosing one by keyboard keeps the focus on it.
#[component]
pub fn CurrencyChoice(
    /// The plan chosen so far.
    #[prop(into)]
    chosen: Signal<Option<PlanSection>>,
) -> impl IntoView {
    let t = use_strings();
    let currency = use_currency();
    let draft = use_draft();
    move || {
        let raw = use_raw_catalog()?;
        let offered = raw.offered_currencies();
        if offered.len() < 2 {
            return None;
        }
        let default = raw.currency.clone();
        let raw = StoredValue::new(raw);
        let current = move || currency.get().unwrap_or_else(|| default.clone());
        // The chosen plan's name when it is not sold in `code`.
        let not_sold = move |code: &str| {
            let plan = chosen.get()?;
            raw.with_value(|c| (!c.plan_sold_in(&plan.plan_id, code)).then(|| c.plan(&plan.plan_id).map(|p| p.name.clone())).flatten())
        };
        let options = offered
            .iter()
            .map(|code| {
                let code = code.clone();
                let id = format!("currency-{}", code.to_ascii_lowercase());
                let (c1, c2, c3, c4) = (code.clone(), code.clone(), code.clone(), code.clone());
                let current = current.clone();
                let pick = move |_| {
                    currency.set(Some(c3.clone()));
                    if let (Some(d), Some(p)) = (draft, chosen.get_untracked()) {
                        d.set_plan(PlanSection { currency: Some(c3.clone()), ..p });
                    }
                };
                view! {
                    <div class="segment">
                        <input
                            type="radio"
                            name="currency"
                            id=id.clone()
                            value=code.clone()
                            prop:checked=move || current() == c1
                            disabled=move || not_sold(&c2).is_some()
                            on:change=pick
                        />
                        <label for=id>
                            {code.clone()}
                            {move || not_sold(&c4).map(|name| view! { <span class="visually-hidden">{" "}{(t.currency_not_for_plan)(&name)}</span> })}
                        </label>
                    </div>
                }
            })
            .collect_view();
        let note = move || {
            let p = chosen.get()?;
            let unavailable: Vec<String> = offered.iter().filter(|c| not_sold(c).is_some()).cloned().collect();
            let name = raw.with_value(|c| c.plan(&p.plan_id).map(|p| p.name.clone()))?;
            (!unavailable.is_empty()).then(|| view! { <p class="hint">{(t.currency_plan_not_in)(&name, &unavailable.join(", "))}</p> })
        };
        Some(view! {
            <fieldset class="currency">
                <legend>{t.currency_legend}</legend>
                <div class="segmented">{options}</div>
                {note}
            </fieldset>
        })
    }
}
