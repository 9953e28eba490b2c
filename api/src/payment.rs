//! Paying for an order: where its payment stands, the hand-off to the provider's checkout (card
//! and SEPA direct debit are taken on the provider's page; Onramp never sees a card number or an
//! IBAN), the provider's report of the result, when provisioning may start, and the references
//! e-invoicing needs (the buyer reference, for German public bodies the Leitweg-ID, and the
//! PEPPOL participant id).

use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError, PaymentMethod};

/// Where an order's payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Paid by invoice: nothing to pay now; the invoice follows.
    Invoiced,
    /// Card or SEPA: the customer has not completed the provider's checkout yet.
    AwaitingPayment,
    /// The provider has the payment or the mandate, and the money is on its way (SEPA takes days).
    Pending,
    /// Paid.
    Paid,
    /// The provider could not take the payment; `reason` says what the customer can do.
    Failed,
}

impl PaymentState {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoiced => "invoiced",
            Self::AwaitingPayment => "awaiting_payment",
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Failed => "failed",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Invoiced, Self::AwaitingPayment, Self::Pending, Self::Paid, Self::Failed].into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the customer can (still or again) go to the provider's checkout.
    pub fn can_pay(self) -> bool {
        matches!(self, Self::AwaitingPayment | Self::Failed)
    }
}

/// An order's payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    /// How the organization pays.
    pub method: PaymentMethod,
    /// Where it stands.
    pub state: PaymentState,
    /// Why it failed, in the provider's words for the customer.
    #[serde(default)]
    pub reason: Option<String>,
    /// Whether provisioning waits for the payment (the provider's rule).
    pub holds_provisioning: bool,
    /// Whether the customer can go to the provider's checkout from here now.
    #[serde(default)]
    pub pay_online: bool,
    /// Whether this answer is to a genuine return from the current checkout try (the signed
    /// return URL): the app then says it waits for the provider's confirmation.
    #[serde(default)]
    pub returned: bool,
}

/// When provisioning may start for a payment method: the provider's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartWhen {
    /// At once, when the order is placed.
    Submitted,
    /// Once the provider reports the payment pending (a SEPA mandate given) or paid.
    Pending,
    /// Once the provider reports it paid.
    Paid,
}

impl StartWhen {
    /// Whether an order whose payment is in `state` waits.
    pub fn holds(self, state: PaymentState) -> bool {
        match self {
            Self::Submitted => false,
            Self::Pending => !matches!(state, PaymentState::Pending | PaymentState::Paid | PaymentState::Invoiced),
            Self::Paid => !matches!(state, PaymentState::Paid | PaymentState::Invoiced),
        }
    }
}

/// The payment an order starts with.
pub fn initial_state(method: PaymentMethod) -> PaymentState {
    match method {
        PaymentMethod::Invoice => PaymentState::Invoiced,
        PaymentMethod::Card | PaymentMethod::SepaDebit => PaymentState::AwaitingPayment,
    }
}

/// What the provider's payment system reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportedPayment {
    /// The money or the mandate is on its way.
    Pending,
    /// Paid.
    Paid,
    /// Not taken; a reason is required.
    Failed,
}

impl ReportedPayment {
    /// The state it puts the payment in.
    pub fn state(self) -> PaymentState {
        match self {
            Self::Pending => PaymentState::Pending,
            Self::Paid => PaymentState::Paid,
            Self::Failed => PaymentState::Failed,
        }
    }
}

/// Most characters of a failure reason.
pub const REASON_MAX: usize = 300;

/// Body of `POST /provider/orders/{id}/payment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentReport {
    /// The result.
    pub state: ReportedPayment,
    /// For a failure: what the customer can do, in their language (shown on the status page).
    #[serde(default)]
    pub reason: Option<String>,
}

