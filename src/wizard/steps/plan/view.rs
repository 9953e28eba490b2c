//! `/plan`: plans side by side, monthly or yearly billing, the running total; the choice is
//! saved to the draft as soon as it is made.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onramp_api::{Availability, Billing, Catalog, Plan, PlanSection};

use crate::components::{focus_by_id, ErrorNotice};
use crate::wizard::{StepHeading};
use crate::format;
use crate::i18n::{current_locale, Locale};
use super::PlanStrings;
use super::strings::use_strings;
use crate::embed::{partner_preset, preset_value, PartnerContext};
use crate::query_param;
use super::{CurrencyChoice, LazySummary, PlanChoice};
use crate::wizard::{presets, refetch_catalog, switch_plan, use_catalog, use_draft, Dropped, IgnoredPreset, Step};

/// The features of a plan as the card lists them.
pub fn plan_features(plan: &Plan, catalog: &Catalog, t: &PlanStrings, locale: Locale) -> Vec<String> {
    let mut features = vec![
        (t.limit_users)(&format::count(plan.limits.active_users as usize, locale)),
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
        features.push((t.support_line)(&tier.name, &format::count(tier.response_hours as usize, locale)));
    }
    features
}

/// The plan step.
#[component]
pub fn PlanStep() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
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

    let dropped = RwSignal::new(None::<(String, Vec<Dropped>)>);
    let ignored = RwSignal::new(Vec::<IgnoredPreset>::new());
    // Presets from the link, once the catalogue and the saved draft are in: they fill an empty
    // draft; what cannot be honoured is said.
    let presets_done = StoredValue::new(false);
    let partner_ctx = use_context::<PartnerContext>();
    let lock = move |name: &'static str| {
        let p = partner_ctx.and_then(|p| p.0.get())?;
        partner_preset(Some(&p), name).1.then_some(p.name)
    };
    Effect::new(move || {
        let Some(d) = draft else { return };
        let Some(Ok(cat)) = catalog.and_then(|c| c.get()) else { return };
        if !d.loaded.get() || presets_done.get_value() || partner_ctx.is_some_and(|p| !p.1.get()) {
            return;
        }
        presets_done.set_value(true);
        let partner = partner_ctx.and_then(|p| p.0.get_untracked());
        let lookup = |name: &str| preset_value(partner.as_ref(), name, query_param(name));
        let (section, not_taken) = presets(&cat, lookup);
        ignored.set(not_taken);
        if let Some(section) = section {
            billing.set(section.billing);
            let current = d.sections.get_untracked().plan;
            // A locked plan or billing replaces another choice made before (a link, a reload).
            let plan_locked = partner_preset(partner.as_ref(), "plan").1 && current.as_ref().is_some_and(|c| c.plan_id != section.plan_id);
            let billing_locked = partner_preset(partner.as_ref(), "billing").1 && current.as_ref().is_some_and(|c| c.billing != section.billing);
            match current {
                None => d.set_plan(section),
                Some(_) if plan_locked || billing_locked => {
                    let (next, _) = switch_plan(&d.sections.get_untracked(), &cat, &section.plan_id, section.billing);
                    d.set_sections(next);
                }
                Some(_) => {}
            }
        } else if let Some(b) = lookup("billing").and_then(|b| Billing::parse(&b)) {
            billing.set(b);
        }
    });

    let choose = move |plan_id: String| {
        let Some(d) = draft else { return };
        let Some(Ok(cat)) = catalog.and_then(|c| c.get_untracked()) else { return };
        let (mut next, lost) = switch_plan(&d.sections.get_untracked(), &cat, &plan_id, billing.get_untracked());
        // The plan is bought in the currency its prices were shown in.
        if let Some(p) = next.plan.as_mut() {
            p.currency = Some(cat.currency.clone());
        }
        let name = cat.plan(&plan_id).map(|p| p.name.clone()).unwrap_or_default();
        dropped.set((!lost.is_empty()).then_some((name, lost)));
        d.set_sections(next);
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
            crate::funnel::emit(onramp_api::funnel::FunnelKind::StepCompleted, Vec::new());
            if let Some(next) = crate::wizard::continue_to(Step::Plan, crate::query_param("return").as_deref()) {
                navigate(next.path(), Default::default());
            }
        } else {
            crate::funnel::emit(onramp_api::funnel::FunnelKind::ValidationError, vec![onramp_api::ErrorCode::Required]);
            show_error.set(true);
            request_animation_frame(move || {
                if let Some(el) = summary_ref.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };

    let billing_option = move |b: Billing, label: fn(&PlanStrings) -> &'static str| {
        let id = format!("billing-{}", b.as_str());
        view! {
            <div class="segment">
                <input
                    type="radio"
                    name="billing"
                    id=id.clone()
                    value=b.as_str()
                    prop:checked=move || billing.get() == b
                    disabled=move || lock("billing").is_some() && billing.get() != b
                    on:change=move |_| set_billing(b)
                />
                <label for=id>{label(t)}</label>
            </div>
        }
    };

    let plans_view = move |cat: Catalog| {
        // The cards are written out here rather than as a component of their own: as a
        // component (`PlanCard`, its props and the type erasure at its edge) they cost 1,401
        // bytes brotli more of the first load (238,082 against 236,681 for the main wasm,
        // `cargo xtask dist` on 2026-12-02), and the plan step is the first load.
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
                        plan_features(&plan, &cat, t, locale)
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
                                move || !loaded() || (lock("plan").is_some() && chosen.get().is_none_or(|p| p.plan_id != id))
                            }
                            on:change={
                                let id = id.clone();
                                move |_| choose(id.clone())
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
            })
            .collect_view();
        view! {
            <fieldset
                class="plans"
                aria-describedby=move || show_error.get().then_some("plan-error")
            >
                <legend class="visually-hidden">{t.plans_legend}</legend>
                {move || lock("plan").map(|p| view! { <p class="hint locked-note" id="plan-locked">{(t.locked_by)(&p)}</p> })}
                {move || show_error.get().then(|| view! {
                    <p class="field-error" id="plan-error">{t.error_choose_plan}</p>
                })}
                <div class="plan-grid">{cards}</div>
            </fieldset>
            <LazySummary choice=PlanChoice { catalog: cat.clone(), chosen, billing, loaded: Signal::derive(loaded), dropped }/>
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
                <h2 id="error-summary-title">{t.error_summary_title}</h2>
                <ul>
                    <li>
                        <a
                            href=format!("#{}", first_plan_id())
                            on:click=move |ev| {
                                ev.prevent_default();
                                focus_by_id(&first_plan_id());
                            }
                        >
                            {t.error_choose_plan}
                        </a>
                    </li>
                </ul>
            </div>
        })}
        <p class="lead">{t.plan_intro}</p>
        {move || {
            let list = ignored.get();
            (!list.is_empty()).then(|| view! {
                <div class="notice" id="presets-ignored">
                    <p>{t.presets_ignored}</p>
                    <ul>{list.into_iter().map(|i| view! { <li>{(t.preset_item)(i.param, &i.value)}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <form class="plan-form" on:submit=on_submit novalidate>
            <fieldset class="billing">
                <legend>{t.billing_legend}</legend>
                {move || lock("billing").map(|p| view! { <p class="hint locked-note">{(t.locked_by)(&p)}</p> })}
                <div class="segmented">
                    {billing_option(Billing::Monthly, |t| t.billing_monthly)}
                    {billing_option(Billing::Yearly, |t| t.billing_yearly)}
                </div>
            </fieldset>
            <CurrencyChoice chosen=Signal::derive(move || chosen.get())/>
            {move || match catalog.and_then(|c| c.get()) {
                None => view! {
                    <p class="loading" aria-busy="true">{t.loading_catalog}</p>
                }
                    .into_any(),
                Some(Err(e)) => view! {
                    <ErrorNotice
                        error=e
                        on_retry=Callback::new(move |_| refetch_catalog())
                    />
                }
                    .into_any(),
                Some(Ok(cat)) if cat.plans.is_empty() => view! {
                    <p class="notice">{t.catalog_empty}</p>
                }
                    .into_any(),
                Some(Ok(cat)) => plans_view(cat),
            }}
            <div class="actions">
                <button type="submit" class="button button-primary">{t.continue_}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::vat_note;
    use onramp_api::sample;

    #[test]
    fn the_vat_note_follows_the_organization() {
        let t = super::super::strings::of(Locale::En);
        let org = |country: &str, vat: Option<&str>| {
            Some(onramp_api::OrganizationSection {
                country: country.into(),
                vat_id: vat.map(Into::into),
                ..Default::default()
            })
        };
        assert_eq!(vat_note("DE", None, t, Locale::En), t.vat_note);
        // Natively there is no Intl, so the country shows as its code.
        assert_eq!(vat_note("DE", org("DE", None), t, Locale::En), "VAT of DE is added to these prices.");
        assert_eq!(vat_note("DE", org("AT", Some("ATU12345678")), t, Locale::En), t.vat_reverse_charge);
        assert!(vat_note("DE", org("FR", None), t, Locale::En).starts_with("VAT of FR is added."));
        assert_eq!(vat_note("DE", org("US", None), t, Locale::En), t.vat_outside_eu);
    }

    #[test]
    fn features_name_every_difference_in_both_languages() {
        let cat = sample::catalog();
        for plan in &cat.plans {
            for l in Locale::ALL {
                let f = plan_features(plan, &cat, super::super::strings::of(l), l);
                assert_eq!(f.len(), 5, "{}", plan.id);
                assert!(f.iter().all(|s| !s.is_empty()));
            }
        }
        let enterprise = cat.plan("enterprise").map(|p| plan_features(p, &cat, super::super::strings::of(Locale::En), Locale::En));
        let f = enterprise.unwrap_or_default();
        assert!(f.iter().any(|s| s.contains("5000 active users")), "{f:?}");
        assert!(f.iter().any(|s| s == "Managed moderation included"));
        assert!(f.iter().any(|s| s.contains("8 hours")));
    }

}
