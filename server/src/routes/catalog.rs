//! `GET /catalog`: what is sold.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;

use crate::AppState;

pub async fn get_catalog(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(state.catalog.as_ref().clone()))
}