impl PaymentReport {
    /// The report's errors: a failure needs a reason; a reason is plain text of at most 300 characters.
    pub fn check(&self) -> Vec<FieldError> {
        let reason = self.reason.as_deref().map(str::trim).unwrap_or_default();
        let mut errors = Vec::new();
        if self.state == ReportedPayment::Failed && reason.is_empty() {
            errors.push(FieldError::new("/reason", ErrorCode::Required, "Say why the payment failed and what the customer can do."));
        }
        if reason.chars().count() > REASON_MAX {
            errors.push(FieldError::new("/reason", ErrorCode::TooLong, format!("Use at most {REASON_MAX} characters.")));
        }
        if reason.chars().any(char::is_control) {
            errors.push(FieldError::new("/reason", ErrorCode::Invalid, "Plain text only, without control characters."));
        }
        errors
    }
}

/// What the reference server sends the provider's checkout endpoint (a POST signed like the
/// order webhooks): the provider answers with a [`CheckoutSession`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutRequest {
    /// The order.
    pub order_id: String,
    /// Counts the customer's tries, from 1: a new session for each.
    pub attempt: u32,
    /// Card or SEPA direct debit.
    pub method: PaymentMethod,
    /// What is due now, in minor units of `currency`, net (the provider adds VAT as it invoices).
    pub amount_minor: i64,
    /// ISO 4217.
    pub currency: String,
    /// `monthly` or `yearly`: a mandate or a card is kept for the next periods.
    pub billing: crate::Billing,
    /// The organization's name, for the checkout page.
    pub customer_name: String,
    /// Where the provider writes to.
    pub customer_email: String,
    /// The customer's language.
    pub locale: String,
    /// Where the checkout sends the customer back (signed; the status page of the order).
    pub return_url: String,
}

/// The provider's answer to a [`CheckoutRequest`], and the reference server's to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutSession {
    /// The provider's checkout page for this attempt (http or https).
    pub url: String,
}

impl CheckoutSession {
    /// Whether the URL is one a browser may be sent to: an absolute http(s) URL without
    /// credentials or control characters.
    pub fn is_usable(&self) -> bool {
        let url = self.url.as_str();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        url.len() <= 2000 && !url.chars().any(|c| c.is_control() || c.is_whitespace()) && host.is_some_and(|h| !h.is_empty() && !h.contains('@'))
    }
}

/// Most characters of a buyer reference (XRechnung BT-10 allows any text; 100 is room enough).
pub const BUYER_REFERENCE_MAX: usize = 100;

/// Checks a Leitweg-ID (the buyer reference of German public bodies), as the KoSIT's
/// "Formatspezifikation Leitweg-ID" 2.0.2 defines it: the coarse address (2 to 12 digits), an
/// optional fine address (up to 30 letters and digits), and two check digits, joined by hyphens;
/// the check digits are ISO/IEC 7064 MOD 97-10 over the addresses (letters as 10 to 35), so
/// that the whole, read as a number, leaves 1 when divided by 97.
pub fn check_leitweg_id(id: &str) -> Result<(), &'static str> {
    let parts: Vec<&str> = id.trim().split('-').collect();
    let (coarse, fine, check) = match parts.as_slice() {
        [coarse, check] => (*coarse, "", *check),
        [coarse, fine, check] => (*coarse, *fine, *check),
        _ => return Err("A Leitweg-ID has two or three parts joined by hyphens, such as 991-33333TEST-33."),
    };
    if !(2..=12).contains(&coarse.len()) || !coarse.bytes().all(|b| b.is_ascii_digit()) {
        return Err("The first part of a Leitweg-ID is 2 to 12 digits.");
    }
    if parts.len() == 3 && (fine.is_empty() || fine.len() > 30 || !fine.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())) {
        return Err("The middle part of a Leitweg-ID is 1 to 30 digits and capital letters.");
    }
    if check.len() != 2 || !check.bytes().all(|b| b.is_ascii_digit()) {
        return Err("A Leitweg-ID ends in two check digits.");
    }
    let remainder = coarse.chars().chain(fine.chars()).chain(check.chars()).fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        let acc = if value >= 10 { acc * 100 + value } else { acc * 10 + value };
        acc % 97
    });
    if remainder == 1 {
        Ok(())
    } else {
        Err("The check digits of this Leitweg-ID do not match; check it against your accounts department's letter.")
    }
}

