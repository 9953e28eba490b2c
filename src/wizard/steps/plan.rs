//! `/plan`: plans side by side, monthly or yearly billing, the running total; the choice is
//! saved to the draft as soon as it is made.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onramp_api::{pricing, Availability, Billing, Catalog, Plan, PlanSection};

use crate::components::{ErrorNotice, StepHeading};
use crate::format;
use crate::i18n::{use_locale, use_strings, Locale, Strings};
use crate::wizard::{use_draft, use_catalog, Step};

/// The features of a plan as the card lists them.
pub fn plan_features(plan: &Plan, catalog: &Catalog, t: &Strings, locale: Locale) -> Vec<String> {
    let mut features = vec![
        (t.limit_users)(&format::integer(plan.limits.active_users, locale)),
        (t.limit_storage)(&format::integer(plan.limits.storage_gb, locale)),
        if plan.limits.custom_domain { t.custom_domain_yes } else { t.custom_domain_no }.to_owned(),
        match plan.managed_moderation {
            Availability::Included => t.moderation_included,
            Availability::Addon => t.moderation_addon,
            Availability::NotAvailable => t.moderation_unavailable,
        }
        .to_owned(),
    ];
    if let Some(tier) = catalog.support_tier(&plan.included_support) {
        features.push((t.support_line)(&tier.name, tier.response_hours));
    }
    features
}

/// The plan section after choosing `plan_id`: add-ons and support carry over while the plan
/// allows them (the plan step lets the user see and change them).
pub fn choose_plan(previous: Option<&PlanSection>, plan_id: &str, billing: Billing) -> PlanSection {
    PlanSection {
        plan_id: plan_id.to_owned(),
        billing,
        addons: previous.map(|p| p.addons.clone()).unwrap_or_default(),
        support_tier: previous.and_then(|p| p.support_tier.clone()),
    }
}

