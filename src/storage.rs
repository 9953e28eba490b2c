//! The browser's local storage, for the few things kept on this device: the draft key, its
//! version and unsaved edits, and the chosen language. Every failure (private mode, quota,
//! a value another version wrote) reads as "nothing stored".

use std::sync::atomic::{AtomicBool, Ordering};

/// In a demo every key lives under [`DEMO_PREFIX`], apart from a real draft on this device.
static DEMO: AtomicBool = AtomicBool::new(false);

/// The prefix of every key a demo writes.
pub const DEMO_PREFIX: &str = "demo:";

/// Keeps this page's keys in the demo namespace (or not).
pub fn use_demo_namespace(on: bool) {
    DEMO.store(on, Ordering::Relaxed);
}

fn full(key: &str) -> String {
    if DEMO.load(Ordering::Relaxed) {
        format!("{DEMO_PREFIX}{key}")
    } else {
        key.to_owned()
    }
}

/// Reads a value.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(&full(key)).ok().flatten()
}

/// Writes a value; false if the browser refused.
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(&full(key), value).is_ok())
}

/// Removes a value.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(&full(key));
    }
}

/// Forgets everything a demo kept on this device (a real draft stays).
pub fn clear_demo() {
    let Some(s) = local() else { return };
    let count = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..count).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(DEMO_PREFIX)).collect();
    for key in keys {
        let _ = s.remove_item(&key);
    }
}

/// Reads a value this tab keeps (session storage).
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Writes a value this tab keeps.
pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

fn session() -> Option<web_sys::Storage> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?.session_storage().ok().flatten()
    } else {
        None
    }
}

fn local() -> Option<web_sys::Storage> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?.local_storage().ok().flatten()
    } else {
        None
    }
}
