//! The heading of a step, which takes focus when the step opens so screen readers and
//! keyboard users start at the top of the new step (in a partner's frame only once the visitor
//! has acted inside it: loading the frame never takes focus from the partner's page).

use leptos::html::H1;
use leptos::prelude::*;

use crate::i18n::use_strings;
use super::Step;

/// `<h1>` of a step, focused when it mounts.
#[component]
pub fn StepHeading(
    /// The step whose heading this is.
    step: Step,
) -> impl IntoView {
    let t = use_strings();
    let heading = NodeRef::<H1>::new();
    Effect::new(move || {
        if let (Some(h), true) = (heading.get(), crate::embed::may_move_focus()) {
            let _ = h.focus();
        }
    });
    view! {
        <h1 id="step-heading" class="step-heading" tabindex="-1" node_ref=heading>
            {move || step.heading(t)}
        </h1>
    }
}
