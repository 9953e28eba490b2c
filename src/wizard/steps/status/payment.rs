//! The status page's payment and order summary: where the payment stands, "Pay now" (a hand-off
//! to the provider's checkout), and what was ordered with its price lines, VAT treatment,
//! billing period and invoice references.

use leptos::prelude::*;
use onramp_api::payment::{Payment, PaymentState};
use onramp_api::{Catalog, DraftSections, PaymentMethod};

use crate::api::AppError;
use crate::i18n::{current_locale};
use super::strings::use_strings;
use crate::components::{vat_note, PriceLines};

/// Where the payment stands, and the button that hands the customer to the provider's checkout.
#[component]
pub fn PaymentPanel(
    /// The order's payment.
    payment: Payment,
    /// Where an invoice goes.
    invoice_to: String,
    /// The provider's name.
    provider: String,
    /// Asks for the checkout page (and goes there).
    on_pay: Callback<()>,
    /// While the checkout page is asked for.
    #[prop(into)]
    busy: Signal<bool>,
    /// The checkout opened in a new tab (in an embedded frame).
    #[prop(into)]
    opened: Signal<bool>,
    /// Why the checkout could not be opened.
    #[prop(into)]
    failure: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let sepa = payment.method == PaymentMethod::SepaDebit;
    let state_text = match payment.state {
        PaymentState::Invoiced => (t.pay_invoiced)(&invoice_to),
        PaymentState::AwaitingPayment if payment.returned => t.pay_returned.to_owned(),
        PaymentState::AwaitingPayment if !payment.pay_online => t.pay_offline.to_owned(),
        PaymentState::AwaitingPayment if sepa => t.pay_awaiting_sepa.to_owned(),
        PaymentState::AwaitingPayment => t.pay_awaiting_card.to_owned(),
        PaymentState::Pending if sepa => t.pay_pending_sepa.to_owned(),
        PaymentState::Pending => t.pay_pending_card.to_owned(),
        PaymentState::Paid => t.pay_paid.to_owned(),
        PaymentState::Failed => (t.pay_failed)(payment.reason.as_deref().unwrap_or(t.error_server)),
    };
    let failed = payment.state == PaymentState::Failed;
    let button = match (failed, sepa) {
        (true, _) => t.pay_again,
        (false, true) => t.pay_button_sepa,
        (false, false) => t.pay_button_card,
    };
    let class = format!("payment payment-{}", payment.state.as_str());
    let holds = payment.holds_provisioning && payment.state != PaymentState::Paid;
    view! {
        <section class=class aria-labelledby="payment-heading">
            <h2 class="section-heading" id="payment-heading">{t.pay_heading}</h2>
            <p class=if failed { "notice notice-error" } else { "notice" } role="status">{state_text}</p>
            {holds.then(|| view! { <p>{t.pay_holds}</p> })}
            {payment.pay_online.then(|| view! {
                <p class="hint">{(t.pay_privacy)(&provider)}</p>
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| on_pay.run(())>{button}</button>
                {move || busy.get().then(|| view! { <p class="loading" role="status">{t.pay_opening}</p> })}
                {move || opened.get().then(|| view! { <p class="notice" role="status">{t.pay_new_tab}</p> })}
                {move || failure.get().map(|e| view! { <p class="notice notice-error" role="alert">{e.message(t)}</p> })}
            })}
        </section>
    }
}

/// What was ordered: the price lines and total for the billing period, how VAT is treated, and
/// the references the invoices carry.
#[component]
pub fn OrderSummary(
    /// The sections the order was placed with.
    sections: DraftSections,
    /// The catalogue.
    catalog: Catalog,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let vat = vat_note(&catalog.provider_country, sections.organization.clone(), t, locale);
    let billing = sections.organization.as_ref().map(|o| (o.billing.clone(), onramp_api::validate::is_german_public_body(o)));
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let references: Vec<String> = billing
        .map(|(b, leitweg)| {
            let buyer = if leitweg { t.ref_leitweg } else { t.ref_buyer };
            [given(&b.purchase_order).map(|v| (t.ref_po)(&v)), given(&b.buyer_reference).map(|v| buyer(&v)), given(&b.peppol_id).map(|v| (t.ref_peppol)(&v))]
                .into_iter()
                .flatten()
                .collect()
        })
        .unwrap_or_default();
    let plan = Signal::stored(sections.plan.clone());
    view! {
        <section class="order-summary" aria-labelledby="order-summary-heading">
            <h2 class="section-heading" id="order-summary-heading">{t.order_summary_heading}</h2>
            <PriceLines catalog=catalog section=plan/>
            <p class="hint">{vat}</p>
            {(!references.is_empty()).then(|| view! {
                <h3>{t.references_heading}</h3>
                <ul class="references">{references.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}
