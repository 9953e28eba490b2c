//! Payments through the provider: the rule for when provisioning may start, the server-to-server
//! call to the provider's checkout endpoint (signed like the order webhooks), and the signed
//! return URL. Card numbers and IBANs are typed on the provider's page only; nothing of them
//! reaches this server.

use onramp_api::order::ProviderOrder;
use onramp_api::payment::{CheckoutRequest, CheckoutSession, Payment, PaymentState, StartWhen};
use onramp_api::webhook::{HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};
use onramp_api::PaymentMethod;

use crate::delivery::{sign, Hidden};

/// `[payments]`, checked.
#[derive(Debug, Clone)]
pub struct PaymentSettings {
    /// The provider's checkout endpoint (https, or http to a loopback address).
    pub checkout_url: String,
    /// The HMAC key that signs checkout requests and return URLs.
    pub key: Hidden<Vec<u8>>,
    /// The client every checkout request goes through (its timeout is the endpoint's; no
    /// redirects followed), built once.
    pub http: reqwest::Client,
    /// When provisioning starts for a card payment (default: once paid).
    pub start_card: StartWhen,
    /// When it starts for SEPA direct debit (default: once the mandate is given, pending).
    pub start_sepa_debit: StartWhen,
}

/// When provisioning starts for `method`: invoices at once; card and SEPA as the provider's
/// file says, and at once where no checkout is configured (the provider collects by itself).
pub fn rule(settings: Option<&PaymentSettings>, method: PaymentMethod) -> StartWhen {
    match (settings, method) {
        (_, PaymentMethod::Invoice) | (None, _) => StartWhen::Submitted,
        (Some(s), PaymentMethod::Card) => s.start_card,
        (Some(s), PaymentMethod::SepaDebit) => s.start_sepa_debit,
    }
}

/// The payment an order is placed with.
pub fn new_payment(settings: Option<&PaymentSettings>, method: PaymentMethod) -> crate::orders::NewPayment {
    let state = onramp_api::payment::initial_state(method);
    crate::orders::NewPayment { method, state, hold: rule(settings, method).holds(state) }
}

/// Fills in what depends on this server: whether the customer can pay online from here, and
/// whether `returned` is a genuine return from the current checkout try.
pub fn annotate(payment: &mut Payment, settings: Option<&PaymentSettings>, returned: bool) {
    payment.pay_online = settings.is_some() && payment.state.can_pay();
    payment.returned = returned && payment.state == PaymentState::AwaitingPayment;
}

/// The signature of try `attempt`'s return to order `order_id`.
fn return_signature(key: &[u8], order_id: &str, attempt: u32) -> String {
    let mac = sign::sign(key, &format!("return.{order_id}"), i64::from(attempt), b"");
    // `v1,` and standard base64: made safe for a query string.
    mac.trim_start_matches("v1,").replace('+', "-").replace('/', "_").trim_end_matches('=').to_owned()
}

/// The `payment_return` value of try `attempt`'s return URL: the try and its signature.
pub fn return_token(settings: &PaymentSettings, order_id: &str, attempt: u32) -> String {
    format!("{attempt}.{}", return_signature(&settings.key.0, order_id, attempt))
}

/// Whether `token` is the return of the current try `attempt` of `order_id` (a forged one, or
/// one of an earlier try, is not).
pub fn is_current_return(settings: &PaymentSettings, order_id: &str, attempt: u32, token: &str) -> bool {
    let Some((n, signature)) = token.split_once('.') else { return false };
    let expected = return_signature(&settings.key.0, order_id, attempt);
    n.parse::<u32>().ok() == Some(attempt) && attempt > 0 && bool::from(subtle::ConstantTimeEq::ct_eq(signature.as_bytes(), expected.as_bytes()))
}

/// Why the checkout could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    /// The endpoint could not be reached, timed out or answered with an error.
    #[error("the provider's checkout did not answer: {0}")]
    Unreachable(String),
    /// It answered, but not with a usable checkout URL.
    #[error("the provider's checkout answered with no usable URL")]
    BadAnswer,
}

