//! `/organization`: who signs up, who administers the server, and how they pay (the fields are in
//! `identity.rs` and `billing.rs`). Checked by the shared rules on Continue, saved to the draft,
//! and the server's field errors land on the same fields.

use leptos::prelude::*;
use onramp_api::validate::{validate_across, validate_organization};
use onramp_api::{DraftSections, OrganizationSection, PaymentMethod};
use reactive_stores::{Patch, Store};

use crate::components::{CurrencySuggestion, ErrorSummary};
use crate::wizard::{FormActions, StepHeading};
use super::billing::BillingFields;
use super::form::{OrganizationForm, OrganizationFormStoreFields};
use super::identity::{ContactFields, OrganizationIdentity};
use super::strings::use_strings;
use crate::wizard::autosave::{fill_once, keep_typed};
use crate::wizard::messages::summary;
use crate::wizard::{use_catalog, use_currency, use_draft, use_raw_catalog, Step, StepForm};

/// Local storage key of the answers typed on this step and not yet saved.
pub const FORM_KEY: &str = "onramp.form.organization";

/// The organization step.
#[component]
pub fn OrganizationStep() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let catalog = use_catalog();
    let use_currency_signal = use_currency();

    // Everything typed on this step: one store, filled once by a patch (what was typed here and
    // not yet saved, else the saved draft), read as one section.
    let typed = Store::new(OrganizationForm::default());
    let filled = fill_once(FORM_KEY, |s| s.organization.clone(), move |o: Option<OrganizationSection>, _| {
        if let Some(o) = o {
            typed.patch(o.into());
        }
    });
    let (country, payment) = (typed.country(), typed.payment());

    let methods = move || {
        let plan_id = draft.and_then(|d| d.sections.get().plan).map(|p| p.plan_id);
        catalog
            .and_then(|c| c.get())
            .and_then(Result::ok)
            .and_then(|c| plan_id.and_then(|id| c.plan(&id).map(|p| p.payment_methods.clone())))
            .unwrap_or_else(|| PaymentMethod::ALL.to_vec())
    };
    // Default to the first method the plan takes.
    Effect::new(move || {
        let allowed = methods();
        if payment.get().is_none_or(|m| !allowed.contains(&m)) {
            if let Some(first) = allowed.first() {
                if filled.get_value() {
                    payment.set(Some(*first));
                }
            }
        }
    });

    let section = move || typed.with_untracked(OrganizationForm::section);

    let check = move |org: &OrganizationSection| {
        let mut found = validate_organization(org);
        if let Some(cat) = catalog.and_then(|c| c.get_untracked()).and_then(Result::ok) {
            let plan = draft.and_then(|d| d.sections.get_untracked().plan);
            let whole = DraftSections { plan, organization: Some(org.clone()), ..Default::default() };
            found.extend(validate_across(&whole, &cat));
        }
        found
    };
    // Mirror what is typed on this device, so a reload or a crash loses nothing, and save it to
    // the draft after a pause once it passes the rules.
    keep_typed(
        filled,
        FORM_KEY,
        move || typed.track(),
        move || serde_json::to_string(&section()).ok(),
        move || {
            let org = section();
            let saved = draft.and_then(|d| d.sections.get_untracked().organization);
            if let (Some(d), true) = (draft, saved.as_ref() != Some(&org) && check(&org).is_empty()) {
                d.set_sections(DraftSections { organization: Some(org), ..Default::default() });
            }
        },
    );

    let form = StepForm::new(Step::Organization, Some(FORM_KEY));
    let StepForm { errors, shown, .. } = form;
    let summary_items = Signal::derive(move || summary(&errors.get(), t));

    // After a first attempt, errors follow the answers as they are corrected.
    let revalidate = Callback::new(move |_| {
        if shown.get_untracked() > 0 {
            errors.set(check(&section()));
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let org = section();
        let found = check(&org);
        form.submit(DraftSections { organization: Some(org), ..Default::default() }, found);
    };

    let methods = Signal::derive(methods);

    view! {
        <StepHeading step=Step::Organization/>
        <ErrorSummary items=summary_items shown=shown/>
        <form class="org-form" on:submit=on_submit novalidate>
            <OrganizationIdentity form=typed errors=errors revalidate=revalidate/>
            <CurrencySuggestion
                country=country
                current=Signal::derive(move || catalog.and_then(|c| c.get()).and_then(Result::ok).map(|c| c.currency).unwrap_or_default())
                offered=Signal::derive(move || {
                    let (Some(raw), Some(plan)) = (use_raw_catalog(), draft.and_then(|d| d.sections.get().plan)) else { return Vec::new() };
                    raw.offered_currencies().into_iter().filter(|c| raw.plan_sold_in(&plan.plan_id, c)).collect()
                })
                on_switch=Callback::new(move |code: String| {
                    use_currency_signal.set(Some(code.clone()));
                    if let Some(d) = draft {
                        if let Some(p) = d.sections.get_untracked().plan {
                            d.set_plan(onramp_api::PlanSection { currency: Some(code), ..p });
                        }
                    }
                })
            />
            <ContactFields form=typed errors=errors revalidate=revalidate/>
            <BillingFields form=typed errors=errors revalidate=revalidate methods=methods/>
            <FormActions form=form back=Step::Plan/>
        </form>
    }
}