/// Checks a PEPPOL participant id: an ISO 6523 code (four digits), a colon and the identifier
/// (1 to 50 letters, digits, `.`, `-` or `_`), optionally with the `iso6523-actorid-upis::`
/// scheme in front; returns it without the scheme.
pub fn check_peppol_id(id: &str) -> Result<String, &'static str> {
    let id = id.trim();
    let bare = id.strip_prefix("iso6523-actorid-upis::").unwrap_or(id);
    let help = "A PEPPOL participant id is a four-digit scheme, a colon and the identifier, such as 0204:991-33333TEST-33.";
    let (icd, value) = bare.split_once(':').ok_or(help)?;
    if icd.len() != 4 || !icd.bytes().all(|b| b.is_ascii_digit()) {
        return Err(help);
    }
    if value.is_empty() || value.len() > 50 || !value.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
        return Err(help);
    }
    Ok(bare.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leitweg_ids_are_checked_by_format_and_check_digits() {
        // The XRechnung test id and one from KoSIT's specification.
        assert_eq!(check_leitweg_id("991-33333TEST-33"), Ok(()));
        assert_eq!(check_leitweg_id("04011000-1234512345-06"), Ok(()));
        assert_eq!(check_leitweg_id(" 991-33333TEST-33 "), Ok(()));
        assert!(check_leitweg_id("991-33333TEST-34").is_err(), "one check digit off");
        assert!(check_leitweg_id("04011000-1234512346-06").is_err(), "one digit changed");
        assert!(check_leitweg_id("991-33333test-33").is_err(), "capital letters only");
        assert!(check_leitweg_id("9-33333TEST-33").is_err(), "coarse address too short");
        assert!(check_leitweg_id("991-33333TEST").is_err(), "no check digits");
        assert!(check_leitweg_id("991--33").is_err());
        assert!(check_leitweg_id("").is_err());
        assert!(check_leitweg_id("a-b-c-d").is_err());
        // Two parts: coarse address and check digits; the pair is right for exactly one value.
        let valid: Vec<u32> = (0..100).filter(|c| check_leitweg_id(&format!("991-{c:02}")).is_ok()).collect();
        assert_eq!(valid.len(), 1, "{valid:?}");
    }

    #[test]
    fn peppol_ids_take_the_scheme_or_not() {
        assert_eq!(check_peppol_id("0204:991-33333TEST-33").as_deref(), Ok("0204:991-33333TEST-33"));
        assert_eq!(check_peppol_id("iso6523-actorid-upis::0088:4035811991021").as_deref(), Ok("0088:4035811991021"));
        assert!(check_peppol_id("88:123").is_err());
        assert!(check_peppol_id("0088:").is_err());
        assert!(check_peppol_id("0088:a b").is_err());
        assert!(check_peppol_id("0088").is_err());
    }

    #[test]
    fn the_rule_holds_until_the_state_it_names() {
        use PaymentState::*;
        assert!(!StartWhen::Submitted.holds(AwaitingPayment));
        assert!(StartWhen::Pending.holds(AwaitingPayment) && StartWhen::Pending.holds(Failed));
        assert!(!StartWhen::Pending.holds(Pending) && !StartWhen::Pending.holds(Paid));
        assert!(StartWhen::Paid.holds(Pending) && !StartWhen::Paid.holds(Paid));
        assert!(!StartWhen::Paid.holds(Invoiced));
        assert_eq!(initial_state(PaymentMethod::Invoice), Invoiced);
        assert_eq!(initial_state(PaymentMethod::Card), AwaitingPayment);
    }

    #[test]
    fn reports_and_checkout_urls_are_checked() {
        assert!(!PaymentReport { state: ReportedPayment::Failed, reason: None }.check().is_empty());
        assert!(PaymentReport { state: ReportedPayment::Failed, reason: Some("Card declined; try another card.".into()) }.check().is_empty());
        assert!(!PaymentReport { state: ReportedPayment::Paid, reason: Some("x".repeat(301)) }.check().is_empty());
        let ok = |u: &str| CheckoutSession { url: u.into() }.is_usable();
        assert!(ok("https://pay.example/s/123?x=1") && ok("http://127.0.0.1:9000/checkout/1"));
        assert!(!ok("javascript:alert(1)") && !ok("https://user@evil.example/") && !ok("https://") && !ok("/relative") && !ok("https://a.example/\n"));
    }
}
