//! `GET /catalog`: what is sold.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;

use crate::AppState;

/// `GET /catalog`.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route("/catalog", axum::routing::get(get_catalog))
}

#[utoipa::path(
    get, path = "/catalog", operation_id = "get_catalog", tag = "catalog",
    responses((status = 200, description = "The plans, add-ons, support tiers, shared domains and the provider.", body = onramp_api::Catalog))
)]
pub async fn get_catalog(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(state.catalog.as_ref().clone()))
}
