//! The view that waits for a lazily loaded step's chunk: nothing at first, then "Loading this
//! step…", and "This step could not be loaded" with Retry when the chunk cannot be fetched.

use leptos::prelude::*;

use crate::chunks::{now, LazyView};
use crate::i18n::use_strings;

/// What the waiting view says for a part of a step rather than a whole one.
#[derive(Clone, Copy)]
pub struct LazyPart {
    /// Shown after 300 ms of fetching.
    pub loading: &'static str,
    /// Shown with Retry when the chunk cannot be fetched.
    pub failed: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Fetching,
    Ready,
    Failed,
}

/// Shows `lazy`'s view once its chunk is here: nothing for the first 300 ms (a prefetched or
/// cached chunk never flashes a message), then "Loading this step…", and if the chunk cannot be
/// fetched, an alert with Retry. What the user typed lives in the draft and its mirror, not in
/// the chunk, so a failed fetch loses nothing.
#[component]
pub fn LazyStep(
    /// The chunk and the view it builds.
    lazy: LazyView,
    /// The messages for a part of a step (default: the whole step's).
    #[prop(optional)]
    part: Option<LazyPart>,
    /// Whether the waiting view is the page's main landmark (the routes' chunk, which brings the
    /// frame and its `main`).
    #[prop(optional)]
    landmark: bool,
) -> impl IntoView {
    let t = use_strings();
    let LazyPart { loading, failed } = part.unwrap_or(LazyPart { loading: t.step_loading, failed: t.step_load_failed });
    // A whole step or page that failed has no heading of its own: this one names the problem.
    let heading = part.is_none().then_some(t.step_load_failed_heading);
    let state = RwSignal::new(State::Fetching);
    let slow = RwSignal::new(false);
    let attempt = move || {
        state.set(State::Fetching);
        leptos::task::spawn_local(async move {
            let result = (lazy.fetch)().await;
            state.set(if result.is_ok() { State::Ready } else { State::Failed });
        });
    };
    attempt();
    set_timeout(move || slow.set(true), std::time::Duration::from_millis(300));
    let view = move || match state.get() {
        // Fetched: building completes at once, inside this owner (so the step finds its context).
        State::Ready => match now((lazy.build)()) {
            Some(Ok(view)) => view,
            _ => {
                state.set(State::Failed);
                ().into_any()
            }
        },
        State::Fetching => slow.get().then(|| view! { <p class="loading" role="status">{loading}</p> }).into_any(),
        State::Failed => view! {
            {heading.map(|h| view! { <h1>{h}</h1> })}
            <div class="notice notice-error" role="alert">
                <p>{failed}</p>
                <button type="button" class="button button-secondary" on:click=move |_| attempt()>{t.retry}</button>
            </div>
        }
        .into_any(),
    };
    if !landmark {
        return view.into_any();
    }
    // The landmark wraps the waiting and failed views (a fetched view brings its own).
    (move || match state.get() {
        State::Ready => view.into_any(),
        State::Fetching | State::Failed => view! { <main id="main" class="step">{view}</main> }.into_any(),
    })
    .into_any()
}
