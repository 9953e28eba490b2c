//! `POST /signups/{id}/submit` (with `Idempotency-Key`), `GET /orders/{id}`,
//! `POST /orders/{id}/retry`, and `POST /signups/{id}/resume-link` (mails the link to continue).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use onramp_api::order::{check_submittable, is_idempotency_key, Order, SubmitRequest, IDEMPOTENCY_KEY};
use onramp_api::{validate, Problem};

use super::signups::{asset_checks, blocking};
use crate::auth::ResumeToken;
use crate::delivery::mail;
use crate::problem::ApiError;
use crate::AppState;

/// Submit, orders and their retry, resume links.
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/signups/{id}/submit", post(submit))
        .route("/signups/{id}/resume-link", post(resume_link))
        .route("/orders/{id}", get(read))
        .route("/orders/{id}/retry", post(retry))
        .route("/orders/{id}/checkout", post(checkout))
}

#[utoipa::path(
    post, path = "/signups/{id}/submit", operation_id = "submit_signup", tag = "orders", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id."), ("Idempotency-Key" = String, Header, description = "16 to 128 letters, digits, - or _: the same key gives the same order.")),
    request_body(content = onramp_api::order::SubmitRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The order, placed now.", body = onramp_api::order::Order),
        (status = 200, description = "The order this key (or this draft) placed before.", body = onramp_api::order::Order),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The draft was left too long and is deleted.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The draft is not complete or breaks a rule (each error with its pointer), or the key was used for another draft.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 428, description = "Idempotency-Key is missing.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .ok_or_else(ApiError::idempotency_key_required)?
        .to_owned();
    if !is_idempotency_key(&key) {
        return Err(ApiError::malformed("Idempotency-Key: send 16 to 128 letters, digits, - or _ (a UUID works)."));
    }
    let request: SubmitRequest = crate::problem::json_body(&body, "Expected {\"accept_terms\": true}")?;
    let signup = {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.get_signup(&id, &token)).await?
    };
    // A draft already ordered answers with its order before anything is checked again.
    if signup.order_id.is_none() {
        let sections = &signup.sections;
        let mut errors = check_submittable(sections, &request);
        errors.extend(validate::validate_sections(sections, &state.catalog));
        errors.extend(validate::validate_across(sections, &state.catalog));
        if let (true, Some(domain)) = (errors.is_empty(), sections.domain.clone()) {
            let (db, shared) = (state.db.clone(), state.catalog.shared_domains.clone());
            errors = blocking(move || super::domains::server_checks(db.as_ref(), &domain, &shared)).await?;
        }
        if let (true, Some(branding)) = (errors.is_empty(), sections.branding.as_ref()) {
            errors = asset_checks(&state, &id, branding).await?;
        }
        if !errors.is_empty() {
            // A submit racing this one may have ordered the draft meanwhile (and taken its
            // domain): then the answer is that order, not a complaint about the domain.
            let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
            let now = blocking(move || db.get_signup(&id, &token)).await?;
            if now.order_id.is_none() {
                return Err(ApiError(Problem::validation(errors)));
            }
        }
    }
    let sections = signup.sections;
    let locale = customer_language(&state, &headers);
    let method = sections.organization.as_ref().map(|o| o.billing.payment_method).unwrap_or_default();
    let payment = crate::payments::new_payment(state.payments.as_deref(), method);
    let (mut order, created) = {
        let (db, id, token, locale) = (state.db.clone(), id.clone(), token.clone(), locale.clone());
        blocking(move || db.submit(&id, &token, &key, &sections, &locale, &payment)).await?
    };
    if created {
        // The confirmation: what was ordered, at which price and VAT, how to pay, the references.
        let (db, order_id, catalog) = (state.db.clone(), order.id.clone(), state.catalog.clone());
        let link = format!("{}/status/{}?locale={locale}", state.public_url.trim_end_matches('/'), order.id);
        blocking(move || {
            let full = db.provider_order(&order_id)?;
            match mail::order_confirmation(&full, &catalog, &link) {
                Some(mail) => db.queue_mail(&format!("confirmation-{order_id}"), &mail),
                None => Ok(()),
            }
        })
        .await?;
    }
    annotate(&state, &mut order, false);
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(order)).into_response())
}

/// What depends on this server in an order's payment (see [`crate::payments::annotate`]).
fn annotate(state: &AppState, order: &mut Order, returned: bool) {
    if let Some(payment) = order.payment.as_mut() {
        crate::payments::annotate(payment, state.payments.as_deref(), returned);
    }
}

/// `?payment_return=`: the signed return from the provider's checkout.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ReadQuery {
    /// The try and its signature, as the return URL carries them.
    #[serde(default)]
    pub payment_return: Option<String>,
}

