//! Pieces of the review step: the summary of what the backend refused, one section of answers
//! with its Change link, and accepting the terms.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::A;
use onramp_api::FieldError;

use super::strings::use_strings;
use super::{submit_error, ReviewSection};
use crate::components::focus_by_id;
use crate::wizard::change_link;

/// What the backend refused, each a link to where it is answered (a field here, or a step).
#[component]
pub fn SubmitErrors(
    /// The errors.
    errors: RwSignal<Vec<FieldError>>,
    /// Takes focus when errors are shown.
    node_ref: NodeRef<Div>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div
            class="error-summary"
            role="alert"
            tabindex="-1"
            aria-labelledby="review-errors-title"
            node_ref=node_ref
            hidden=move || errors.with(Vec::is_empty)
        >
            <h2 id="review-errors-title">{t.error_summary_title}</h2>
            <ul>
                {move || errors.get().iter().map(|e| {
                    let (text, href) = submit_error(e, t);
                    let local = href.starts_with('#');
                    let target = href.trim_start_matches('#').to_owned();
                    view! {
                        <li>
                            {if local {
                                view! {
                                    <a href=href.clone() on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_by_id(&target);
                                    }>{text}</a>
                                }.into_any()
                            } else {
                                view! { <A href=href>{text}</A> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// One step's answers with its Change link; a step not answered says so.
#[component]
pub fn ReviewSectionCard(
    /// The section.
    section: ReviewSection,
) -> impl IntoView {
    let t = use_strings();
    let s = section;
    let heading_id = format!("review-{}", s.step.path().trim_start_matches('/'));
    let labelled_by = heading_id.clone();
    view! {
        <section class="review-section" aria-labelledby=labelled_by>
            <div class="review-head">
                <h2 id=heading_id>{s.title}</h2>
                <A href=change_link(s.step) attr:class="change-link">
                    {t.change}<span class="visually-hidden">{s.title}</span>
                </A>
            </div>
            {if s.rows.is_empty() {
                view! { <p class="field-error">{t.review_missing}</p> }.into_any()
            } else {
                view! {
                    <dl class="review-list">
                        {s.rows.into_iter().filter(|r| !r.value.is_empty()).map(|r| view! {
                            <div>
                                <dt>{r.label}</dt>
                                <dd>
                                    {r.value}
                                    {(!r.items.is_empty()).then(|| view! {
                                        <ul class="review-items">{r.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                                    })}
                                </dd>
                            </div>
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>
    }
}

/// The terms and the data processing agreement, and the box that accepts both.
#[component]
pub fn TermsAcceptance(
    /// Whether they are accepted.
    accepted: RwSignal<bool>,
    /// The step's errors (`/accept_terms` is this box's).
    errors: RwSignal<Vec<FieldError>>,
    /// The terms' address.
    terms: String,
    /// The data processing agreement's address.
    dpa: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
    <fieldset class="field terms" class:field-invalid=move || errors.with(|e| e.iter().any(|e| e.pointer == "/accept_terms"))>
        <legend>{t.terms_legend}</legend>
        <p class="terms-links">
            <a href=terms target="_blank" rel="noopener">{t.terms_link}<span class="visually-hidden">" " {t.opens_new_tab}</span></a>
            " · "
            <a href=dpa target="_blank" rel="noopener">{t.dpa_link}<span class="visually-hidden">" " {t.opens_new_tab}</span></a>
        </p>
        {move || errors.with(|e| e.iter().any(|e| e.pointer == "/accept_terms")).then(|| view! {
            <p class="field-error" id="accept_terms-error">{t.err_accept_terms}</p>
        })}
        <div class="choice">
            <input
                type="checkbox"
                id="accept_terms"
                aria-describedby=move || errors.with(|e| e.iter().any(|e| e.pointer == "/accept_terms")).then_some("accept_terms-error")
                prop:checked=move || accepted.get()
                on:change=move |ev| {
                    accepted.set(event_target_checked(&ev));
                    errors.update(|e| e.retain(|e| e.pointer != "/accept_terms"));
                }
            />
            <label for="accept_terms">{t.terms_accept}</label>
        </div>
    </fieldset>
    }
}