/// What the provider's checkout endpoint is sent for try `attempt` of `order`.
pub fn request(order: &ProviderOrder, catalog: &onramp_api::Catalog, attempt: u32, return_url: String) -> Option<CheckoutRequest> {
    let plan = order.sections.plan.as_ref()?;
    let org = order.sections.organization.as_ref()?;
    let quote = onramp_api::pricing::quote(catalog, plan)?;
    Some(CheckoutRequest {
        order_id: order.order.id.clone(),
        attempt,
        method: org.billing.payment_method,
        amount_minor: quote.amount_due(),
        currency: quote.currency.clone(),
        billing: plan.billing,
        customer_name: org.name.clone(),
        customer_email: org.billing.email.clone().filter(|e| !e.trim().is_empty()).unwrap_or_else(|| org.contact_email.clone()),
        locale: order.locale.clone(),
        return_url,
    })
}

/// Posts `request` to the provider's checkout endpoint, signed as the order webhooks are
/// (`webhook-id` is `checkout_<order>_<try>`), and returns the checkout page it names.
pub async fn open_checkout(settings: &PaymentSettings, request: &CheckoutRequest) -> Result<CheckoutSession, CheckoutError> {
    let body = serde_json::to_vec(request).map_err(|_| CheckoutError::BadAnswer)?;
    let id = format!("checkout_{}_{}", request.order_id, request.attempt);
    let timestamp = crate::time::now();
    let signature = sign::sign(&settings.key.0, &id, timestamp, &body);
    let answer = settings
        .http
        .post(&settings.checkout_url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(HEADER_ID, &id)
        .header(HEADER_TIMESTAMP, timestamp.to_string())
        .header(HEADER_SIGNATURE, signature)
        .body(body)
        .send()
        .await
        .map_err(|e| CheckoutError::Unreachable(if e.is_timeout() { "no answer in time".into() } else { "could not connect".into() }))?;
    if !answer.status().is_success() {
        return Err(CheckoutError::Unreachable(format!("it answered {}", answer.status())));
    }
    // A checkout answer is a URL in a small JSON object; anything larger is not one.
    let bytes = answer.bytes().await.map_err(|_| CheckoutError::BadAnswer)?;
    if bytes.len() > 8192 {
        return Err(CheckoutError::BadAnswer);
    }
    let session: CheckoutSession = serde_json::from_slice(&bytes).map_err(|_| CheckoutError::BadAnswer)?;
    if session.is_usable() {
        Ok(session)
    } else {
        Err(CheckoutError::BadAnswer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> PaymentSettings {
        PaymentSettings {
            checkout_url: "http://127.0.0.1:9/checkout".into(),
            key: Hidden(vec![7; 32]),
            http: crate::delivery::post::client(std::time::Duration::from_secs(1)),
            start_card: StartWhen::Paid,
            start_sepa_debit: StartWhen::Pending,
        }
    }

    #[test]
    fn only_the_current_try_returns() {
        let s = settings();
        let token = return_token(&s, "or_1", 2);
        assert!(is_current_return(&s, "or_1", 2, &token));
        assert!(!is_current_return(&s, "or_1", 3, &token), "an earlier try's return, replayed");
        assert!(!is_current_return(&s, "or_2", 2, &token), "another order's");
        assert!(!is_current_return(&s, "or_1", 2, "2.forged"));
        assert!(!is_current_return(&s, "or_1", 0, &return_token(&s, "or_1", 0)));
        assert!(!token.contains(['+', '/', '=']), "{token}");
    }

    #[test]
    fn the_rules_hold_what_the_file_says() {
        let s = settings();
        assert!(!new_payment(Some(&s), PaymentMethod::Invoice).hold);
        assert!(new_payment(Some(&s), PaymentMethod::Card).hold);
        assert!(new_payment(Some(&s), PaymentMethod::SepaDebit).hold);
        assert!(!new_payment(None, PaymentMethod::Card).hold, "without a checkout the provider collects by itself");
        assert!(!rule(Some(&s), PaymentMethod::SepaDebit).holds(PaymentState::Pending));
        assert!(rule(Some(&s), PaymentMethod::Card).holds(PaymentState::Pending));
    }
}
