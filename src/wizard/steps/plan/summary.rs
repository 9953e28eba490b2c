//! The plan step's lower part: what a switch of plan removed, the add-ons and support once a plan
//! is chosen, then the running total with its VAT note. A chunk of its own, fetched once the plan
//! cards are shown: a visitor can choose a plan before it is here. Measured on 2026-12-02 (the
//! main module split, bound, wasm-opt -Oz, brotli 11): the total was 11.8 KB of the first load
//! and the add-ons 6.7 KB; as a chunk the part is 26 files, 34.6 KB, as it shares code with the
//! later steps' chunks.

use leptos::prelude::*;
use onramp_api::{Billing, Catalog, PlanSection};

use super::strings::use_strings;
use super::PlanExtras;
use crate::chunks::LazyView;
use crate::components::{addon_label, payment_label, vat_note, LazyPart, LazyStep, RunningTotal};
use crate::i18n::current_locale;
use crate::wizard::{use_draft, Dropped};

/// What the lower part reads from the step (a context, so that the chunk's view takes no props).
#[derive(Clone)]
pub struct PlanChoice {
    /// The catalogue the cards show.
    pub catalog: Catalog,
    /// The plan section chosen so far.
    pub chosen: Memo<Option<PlanSection>>,
    /// The billing period shown.
    pub billing: RwSignal<Billing>,
    /// Whether the saved draft has been read.
    pub loaded: Signal<bool>,
    /// The plan switched to and what it did not allow, after a switch that lost something.
    pub dropped: RwSignal<Option<(String, Vec<Dropped>)>>,
}

/// The lower part, inside its chunk.
#[component]
fn PlanSummary() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let draft = use_draft();
    let Some(PlanChoice { catalog, chosen, billing, loaded, dropped }) = use_context::<PlanChoice>() else {
        return ().into_any();
    };
    let provider_country = catalog.provider_country.clone();
    let extras_catalog = catalog.clone();
    let dropped_catalog = catalog.clone();
    view! {
            {move || dropped.get().map(|(plan, lost)| view! {
                <div class="notice" role="status" id="plan-dropped">
                    <p>{(t.dropped_title)(&plan)}</p>
                    <ul>
                        {lost.iter().map(|d| {
                            let text = match d {
                                Dropped::Addon(id) => dropped_catalog.addon(id).map(|a| addon_label(a, t, locale)).unwrap_or_else(|| id.clone()),
                                Dropped::PaymentMethod(m) => (t.dropped_payment)(payment_label(*m, t)),
                                Dropped::OwnDomain(d) => (t.dropped_own_domain)(d),
                            };
                            view! { <li>{text}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
        {move || chosen.get().filter(|_| loaded.get()).map(|section| {
            view! {
                <PlanExtras catalog=extras_catalog.clone() chosen=Signal::derive(move || chosen.get().unwrap_or_else(|| section.clone()))/>
            }
        })}
        <RunningTotal catalog=catalog section=Signal::derive(move || chosen.get().map(|s| PlanSection { billing: billing.get(), ..s }))>
            <p class="vat-note">{move || vat_note(&provider_country, draft.and_then(|d| d.sections.get().organization), t, locale)}</p>
        </RunningTotal>
    }
    .into_any()
}

crate::split_point!(plan_summary, summary, AnyView, view! { <PlanSummary/> }.into_any());

/// Fetches the lower part's chunk while the browser is idle (a step opened first by a link
/// leads back here).
pub fn prefetch_summary() -> crate::chunks::Loading<()> {
    summary::boxed_fetch()
}

/// The lower part: nothing while its chunk is fetched (a note after 300 ms), an alert with Retry
/// if it cannot be; the chosen plan is in the draft, so nothing is lost.
#[component]
pub fn LazySummary(
    /// What the cards show and the visitor chose.
    choice: PlanChoice,
) -> impl IntoView {
    let t = use_strings();
    provide_context(choice);
    let lazy = LazyView { fetch: summary::boxed_fetch, build: summary::boxed_build };
    view! { <LazyStep lazy=lazy part=LazyPart { loading: t.summary_loading, failed: t.summary_load_failed }/> }
}
