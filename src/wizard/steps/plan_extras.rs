//! Part of the plan step: managed moderation, extra storage and support tier, each offered only
//! as far as the chosen plan allows, with its price for the billing period.

use leptos::prelude::*;
use onramp_api::{Addon, AddonKind, Availability, Billing, Catalog, Coverage, PlanSection, Price};

use crate::format;
use crate::i18n::{current_locale, use_strings, Locale, Strings};
use crate::wizard::{addon_allowed, is_moderation, use_draft};

/// How an add-on is named.
pub fn addon_label(addon: &Addon, t: &Strings, locale: Locale) -> String {
    match &addon.kind {
        AddonKind::ManagedModeration { coverage, .. } => format!(
            "{}: {}",
            t.moderation_legend,
            match coverage {
                Coverage::BusinessHours => t.coverage_business_hours,
                Coverage::AroundTheClock => t.coverage_around_the_clock,
            }
        ),
        AddonKind::ExtraStorage { storage_gb } => (t.storage_addon)(&format::integer(*storage_gb, locale)),
    }
}

/// `+€149 per month`.
pub fn extra_price(price: Price, billing: Billing, currency: &str, t: &Strings, locale: Locale) -> String {
    let (amount, period) = match billing {
        Billing::Monthly => (price.monthly, t.per_month),
        Billing::Yearly => (price.yearly, t.per_year),
    };
    (t.price_extra)(&format::money(amount, currency, locale), period)
}

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

    let moderation = move || {
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
        let included_label = if plan.included_addons.iter().any(|a| catalog.with_value(|c| is_moderation(c, a))) {
            t.moderation_option_included
        } else {
            t.moderation_option_none
        };
        let current = move || {
            chosen.get().addons.into_iter().find(|a| catalog.with_value(|c| is_moderation(c, a)))
        };
        let set = move |choice: Option<String>| {
            update(&|s: &mut PlanSection| {
                s.addons.retain(|a| !catalog.with_value(|c| is_moderation(c, a)));
                if let Some(id) = &choice {
                    s.addons.push(id.clone());
                }
            })
        };
        let options = moderation_addons
            .into_iter()
            .filter(|a| catalog.with_value(|c| addon_allowed(c, &plan.id, &a.id)))
            .map(|addon| {
                let id = addon.id.clone();
                let input_id = format!("addon-{id}");
                let languages = match &addon.kind {
                    AddonKind::ManagedModeration { languages, .. } => languages.clone(),
                    AddonKind::ExtraStorage { .. } => Vec::new(),
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
    };

    let storage = move || {
        let plan = plan()?;
        let addon = catalog.with_value(|c| {
            c.addons.iter().find(|a| matches!(a.kind, AddonKind::ExtraStorage { .. })).cloned()
        })?;
        if !catalog.with_value(|c| addon_allowed(c, &plan.id, &addon.id)) {
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
                            {(t.support_option)(&tier.name, tier.response_hours)}
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
            {moderation}
            {storage}
            {support}
        </section>
    }
}

fn plan_included_support(catalog: &StoredValue<Catalog>, plan_id: &str) -> String {
    catalog.with_value(|c| c.plan(plan_id).map(|p| p.included_support.clone()).unwrap_or_default())
}
