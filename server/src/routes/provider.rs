//! The provider's own calls, authenticated with the provider API key: `GET /provider/orders/{id}`
//! reads an order with every section it was placed with.

use axum::extract::{Path, State};
use axum::http::header;
use axum::routing::get;
use axum::{Json, Router};
use onramp_api::order::ProviderOrder;

use super::signups::blocking;
use crate::auth::ProviderKey;
use crate::problem::ApiError;
use crate::AppState;

/// The provider's calls.
pub fn router() -> Router<AppState> {
    Router::new().route("/provider/orders/{id}", get(order))
}

async fn order(
    _: ProviderKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], Json<ProviderOrder>), ApiError> {
    let order = blocking(move || state.db.provider_order(&id)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(order)))
}
