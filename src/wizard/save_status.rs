//! Whether the draft is saved, announced politely, with a way to save again after a failure.

use leptos::prelude::*;

use crate::i18n::use_strings;
use super::{use_draft, SaveStatus};

/// "Saving…", "All changes saved" or "Not saved yet" with the reason and a button.
#[component]
pub fn SaveStatusLine() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let status = move || draft.map(|d| d.status.get()).unwrap_or_default();
    view! {
        <div class="save-status" role="status">
            {move || match status() {
                SaveStatus::Idle => ().into_any(),
                SaveStatus::Saving => view! { <span class="save-saving">{t.save_saving}</span> }.into_any(),
                SaveStatus::Saved => view! { <span class="save-saved">"✓ " {t.save_saved}</span> }.into_any(),
                SaveStatus::Failed(e) => view! {
                    <span class="save-failed">
                        <strong>{t.save_failed}</strong>
                        ": "
                        {e.message(t)}
                        {e.is_transient().then(|| view! { " " {t.save_auto_retry} })}
                    </span>
                    <button
                        type="button"
                        class="button button-link"
                        on:click=move |_| {
                            if let Some(d) = draft {
                                d.save();
                            }
                        }
                    >
                        {t.save_retry}
                    </button>
                }
                    .into_any(),
            }}
        </div>
    }
}
