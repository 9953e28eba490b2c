//! `/domain`: not built yet; shows its heading and says it comes next.

use leptos::prelude::*;

use crate::components::ComingNext;
use crate::wizard::Step;

/// The domain step.
#[component]
pub fn DomainStep() -> impl IntoView {
    view! { <ComingNext step=Step::Domain/> }
}
