//! Entry point: read the runtime configuration, then mount the app.

use leptos::prelude::*;
use onramp::config::{Config, ModeFlags};
use onramp::storage;

/// Where the tab remembers its mode.
const MODE_KEY: &str = "onramp.mode";
use onramp::App;
use onramp::api::demo_api::Demo;
use onramp::components::DemoBannerView;

/// The demo's backend and banner.
type DemoParts = (Demo, fn() -> AnyView);

/// Built inside the demo chunk, so that both are in it.
fn demo_parts() -> DemoParts {
    (onramp::api::demo::backend(), onramp::components::demo_banner as fn() -> AnyView)
}

onramp::split_point!(demo_backend, demo, DemoParts, demo_parts());

async fn fetch_config() -> Option<String> {
    let response = gloo_net::http::Request::get("/config.json").send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

fn main() {
    // Panics should never happen (no unwrap on data); in debug builds they say where they did.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // German strings are a chunk of their own: fetched alongside the configuration.
    onramp::wizard::languages::install();
    let locale = onramp::initial_locale();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = onramp::i18n::ensure(locale).await;
    });
    wasm_bindgen_futures::spawn_local(async move {
        let (config, warning) = Config::from_json(fetch_config().await.as_deref());
        if let Some(warning) = warning {
            web_sys::console::warn_1(&warning.into());
        }
        // `?demo=1`, `?scenario=…` and `?embed=1&partner=…` hold for this tab, across pages.
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let remembered = storage::session_get(MODE_KEY).unwrap_or_default();
        let config = config.with_flags(&ModeFlags::from_query(&search), &ModeFlags::from_query(&remembered));
        storage::session_set(MODE_KEY, &config.remembered());
        storage::use_demo_namespace(config.demo);
        // Shown in the language asked for (in English if its strings could not be fetched).
        let _ = onramp::i18n::ensure(locale).await;
        if config.pseudo_locale && onramp::query_param("locale").as_deref() == Some(onramp::i18n::PSEUDO_TAG) {
            let _ = onramp::i18n::ensure_pseudo().await;
        }
        if !config.demo {
            leptos::mount::mount_to_body(move || view! { <App config=config locale=locale/> });
            return;
        }
        // The demo backend and its banner are a chunk of their own, fetched only here.
        match demo::build().await {
            Ok((demo, banner)) => leptos::mount::mount_to_body(move || view! { <App config=config locale=locale demo=demo demo_banner=DemoBannerView(banner)/> }),
            Err(_) => leptos::mount::mount_to_body(move || {
                let t = onramp::i18n::Locale::strings(&locale);
                let reload = |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                };
                view! {
                    <main class="step">
                        <h1>{t.step_load_failed_heading}</h1>
                        <div class="notice notice-error" role="alert">
                            <p>{t.step_load_failed}</p>
                            <button type="button" class="button button-secondary" on:click=reload>{t.retry}</button>
                        </div>
                    </main>
                }
            }),
        }
    });
}
