//! `/moderation`: not built yet; shows its heading and says it comes next.

use leptos::prelude::*;

use crate::components::ComingNext;
use crate::wizard::Step;

/// The moderation step.
#[component]
pub fn ModerationStep() -> impl IntoView {
    view! { <ComingNext step=Step::Moderation/> }
}
