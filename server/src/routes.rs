//! The `/api/v1` routes.

mod assets;
mod catalog;
mod orders;
mod partners;
pub(crate) mod domains;
mod signups;

pub(crate) use signups::verify;

use axum::routing::get;
use axum::Router;

use crate::{problem, AppState};

/// Every API route, relative to `/api/v1`.
pub fn router(state: AppState) -> Router<AppState> {
    use axum::middleware::from_fn_with_state;
    Router::new()
        .route("/catalog", get(catalog::get_catalog))
        .route(
            "/domains/availability",
            get(domains::availability).route_layer(from_fn_with_state(state.clone(), crate::limit::availability)),
        )
        .route(
            "/signups",
            axum::routing::post(signups::create).route_layer(from_fn_with_state(state.clone(), crate::limit::create)),
        )
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
        .route("/signups/{id}/submit", axum::routing::post(orders::submit))
        .route("/signups/{id}/resume-link", axum::routing::post(orders::resume_link))
        .route("/orders/{id}", get(orders::read))
        .route(crate::headers::REPORT_PATH, axum::routing::post(crate::headers::report))
        .route("/orders/{id}/retry", axum::routing::post(orders::retry))
        .route("/partners/{id}", get(partners::read))
        .route(
            "/events",
            axum::routing::post(partners::events).route_layer(from_fn_with_state(state, crate::limit::events)),
        )
        .fallback(problem::not_found)
}
