//! `/review`: every answer in plain words with a "Change" link that comes back here, the price,
//! the terms, and Submit, which orders exactly once (one idempotency key per draft, kept on
//! this device) and then shows the order's status.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use onramp_api::{Billing, Catalog, DomainMode, DraftSections, ErrorCode, FieldError, RegistrationsMode, Theme};

use crate::api::{ApiClient, AppError};
use crate::components::{focus_by_id, StepHeading};
use crate::format;
use crate::i18n::{current_locale, use_strings, Locale, Strings};
use crate::wizard::messages::message;
use crate::wizard::steps::{payment_label, vat_note, PriceLines};
use crate::wizard::{change_link, use_catalog, use_draft, SaveStatus, Step};

/// One section of the summary: the step it comes from and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSection {
    /// Where "Change" leads.
    pub step: Step,
    /// Heading.
    pub title: &'static str,
    /// (label, value) lines; empty when the step is not answered.
    pub rows: Vec<(&'static str, String)>,
}

fn count(n: usize, locale: Locale) -> String {
    format::integer(u32::try_from(n).unwrap_or(u32::MAX), locale)
}

/// The summary of a draft, section by section, in the user's language.
pub fn review_sections(d: &DraftSections, catalog: &Catalog, t: &Strings, locale: Locale) -> Vec<ReviewSection> {
    let mut out = Vec::new();
    let plan_rows = d.plan.as_ref().map(|p| {
        let name = catalog.plan(&p.plan_id).map(|p| p.name.clone()).unwrap_or_else(|| p.plan_id.clone());
        let billing = match p.billing {
            Billing::Monthly => t.billing_monthly,
            Billing::Yearly => t.billing_yearly,
        };
        vec![(t.review_plan, name), (t.review_billing_period, billing.to_owned())]
    });
    out.push(ReviewSection { step: Step::Plan, title: t.review_plan, rows: plan_rows.unwrap_or_default() });

    let org_rows = d.organization.as_ref().map(|o| {
        let a = &o.billing.address;
        let address = [a.line1.as_str(), a.line2.as_str(), &format!("{} {}", a.postal_code, a.city), &format::region_name(&o.country, locale)]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let mut rows = vec![
            (t.org_name_label, o.name.clone()),
            (t.review_contact, o.contact_email.clone()),
            (t.review_admin, format!("@{}", o.admin_username)),
            (t.review_billing_address, address),
            (t.review_payment, payment_label(o.billing.payment_method, t).to_owned()),
        ];
        if let Some(vat) = &o.vat_id {
            rows.push((t.vat_label, vat.clone()));
        }
        let leitweg = onramp_api::validate::is_german_public_body(o);
        for (label, value) in [
            (t.po_label, &o.billing.purchase_order),
            (if leitweg { t.leitweg_label } else { t.buyer_ref_label }, &o.billing.buyer_reference),
            (t.peppol_label, &o.billing.peppol_id),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                rows.push((label, v.to_owned()));
            }
        }
        rows
    });
    out.push(ReviewSection { step: Step::Organization, title: t.review_organization, rows: org_rows.unwrap_or_default() });

    let domain_rows = d.domain.as_ref().map(|dm| {
        let mut rows = vec![(t.review_server, format!("https://{}", dm.web_domain))];
        rows.push((t.review_handles, format!("@name@{}", dm.handle_domain)));
        if dm.mode == DomainMode::Custom {
            rows.push((t.dns_heading, t.dns_intro.to_owned()));
        }
        rows
    });
    out.push(ReviewSection { step: Step::Domain, title: t.review_domain, rows: domain_rows.unwrap_or_default() });

    let branding_rows = d.branding.as_ref().map(|b| {
        let theme = match b.theme {
            Theme::Auto => t.theme_auto,
            Theme::Light => t.theme_light,
            Theme::Dark => t.theme_dark,
        };
        let mut rows = vec![(t.review_title, b.site_title.clone())];
        if !b.site_short_description.is_empty() {
            rows.push((t.review_description, b.site_short_description.clone()));
        }
        rows.push((t.review_images, (t.review_thumbnail_logo)(b.thumbnail.is_some(), b.logo.is_some())));
        rows.push((t.review_colour, format!("{} · {theme}", b.accent_color.clone().unwrap_or_else(|| t.review_none.to_owned()))));
        rows
    });
    out.push(ReviewSection { step: Step::Branding, title: t.review_branding, rows: branding_rows.unwrap_or_default() });

    let moderation_rows = d.moderation.as_ref().map(|m| {
        let join = match m.registrations_mode {
            RegistrationsMode::Open => t.reg_open,
            RegistrationsMode::Approved => t.reg_approved,
            RegistrationsMode::None => t.reg_none,
        };
        let languages: Vec<String> = m.languages.iter().map(|l| format::language_name(l, locale)).collect();
        vec![
            (t.review_join, join.to_owned()),
            (t.review_rules, (t.review_count_rules)(&count(m.rules.len(), locale))),
            (t.review_blocks, (t.review_count_blocks)(&count(m.domain_blocks.len(), locale))),
            (t.review_languages, if languages.is_empty() { t.review_none.to_owned() } else { languages.join(", ") }),
        ]
    });
    out.push(ReviewSection { step: Step::Moderation, title: t.review_moderation, rows: moderation_rows.unwrap_or_default() });
    out
}

