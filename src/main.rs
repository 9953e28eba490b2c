//! Entry point: read the runtime configuration, then mount the app.

use leptos::prelude::*;
use onramp::config::Config;
use onramp::App;

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
    wasm_bindgen_futures::spawn_local(async {
        let (config, warning) = Config::from_json(fetch_config().await.as_deref());
        if let Some(warning) = warning {
            web_sys::console::warn_1(&warning.into());
        }
        leptos::mount::mount_to_body(move || view! { <App config=config/> });
    });
}
