//! `/review`: not built yet; shows its heading and says it comes next.

use leptos::prelude::*;

use crate::components::ComingNext;
use crate::wizard::Step;

/// The review step.
#[component]
pub fn ReviewStep() -> impl IntoView {
    view! { <ComingNext step=Step::Review/> }
}
