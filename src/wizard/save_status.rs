//! Whether the draft is saved, announced politely, with a way to save again after a failure.

use leptos::prelude::*;

use crate::i18n::use_strings;
use super::{use_draft, SaveStatus};

/// "Saving…", "All changes saved" or "Not saved yet" with the reason and a button.
///
/// After a failure the line keeps saying why, with its Save again button, until a save works;
/// a save under way meanwhile is said after the button ("Saving…"), so nothing before the button
/// changes and the button neither moves nor is rebuilt (a press while a save runs is folded into
/// it). Once saved, the button is hidden, not removed. So keyboard focus stays on the button
/// while the save it started runs, and a click never lands where the button was a moment ago:
/// the fault matrix's timeout case failed that way under load (the button was rebuilt, then
/// moved left when "Saving…" replaced the longer reason before it, and the test's click waited
/// for a button that the successful save had taken away).
#[component]
pub fn SaveStatusLine() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let status = move || draft.map(|d| d.status.get()).unwrap_or_default();
    // What the line says before the button: the failure, while the saves after it run.
    let shown = Memo::new(move |before: Option<&SaveStatus>| match (status(), before) {
        (SaveStatus::Saving, Some(failed @ SaveStatus::Failed(_))) => failed.clone(),
        (now, _) => now,
    });
    let failed = move || matches!(shown.get(), SaveStatus::Failed(_));
    view! {
        <div class="save-status" role="status">
            {move || match shown.get() {
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
                }
                    .into_any(),
            }}
            <button
                type="button"
                class="button button-link save-retry"
                hidden=move || !failed()
                on:click=move |_| {
                    if let Some(d) = draft {
                        d.save();
                    }
                }
            >
                {t.save_retry}
            </button>
            {move || (failed() && status() == SaveStatus::Saving).then(|| view! { <span class="save-saving">{t.save_saving}</span> })}
        </div>
    }
}
