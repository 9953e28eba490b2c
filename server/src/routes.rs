//! The `/api/v1` routes: each module brings its own `router()`, merged here.

mod assets;
mod catalog;
pub mod openapi;
pub(crate) mod domains;
mod orders;
mod partners;
mod provider;
mod signups;

pub(crate) use signups::verify;

use axum::Router;

use crate::{problem, AppState};

/// Every API route, relative to `/api/v1`.
pub fn router(state: AppState) -> Router<AppState> {
    use tower_http::timeout::TimeoutLayer;
    let status = axum::http::StatusCode::REQUEST_TIMEOUT;
    // Uploads get their own, longer deadline; every other call the request deadline. A request
    // past its deadline is answered 408 (problem+json, see `problem::api_answers`).
    let uploads = assets::router(&state).layer(TimeoutLayer::with_status_code(status, state.timeouts.upload));
    Router::new()
        .merge(catalog::router())
        .merge(domains::router(&state))
        .merge(signups::router(&state))
        .merge(orders::router())
        .merge(partners::router(&state))
        .merge(provider::router())
        .route("/openapi.json", axum::routing::get(openapi::serve))
        .route(
            crate::headers::REPORT_PATH,
            axum::routing::post(crate::headers::report).route_layer(axum::middleware::from_fn_with_state(state.clone(), crate::limit::reports)),
        )
        .layer(TimeoutLayer::with_status_code(status, state.timeouts.request))
        .merge(uploads)
        .fallback(problem::not_found)
}
