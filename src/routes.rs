//! The routes: the plan step is in the first load; every other step, the status page and the
//! resume page are split points (`crate::chunks`), fetched on first use or while the browser is idle.

use leptos::prelude::*;

use crate::chunks::{prefetch_when_idle, LazyView};
use crate::components::LazyStep;
use crate::wizard::steps::{branding::BrandingStep, domain::DomainStep, moderation::ModerationStep, organization::OrganizationStep};
use crate::wizard::steps::{resume::ResumePage, review::ReviewStep, status::StatusPage};
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

/// The route views, one per lazily loaded step or page.
macro_rules! lazy_routes {
    ($($(#[$doc:meta])* $name:ident => $m:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> impl IntoView {
                view! { <LazyStep lazy=lazy!($m)/> }
            }
        )*
    };
}

lazy_routes! {
    /// The organization step's route view.
    organization_route => organization;
    /// The domain step's route view.
    domain_route => domain;
    /// The branding step's route view.
    branding_route => branding;
    /// The moderation step's route view.
    moderation_route => moderation;
    /// The review step's route view.
    review_route => review;
    /// The status page's route view.
    status_route => status;
    /// The resume page's route view.
    resume_route => resume;
}

/// After the first view: the draft's sync code and resume panel, then the steps after `current`
/// in the flow's order, then the others.
pub fn prefetch_after(current: Option<Step>) {
    let position = current.and_then(|c| LAZY.iter().position(|(s, _)| *s == Some(c)));
    // The steps after the current one first, in order; those before it last (no sort: the slice
    // sort's code was about 1 KB brotli of the first load).
    let (before, after): (&[(Option<Step>, LazyView)], &[(Option<Step>, LazyView)]) = match position {
        Some(p) => (LAZY.get(..p).unwrap_or_default(), LAZY.get(p + 1..).unwrap_or_default()),
        None => (&[], &LAZY),
    };
    let steps = after.iter().chain(before).map(|(_, l)| l.fetch);
    // The draft's sync code first: the first answer is saved with it. The plan step's lower part
    // (add-ons and total) its view fetches; after a link to a later step it comes with the steps.
    let draft: [fn() -> crate::chunks::Loading<()>; 3] =
        [crate::wizard::prefetch_sync, crate::wizard::prefetch_resume_panel, crate::wizard::steps::plan::prefetch_summary];
    prefetch_when_idle(draft.into_iter().chain(steps).collect());
}
