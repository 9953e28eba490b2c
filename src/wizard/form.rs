//! What every step form shares: its field errors, the summary's focus counter, a failure that
//! is not about a field, and "Continue" as an `Action`: save the section, wait for the backend,
//! then go on or put the backend's field errors on the fields. The action's `pending()` is what
//! the Continue button shows.

use leptos::prelude::*;
use onramp_api::funnel::FunnelKind;
use onramp_api::{DraftSections, FieldError};

use crate::api::AppError;
use crate::wizard::{use_draft, SaveStatus, Step};

/// The state of a step form. Copy, so handlers can share it.
#[derive(Clone, Copy)]
pub struct StepForm {
    /// Field errors, from the shared rules or the backend.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Bumped each time errors are shown, so the summary takes focus again.
    pub shown: RwSignal<u32>,
    /// A failure that is not about a field (network, server).
    pub failure: RwSignal<Option<AppError>>,
    /// "Continue": saves the section given, waits for the backend, then goes on. While it is
    /// pending, a second Continue does nothing and the button says so.
    pub save: Action<DraftSections, ()>,
    /// Whether a save is under way: the action's `pending()`, made once (each call of
    /// `pending()` makes a new memo).
    pub busy: Memo<bool>,
}

impl StepForm {
    /// The form of `step`, for a component under the router and the draft store. Once a save
    /// went through, what was typed on this device under `typed_key` (if any) is removed.
    pub fn new(step: Step, typed_key: Option<&'static str>) -> Self {
        let navigate = leptos_router::hooks::use_navigate();
        let draft = use_draft();
        let errors = RwSignal::new(Vec::new());
        let shown = RwSignal::new(0);
        let failure = RwSignal::new(None);
        let save = Action::new_local(move |patch: &DraftSections| {
            let navigate = navigate.clone();
            // The patch goes into the draft now; the future waits for the backend.
            if let Some(d) = draft {
                d.set_sections(patch.clone());
            }
            async move {
                let Some(d) = draft else { return };
                match d.settle().await {
                    SaveStatus::Saved | SaveStatus::Idle => {
                        if let Some(key) = typed_key {
                            crate::storage::remove(key);
                        }
                        crate::funnel::emit(FunnelKind::StepCompleted, Vec::new());
                        // Opened from the review page ("Change"): back there once saved.
                        if let Some(next) = crate::wizard::continue_to(step, crate::query_param("return").as_deref()) {
                            navigate(next.path(), Default::default());
                        }
                    }
                    SaveStatus::Failed(AppError::Invalid(found)) => {
                        show(errors, shown, failure, found);
                    }
                    SaveStatus::Failed(e) => failure.set(Some(e)),
                    SaveStatus::Saving => {}
                }
            }
        });
        Self { errors, shown, failure, save, busy: save.pending() }
    }

    /// Shows `found` at the fields and in the summary; true if there were any.
    pub fn refuse(self, found: Vec<FieldError>) -> bool {
        show(self.errors, self.shown, self.failure, found)
    }

    /// Saves `patch` and goes on, unless a save is under way (then nothing happens) or the
    /// shared rules found problems in it (`found`: then they are shown). The submit handler of
    /// every step form.
    pub fn submit(self, patch: DraftSections, found: Vec<FieldError>) {
        if self.busy.get_untracked() || self.refuse(found) {
            return;
        }
        self.save.dispatch_local(patch);
    }
}

/// An optional answer as a section holds it: empty (or only spaces) is `None`, other text is
/// trimmed.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Shows `found` at the fields and in the summary, or clears them; true if there were any.
fn show(
    errors: RwSignal<Vec<FieldError>>,
    shown: RwSignal<u32>,
    failure: RwSignal<Option<AppError>>,
    found: Vec<FieldError>,
) -> bool {
    failure.set(None);
    if found.is_empty() {
        errors.set(Vec::new());
        return false;
    }
    crate::funnel::emit(FunnelKind::ValidationError, crate::funnel::codes(&found));
    errors.set(found);
    shown.update(|n| *n += 1);
    true
}
