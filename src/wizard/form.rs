//! What every step form shares: its field errors, the summary's focus counter, a failure that
//! is not about a field, and "Continue": save the section, wait for the backend, then go on or
//! put the backend's field errors on the fields.

use leptos::prelude::*;
use onramp_api::funnel::FunnelKind;
use leptos::task::spawn_local;
use onramp_api::{DraftSections, FieldError};

use std::rc::Rc;

use leptos_router::NavigateOptions;

use crate::api::AppError;
use crate::wizard::{use_draft, DraftStore, SaveStatus, Step};

type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

/// The state of a step form. Copy, so handlers can share it.
#[derive(Clone, Copy)]
pub struct StepForm {
    /// Field errors, from the shared rules or the backend.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Bumped each time errors are shown, so the summary takes focus again.
    pub shown: RwSignal<u32>,
    /// A failure that is not about a field (network, server).
    pub failure: RwSignal<Option<AppError>>,
    /// A save is under way.
    pub busy: RwSignal<bool>,
    draft: Option<DraftStore>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl StepForm {
    /// An empty form state, for a component under the router and the draft store.
    pub fn new() -> Self {
        let navigate = leptos_router::hooks::use_navigate();
        Self {
            errors: RwSignal::new(Vec::new()),
            shown: RwSignal::new(0),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
            draft: use_draft(),
            navigate: StoredValue::new_local(Rc::new(navigate) as Navigate),
        }
    }

    /// Shows `found` at the fields and in the summary; true if there were any.
    pub fn refuse(self, found: Vec<FieldError>) -> bool {
        self.failure.set(None);
        if found.is_empty() {
            self.errors.set(Vec::new());
            return false;
        }
        crate::funnel::emit(FunnelKind::ValidationError, crate::funnel::codes(&found));
        self.errors.set(found);
        self.shown.update(|n| *n += 1);
        true
    }

    /// Saves `patch`, waits for the backend, and on success runs `done` and goes to the step
    /// after `step`; the backend's field errors land on the fields, other failures are shown.
    pub fn save_and_continue(self, step: Step, patch: DraftSections, done: impl FnOnce() + 'static) {
        let Some(draft) = self.draft else { return };
        if self.busy.get_untracked() {
            return;
        }
        let navigate = self.navigate.get_value();
        draft.set_sections(patch);
        self.busy.set(true);
        spawn_local(async move {
            let status = draft.settle().await;
            self.busy.set(false);
            match status {
                SaveStatus::Saved | SaveStatus::Idle => {
                    done();
                    crate::funnel::emit(FunnelKind::StepCompleted, Vec::new());
                    // Opened from the review page ("Change"): back there once saved.
                    if let Some(next) = crate::wizard::continue_to(step, crate::query_param("return").as_deref()) {
                        navigate(next.path(), Default::default());
                    }
                }
                SaveStatus::Failed(AppError::Invalid(field_errors)) => {
                    self.refuse(field_errors);
                }
                SaveStatus::Failed(e) => self.failure.set(Some(e)),
                SaveStatus::Saving => {}
            }
        });
    }
}

impl Default for StepForm {
    fn default() -> Self {
        Self::new()
    }
}
