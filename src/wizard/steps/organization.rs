//! `/organization`: not built yet; shows its heading and says it comes next.

use leptos::prelude::*;

use crate::components::ComingNext;
use crate::wizard::Step;

/// The organization step.
#[component]
pub fn OrganizationStep() -> impl IntoView {
    view! { <ComingNext step=Step::Organization/> }
}