#[utoipa::path(
    get, path = "/orders/{id}", operation_id = "read_order", tag = "orders", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The order's id."), ("payment_return" = Option<String>, Query, description = "The signed return from the provider's checkout (the return URL's value): `payment.returned` says whether it is the current try's.")),
    responses(
        (status = 200, description = "The order and its provisioning steps.", body = onramp_api::order::Order),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order, or the token does not open it.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
    axum::extract::Query(query): axum::extract::Query<ReadQuery>,
) -> Result<Json<Order>, ApiError> {
    let (db, order_id) = (state.db.clone(), id.clone());
    let mut order = blocking(move || db.order(&order_id, &token)).await?;
    // A return counts only when its signature is right and it is the latest try's: a forged or
    // replayed one is ignored (and changes nothing either way: only the provider's report does).
    let returned = match (query.payment_return.as_deref(), state.payments.as_deref()) {
        (Some(token), Some(settings)) => {
            let (db, order_id) = (state.db.clone(), id.clone());
            let attempts = blocking(move || db.checkout_attempts(&order_id)).await?;
            crate::payments::is_current_return(settings, &id, attempts, token)
        }
        _ => false,
    };
    annotate(&state, &mut order, returned);
    Ok(Json(order))
}

/// Opens the provider's checkout for an order paid by card or SEPA that is not paid yet: a new
/// try each time (a failed or abandoned payment is tried again on the same order).
#[utoipa::path(
    post, path = "/orders/{id}/checkout", operation_id = "open_checkout", tag = "orders", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The provider's checkout page for this try: send the browser there (top-level).", body = onramp_api::payment::CheckoutSession),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order, or the token does not open it.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to pay online: paid by invoice, already paid or pending, or this server hands no payments to a checkout.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 502, description = "The provider's checkout did not answer with a page; try again in a moment.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn checkout(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Json<onramp_api::payment::CheckoutSession>, ApiError> {
    let nothing_to_pay = || ApiError(Problem::new(onramp_api::types::NOTHING_TO_PAY, 409, "Nothing to pay online").with_detail("This order is paid by invoice, already paid or pending, or payments are not handed to a checkout here."));
    let Some(settings) = state.payments.clone() else { return Err(nothing_to_pay()) };
    let current = {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.order(&id, &token)).await?
    };
    if !current.payment.as_ref().is_some_and(|p| p.state.can_pay()) {
        return Err(nothing_to_pay());
    }
    let (full, attempt) = {
        let (db, id) = (state.db.clone(), id.clone());
        blocking(move || db.begin_checkout(&id, &token)).await?
    };
    // Back in the customer's language (the browser's own may be another).
    let return_url = format!(
        "{}/status/{}?locale={}&payment_return={}",
        state.public_url.trim_end_matches('/'),
        id,
        full.locale,
        crate::payments::return_token(&settings, &id, attempt)
    );
    let request = crate::payments::request(&full, &state.catalog, attempt, return_url).ok_or_else(ApiError::internal)?;
    match crate::payments::open_checkout(&settings, &request).await {
        Ok(session) => Ok(Json(session)),
        Err(e) => {
            tracing::warn!(order = %id, attempt, error = %e, "checkout not opened");
            Err(ApiError(Problem::new(onramp_api::types::CHECKOUT_UNAVAILABLE, 502, "The payment page could not be opened").with_detail("The provider's payment service did not answer; try again in a moment.")))
        }
    }
}

#[utoipa::path(
    post, path = "/orders/{id}/retry", operation_id = "retry_order", tag = "orders", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The order with its failed step started again.", body = onramp_api::order::Order),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order, or the token does not open it.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "No step of this order has failed.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn retry(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Json<Order>, ApiError> {
    let db = state.db.clone();
    let mut order = blocking(move || db.retry_failed(&id, &token)).await?;
    annotate(&state, &mut order, false);
    Ok(Json(order))
}

/// The customer's language: the app's choice, which it sends as `Accept-Language`; the
/// catalogue's default language where that names none the mail is written in.
fn customer_language(state: &AppState, headers: &HeaderMap) -> String {
    let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    mail::language(accept, &state.catalog.default_language)
}

/// Queues the mail, to the organization's contact address, with the link that opens the draft on
/// another device.
#[utoipa::path(
    post, path = "/signups/{id}/resume-link", operation_id = "send_resume_link", tag = "signups", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id.")),
    responses(
        (status = 202, description = "The link that opens the draft is on its way to the contact address."),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No contact address is saved yet (pointer /organization/contact_email).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many of these calls from this client for now.", body = onramp_api::Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn resume_link(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
    headers: HeaderMap,
) -> Result<StatusCode, Response> {
    let signup = {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.get_signup(&id, &token)).await?
    };
    let Some(email) = signup.sections.organization.map(|o| o.contact_email).filter(|e| !e.is_empty()) else {
        return Err(ApiError(Problem::validation(vec![onramp_api::FieldError::new(
            "/organization/contact_email",
            onramp_api::ErrorCode::Required,
            "Save a contact email first; the link is sent there.",
        )]))
        .into());
    };
    if state.delivery.mailer.is_none() {
        return Err(ApiError::internal().into());
    }
    // Held to a few a day per draft and per address: the address is the customer's word, not
    // yet verified, so the link must not become a way to flood someone's mailbox.
    let allowed = {
        let (db, id, email, limits) = (state.db.clone(), id.clone(), email.clone(), state.mail_limits);
        blocking(move || db.reserve_mail(&id, &email, limits)).await?
    };
    if let Err(seconds) = allowed {
        return Err(crate::limit::too_many(seconds, "The link was mailed a moment ago; look in your inbox, or try again later.").into_response());
    }
    let link = format!("{}/resume#draft={}&token={}", state.public_url.trim_end_matches('/'), id, token);
    let locale = customer_language(&state, &headers);
    let mail = mail::resume_link(&email, &locale, &state.catalog.provider.name, &link, &signup.expires_at);
    let mail_id = format!("resume-{}", crate::db::random_hex(10).map_err(|_| ApiError::internal())?);
    blocking(move || state.db.queue_mail(&mail_id, &mail)).await?;
    Ok(StatusCode::ACCEPTED)
}
