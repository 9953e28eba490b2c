//! Part of the plan step: managed moderation (its own component, shared with the moderation
//! step), extra storage and support tier, each offered only
//! as far as the chosen plan allows, with its price for the billing period.

use leptos::prelude::*;
use onramp_api::{AddonKind, Catalog, PlanSection};

use crate::format;
use crate::i18n::{current_locale};
use super::strings::use_strings;
use crate::components::{addon_label, extra_price, ManagedModerationChoice};
use crate::wizard::use_draft;

/// The add-ons and support choices for the chosen plan.
#[component]
pub fn PlanExtras(
    /// The catalogue.
    catalog: Catalog,
    /// The chosen plan section.
    #[prop(into)]
    chosen: Signal<PlanSection>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let draft = use_draft();
    let set_plan = Callback::new(move |s| {
        if let Some(d) = draft {
            d.set_plan(s);
        }
    });
    let catalog = StoredValue::new(catalog);
    let update = move |f: &dyn Fn(&mut PlanSection)| {
        let mut section = chosen.get_untracked();
        f(&mut section);
        if let Some(d) = draft {
            d.set_plan(section);
        }
    };
    let plan = move || catalog.with_value(|c| c.plan(&chosen.get().plan_id).cloned());
    let currency = move || catalog.with_value(|c| c.currency.clone());

    let storage = move || {
        let plan = plan()?;
        let addon = catalog.with_value(|c| {
            c.addons.iter().find(|a| matches!(a.kind, AddonKind::ExtraStorage { .. })).cloned()
        })?;
        if !catalog.with_value(|c| c.addon_allowed(&plan.id, &addon.id)) {
            return None;
        }
        let id = addon.id.clone();
        let input_id = format!("addon-{id}");
        let checked = {
            let id = id.clone();
            move || chosen.get().addons.contains(&id)
        };
        Some(view! {
            <div class="choice extras">
                <input
                    type="checkbox"
                    id=input_id.clone()
                    prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let id = id.clone();
                        update(&move |s: &mut PlanSection| {
                            s.addons.retain(|a| *a != id);
                            if on {
                                s.addons.push(id.clone());
                            }
                        });
                    }
                />
                <label for=input_id>
                    {addon_label(&addon, t, locale)}
                    " "
                    <span class="extra-price">
                        {move || extra_price(addon.price, chosen.get().billing, &currency(), t, locale)}
                    </span>
                </label>
            </div>
        })
    };

    let support = move || {
        let plan = plan()?;
        let tiers = catalog.with_value(|c| c.support_tiers.clone());
        let current = move || {
            let s = chosen.get();
            s.support_tier.unwrap_or_else(|| plan_included_support(&catalog, &s.plan_id))
        };
        let options = tiers
            .into_iter()
            .map(|tier| {
                let id = tier.id.clone();
                let input_id = format!("support-{id}");
                let is_included = tier.id == plan.included_support;
                let checked = {
                    let id = id.clone();
                    move || current() == id
                };
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            name="support"
                            id=input_id.clone()
                            prop:checked=checked
                            on:change=move |_| {
                                let tier = (!is_included).then(|| id.clone());
                                update(&move |s: &mut PlanSection| s.support_tier = tier.clone());
                            }
                        />
                        <label for=input_id>
                            {(t.support_option)(&tier.name, &format::count(tier.response_hours as usize, locale))}
                            " "
                            <span class="extra-price">
                                {move || {
                                    if is_included {
                                        t.included.to_owned()
                                    } else {
                                        extra_price(tier.price, chosen.get().billing, &currency(), t, locale)
                                    }
                                }}
                            </span>
                        </label>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="extras" id="plan-support">
                <legend>{t.support_legend}</legend>
                {options}
            </fieldset>
        })
    };

    view! {
        <section class="plan-extras" aria-labelledby="extras-heading">
            <h2 id="extras-heading">{t.addons_heading}</h2>
            <ManagedModerationChoice catalog=catalog.get_value() chosen=chosen on_change=set_plan/>
            {storage}
            {support}
        </section>
    }
}

fn plan_included_support(catalog: &StoredValue<Catalog>, plan_id: &str) -> String {
    catalog.with_value(|c| c.plan(plan_id).map(|p| p.included_support.clone()).unwrap_or_default())
}
