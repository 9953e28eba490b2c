//! The frame around every step: header with the language switcher, the stepper, the step
//! itself, the save status; and the guard that sends a user to the first incomplete step.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::{LanguageSwitcher, SaveStatusLine, Stepper};
use crate::i18n::use_strings;
use crate::wizard::{use_draft, Step};

/// Layout of the wizard routes.
#[component]
pub fn WizardLayout() -> impl IntoView {
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
        let sections = draft.sections.get();
        if !step.is_reachable(&sections) {
            let target = Step::first_incomplete(&sections);
            navigate(target.path(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! {
        <a class="skip-link" href="#main">{t.skip_link}</a>
        <header class="topbar">
            <div class="brand">
                <span class="brand-name">{t.app_name}</span>
                <span class="brand-tagline">{t.tagline}</span>
            </div>
            <LanguageSwitcher/>
        </header>
        <div class="wizard">
            <Stepper current=current/>
            <main id="main" class="step" tabindex="-1">
                <Outlet/>
                <SaveStatusLine/>
            </main>
        </div>
    }
}