/// The plan step.
#[component]
pub fn PlanStep() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let catalog = use_catalog();
    let draft = use_draft();
    let navigate = use_navigate();
    let loaded = move || draft.is_some_and(|d| d.loaded.get());
    let chosen = Memo::new(move |_| draft.and_then(|d| d.sections.get().plan));
    let billing = RwSignal::new(Billing::Monthly);
    Effect::new(move || {
        if let Some(p) = chosen.get() {
            billing.set(p.billing);
        }
    });
    let show_error = RwSignal::new(false);
    let summary_ref = NodeRef::<Div>::new();

    let choose = move |plan_id: String| {
        let Some(d) = draft else { return };
        let previous = chosen.get_untracked();
        d.set_plan(choose_plan(previous.as_ref(), &plan_id, billing.get_untracked()));
        show_error.set(false);
    };
    let set_billing = move |b: Billing| {
        billing.set(b);
        if let (Some(d), Some(p)) = (draft, chosen.get_untracked()) {
            if p.billing != b {
                d.set_plan(PlanSection { billing: b, ..p });
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if chosen.get_untracked().is_some() {
            if let Some(next) = Step::Plan.next() {
                navigate(next.path(), Default::default());
            }
        } else {
            show_error.set(true);
            request_animation_frame(move || {
                if let Some(el) = summary_ref.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };

    let billing_option = move |b: Billing, label: fn(&Strings) -> &'static str| {
        let id = format!("billing-{}", b.as_str());
        view! {
            <div class="segment">
                <input
                    type="radio"
                    name="billing"
                    id=id.clone()
                    value=b.as_str()
                    prop:checked=move || billing.get() == b
                    on:change=move |_| set_billing(b)
                />
                <label for=id>{move || label(t())}</label>
            </div>
        }
    };

    let plans_view = move |cat: Catalog| {
        let currency = cat.currency.clone();
        let cards = cat
            .plans
            .iter()
            .map(|plan| {
                let id = plan.id.clone();
                let input_id = format!("plan-{id}");
                let describe = format!("plan-{id}-badge plan-{id}-price plan-{id}-details");
                let price = plan.price;
                let currency = currency.clone();
                let selected = {
                    let id = id.clone();
                    move || chosen.get().is_some_and(|p| p.plan_id == id)
                };
                let card_selected = selected.clone();
                let features = {
                    let (plan, cat) = (plan.clone(), cat.clone());
                    move || {
                        plan_features(&plan, &cat, t(), locale.get())
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
                            disabled=move || !loaded()
                            on:change={
                                let id = id.clone();
                                move |_| choose(id.clone())
                            }
                        />
                        <label for=input_id class="plan-name">{plan.name.clone()}</label>
                        <p class="badge-slot" id=format!("plan-{id}-badge")>
                            {plan.recommended.then(|| view! { <span class="badge">{move || t().recommended}</span> })}
                        </p>
                        <p class="plan-price" id=format!("plan-{id}-price")>
                            <span class="amount">
                                {move || {
                                    let amount = match billing.get() {
                                        Billing::Monthly => price.monthly,
                                        Billing::Yearly => price.yearly,
                                    };
                                    format::money(amount, &currency, locale.get())
                                }}
                            </span>
                            " "
                            <span class="period">
                                {move || match billing.get() {
                                    Billing::Monthly => t().per_month,
                                    Billing::Yearly => t().per_year,
                                }}
                            </span>
                        </p>
                        <ul class="plan-features" id=format!("plan-{id}-details")>{features}</ul>
                    </div>
                }
            })
            .collect_view();
        let summary_cat = cat.clone();
        let summary = move || {
            let Some(section) = chosen.get() else {
                return view! { <p>{t().summary_none}</p> }.into_any();
            };
            let section = PlanSection { billing: billing.get(), ..section };
            let Some(quote) = pricing::quote(&summary_cat, &section) else {
                return view! { <p>{t().summary_none}</p> }.into_any();
            };
            let l = locale.get();
            let cur = summary_cat.currency.clone();
            let name = summary_cat.plan(&section.plan_id).map(|p| p.name.clone()).unwrap_or_default();
            let due = format::money(quote.amount_due(), &cur, l);
            let total = match section.billing {
                Billing::Monthly => (t().total_monthly)(&due),
                Billing::Yearly => (t().total_yearly)(&due),
            };
            let saving = quote.yearly_saving();
            let saving = (saving > 0).then(|| {
                let s = format::money(saving, &cur, l);
                match section.billing {
                    Billing::Monthly => (t().saving_hint)(&s),
                    Billing::Yearly => (t().saving_yearly)(&s),
                }
            });
            view! {
                <p class="summary-plan">{name}</p>
                <p class="summary-total">{total}</p>
                {saving.map(|s| view! { <p class="summary-saving">{s}</p> })}
            }
            .into_any()
        };
        view! {
            <fieldset
                class="plans"
                aria-describedby=move || show_error.get().then_some("plan-error")
            >
                <legend class="visually-hidden">{move || t().plans_legend}</legend>
                {move || show_error.get().then(|| view! {
                    <p class="field-error" id="plan-error">{t().error_choose_plan}</p>
                })}
                <div class="plan-grid">{cards}</div>
            </fieldset>
            <aside class="summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{move || t().summary_heading}</h2>
                {summary}
                <p class="vat-note">{move || t().vat_note}</p>
            </aside>
        }
        .into_any()
    };

    let first_plan_id = move || {
        catalog
            .and_then(|c| c.get())
            .and_then(|r| r.ok())
            .and_then(|c| c.plans.first().map(|p| format!("plan-{}", p.id)))
            .unwrap_or_default()
    };

    view! {
        <StepHeading step=Step::Plan/>
        {move || show_error.get().then(|| view! {
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                aria-labelledby="error-summary-title"
                node_ref=summary_ref
            >
                <h2 id="error-summary-title">{t().error_summary_title}</h2>
                <ul>
                    <li>
                        <a
                            href=format!("#{}", first_plan_id())
                            on:click=move |ev| {
                                ev.prevent_default();
                                focus_by_id(&first_plan_id());
                            }
                        >
                            {t().error_choose_plan}
                        </a>
                    </li>
                </ul>
            </div>
        })}
        <p class="lead">{move || t().plan_intro}</p>
        <form class="plan-form" on:submit=on_submit novalidate>
            <fieldset class="billing">
                <legend>{move || t().billing_legend}</legend>
                <div class="segmented">
                    {billing_option(Billing::Monthly, |t| t.billing_monthly)}
                    {billing_option(Billing::Yearly, |t| t.billing_yearly)}
                </div>
            </fieldset>
            {move || match catalog.and_then(|c| c.get()) {
                None => view! {
                    <p class="loading" aria-busy="true">{t().loading_catalog}</p>
                }
                    .into_any(),
                Some(Err(e)) => view! {
                    <ErrorNotice
                        error=e
                        on_retry=Callback::new(move |_| {
                            if let Some(c) = catalog {
                                c.refetch();
                            }
                        })
                    />
                }
                    .into_any(),
                Some(Ok(cat)) if cat.plans.is_empty() => view! {
                    <p class="notice">{t().catalog_empty}</p>
                }
                    .into_any(),
                Some(Ok(cat)) => plans_view(cat),
            }}
            <div class="actions">
                <button type="submit" class="button button-primary">{move || t().continue_}</button>
            </div>
        </form>
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::sample;

    #[test]
    fn features_name_every_difference_in_both_languages() {
        let cat = sample::catalog();
        for plan in &cat.plans {
            for l in Locale::ALL {
                let f = plan_features(plan, &cat, l.strings(), l);
                assert_eq!(f.len(), 5, "{}", plan.id);
                assert!(f.iter().all(|s| !s.is_empty()));
            }
        }
        let enterprise = cat.plan("enterprise").map(|p| plan_features(p, &cat, Locale::En.strings(), Locale::En));
        let f = enterprise.unwrap_or_default();
        assert!(f.iter().any(|s| s.contains("5000 active users")), "{f:?}");
        assert!(f.iter().any(|s| s == "Managed moderation included"));
        assert!(f.iter().any(|s| s.contains("8 hours")));
    }

    #[test]
    fn choosing_a_plan_keeps_billing_and_extras() {
        let prev = PlanSection {
            plan_id: "starter".into(),
            billing: Billing::Monthly,
            addons: vec!["storage_100gb".into()],
            support_tier: Some("priority".into()),
        };
        let next = choose_plan(Some(&prev), "organization", Billing::Yearly);
        assert_eq!(next.plan_id, "organization");
        assert_eq!(next.billing, Billing::Yearly);
        assert_eq!(next.addons, prev.addons);
        assert_eq!(choose_plan(None, "starter", Billing::Monthly).addons, Vec::<String>::new());
    }
}
