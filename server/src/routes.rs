//! The `/api/v1` routes.

mod catalog;
pub(crate) mod domains;
mod signups;

use axum::routing::get;
use axum::Router;

use crate::{problem, AppState};

/// Every API route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(catalog::get_catalog))
        .route("/domains/availability", get(domains::availability))
        .route("/signups", axum::routing::post(signups::create))
        .route("/signups/{id}", get(signups::read).patch(signups::update))
        .route("/signups/{id}/domain/verification", axum::routing::post(signups::verify_domain))
        .fallback(problem::not_found)
}
