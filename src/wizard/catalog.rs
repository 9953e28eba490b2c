//! The catalogue, read once per app and shared by the steps: shown in the language in use and in
//! the currency chosen (the customer's choice, kept in the draft's plan section).

use leptos::prelude::*;
use onramp_api::Catalog;

use crate::api::{ApiClient, AppError};
use crate::i18n::use_locale;

/// The catalogue request as the server answered it; `refetch` retries it.
#[derive(Clone, Copy)]
pub struct CatalogContext(pub LocalResource<Result<Catalog, AppError>>);

/// The currency prices are shown and billed in; `None` is the catalogue's default.
#[derive(Clone, Copy)]
pub struct CurrencyContext(pub RwSignal<Option<String>>);

/// Starts reading the catalogue and provides it, and the chosen currency, to every step.
pub fn provide_catalog(client: ApiClient) {
    // The request goes out here (`catalog` sends it), while the rest of the page is built.
    let resource = LocalResource::new(move || client.catalog());
    provide_context(CatalogContext(resource));
    provide_context(CurrencyContext(RwSignal::new(None)));
}

/// The chosen currency.
pub fn use_currency() -> RwSignal<Option<String>> {
    use_context::<CurrencyContext>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(None))
}

/// The catalogue in the language in use and the chosen currency (`None` while it loads).
pub fn use_catalog() -> Option<Signal<Option<Result<Catalog, AppError>>>> {
    let raw = use_context::<CatalogContext>()?.0;
    let locale = use_locale();
    let currency = use_currency();
    Some(Signal::derive(move || {
        let language = locale.get();
        let currency = currency.get();
        raw.get().map(|r| {
            r.map(|c| {
                let c = c.localized(language.as_str());
                match currency {
                    Some(cur) => c.in_currency(&cur),
                    None => c,
                }
            })
        })
    }))
}

/// Reads the catalogue again (after a failure).
pub fn refetch_catalog() {
    if let Some(c) = use_context::<CatalogContext>() {
        c.0.refetch();
    }
}

/// The catalogue as served, in its default language and currency.
pub fn use_raw_catalog() -> Option<Catalog> {
    use_context::<CatalogContext>()?.0.get().and_then(Result::ok)
}
