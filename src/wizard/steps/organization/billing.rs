//! The organization step's billing part: where invoices go, the postal address, the purchase
//! order, how the organization pays, and for invoices the e-invoicing references (a buyer
//! reference, the Leitweg-ID of a German public body, a Peppol ID).

use leptos::prelude::*;
use onramp_api::{FieldError, OrganizationKind, PaymentMethod};
use reactive_stores::Store;

use super::form::{invoiced, OrganizationForm, OrganizationFormStoreFields};
use super::strings::use_strings;
use crate::components::{payment_label, TextField};
use crate::wizard::messages::error_at;

/// The billing fields.
#[component]
pub fn BillingFields(
    /// The step's form.
    form: Store<OrganizationForm>,
    /// The step's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// Checks the answers again (after a first attempt).
    revalidate: Callback<()>,
    /// The payment methods the chosen plan takes.
    #[prop(into)]
    methods: Signal<Vec<PaymentMethod>>,
) -> impl IntoView {
    let t = use_strings();
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
    let (typed, kind, country, payment) = (form, form.kind(), form.country(), form.payment());
    let methods = move || methods.get();
    view! {
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

    }
}
