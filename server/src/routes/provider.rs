//! The provider's own calls, authenticated with the provider API key: `GET /provider/orders/{id}`
//! reads an order with every section it was placed with, `GET /provider/orders/{id}/mastodon` the
//! Mastodon configuration it becomes; `POST
//! /provider/orders/{id}/steps/{kind}` reports a provisioning step running, done or failed,
//! with a message the customer reads on the status page.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::routing::{get, post};
use axum::{Json, Router};
use onramp_api::mastodon::MastodonConfig;
use onramp_api::order::{Order, ProviderOrder, StepKind};
use onramp_api::webhook::StepReport;
use onramp_api::Problem;

use super::signups::blocking;
use crate::auth::ProviderKey;
use crate::problem::ApiError;
use crate::AppState;

/// The provider's calls.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/provider/orders/{id}", get(order))
        .route("/provider/orders/{id}/mastodon", get(mastodon))
        .route("/provider/orders/{id}/steps/{kind}", post(report))
        .route("/provider/orders/{id}/payment", post(payment))
}

#[utoipa::path(
    get, path = "/provider/orders/{id}", operation_id = "provider_read_order", tag = "provider", security(("provider_key" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The order with every section it was placed with.", body = onramp_api::order::ProviderOrder),
        (status = 401, description = "The provider API key is missing or wrong.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No provider API key is configured on this server: the provider's calls are off.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn order(
    _: ProviderKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], Json<ProviderOrder>), ApiError> {
    let order = blocking(move || state.db.provider_order(&id)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(order)))
}

/// The order as the Mastodon configuration it becomes.
#[utoipa::path(
    get, path = "/provider/orders/{id}/mastodon", operation_id = "provider_mastodon_config", tag = "provider", security(("provider_key" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The Mastodon configuration the order becomes.", body = onramp_api::mastodon::MastodonConfig),
        (status = 401, description = "The provider API key is missing or wrong.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No provider API key is configured on this server: the provider's calls are off.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn mastodon(
    _: ProviderKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], Json<MastodonConfig>), ApiError> {
    let order = blocking(move || state.db.provider_order(&id)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(onramp_api::mastodon::render(&order.sections, &order.locale))))
}

#[utoipa::path(
    post, path = "/provider/orders/{id}/steps/{kind}", operation_id = "provider_report_step", tag = "provider", security(("provider_key" = [])),
    params(("id" = String, Path, description = "The order's id."), ("kind" = onramp_api::order::StepKind, Path, description = "The provisioning step.")),
    request_body(content = onramp_api::webhook::StepReport, content_type = "application/json"),
    responses(
        (status = 200, description = "The order after the report.", body = onramp_api::order::Order),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 401, description = "The provider API key is missing or wrong.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No provider API key is configured on this server: the provider's calls are off.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order or step.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Provisioning is simulated on this server.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused by the contract's rules, or JSON that does not match the schema: each error has the JSON pointer of its field and a code.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn report(_: ProviderKey, State(state): State<AppState>, Path((id, kind)): Path<(String, String)>, body: Bytes) -> Result<Json<Order>, ApiError> {
    if state.delivery.endpoints.is_empty() {
        return Err(ApiError(Problem::new(onramp_api::types::CONFLICT, 409, "Provisioning is simulated here").with_detail(
            "This server moves orders on by itself; configure [[webhooks]] to be told of orders and report their steps.",
        )));
    }
    let Some(kind) = StepKind::parse(&kind) else {
        let known: Vec<&str> = StepKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(ApiError(Problem::new(onramp_api::types::NOT_FOUND, 404, "No such step").with_detail(format!("No step {kind:?}; the steps are {}.", known.join(", ")))));
    };
    let report: StepReport = crate::problem::json_body(&body, "Expected {\"state\": \"running\" | \"done\" | \"failed\", \"message\": \"…\"}")?;
    let errors = report.check();
    if !errors.is_empty() {
        return Err(ApiError(Problem::validation(errors)));
    }
    let order = blocking(move || state.db.report_step(&id, kind, &report)).await?;
    order.map(Json).ok_or_else(ApiError::not_found)
}

/// The provider's payment system reports a payment: paid, failed (with what the customer can
/// do) or pending. Provisioning starts when the provider's rule says so; the same report twice
/// changes nothing more.
#[utoipa::path(
    post, path = "/provider/orders/{id}/payment", operation_id = "provider_report_payment", tag = "provider", security(("provider_key" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    request_body(content = onramp_api::payment::PaymentReport, content_type = "application/json"),
    responses(
        (status = 200, description = "The order after the report.", body = onramp_api::order::Order),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 401, description = "The provider API key is missing or wrong.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No provider API key is configured on this server: the provider's calls are off.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The order is paid by invoice: there is no payment to report.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused by the contract's rules, or JSON that does not match the schema: each error has the JSON pointer of its field and a code.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn payment(_: ProviderKey, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Result<Json<Order>, ApiError> {
    let report: onramp_api::payment::PaymentReport = crate::problem::json_body(&body, "Expected {\"state\": \"paid\" | \"failed\" | \"pending\", \"reason\": \"…\"}")?;
    let errors = report.check();
    if !errors.is_empty() {
        return Err(ApiError(Problem::validation(errors)));
    }
    let (db, order_id) = (state.db.clone(), id.clone());
    let current = blocking(move || db.provider_order(&order_id)).await?;
    let Some(now) = current.order.payment else { return Err(ApiError::not_found()) };
    if now.method == onramp_api::PaymentMethod::Invoice {
        return Err(ApiError(Problem::new(onramp_api::types::NOTHING_TO_PAY, 409, "Paid by invoice").with_detail("This order is paid by invoice; there is no card or SEPA payment to report.")));
    }
    let to = report.state.state();
    // Once provisioning has started it does not stop again for a later report.
    let hold = now.holds_provisioning && crate::payments::rule(state.payments.as_deref(), now.method).holds(to);
    let reason = report.reason.as_deref().map(str::trim).filter(|r| !r.is_empty() && to == onramp_api::payment::PaymentState::Failed).map(str::to_owned);
    let mut order = blocking(move || state.db.report_payment(&id, to, reason.as_deref(), hold)).await?.ok_or_else(ApiError::not_found)?;
    if let Some(p) = order.payment.as_mut() {
        p.pay_online = false;
    }
    Ok(Json(order))
}
