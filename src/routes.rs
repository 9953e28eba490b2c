//! The routes: the plan step is in the first load; every other step, the status page and the
//! resume page are split points (`crate::chunks`), fetched on first use or while the browser is idle.

use std::cell::Cell;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

use crate::chunks::{prefetch_when_idle, Loading, LazyView};
use crate::components::LazyStep;
use crate::not_found::NotFound;
use crate::wizard::steps::plan::PlanStep;
use crate::wizard::steps::{branding::BrandingStep, domain::DomainStep, moderation::ModerationStep, organization::OrganizationStep};
use crate::wizard::steps::{resume::ResumePage, review::ReviewStep, status::StatusPage};
use crate::wizard::{Step, WizardFrame};

crate::split_point!(step_organization, organization, AnyView, view! { <OrganizationStep/> }.into_any());
crate::split_point!(step_domain, domain, AnyView, view! { <DomainStep/> }.into_any());
crate::split_point!(step_branding, branding, AnyView, view! { <BrandingStep/> }.into_any());
crate::split_point!(step_moderation, moderation, AnyView, view! { <ModerationStep/> }.into_any());
crate::split_point!(step_review, review, AnyView, view! { <ReviewStep/> }.into_any());
crate::split_point!(page_status, status, AnyView, view! { <StatusPage/> }.into_any());
crate::split_point!(page_resume, resume, AnyView, view! { <ResumePage/> }.into_any());

/// Every route, with the router's matching: a chunk, so that the first load holds only the plan
/// step in its frame (measured: 27 KB brotli less of the first load). The wizard's steps are
/// shown without their frame: [`AppBody`] puts the frame around them.
fn all_routes() -> AnyView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("status/:order") view=status_route/>
            <Route path=path!("resume") view=resume_route/>
            <Route path=path!("") view=|| view! { <Redirect path="/plan"/> }/>
            <Route path=path!("plan") view=PlanStep/>
            <Route path=path!("organization") view=organization_route/>
            <Route path=path!("domain") view=domain_route/>
            <Route path=path!("branding") view=branding_route/>
            <Route path=path!("moderation") view=moderation_route/>
            <Route path=path!("review") view=review_route/>
        </Routes>
    }
    .into_any()
}

crate::split_point!(app_routes, routes_chunk, AnyView, all_routes());

thread_local! {
    /// Whether the routes' chunk has been fetched (it is never unloaded).
    static ROUTES_FETCHED: Cell<bool> = const { Cell::new(false) };
}

/// Fetches the routes' chunk and remembers that it is here.
fn fetch_routes() -> Loading<()> {
    Box::pin(async {
        let fetched = routes_chunk::fetch().await;
        if fetched.is_ok() {
            ROUTES_FETCHED.with(|f| f.set(true));
        }
        fetched
    })
}

/// The routes' chunk, for [`LazyStep`].
const ROUTES: LazyView = LazyView { fetch: fetch_routes, build: routes_chunk::boxed_build };

/// What the router shows, and how.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// The plan step in its frame, without the routes' chunk.
    Plan,
    /// A step of the wizard through the routes, in the frame.
    Step,
    /// The status and resume pages and an unknown address: the routes alone.
    Page,
}

/// Whether `path` shows the plan step (`/` leads there).
fn is_plan_path(path: &str) -> bool {
    path == "/" || Step::from_path(path) == Some(Step::Plan)
}

/// What the router shows. On the plan step, the step in its frame, without the routes' chunk:
/// a first visit can choose a plan before any chunk is here. Every other step goes through the
/// routes in the same frame, which stays while the steps change; the plan step too once a
/// visitor has left it with the routes fetched (so Back renders it the way Continue left it).
/// If the routes cannot be fetched, the plan step still opens, and the other addresses say so
/// with Retry.
#[component]
pub fn AppBody() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    // The memo runs again only when the path changes, so a previous body other than the plan
    // step means the visitor has left it.
    let body = Memo::new(move |previous: Option<&Body>| {
        let path = location.pathname.get();
        let plan = is_plan_path(&path);
        let left_plan = !plan || matches!(previous, Some(Body::Step | Body::Page));
        if plan && !(left_plan && ROUTES_FETCHED.with(Cell::get)) {
            Body::Plan
        } else if plan || Step::from_path(&path).is_some() {
            Body::Step
        } else {
            Body::Page
        }
    });
    // The root leads to the plan step, with the link's query (presets, language, mode).
    Effect::new(move || {
        if body.get() == Body::Plan && location.pathname.get() == "/" {
            let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
            navigate(&format!("/plan{search}"), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    // The frame stays when the plan step gives way to the routes (the first Continue): only the
    // step inside it changes.
    let framed = Memo::new(move |_| body.get() != Body::Page);
    move || {
        if framed.get() {
            view! {
                <WizardFrame>
                    {move || match body.get() {
                        Body::Plan => view! { <PlanStep/> }.into_any(),
                        _ => view! { <LazyStep lazy=ROUTES/> }.into_any(),
                    }}
                </WizardFrame>
            }
            .into_any()
        } else {
            view! { <LazyStep lazy=ROUTES landmark=true/> }.into_any()
        }
    }
}

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

/// After the first view: the draft's sync code and resume panel, the routes, then the steps after
/// `current` in the flow's order, then the others.
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
    let draft: [fn() -> crate::chunks::Loading<()>; 4] =
        [crate::wizard::prefetch_sync, crate::wizard::prefetch_resume_panel, crate::wizard::steps::plan::prefetch_summary, fetch_routes];
    prefetch_when_idle(draft.into_iter().chain(steps).collect());
}
