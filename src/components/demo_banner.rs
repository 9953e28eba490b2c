//! The demo banner on every screen: says nothing is sent anywhere, starts a preset scenario,
//! resets the demo, and leaves it. It comes in the demo backend's chunk (see `main`), which is
//! fetched only in demo mode: [`demo_banner`] is called through the function pointer that chunk
//! returns, kept in [`DemoBannerView`] for the top bar.

use leptos::prelude::*;

use crate::i18n::use_strings;

/// Forgets everything the demo kept and starts again at the first step.
fn reset() {
    crate::storage::clear_demo();
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign("/plan?demo=1");
    }
}

/// The banner.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="demo-banner" aria-label=t.demo_region>
            <p class="demo-text"><strong class="demo-badge">{t.demo_badge}</strong>" "{t.demo_text}</p>
            <p class="demo-scenarios">
                {t.demo_scenarios}" "
                <a href="/plan?demo=1&scenario=university" rel="external">{t.scenario_university}</a>
                " · "
                <a href="/plan?demo=1&scenario=nonprofit" rel="external">{t.scenario_nonprofit}</a>
            </p>
            <button type="button" class="button button-secondary" on:click=move |_| reset()>{t.demo_reset}</button>
            <a href="/plan?demo=0" rel="external">{t.demo_leave}</a>
        </section>
    }
}

/// The banner as a view, for the demo chunk to hand over as a function pointer.
pub fn demo_banner() -> AnyView {
    view! { <DemoBanner/> }.into_any()
}

/// The demo chunk's banner, in context when the app runs as a demo.
#[derive(Clone, Copy)]
pub struct DemoBannerView(pub fn() -> AnyView);
