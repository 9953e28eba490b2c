//! The end of a step form: a failure that is not about a field, "Continue" (busy while saving),
//! and the Back link.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_strings;
use super::{Step, StepForm};

/// Failure notice, Continue button and Back link of a step form.
#[component]
pub fn FormActions(
    /// The form's state.
    form: StepForm,
    /// Where Back leads.
    back: Step,
) -> impl IntoView {
    let t = use_strings();
    let StepForm { failure, busy, .. } = form;
    view! {
        {move || failure.get().map(|e| view! {
            <div class="notice notice-error" role="alert"><p>{e.message(t)}</p></div>
        })}
        <div class="actions">
            <button type="submit" class="button button-primary" aria-disabled=move || busy.get().then_some("true")>
                {move || if busy.get() { t.saving_section } else { t.continue_ }}
            </button>
            <A href=back.path() attr:class="back-link">{t.back}</A>
        </div>
    }
}
