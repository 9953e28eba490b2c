//! A failed request, in words, with a button that tries again.

use leptos::prelude::*;

use crate::api::AppError;
use crate::i18n::use_strings;

/// An alert saying what went wrong, and a Retry button.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: AppError,
    /// Called when the user asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let message = {
        let error = error.clone();
        move || error.message(t)
    };
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <button type="button" class="button button-secondary" on:click=move |_| on_retry.run(())>
                {t.retry}
            </button>
        </div>
    }
}
