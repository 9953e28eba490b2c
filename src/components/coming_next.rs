//! The body of a step that is not built yet: its heading and a plain statement, no fake form.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::StepHeading;
use crate::i18n::use_strings;
use crate::wizard::Step;

/// A step that comes next: heading, one sentence, and a way back.
#[component]
pub fn ComingNext(
    /// The step.
    step: Step,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <StepHeading step=step/>
        <p class="coming-next">{t.coming_next}</p>
        {step.prev().map(|prev| view! {
            <p><A href=prev.path() attr:class="back-link">"← " {t.back}</A></p>
        })}
    }
}
