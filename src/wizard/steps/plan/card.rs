//! One plan's card on the plan step: its radio, name, description, badge, price for the billing
//! period shown, and features.

use leptos::prelude::*;
use onramp_api::{Billing, Catalog, Plan, PlanSection};

use super::plan_features;
use super::strings::use_strings;
use crate::format;
use crate::i18n::current_locale;

/// A plan's card.
#[component]
pub fn PlanCard(
    /// The plan.
    plan: Plan,
    /// The catalogue it is from (its currency and support tiers).
    catalog: Catalog,
    /// The plan chosen so far.
    chosen: Memo<Option<PlanSection>>,
    /// The billing period the prices are shown for.
    #[prop(into)]
    billing: Signal<Billing>,
    /// Whether a plan can be chosen yet (the saved draft is in).
    enabled: Signal<bool>,
    /// Whether the embedding partner fixed the plan (only the chosen one stays enabled).
    locked: Signal<bool>,
    /// Called with the plan's id when it is chosen.
    on_choose: Callback<String>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let id = plan.id.clone();
    let input_id = format!("plan-{id}");
    let describe = format!("plan-{id}-badge plan-{id}-price plan-{id}-details");
    let price = plan.price;
    let currency = catalog.currency.clone();
    let selected = {
        let id = id.clone();
        move || chosen.get().is_some_and(|p| p.plan_id == id)
    };
    let card_selected = selected.clone();
    let features = {
        let plan = plan.clone();
        move || {
            plan_features(&plan, &catalog, t, locale)
                .into_iter()
                .map(|f| view! { <li>{f}</li> })
                .collect_view()
        }
    };
    view! {
        <div class="plan-card" class:selected=card_selected class:recommended=plan.recommended>
            <input
                type="radio"
                name="plan"
                class="plan-radio"
                id=input_id.clone()
                value=id.clone()
                aria-describedby=describe
                prop:checked=selected
                disabled={
                    let id = id.clone();
                    move || !enabled.get() || (locked.get() && chosen.get().is_none_or(|p| p.plan_id != id))
                }
                on:change={
                    let id = id.clone();
                    move |_| on_choose.run(id.clone())
                }
            />
            <label for=input_id class="plan-name">{plan.name.clone()}</label>
            {(!plan.description.is_empty()).then(|| view! { <p class="plan-description">{plan.description.clone()}</p> })}
            <p class="badge-slot" id=format!("plan-{id}-badge")>
                {plan.recommended.then(|| view! { <span class="badge">{t.recommended}</span> })}
            </p>
            <p class="plan-price" id=format!("plan-{id}-price")>
                <span class="amount">
                    {move || {
                        let amount = match billing.get() {
                            Billing::Monthly => price.monthly,
                            Billing::Yearly => price.yearly,
                        };
                        format::money(amount, &currency, locale)
                    }}
                </span>
                " "
                <span class="period">
                    {move || match billing.get() {
                        Billing::Monthly => t.per_month,
                        Billing::Yearly => t.per_year,
                    }}
                </span>
            </p>
            <ul class="plan-features" id=format!("plan-{id}-details")>{features}</ul>
        </div>
    }
}
