//! Watches the flow for the page around the app and for the funnel: which step is shown, an
//! order placed, a save that failed. Renders nothing.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use onramp_api::embed::AppMessage;
use onramp_api::funnel::FunnelKind;

use crate::api::AppError;
use crate::wizard::{use_draft, DraftNotice, SaveStatus};
use crate::{embed, funnel, storage};

thread_local! {
    /// The step last announced.
    static LAST_STEP: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Orders already announced to the page in this tab (a reload does not announce them again).
const ANNOUNCED_KEY: &str = "onramp.embed.completed";

/// A stable kind for an error, as the `error` message names it.
pub fn error_kind(e: &AppError) -> &'static str {
    match e {
        AppError::Network => "network",
        AppError::Timeout => "timeout",
        AppError::Server(_) => "server",
        AppError::Malformed => "malformed",
        AppError::NotFound => "not_found",
        AppError::Conflict => "conflict",
        AppError::Invalid(_) => "invalid",
        AppError::Expired => "expired",
        AppError::Submitted => "submitted",
        AppError::TooMany => "too_many",
    }
}

/// Tells the page around the app that `order_id` is placed, once per order in this tab (a
/// reload or a draft that turns out to be ordered already does not say it again).
pub fn announce_order(order_id: &str) {
    let announced = storage::session_get(ANNOUNCED_KEY).unwrap_or_default();
    if announced.split(',').any(|o| o == order_id) {
        return;
    }
    storage::session_set(ANNOUNCED_KEY, &format!("{announced},{order_id}"));
    embed::post(&AppMessage::Completed { order_id: order_id.to_owned() });
}

/// The watcher; place it inside the router.
#[component]
pub fn Tracker() -> impl IntoView {
    let location = use_location();
    let draft = use_draft();
    Effect::new(move || {
        let step = funnel::step_of(&location.pathname.get());
        // Kept across renders: a change of language renders the router anew on the same step.
        let new = LAST_STEP.with(|last| last.replace(step)) != step;
        if let (true, Some(step)) = (new, step) {
            embed::post(&AppMessage::Step { step: step.to_owned() });
            funnel::emit_on(FunnelKind::StepEntered, step, Vec::new());
        }
    });
    Effect::new(move || {
        if let Some(order_id) = draft.and_then(|d| d.order.get()) {
            announce_order(&order_id);
        }
    });
    Effect::new(move || {
        if let Some(SaveStatus::Failed(e)) = draft.map(|d| d.status.get()) {
            if !matches!(e, AppError::Invalid(_)) {
                let message = e.message(crate::i18n::Locale::En.strings()).to_owned();
                embed::post(&AppMessage::Error { kind: error_kind(&e).to_owned(), message });
            }
        }
    });
    // The saved sign-up expired while the visitor was away: a new one was started.
    Effect::new(move || {
        if let Some(Some(DraftNotice::Expired)) = draft.map(|d| d.notice.get()) {
            let message = "The saved sign-up expired and was deleted; a new one was started.".to_owned();
            embed::post(&AppMessage::Error { kind: error_kind(&AppError::Expired).to_owned(), message });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_kind_the_page_hears_is_a_documented_code() {
        let posted = [AppError::Network, AppError::Timeout, AppError::Server(503), AppError::Malformed, AppError::NotFound,
                      AppError::Conflict, AppError::Expired, AppError::Submitted, AppError::TooMany];
        for e in posted {
            let kind = error_kind(&e);
            assert!(onramp_api::embed_docs::CODES.iter().any(|c| c.code == kind && c.source == "app"), "{kind} is not in docs/embedding.md");
        }
    }
}
