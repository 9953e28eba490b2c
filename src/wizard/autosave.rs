//! Autosave of a step's answers: after a pause in typing, a section that passes the shared rules
//! is saved to the draft. Until then (and while it does not pass) what is typed is mirrored on
//! this device only, so nothing is lost and nothing half-typed is refused by the server.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::sleep;

/// The pause after the last change before a save.
pub const AUTOSAVE_MS: i32 = 1_000;

/// Runs an action once changes have paused; a newer change cancels the older one.
#[derive(Clone, Copy)]
pub struct Debounce {
    generation: StoredValue<u64>,
}

impl Debounce {
    /// A debounce owned by the current component (it stops when the component goes).
    pub fn new() -> Self {
        Self { generation: StoredValue::new(0) }
    }

    /// Schedules `action` after [`AUTOSAVE_MS`], replacing what was scheduled before.
    pub fn touch(self, action: impl FnOnce() + 'static) {
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        spawn_local(async move {
            sleep(AUTOSAVE_MS).await;
            if self.generation.try_get_value() == Some(mine) {
                action();
            }
        });
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Self::new()
    }
}

/// Fills a step's form once the saved draft is in: `fill` gets what was typed on this device
/// and not yet saved (JSON of `T` under `key`), else what `saved` makes of the draft, else
/// `None`; and the draft's sections. Returns the flag [`keep_typed`] waits for.
pub fn fill_once<T: serde::de::DeserializeOwned + 'static>(
    key: &'static str,
    saved: impl Fn(&onramp_api::DraftSections) -> Option<T> + 'static,
    fill: impl Fn(Option<T>, &onramp_api::DraftSections) + 'static,
) -> StoredValue<bool> {
    let draft = crate::wizard::use_draft();
    let filled = StoredValue::new(false);
    Effect::new(move || {
        let Some(d) = draft else { return };
        if !d.loaded.get() || filled.get_value() {
            return;
        }
        let sections = d.sections.get_untracked();
        let typed = crate::storage::get(key).and_then(|t| serde_json::from_str::<T>(&t).ok());
        fill(typed.or_else(|| saved(&sections)), &sections);
        filled.set_value(true);
    });
    filled
}

/// Keeps what a step's form holds: on every change (after the form was filled from the draft)
/// the answers are mirrored on this device under `key` (`mirror` gives them as JSON), and after
/// a pause `save` runs (it saves what passes the rules). The first run, which only shows what was
/// loaded, is mirrored and not saved.
pub fn keep_typed(
    filled: StoredValue<bool>,
    key: &'static str,
    track: impl Fn() + 'static,
    mirror: impl Fn() -> Option<String> + 'static,
    save: impl Fn() + Copy + 'static,
) {
    let debounce = Debounce::new();
    let seen_fill = StoredValue::new(false);
    Effect::new(move || {
        track();
        if !filled.get_value() {
            return;
        }
        if let Some(json) = mirror() {
            crate::storage::set(key, &json);
        }
        if seen_fill.get_value() {
            debounce.touch(save);
        } else {
            seen_fill.set_value(true);
        }
    });
}
