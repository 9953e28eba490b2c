//! `/branding`: not built yet; shows its heading and says it comes next.

use leptos::prelude::*;

use crate::components::ComingNext;
use crate::wizard::Step;

/// The branding step.
#[component]
pub fn BrandingStep() -> impl IntoView {
    view! { <ComingNext step=Step::Branding/> }
}
