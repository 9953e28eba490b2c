//! The catalogue, read once per app and shared by the steps.

use leptos::prelude::*;
use onramp_api::Catalog;

use crate::api::{ApiClient, AppError};

/// The catalogue request; `refetch` retries it.
#[derive(Clone, Copy)]
pub struct CatalogContext(pub LocalResource<Result<Catalog, AppError>>);

/// Starts reading the catalogue and provides it to every step.
pub fn provide_catalog(client: ApiClient) {
    let resource = LocalResource::new(move || {
        let client = client.clone();
        async move { client.catalog().await }
    });
    provide_context(CatalogContext(resource));
}

/// The catalogue request.
pub fn use_catalog() -> Option<LocalResource<Result<Catalog, AppError>>> {
    use_context::<CatalogContext>().map(|c| c.0)
}
