//! Funnel events from anywhere in the app: to the embedding partner as messages, and, when the
//! configuration asks for it, to the backend's `/events` in small batches. A random id per tab,
//! a step name and error codes; never a typed value.

use std::cell::RefCell;

use onramp_api::embed::AppMessage;
use onramp_api::funnel::{EventBatch, FunnelEvent, FunnelKind, BATCH_MAX};
use onramp_api::{ErrorCode, FieldError};

use crate::api::ApiClient;
use crate::browser::sleep;

pub use onramp_api::funnel::step_of;

/// Milliseconds events wait to be sent together.
const FLUSH_MS: i32 = 1_000;

#[derive(Default)]
struct Sink {
    session: String,
    partner: Option<String>,
    client: Option<ApiClient>,
    queue: Vec<FunnelEvent>,
    flushing: bool,
}

thread_local! {
    static SINK: RefCell<Sink> = RefCell::new(Sink::default());
}

/// Where the tab keeps its visit id.
const SESSION_KEY: &str = "onramp.funnel.session";

/// Starts collecting: `client` is where batches go (`None`: only to an embedding page).
pub fn init(client: Option<ApiClient>, partner: Option<String>) {
    let session = crate::storage::session_get(SESSION_KEY)
        .filter(|s| (16..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| {
            let id = crate::api::demo::random_hex(32);
            crate::storage::session_set(SESSION_KEY, &id);
            id
        });
    SINK.with(|s| {
        let mut s = s.borrow_mut();
        s.session = session;
        s.partner = partner;
        s.client = client;
    });
}

/// The distinct codes of `errors`, in order.
pub fn codes(errors: &[FieldError]) -> Vec<ErrorCode> {
    let mut codes: Vec<ErrorCode> = Vec::new();
    for e in errors {
        if !codes.contains(&e.code) {
            codes.push(e.code);
        }
    }
    codes.truncate(onramp_api::funnel::CODES_MAX);
    codes
}

fn current_step() -> Option<&'static str> {
    let path = web_sys::window()?.location().pathname().ok()?;
    step_of(&path)
}

/// Records an event on the step shown now.
pub fn emit(kind: FunnelKind, codes: Vec<ErrorCode>) {
    let Some(step) = current_step() else { return };
    emit_on(kind, step, codes);
}

/// Records an event on `step`.
pub fn emit_on(kind: FunnelKind, step: &str, codes: Vec<ErrorCode>) {
    let event = FunnelEvent { kind, step: step.to_owned(), codes };
    if !event.is_valid() {
        return;
    }
    crate::embed::post(&AppMessage::Funnel { event: event.clone() });
    let start = SINK.with(|s| {
        let mut s = s.borrow_mut();
        if s.client.is_none() {
            return false;
        }
        if s.queue.len() < BATCH_MAX * 4 {
            s.queue.push(event);
        }
        !std::mem::replace(&mut s.flushing, true)
    });
    if start {
        wasm_bindgen_futures::spawn_local(flush());
    }
}

async fn flush() {
    sleep(FLUSH_MS).await;
    loop {
        let batch = SINK.with(|s| {
            let mut s = s.borrow_mut();
            if s.queue.is_empty() {
                s.flushing = false;
                return None;
            }
            let take = s.queue.len().min(BATCH_MAX);
            let events: Vec<FunnelEvent> = s.queue.drain(..take).collect();
            let batch = EventBatch { session: s.session.clone(), partner: s.partner.clone(), events };
            s.client.clone().map(|c| (c, batch))
        });
        let Some((client, batch)) = batch else { return };
        // Best effort: a lost batch is not worth a retry loop or a word to the user.
        let _ = client.send_events(&batch).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_codes() {
        assert_eq!(step_of("/plan"), Some("plan"));
        assert_eq!(step_of("/status/or_1"), Some("status"));
        assert_eq!(step_of("/resume"), None);
        assert_eq!(step_of("/"), None);
        let e = |code| FieldError::new("/x", code, "d");
        assert_eq!(codes(&[e(ErrorCode::Required), e(ErrorCode::Invalid), e(ErrorCode::Required)]), [ErrorCode::Required, ErrorCode::Invalid]);
    }
}
