//! What a view holds open (an import preview, a page of a list) outlives the new rendering that
//! a language switch causes: the old view hands its value over as it goes, the new one takes it.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;

thread_local! {
    /// True from the click on another language until the page has rendered in it.
    static SWITCHING: Cell<bool> = const { Cell::new(false) };
    static HANDED_OVER: RefCell<HashMap<&'static str, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// Marks a language switch under way; `done` ends it once the new language is shown.
pub fn switching(on: bool) {
    SWITCHING.with(|s| s.set(on));
    if !on {
        HANDED_OVER.with(|h| h.borrow_mut().clear());
    }
}

/// A signal that starts from `initial`, unless the same view (by `key`) was open before a language
/// switch: then it starts from the value the view had.
pub fn kept<T: Clone + Send + Sync + 'static>(key: &'static str, initial: T) -> RwSignal<T> {
    let handed = HANDED_OVER.with(|h| h.borrow_mut().remove(key)).and_then(|b| b.downcast::<T>().ok());
    let signal = RwSignal::new(handed.map_or(initial, |b| *b));
    on_cleanup(move || {
        if SWITCHING.with(Cell::get) {
            if let Some(value) = signal.try_get_untracked() {
                HANDED_OVER.with(|h| h.borrow_mut().insert(key, Box::new(value)));
            }
        }
    });
    signal
}
