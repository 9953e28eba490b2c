//! `/resume#draft=…&token=…`: opens a draft from a resume link on this device, then goes to the
//! step where it was left. The secret is removed from the address bar at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::TopBar;
use crate::wizard::parse_resume;
use super::strings::use_strings;
use crate::wizard::{use_draft, Step};

/// The resume page.
#[component]
pub fn ResumePage() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let navigate = use_navigate();
    let window = web_sys::window();
    let key = window.as_ref().and_then(|w| w.location().hash().ok()).and_then(|h| parse_resume(&h));
    // Out of the address bar and the history before anything else happens.
    if let Some(history) = window.as_ref().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/resume"));
    }
    let valid = key.is_some();
    let started = StoredValue::new(false);
    if let (Some(d), Some(key)) = (draft, key) {
        d.adopt(key);
        started.set_value(true);
    }
    Effect::new(move || {
        let Some(d) = draft else { return };
        if !started.get_value() || !d.loaded.get() {
            return;
        }
        let target = match d.order.get() {
            Some(order) => format!("/status/{order}"),
            None => Step::first_incomplete(&d.sections.get()).path().to_owned(),
        };
        navigate(&target, NavigateOptions { replace: true, ..Default::default() });
    });
    view! {
        <TopBar/>
        <main id="main" class="step status-page" tabindex="-1">
            <h1 class="step-heading">{t.resume_heading}</h1>
            {if valid {
                view! { <p role="status">{t.resume_opening}</p> }.into_any()
            } else {
                view! {
                    <p class="notice notice-error" role="alert">{t.resume_bad_link}</p>
                    <p><A href="/plan">{t.not_found_link}</A></p>
                }.into_any()
            }}
        </main>
    }
}
