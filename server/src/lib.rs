//! Onramp's reference hosting backend: the `/api/v1` JSON API over an embedded SQLite database,
//! and the built app from the same origin.
//!
//! [`app`] builds the whole service as a `Router`, so tests drive it with `oneshot` and `main`
//! only binds it to a socket.

mod db;
mod problem;
mod routes;
mod time;

pub use db::{Db, DbError};

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use onramp_api::Catalog;
use tower_http::services::{ServeDir, ServeFile};

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The drafts.
    pub db: Db,
    /// What is sold.
    pub catalog: Arc<Catalog>,
    /// The built app (Trunk's `dist/`), if it is served from here.
    pub static_dir: Option<PathBuf>,
}

impl AppState {
    /// State over a database with the sample catalogue.
    pub fn new(db: Db) -> Self {
        Self { db, catalog: Arc::new(onramp_api::sample::catalog()), static_dir: None }
    }

    /// Serves the built app from `dir` beside the API.
    pub fn with_static_dir(mut self, dir: PathBuf) -> Self {
        self.static_dir = Some(dir);
        self
    }
}

/// The whole service: `/api/v1` and, when configured, the app with a fallback to `index.html`
/// so that every step's URL can be loaded directly.
pub fn app(state: AppState) -> Router {
    let api = routes::router().layer(DefaultBodyLimit::max(BODY_LIMIT));
    let router = Router::new().nest(onramp_api::API_PREFIX, api);
    let router = match &state.static_dir {
        Some(dir) => router.fallback_service(
            ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html"))),
        ),
        None => router.fallback(problem::not_found),
    };
    router.with_state(state)
}
