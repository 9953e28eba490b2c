//! Onramp: self-service onboarding for managed fediverse hosting, as a Leptos CSR app.
//!
//! [`App`] wires configuration, language, the API client, the draft store and the router; the
//! steps live in [`wizard::steps`], one file per route.

pub mod api;
pub mod brand;
pub mod browser;
pub mod chunks;
pub mod components;
pub mod config;
pub mod embed;
pub mod funnel;
pub mod format;
pub mod i18n;
mod i18n_fr;
pub mod i18n_keep;
mod i18n_pseudo;
mod i18n_strings;
pub mod image_check;
pub mod locale;
mod not_found;
mod routes;
pub mod storage;
pub mod wizard;

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::api::ApiClient;
use crate::components::LOCALE_KEY;
use crate::config::Config;
use crate::i18n::{Locale, LocaleContext};
use crate::wizard::{provide_catalog, DraftStore};

/// The value of a query parameter of the page's URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// The locale from `?locale=`, the remembered choice, or the browser's languages.
pub fn initial_locale() -> Locale {
    let browser = browser_languages();
    Locale::negotiate(
        query_param("locale").as_deref(),
        storage::get(LOCALE_KEY).as_deref(),
        browser.iter().map(String::as_str),
    )
}

fn set_document_language(locale: Locale, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", locale.as_str());
    }
    doc.set_title(title);
}

/// The whole app.
#[component]
pub fn App(
    /// Runtime configuration, read before mounting.
    config: Config,
    /// The language asked for ([`initial_locale`], which `main` reads once: its first read of the
    /// tab's storage is the slow one), shown if its strings could be fetched.
    locale: Locale,
    /// The demo backend, loaded before mounting in demo mode.
    #[prop(optional)]
    demo: Option<api::demo_api::Demo>,
    /// The demo banner, from the same chunk.
    #[prop(optional)]
    demo_banner: Option<components::DemoBannerView>,
) -> impl IntoView {
    if let Some(banner) = demo_banner {
        provide_context(banner);
    }
    wizard::languages::install();
    // The language asked for, if its strings could be fetched (see `main`).
    let locale = RwSignal::new(Some(locale).filter(|l| i18n::available(*l)).unwrap_or_default());
    provide_context(LocaleContext(locale));
    let served = brand::served_name();
    let client = ApiClient::new(config.clone(), demo);
    provide_context(config.clone());
    provide_context(client.clone());
    provide_catalog(client.clone());
    let catalog = use_context::<wizard::CatalogContext>().map(|c| c.0);
    let provider = Memo::new(move |_| catalog.and_then(|c| c.get()).and_then(Result::ok).map(|c| c.provider));
    let brand = Signal::derive(move || {
        provider.get().map(|p| brand::Brand::of(&p)).unwrap_or_else(|| brand::Brand { name: served.clone(), logo: None })
    });
    provide_context(brand::BrandContext(brand));
    let themed_by_partner = config.partner.is_some();
    Effect::new(move || {
        if let (Some(p), false) = (provider.get(), themed_by_partner) {
            brand::apply_theme(&p);
        }
    });
    Effect::new(move || {
        let l = locale.get();
        let t = l.strings();
        set_document_language(l, &format!("{} · {}", brand.get().name, t.tagline));
    });
    funnel::init((config.funnel_events && !config.demo).then(|| client.clone()), config.partner.clone());
    let partner = RwSignal::new(None::<onramp_api::embed::Partner>);
    let partner_settled = RwSignal::new(config.partner.is_none());
    let partner_context = embed::PartnerContext(partner, partner_settled);
    provide_context(partner_context);
    if let Some(id) = config.partner.clone() {
        embed::expect_bridge();
        let client = client.clone();
        // The partner's settings, their theme and presets, and the bridge to the page around
        // the frame are one chunk, fetched only by an embedded app.
        leptos::task::spawn_local(async move {
            match embed::bridge::build().await {
                Ok(begin) => begin(client, id, locale, partner_context),
                Err(_) => {
                    embed::no_bridge();
                    web_sys::console::warn_1(&format!("Onramp: the embedding code for partner {id} could not be fetched").into());
                    partner_settled.set(true);
                }
            }
        });
    }
    let demo = client.demo().cloned();
    let draft = DraftStore::new(client);
    provide_context(draft);
    // The currency: `?currency=` on arrival, then whatever the draft's plan is bought in.
    let currency = wizard::use_currency();
    if let Some(c) = query_param("currency").map(|c| c.trim().to_ascii_uppercase()).filter(|c| onramp_api::currency::is_code(c)) {
        currency.set(Some(c));
    }
    Effect::new(move || {
        if let Some(c) = draft.sections.get().plan.and_then(|p| p.currency) {
            if currency.get_untracked().as_ref() != Some(&c) {
                currency.set(Some(c));
            }
        }
    });
    // A demo scenario from the link: a prefilled draft, then the link forgets the scenario so a
    // reload keeps what was changed since.
    match demo.zip(config.scenario.as_deref()).and_then(|(demo, scenario)| demo.seed_scenario(scenario)) {
        Some(key) => {
            draft.open(key);
            browser::drop_query_param("scenario");
        }
        None => draft.load(),
    }

    // The other steps' chunks, fetched while the browser is idle, the next step's first: once
    // the catalogue is here (the first step is interactive then), so that compiling a chunk
    // never delays it (measured: prefetching from the start made the plan step clickable later).
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let ready = catalog.is_none_or(|c| c.get().is_some());
        if ready {
            routes::prefetch_after(wizard::Step::from_path(&path));
        }
        ready
    });

    // Views read their strings once; a change of language renders the routes anew (what was
    // typed is mirrored and comes back, see the steps).
    move || {
        locale.track();
        view! {
        <Router>
            <wizard::Tracker/>
            <routes::AppBody/>
        </Router>
        }
    }
}