/// The step a submit error belongs to.
pub fn step_of(pointer: &str) -> Option<Step> {
    let section = pointer.trim_start_matches('/').split('/').next()?;
    Step::ALL.into_iter().find(|s| s.path().trim_start_matches('/') == section)
}

/// The words and the link target of a submit error.
pub fn submit_error(e: &FieldError, t: &Strings) -> (String, String) {
    match (e.pointer.as_str(), step_of(&e.pointer)) {
        ("/accept_terms", _) => (t.err_accept_terms.to_owned(), "#accept_terms".to_owned()),
        ("/idempotency_key", _) => (t.err_key_reused.to_owned(), "#submit".to_owned()),
        (p, Some(step)) if p.trim_start_matches('/').contains('/') => {
            ((t.err_at_step)(step.label(t), &message(e, t)), change_link(step))
        }
        (_, Some(step)) if e.code == ErrorCode::Required => ((t.err_step_missing)(step.label(t)), change_link(step)),
        (_, Some(step)) => ((t.err_at_step)(step.label(t), &message(e, t)), change_link(step)),
        _ => (message(e, t), "#submit".to_owned()),
    }
}

/// The review step.
#[component]
pub fn ReviewStep() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let draft = use_draft();
    let catalog = use_catalog();
    let client = StoredValue::new_local(use_context::<ApiClient>());
    let navigate = StoredValue::new_local(use_navigate());
    let accepted = RwSignal::new(false);
    let submitting = RwSignal::new(false);
    let failure = RwSignal::new(None::<AppError>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary_ref = NodeRef::<leptos::html::Div>::new();

    let show_errors = move |found: Vec<FieldError>| {
        errors.set(found);
        request_animation_frame(move || {
            if let Some(el) = summary_ref.get_untracked() {
                let _ = el.focus();
            }
        });
    };

    let submit = move || {
        if submitting.get_untracked() {
            return;
        }
        failure.set(None);
        if !accepted.get_untracked() {
            show_errors(vec![FieldError::new("/accept_terms", ErrorCode::Required, "")]);
            return;
        }
        let (Some(d), Some(client)) = (draft, client.get_value()) else { return };
        errors.set(Vec::new());
        submitting.set(true);
        spawn_local(async move {
            // Everything typed is saved first: the order is placed for what the user sees.
            if let SaveStatus::Failed(e) = d.settle().await {
                submitting.set(false);
                failure.set(Some(e));
                return;
            }
            let Some(key) = d.key() else {
                submitting.set(false);
                failure.set(Some(AppError::NotFound));
                return;
            };
            let idempotency = d.submit_key();
            let result = client.submit(&key, &idempotency).await;
            submitting.set(false);
            match result {
                Ok(order) => {
                    crate::funnel::emit(onramp_api::funnel::FunnelKind::Submitted, Vec::new());
                    crate::wizard::announce_order(&order.id);
                    d.finish(&order.id);
                    navigate.with_value(|n| n(&format!("/status/{}", order.id), Default::default()));
                }
                Err(AppError::Invalid(found)) => {
                    crate::funnel::emit(onramp_api::funnel::FunnelKind::ValidationError, crate::funnel::codes(&found));
                    show_errors(found)
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };

    let sections = move || {
        let cat = catalog.and_then(|c| c.get()).and_then(Result::ok)?;
        let d = draft?.sections.get();
        Some(review_sections(&d, &cat, t, locale))
    };

    view! {
        <StepHeading step=Step::Review/>
        <p class="lead">{t.review_intro}</p>
        <div
            class="error-summary"
            role="alert"
            tabindex="-1"
            aria-labelledby="review-errors-title"
            node_ref=summary_ref
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
        {move || match sections() {
            None => view! { <p class="loading">{t.loading_catalog}</p> }.into_any(),
            Some(list) => list.into_iter().map(|s| {
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
                                    {s.rows.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                                </dl>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view().into_any(),
        }}
        {move || {
            let cat = catalog.and_then(|c| c.get()).and_then(Result::ok)?;
            let provider = cat.provider_country.clone();
            let (terms, dpa) = (cat.terms_url.clone(), cat.dpa_url.clone());
            Some(view! {
                <aside class="summary review-price" aria-labelledby="summary-heading">
                    <h2 id="summary-heading">{t.summary_heading}</h2>
                    <PriceLines catalog=cat section=Signal::derive(move || draft.and_then(|d| d.sections.get().plan))/>
                    <p class="vat-note">{move || vat_note(&provider, draft.and_then(|d| d.sections.get().organization), t, locale)}</p>
                </aside>
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
            })
        }}
        {move || failure.get().map(|e| view! {
            <div class="notice notice-error" role="alert">
                <p>{t.submit_failed}</p>
                <p>{e.message(t)}</p>
            </div>
        })}
        <div class="actions">
            <button
                type="button"
                id="submit"
                class="button button-primary"
                aria-disabled=move || submitting.get().then_some("true")
                on:click=move |_| submit()
            >
                {move || if submitting.get() { t.submitting } else if failure.get().is_some() { t.retry } else { t.submit_order }}
            </button>
            <A href=Step::Moderation.path() attr:class="back-link">{t.back}</A>
        </div>
        <p class="visually-hidden" aria-live="polite">{move || submitting.get().then_some(t.submitting)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submit_errors_lead_to_their_step() {
        let t = Locale::En.strings();
        let e = |p: &str, c| FieldError::new(p, c, "");
        assert_eq!(step_of("/branding/site_title"), Some(Step::Branding));
        assert_eq!(step_of("/accept_terms"), None);
        assert_eq!(submit_error(&e("/accept_terms", ErrorCode::Required), t).1, "#accept_terms");
        let (text, href) = submit_error(&e("/moderation", ErrorCode::Required), t);
        assert_eq!((text.as_str(), href.as_str()), ("Moderation: answer this step first.", "/moderation?return=review"));
        let (text, href) = submit_error(&e("/domain/web_domain", ErrorCode::Taken), t);
        assert!(text.starts_with("Domain: ") && href == "/domain?return=review", "{text} {href}");
    }

    #[test]
    fn every_section_is_summarized_in_both_languages() {
        let catalog = onramp_api::sample::catalog();
        let d = DraftSections {
            plan: Some(onramp_api::PlanSection { plan_id: "organization".into(), ..Default::default() }),
            ..Default::default()
        };
        for l in Locale::ALL {
            let s = review_sections(&d, &catalog, l.strings(), l);
            assert_eq!(s.len(), 5);
            assert_eq!(s.first().map(|s| s.rows.len()), Some(2));
            assert!(s.iter().skip(1).all(|s| s.rows.is_empty()), "unanswered steps have no rows");
        }
    }
}
