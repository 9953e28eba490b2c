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
}

async fn order(
    _: ProviderKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], Json<ProviderOrder>), ApiError> {
    let order = blocking(move || state.db.provider_order(&id)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(order)))
}

/// The order as the Mastodon configuration it becomes.
async fn mastodon(
    _: ProviderKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], Json<MastodonConfig>), ApiError> {
    let order = blocking(move || state.db.provider_order(&id)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(onramp_api::mastodon::render(&order.sections, &order.locale))))
}

async fn report(_: ProviderKey, State(state): State<AppState>, Path((id, kind)): Path<(String, String)>, body: Bytes) -> Result<Json<Order>, ApiError> {
    if state.delivery.endpoints.is_empty() {
        return Err(ApiError(Problem::new(onramp_api::types::CONFLICT, 409, "Provisioning is simulated here").with_detail(
            "This server moves orders on by itself; configure [[webhooks]] to be told of orders and report their steps.",
        )));
    }
    let Some(kind) = StepKind::parse(&kind) else {
        let known: Vec<&str> = StepKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(ApiError(Problem::new(onramp_api::types::NOT_FOUND, 404, "No such step").with_detail(format!("No step {kind:?}; the steps are {}.", known.join(", ")))));
    };
    let report: StepReport = serde_json::from_slice(&body)
        .map_err(|e| ApiError::malformed(format!("Expected {{\"state\": \"running\" | \"done\" | \"failed\", \"message\": \"…\"}}: {e}")))?;
    let errors = report.check();
    if !errors.is_empty() {
        return Err(ApiError(Problem::validation(errors)));
    }
    let order = blocking(move || state.db.report_step(&id, kind, &report)).await?;
    order.map(Json).ok_or_else(ApiError::not_found)
}
