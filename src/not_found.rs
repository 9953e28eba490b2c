//! The page for an address that is no step.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_strings;

/// Heading, one sentence and a link to the first step.
#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    view! {
        <main id="main" class="step not-found">
            <h1 tabindex="-1">{t.not_found_heading}</h1>
            <p>{t.not_found_body}</p>
            <p><A href="/plan">{t.not_found_link}</A></p>
        </main>
    }
}
