//! The frame around every step: header with the language switcher, the stepper, the step
//! itself, the save status; and the guard that sends a user to the first incomplete step.
//! The routes' chunk shows the steps inside it (`crate::routes::AppBody`).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::TopBar;
use crate::wizard::{ResumePanel, SaveStatusLine, Stepper};
use crate::i18n::use_strings;
use crate::wizard::{use_draft, DraftNotice, Step};

/// The frame around a step (`children`), shown once the saved draft is read.
#[component]
pub fn WizardFrame(
    /// The step.
    children: ChildrenFn,
) -> impl IntoView {
    let t = use_strings();
    let location = use_location();
    let current = Signal::derive(move || Step::from_path(&location.pathname.get()));
    let draft = use_draft();
    let navigate = use_navigate();
    Effect::new(move || {
        let Some(draft) = draft else { return };
        let Some(step) = current.get() else { return };
        if !draft.loaded.get() {
            return;
        }
        // A submitted draft leads to its order.
        if let Some(order) = draft.order.get() {
            navigate(&format!("/status/{order}"), NavigateOptions { replace: true, ..Default::default() });
            return;
        }
        let sections = draft.sections.get();
        let check = draft.organization_check();
        if !step.is_reachable_with(&sections, check) {
            let target = Step::first_incomplete_with(&sections, check);
            navigate(target.path(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let notice = move || {
        let n = draft.and_then(|d| d.notice.get())?;
        Some(match n {
            DraftNotice::Expired => t.error_expired,
            DraftNotice::MergedElsewhere => t.notice_merged,
            DraftNotice::Resumed => t.notice_resumed,
        })
    };
    view! {
        <TopBar/>
        <div class="wizard">
            <Stepper current=current/>
            <main id="main" class="step" tabindex="-1">
                {move || notice().map(|text| view! {
                    <div class="notice draft-notice" role="status">
                        <p>{text}</p>
                        <button
                            type="button"
                            class="button-link"
                            on:click=move |_| {
                                if let Some(d) = draft {
                                    d.notice.set(None);
                                }
                            }
                        >
                            {t.dismiss}
                        </button>
                    </div>
                })}
                // A step opens once the saved draft is read, so nothing typed can be overwritten
                // by answers arriving late.
                <Show
                    when=move || draft.is_none_or(|d| d.loaded.get())
                    fallback=move || view! { <p class="loading" role="status">{t.loading_draft}</p> }
                >
                    {children()}
                </Show>
                <SaveStatusLine/>
                <ResumePanel/>
            </main>
        </div>
    }
}
