//! Managed moderation, the provider's paid service: offered on the plan step and again on the
//! moderation step, with what it covers and its price. Either way it is an add-on of the plan
//! section, saved at once, so the running total has one source.

use leptos::prelude::*;
use onramp_api::{Addon, AddonKind, Availability, Catalog, PlanSection};

use crate::format;
use crate::i18n::{current_locale, use_strings};
use super::{addon_label, extra_price};

/// The managed moderation choice for the plan in `chosen`.
#[component]
pub fn ManagedModerationChoice(
    /// The catalogue.
    catalog: Catalog,
    /// The plan section as chosen so far.
    #[prop(into)]
    chosen: Signal<PlanSection>,
    /// Called with the plan section as changed by this choice.
    on_change: Callback<PlanSection>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let catalog = StoredValue::new(catalog);
    let update = move |f: &dyn Fn(&mut PlanSection)| {
        let mut section = chosen.get_untracked();
        f(&mut section);
        on_change.run(section);
    };
    let plan = move || catalog.with_value(|c| c.plan(&chosen.get().plan_id).cloned());
    let currency = move || catalog.with_value(|c| c.currency.clone());

    move || {
        let Some(plan) = plan() else { return ().into_any() };
        let moderation_addons: Vec<Addon> = catalog.with_value(|c| {
            c.addons.iter().filter(|a| matches!(a.kind, AddonKind::ManagedModeration { .. })).cloned().collect()
        });
        if plan.managed_moderation == Availability::NotAvailable {
            return view! {
                <fieldset class="extras" id="plan-moderation">
                    <legend>{t.moderation_legend}</legend>
                    <p class="hint">{(t.moderation_not_available)(&plan.name)}</p>
                </fieldset>
            }
            .into_any();
        }
        let included_label = if plan.included_addons.iter().any(|a| catalog.with_value(|c| c.is_moderation(a))) {
            t.moderation_option_included
        } else {
            t.moderation_option_none
        };
        let current = move || {
            chosen.get().addons.into_iter().find(|a| catalog.with_value(|c| c.is_moderation(a)))
        };
        let set = move |choice: Option<String>| {
            update(&|s: &mut PlanSection| {
                s.addons.retain(|a| !catalog.with_value(|c| c.is_moderation(a)));
                if let Some(id) = &choice {
                    s.addons.push(id.clone());
                }
            })
        };
        let options = moderation_addons
            .into_iter()
            .filter(|a| catalog.with_value(|c| c.addon_allowed(&plan.id, &a.id)))
            .map(|addon| {
                let id = addon.id.clone();
                let input_id = format!("addon-{id}");
                let (languages, response_hours) = match &addon.kind {
                    AddonKind::ManagedModeration { languages, response_hours, .. } => (languages.clone(), *response_hours),
                    AddonKind::ExtraStorage { .. } => (Vec::new(), 0),
                };
                let checked = {
                    let id = id.clone();
                    move || current().as_deref() == Some(id.as_str())
                };
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            name="moderation"
                            id=input_id.clone()
                            prop:checked=checked
                            on:change={
                                let id = id.clone();
                                move |_| set(Some(id.clone()))
                            }
                        />
                        <label for=input_id>
                            {addon_label(&addon, t, locale)}
                            " "
                            <span class="extra-price">
                                {move || extra_price(addon.price, chosen.get().billing, &currency(), t, locale)}
                            </span>
                            <span class="hint">
                                {move || {
                                    let names: Vec<String> =
                                        languages.iter().map(|l| format::language_name(l, locale)).collect();
                                    (t.languages_covered)(&names.join(", "))
                                }}
                            </span>
                            <span class="hint">{(t.response_within)(&format::count(response_hours as usize, locale))}</span>
                        </label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="extras" id="plan-moderation">
                <legend>{t.moderation_legend}</legend>
                <p class="hint">{t.moderation_hint}</p>
                <div class="choice">
                    <input
                        type="radio"
                        name="moderation"
                        id="addon-moderation-none"
                        prop:checked=move || current().is_none()
                        on:change=move |_| set(None)
                    />
                    <label for="addon-moderation-none">{included_label}</label>
                </div>
                {options}
            </fieldset>
        }
        .into_any()
    }
}
