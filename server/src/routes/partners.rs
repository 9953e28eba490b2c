//! `GET /partners/{id}`: an embedding partner's settings, and `POST /events`: funnel events.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use onramp_api::funnel::EventBatch;

use super::signups::blocking;
use crate::problem::ApiError;
use crate::AppState;

/// Partner settings, and funnel events (rate limited per client).
pub fn router(state: &AppState) -> axum::Router<AppState> {
    use axum::middleware::from_fn_with_state;
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/partners/{id}", get(read))
        .route("/events", post(events).route_layer(from_fn_with_state(state.clone(), crate::limit::events)))
}

pub async fn read(State(state): State<AppState>, Path(id): Path<String>) -> Result<impl IntoResponse, ApiError> {
    let partner = state.partners.iter().find(|p| p.id == id).cloned().ok_or_else(ApiError::not_found)?;
    Ok(([(header::CACHE_CONTROL, "no-cache")], Json(partner)))
}

pub async fn events(State(state): State<AppState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let batch: EventBatch = serde_json::from_slice(&body).map_err(|e| ApiError::malformed(format!("Expected a batch of funnel events: {e}")))?;
    if let Some(problem) = batch.problem() {
        return Err(ApiError::malformed(problem));
    }
    if batch.partner.as_ref().is_some_and(|p| !state.partners.iter().any(|k| &k.id == p)) {
        return Err(ApiError::malformed("Unknown partner id."));
    }
    let db = state.db.clone();
    blocking(move || db.add_events(&batch)).await?;
    Ok(StatusCode::NO_CONTENT)
}
