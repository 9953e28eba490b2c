//! `GET /partners/{id}`: an embedding partner's settings; `GET /partners/{id}/embed-check`: whether
//! a page may embed the app (public, readable from any origin); and `POST /events`: funnel events.

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
        .route("/partners/{id}/embed-check", get(embed_check))
        .route("/events", post(events).route_layer(from_fn_with_state(state.clone(), crate::limit::events)))
}

#[utoipa::path(
    get, path = "/partners/{id}", operation_id = "read_partner", tag = "partners",
    params(("id" = String, Path, description = "The partner's id.")),
    responses(
        (status = 200, description = "An embedding partner's settings.", body = onramp_api::embed::Partner),
        (status = 404, description = "No partner has this id.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(State(state): State<AppState>, Path(id): Path<String>) -> Result<impl IntoResponse, ApiError> {
    let partner = state.partners.iter().find(|p| p.id == id).cloned().ok_or_else(ApiError::not_found)?;
    Ok(([(header::CACHE_CONTROL, "no-cache")], Json(partner)))
}

/// `?origin=…&ancestors=…` of an embed check.
#[derive(serde::Deserialize)]
pub struct CheckQuery {
    #[serde(default)]
    origin: String,
    #[serde(default)]
    ancestors: String,
}

/// Answers `embed.js` on a partner's page: its verdict, with `Access-Control-Allow-Origin: *`
/// (the same origins are public in every embed page's `frame-ancestors`; nothing here is
/// secret, and no credentials are read).
#[utoipa::path(
    get, path = "/partners/{id}/embed-check", operation_id = "embed_check", tag = "partners",
    params(
        ("id" = String, Path, description = "The partner's id."),
        ("origin" = String, Query, description = "The embedding page's exact origin."),
        ("ancestors" = Option<String>, Query, description = "The origins of the frames that page is in, nearest first, comma-separated."),
    ),
    responses(
        (status = 200, description = "The verdict, readable from any origin (Access-Control-Allow-Origin: *).", body = onramp_api::embed_check::EmbedCheck),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn embed_check(State(state): State<AppState>, Path(id): Path<String>, query: Result<axum::extract::Query<CheckQuery>, axum::extract::rejection::QueryRejection>) -> axum::response::Response {
    use onramp_api::embed_check::{check, parse_ancestors, CheckError};
    let cors = [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"), (header::CACHE_CONTROL, "no-cache")];
    let Ok(axum::extract::Query(q)) = query else {
        return (cors, ApiError::malformed("Give ?origin= (and ?ancestors=, comma-separated) as text.")).into_response();
    };
    let verdict = parse_ancestors(&q.ancestors).and_then(|ancestors| check(&state.partners, &id, &q.origin, &ancestors));
    match verdict {
        Ok(answer) => (cors, Json(answer)).into_response(),
        Err(CheckError::Origin) => (cors, ApiError::malformed("?origin= must be the embedding page's exact origin, such as https://example.org.")).into_response(),
        Err(CheckError::Ancestors) => (cors, ApiError::malformed("?ancestors= must be at most 8 exact origins, comma-separated.")).into_response(),
    }
}

#[utoipa::path(
    post, path = "/events", operation_id = "post_events", tag = "partners",
    request_body(content = onramp_api::funnel::EventBatch, content_type = "application/json"),
    responses(
        (status = 204, description = "Stored."),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many of these calls from this client for now.", body = onramp_api::Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn events(State(state): State<AppState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let batch: EventBatch = crate::problem::json_body(&body, "Expected a batch of funnel events")?;
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
