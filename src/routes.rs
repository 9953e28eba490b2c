//! The routes: the plan step is in the first load; every other step, the status page and the
//! resume page are split points (`crate::chunks`), fetched on first use or while the browser is idle.

use leptos::prelude::*;

use crate::chunks::{prefetch_when_idle, LazyStep, LazyView};
use crate::wizard::steps::*;
use crate::wizard::Step;

crate::split_point!(step_organization, organization, AnyView, view! { <OrganizationStep/> }.into_any());
crate::split_point!(step_domain, domain, AnyView, view! { <DomainStep/> }.into_any());
crate::split_point!(step_branding, branding, AnyView, view! { <BrandingStep/> }.into_any());
crate::split_point!(step_moderation, moderation, AnyView, view! { <ModerationStep/> }.into_any());
crate::split_point!(step_review, review, AnyView, view! { <ReviewStep/> }.into_any());
crate::split_point!(page_status, status, AnyView, view! { <StatusPage/> }.into_any());
crate::split_point!(page_resume, resume, AnyView, view! { <ResumePage/> }.into_any());

macro_rules! lazy {
    ($m:ident) => {
        LazyView { fetch: $m::boxed_fetch, build: $m::boxed_build }
    };
}

/// The lazily loaded views, by the step they show (`None`: status, then resume).
const LAZY: [(Option<Step>, LazyView); 7] = [
    (Some(Step::Organization), lazy!(organization)),
    (Some(Step::Domain), lazy!(domain)),
    (Some(Step::Branding), lazy!(branding)),
    (Some(Step::Moderation), lazy!(moderation)),
    (Some(Step::Review), lazy!(review)),
    (None, lazy!(status)),
    (None, lazy!(resume)),
];

/// The organization step's route view.
pub fn organization_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(organization)/> }
}
/// The domain step's route view.
pub fn domain_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(domain)/> }
}
/// The branding step's route view.
pub fn branding_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(branding)/> }
}
/// The moderation step's route view.
pub fn moderation_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(moderation)/> }
}
/// The review step's route view.
pub fn review_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(review)/> }
}
/// The status page's route view.
pub fn status_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(status)/> }
}
/// The resume page's route view.
pub fn resume_route() -> impl IntoView {
    view! { <LazyStep lazy=lazy!(resume)/> }
}

/// After the first view: the steps after `current` in the flow's order, then the others.
pub fn prefetch_after(current: Option<Step>) {
    let position = current.and_then(|c| LAZY.iter().position(|(s, _)| *s == Some(c)));
    let mut order: Vec<_> = LAZY.iter().enumerate().collect();
    // The steps after the current one first, in order; those before it last.
    order.sort_by_key(|(i, _)| match position {
        Some(p) if *i <= p => LAZY.len() + i,
        _ => *i,
    });
    prefetch_when_idle(order.into_iter().filter(|(i, _)| Some(*i) != position).map(|(_, (_, l))| l.fetch).collect());
}
