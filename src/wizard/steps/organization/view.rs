//! `/organization`: who signs up, who administers the server, and how they pay. Checked by the
//! shared rules on Continue, saved to the draft, and the server's field errors land on the same
//! fields.

use leptos::prelude::*;
use onramp_api::validate::{validate_across, validate_organization};
use onramp_api::{countries, DraftSections, OrganizationKind, OrganizationSection, PaymentMethod};
use reactive_stores::{Patch, Store};

use crate::components::{kind_label, payment_label, CurrencySuggestion, ErrorSummary, TextField};
use crate::wizard::{FormActions, StepHeading};
use crate::format;
use crate::i18n::{current_locale};
use super::form::{invoiced, OrganizationForm, OrganizationFormStoreFields};
use super::strings::use_strings;
use crate::wizard::autosave::{fill_once, keep_typed};
use crate::wizard::messages::{error_at, summary};
use crate::wizard::{use_catalog, use_currency, use_draft, use_raw_catalog, Step, StepForm};

/// Local storage key of the answers typed on this step and not yet saved.
pub const FORM_KEY: &str = "onramp.form.organization";

/// The organization step.
#[component]
pub fn OrganizationStep() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
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
    let kind = typed.kind();
    let country = typed.country();
    let username = typed.username();
    let payment = typed.payment();

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
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
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

    let countries_sorted = move || {
        let l = locale;
        let mut list: Vec<(String, String)> =
            countries::CODES.iter().map(|c| (c.to_string(), format::region_name(c, l))).collect();
        format::sort_for_people(&mut list, l, |(_, n)| n);
        list
    };

    view! {
        <StepHeading step=Step::Organization/>
        <ErrorSummary items=summary_items shown=shown/>
        <form class="org-form" on:submit=on_submit novalidate>
            <TextField
                id="organization-name"
                label=t.org_name_label.to_owned()
                value=typed.name()
                error=at("/organization/name")
                autocomplete="organization"
                on_blur=revalidate
            />
            <fieldset class="field" id="organization-kind">
                <legend>{t.org_kind_legend}</legend>
                <div class="choices">
                    {OrganizationKind::ALL
                        .into_iter()
                        .map(|k| {
                            let id = format!("organization-kind-{}", k.as_str());
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="organization-kind"
                                        id=id.clone()
                                        prop:checked=move || kind.get() == k
                                        on:change=move |_| kind.set(k)
                                    />
                                    <label for=id>{kind_label(k, t)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <div class="field" class:field-invalid=move || at("/organization/country").get().is_some()>
                <label for="organization-country">{t.country_label}</label>
                {move || at("/organization/country").get().map(|e| view! {
                    <p class="field-error" id="organization-country-error">{e}</p>
                })}
                <select
                    id="organization-country"
                    autocomplete="country"
                    aria-invalid=move || at("/organization/country").get().is_some().then_some("true")
                    aria-describedby=move || at("/organization/country").get().map(|_| "organization-country-error")
                    prop:value=move || country.get()
                    on:change=move |ev| {
                        country.set(event_target_value(&ev));
                        revalidate.run(());
                    }
                >
                    <option value="">{t.country_choose}</option>
                    {move || {
                        countries_sorted()
                            .into_iter()
                            .map(|(code, label)| {
                                let selected = code == country.get_untracked();
                                view! { <option value=code selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
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
            <TextField
                id="organization-contact_email"
                label=t.contact_email_label.to_owned()
                hint=t.contact_email_hint.to_owned()
                value=typed.email()
                error=at("/organization/contact_email")
                kind="email"
                autocomplete="email"
                on_blur=revalidate
            />
            <TextField
                id="organization-admin_username"
                label=t.admin_username_label.to_owned()
                hint=t.admin_username_hint.to_owned()
                value=username
                error=at("/organization/admin_username")
                autocomplete="username"
                on_blur=revalidate
            />
            <p class="preview" aria-live="polite">
                {move || {
                    let u = username.get();
                    let u = if u.trim().is_empty() { "admin_name".to_owned() } else { u.trim().to_owned() };
                    (t.admin_preview)(&u)
                }}
            </p>
            <TextField
                id="organization-vat_id"
                label=t.vat_label.to_owned()
                hint=t.vat_hint.to_owned()
                value=typed.vat()
                error=at("/organization/vat_id")
                required=false
                on_blur=revalidate
            />

            <h2 class="section-heading">{t.billing_heading}</h2>
            <TextField
                id="organization-billing-email"
                label=t.billing_email_label.to_owned()
                hint=t.billing_email_hint.to_owned()
                value=typed.billing_email()
                error=at("/organization/billing/email")
                kind="email"
                autocomplete="email"
                required=false
                on_blur=revalidate
            />
            <TextField
                id="organization-billing-address-line1"
                label=t.line1_label.to_owned()
                value=typed.line1()
                error=at("/organization/billing/address/line1")
                autocomplete="address-line1"
                on_blur=revalidate
            />
            <TextField
                id="organization-billing-address-line2"
                label=t.line2_label.to_owned()
                value=typed.line2()
                error=at("/organization/billing/address/line2")
                autocomplete="address-line2"
                required=false
                on_blur=revalidate
            />
            <div class="field-row">
                <TextField
                    id="organization-billing-address-postal_code"
                    label=t.postal_code_label.to_owned()
                    value=typed.postal()
                    error=at("/organization/billing/address/postal_code")
                    autocomplete="postal-code"
                    on_blur=revalidate
                />
                <TextField
                    id="organization-billing-address-city"
                    label=t.city_label.to_owned()
                    value=typed.city()
                    error=at("/organization/billing/address/city")
                    autocomplete="address-level2"
                    on_blur=revalidate
                />
            </div>
            <TextField
                id="organization-billing-purchase_order"
                label=t.po_label.to_owned()
                hint=t.po_hint.to_owned()
                value=typed.po()
                error=at("/organization/billing/purchase_order")
                required=false
                on_blur=revalidate
            />
            <fieldset
                class="field"
                id="organization-billing-payment_method"
                tabindex="-1"
                aria-describedby=move || at("/organization/billing/payment_method").get().map(|_| "payment-error")
            >
                <legend>{t.payment_legend}</legend>
                {move || at("/organization/billing/payment_method").get().map(|e| view! {
                    <p class="field-error" id="payment-error">{e}</p>
                })}
                <div class="choices">
                    {move || {
                        methods()
                            .into_iter()
                            .map(|m| {
                                let id = format!("payment-{}", m.as_str());
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="payment"
                                            id=id.clone()
                                            prop:checked=move || payment.get() == Some(m)
                                            on:change=move |_| {
                                                payment.set(Some(m));
                                                revalidate.run(());
                                            }
                                        />
                                        <label for=id>{payment_label(m, t)}</label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
            {move || invoiced(payment.get()).then(|| {
                let public = kind.get() == OrganizationKind::PublicSector;
                let leitweg = public && country.get() == "DE";
                view! {
                    {public.then(|| view! {
                        <TextField
                            id="organization-billing-buyer_reference"
                            label=(if leitweg { t.leitweg_label } else { t.buyer_ref_label }).to_owned()
                            hint=(if leitweg { t.leitweg_hint } else { t.buyer_ref_hint }).to_owned()
                            value=typed.buyer_ref()
                            error=at("/organization/billing/buyer_reference")
                            required=false
                            on_blur=revalidate
                        />
                    })}
                    <TextField
                        id="organization-billing-peppol_id"
                        label=t.peppol_label.to_owned()
                        hint=t.peppol_hint.to_owned()
                        value=typed.peppol()
                        error=at("/organization/billing/peppol_id")
                        required=false
                        on_blur=revalidate
                    />
                }
            })}
            <FormActions form=form back=Step::Plan/>
        </form>
    }
}
