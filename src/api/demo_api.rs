//! The demo backend as the client sees it: calls through a vtable, so that the demo's code, the
//! contract's rules and the sample data it carries are a chunk of their own (`demo_backend`),
//! fetched only in demo mode (see [`super::demo::backend`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use onramp_api::asset::{Asset, AssetKind};
use onramp_api::order::Order;
use onramp_api::{Catalog, CreatedSignup, DraftSections, Signup};

use super::upload::UploadFailure;
use super::{AppError, DraftKey};

/// A boxed future of the demo's answers.
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Every call the demo backend answers (see [`super::demo::DemoBackend`]).
#[allow(missing_docs)]
pub trait DemoApi: Send + Sync {
    fn catalog(&self) -> Answer<'_, Result<Catalog, AppError>>;
    fn availability<'a>(&'a self, name: &'a str, base: Option<&'a str>) -> Answer<'a, Result<onramp_api::domain::Availability, AppError>>;
    fn verify_domain<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<onramp_api::dns::Verification, AppError>>;
    fn create_signup(&self) -> Answer<'_, Result<CreatedSignup, AppError>>;
    /// A draft prefilled with a named sample scenario; `None` for an unknown name.
    fn seed_scenario(&self, name: &str) -> Option<DraftKey>;
    fn signup<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<Signup, AppError>>;
    fn update_signup<'a>(&'a self, key: &'a DraftKey, version: u64, patch: &'a DraftSections) -> Answer<'a, Result<Signup, AppError>>;
    fn upload_asset<'a>(&'a self, key: &'a DraftKey, kind: AssetKind, file: &'a web_sys::Blob, progress: Box<dyn Fn(f64)>) -> Answer<'a, Result<Asset, UploadFailure>>;
    fn asset_url<'a>(&'a self, key: &'a DraftKey, id: &'a str) -> Answer<'a, Result<String, AppError>>;
    fn submit<'a>(&'a self, key: &'a DraftKey, idempotency_key: &'a str) -> Answer<'a, Result<Order, AppError>>;
    fn order<'a>(&'a self, token: &'a str, order_id: &'a str) -> Answer<'a, Result<Order, AppError>>;
    fn retry_order<'a>(&'a self, token: &'a str, order_id: &'a str) -> Answer<'a, Result<Order, AppError>>;
    fn send_resume_link<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<(), AppError>>;
    /// A sample partner's settings.
    fn partner(&self, id: &str) -> Result<onramp_api::embed::Partner, AppError>;
}

/// The demo backend, shared.
pub type Demo = Arc<dyn DemoApi>;
