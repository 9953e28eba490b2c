//! The `/api/v1` routes.

mod assets;
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
        .route(
            "/signups/{id}",
            get(signups::read)
                .patch(signups::update)
                .layer(axum::extract::DefaultBodyLimit::max(crate::DRAFT_BODY_LIMIT)),
        )
        .route("/signups/{id}/domain/verification", axum::routing::post(signups::verify_domain))
        .route(
            "/signups/{id}/assets",
            axum::routing::post(assets::upload)
                .layer(axum::extract::DefaultBodyLimit::max(assets::UPLOAD_LIMIT)),
        )
        .route("/signups/{id}/assets/{asset}", get(assets::read))
        .fallback(problem::not_found)
}
