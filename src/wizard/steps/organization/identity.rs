//! The organization step's first fields: the organization's name, its kind and its country;
//! then who is reached and who administers the server, and the VAT number.

use leptos::prelude::*;
use onramp_api::{countries, FieldError, OrganizationKind};
use reactive_stores::Store;

use super::form::{OrganizationForm, OrganizationFormStoreFields};
use super::strings::use_strings;
use crate::components::{kind_label, TextField};
use crate::format;
use crate::i18n::current_locale;
use crate::wizard::messages::error_at;

/// Name, kind and country.
#[component]
pub fn OrganizationIdentity(
    /// The step's form.
    form: Store<OrganizationForm>,
    /// The step's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// Checks the answers again (after a first attempt).
    revalidate: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
    let (typed, kind, country) = (form, form.kind(), form.country());
    let countries_sorted = move || {
        let l = locale;
        let mut list: Vec<(String, String)> =
            countries::CODES.iter().map(|c| (c.to_string(), format::region_name(c, l))).collect();
        format::sort_for_people(&mut list, l, |(_, n)| n);
        list
    };

    view! {
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
    }
}

/// The contact address, the administrator's username (with the handle it makes) and the VAT
/// number.
#[component]
pub fn ContactFields(
    /// The step's form.
    form: Store<OrganizationForm>,
    /// The step's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// Checks the answers again (after a first attempt).
    revalidate: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
    let (typed, username) = (form, form.username());
    view! {
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

    }
}
