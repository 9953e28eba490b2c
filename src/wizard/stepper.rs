//! The stepper: where the user is, what is done, and links to the steps that are open.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_strings;
use super::{use_draft, Step};

/// The list of steps, with the current one marked.
#[component]
pub fn Stepper(
    /// The step shown now.
    #[prop(into)]
    current: Signal<Option<Step>>,
) -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let sections = move || draft.map(|d| d.sections.get()).unwrap_or_default();
    view! {
        <nav class="stepper" aria-label=t.stepper_label>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        let is_current = move || current.get() == Some(step);
                        let check = move || draft.map_or((|_| false) as super::OrganizationCheck, |d| d.organization_check());
                        let done = move || step.is_complete_with(&sections(), check());
                        let reachable = move || step.is_reachable_with(&sections(), check());
                        view! {
                            <li
                                class="stepper-item"
                                class:current=is_current
                                class:done=done
                            >
                                <span class="stepper-marker" aria-hidden="true">
                                    {move || if done() { "✓".to_owned() } else { (step.index() + 1).to_string() }}
                                </span>
                                {move || {
                                    let label = step.label(t);
                                    let state = if is_current() {
                                        Some(t.step_current)
                                    } else if done() {
                                        Some(t.step_done)
                                    } else {
                                        None
                                    };
                                    let state = state.map(|s| view! { <span class="visually-hidden">{format!(" ({s})")}</span> });
                                    if reachable() && !is_current() {
                                        view! { <A href=step.path()>{label}{state}</A> }.into_any()
                                    } else {
                                        view! {
                                            <span
                                                class="stepper-label"
                                                aria-current=move || is_current().then_some("step")
                                            >
                                                {label}
                                                {state}
                                            </span>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
