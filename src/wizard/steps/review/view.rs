//! `/review`: every answer in plain words with a "Change" link that comes back here, the price,
//! the terms, and Submit, which orders exactly once (one idempotency key per draft, kept on
//! this device) and then shows the order's status.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use onramp_api::{
    Billing, BrandingSection, Catalog, DomainMode, DomainSection, DraftSections, ErrorCode, FieldError, ModerationSection,
    OrganizationSection, PaymentMethod, PlanSection, RegistrationsMode, Theme,
};

use crate::api::{ApiClient, AppError};
use crate::wizard::{StepHeading};
use crate::format;
use crate::i18n::{current_locale, Locale};
use super::ReviewStrings;
use super::parts::{ReviewSectionCard, SubmitErrors, TermsAcceptance};
use super::strings::use_strings;
use crate::wizard::messages::message;
use crate::components::{addon_label, kind_label, payment_label, severity_label, vat_note, PriceLines};
use crate::wizard::{change_link, use_catalog, use_draft, SaveStatus, Step};

/// One answer on the review page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The draft field(s) it shows, as a JSON pointer (a row covers everything under it).
    pub pointer: &'static str,
    /// What was asked.
    pub label: &'static str,
    /// The answer in words.
    pub value: String,
    /// The items of a list answer (rules, blocked servers), shown under the value.
    pub items: Vec<String>,
}

/// One section of the summary: the step it comes from and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSection {
    /// Where "Change" leads.
    pub step: Step,
    /// Heading.
    pub title: &'static str,
    /// The answers; empty when the step is not answered.
    pub rows: Vec<ReviewRow>,
}

/// How many blocked servers the review lists by name before "… and N more".
pub const REVIEW_BLOCKS_LISTED: usize = 10;

fn row(pointer: &'static str, label: &'static str, value: impl Into<String>) -> ReviewRow {
    ReviewRow { pointer, label, value: value.into(), items: Vec::new() }
}

fn text_or_none(value: Option<&str>, t: &ReviewStrings) -> String {
    value.map(str::trim).filter(|v| !v.is_empty()).unwrap_or(t.review_none).to_owned()
}

fn days(value: Option<u32>, t: &ReviewStrings, locale: Locale) -> String {
    value.map_or_else(|| t.review_kept.to_owned(), |d| (t.review_days)(&format::count(d as usize, locale)))
}

fn plan_rows(p: &PlanSection, catalog: &Catalog, t: &ReviewStrings, locale: Locale) -> Vec<ReviewRow> {
    let plan = catalog.plan(&p.plan_id);
    let billing = match p.billing {
        Billing::Monthly => t.billing_monthly,
        Billing::Yearly => t.billing_yearly,
    };
    let addons: Vec<String> = p.addons.iter().map(|id| catalog.addon(id).map_or_else(|| id.clone(), |a| addon_label(a, t, locale))).collect();
    let tier_text = |id: &str| {
        catalog.support_tier(id).map_or_else(|| id.to_owned(), |s| (t.support_option)(&s.name, &format::count(s.response_hours as usize, locale)))
    };
    let support = match (&p.support_tier, plan) {
        (Some(id), _) => tier_text(id),
        (None, Some(plan)) => (t.review_included_support)(&tier_text(&plan.included_support)),
        (None, None) => t.review_none.to_owned(),
    };
    vec![
        row("/plan/plan_id", t.review_plan, plan.map_or_else(|| p.plan_id.clone(), |p| p.name.clone())),
        row("/plan/billing", t.review_billing_period, billing),
        row("/plan/currency", t.review_currency, p.currency.clone().unwrap_or_else(|| catalog.currency.clone())),
        row("/plan/addons", t.review_addons, if addons.is_empty() { t.review_none.to_owned() } else { format::list(&addons, locale) }),
        row("/plan/support_tier", t.review_support, support),
    ]
}

fn organization_rows(o: &OrganizationSection, t: &ReviewStrings, locale: Locale) -> Vec<ReviewRow> {
    let a = &o.billing.address;
    let address = [a.line1.as_str(), a.line2.as_str(), &format!("{} {}", a.postal_code, a.city), &format::region_name(&o.country, locale)]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        row("/organization/name", t.org_name_label, o.name.clone()),
        row("/organization/kind", t.org_kind_legend, kind_label(o.kind, t)),
        row("/organization/contact_email", t.review_contact, o.contact_email.clone()),
        row("/organization/admin_username", t.review_admin, format!("@{}", o.admin_username)),
        row("/organization/billing/address", t.review_billing_address, address),
        // The country is the last part of the address.
        row("/organization/country", t.review_billing_address, String::new()),
        row("/organization/billing/email", t.review_billing_email, o.billing.email.clone().unwrap_or_else(|| o.contact_email.clone())),
        row("/organization/billing/payment_method", t.review_payment, payment_label(o.billing.payment_method, t)),
        row("/organization/vat_id", t.vat_label, text_or_none(o.vat_id.as_deref(), t)),
    ];
    let leitweg = onramp_api::validate::is_german_public_body(o);
    for (pointer, label, value) in [
        ("/organization/billing/purchase_order", t.po_label, &o.billing.purchase_order),
        ("/organization/billing/buyer_reference", if leitweg { t.leitweg_label } else { t.buyer_ref_label }, &o.billing.buyer_reference),
        ("/organization/billing/peppol_id", t.peppol_label, &o.billing.peppol_id),
    ] {
        if o.billing.payment_method == PaymentMethod::Invoice || value.is_some() {
            rows.push(row(pointer, label, text_or_none(value.as_deref(), t)));
        }
    }
    rows
}

fn domain_rows(dm: &DomainSection, t: &ReviewStrings) -> Vec<ReviewRow> {
    let mode = match dm.mode {
        DomainMode::Subdomain => t.mode_subdomain,
        DomainMode::Custom => t.mode_custom,
    };
    let mut rows = vec![
        row("/domain/mode", t.review_address_kind, mode),
        row("/domain/web_domain", t.review_server, format!("https://{}", dm.web_domain)),
        row("/domain/handle_domain", t.review_handles, format!("@name@{}", dm.handle_domain)),
    ];
    if dm.mode == DomainMode::Custom {
        rows.push(row("/domain/mode", t.dns_heading, t.dns_intro));
    }
    rows
}

fn branding_rows(b: &BrandingSection, t: &ReviewStrings) -> Vec<ReviewRow> {
    let theme = match b.theme {
        Theme::Auto => t.theme_auto,
        Theme::Light => t.theme_light,
        Theme::Dark => t.theme_dark,
    };
    let colour = b.accent_color.clone().unwrap_or_else(|| t.review_none.to_owned());
    vec![
        row("/branding/site_title", t.review_title, b.site_title.clone()),
        row("/branding/site_short_description", t.review_description, text_or_none(Some(&b.site_short_description), t)),
        row("/branding/site_contact_email", t.review_site_contact, text_or_none(b.site_contact_email.as_deref(), t)),
        row("/branding/thumbnail", t.review_images, (t.review_thumbnail_logo)(b.thumbnail.is_some(), b.logo.is_some())),
        row("/branding/logo", t.review_images, String::new()),
        row("/branding/accent_color", t.review_colour, format!("{colour} · {theme}")),
        row("/branding/theme", t.review_colour, String::new()),
    ]
}

fn moderation_rows(m: &ModerationSection, t: &ReviewStrings, locale: Locale) -> Vec<ReviewRow> {
    let join = match m.registrations_mode {
        RegistrationsMode::Open => t.reg_open,
        RegistrationsMode::Approved => t.reg_approved,
        RegistrationsMode::None => t.reg_none,
    };
    let languages: Vec<String> = m.languages.iter().map(|l| format::language_name(l, locale)).collect();
    let mut rules = row("/moderation/rules", t.review_rules, (t.review_count_rules)(&format::count(m.rules.len(), locale)));
    rules.items = m.rules.iter().map(|r| r.text.clone()).collect();
    let mut blocks = row("/moderation/domain_blocks", t.review_blocks, (t.review_count_blocks)(&format::count(m.domain_blocks.len(), locale)));
    blocks.items = m.domain_blocks.iter().take(REVIEW_BLOCKS_LISTED).map(|b| (t.review_block_line)(&b.domain, severity_label(b.severity, t))).collect();
    if let Some(more) = m.domain_blocks.len().checked_sub(REVIEW_BLOCKS_LISTED).filter(|n| *n > 0) {
        blocks.items.push((t.more_rows)(&format::count(more, locale).text));
    }
    let mut rows = vec![row("/moderation/registrations_mode", t.review_join, join)];
    if m.registrations_mode == RegistrationsMode::Approved || m.require_invite_text {
        rows.push(row("/moderation/require_invite_text", t.review_applications, if m.require_invite_text { t.review_yes } else { t.review_no }));
    }
    rows.extend([
        row("/moderation/min_age", t.review_min_age, m.min_age.map_or_else(|| t.review_none.to_owned(), |a| (t.review_years)(&format::count(a.into(), locale)))),
        rules,
        blocks,
        row("/moderation/languages", t.review_languages, if languages.is_empty() { t.review_none.to_owned() } else { format::list(&languages, locale) }),
        row("/moderation/content_cache_retention_days", t.review_content_cache, days(m.content_cache_retention_days, t, locale)),
        row("/moderation/media_cache_retention_days", t.review_media_cache, days(m.media_cache_retention_days, t, locale)),
    ]);
    rows
}

/// The summary of a draft, section by section, in the user's language. Rows with an empty value
/// add to the row before them (one line for the images, one for colour and theme).
pub fn review_sections(d: &DraftSections, catalog: &Catalog, t: &ReviewStrings, locale: Locale) -> Vec<ReviewSection> {
    vec![
        ReviewSection { step: Step::Plan, title: t.review_plan, rows: d.plan.as_ref().map(|p| plan_rows(p, catalog, t, locale)).unwrap_or_default() },
        ReviewSection {
            step: Step::Organization,
            title: t.review_organization,
            rows: d.organization.as_ref().map(|o| organization_rows(o, t, locale)).unwrap_or_default(),
        },
        ReviewSection { step: Step::Domain, title: t.review_domain, rows: d.domain.as_ref().map(|dm| domain_rows(dm, t)).unwrap_or_default() },
        ReviewSection { step: Step::Branding, title: t.review_branding, rows: d.branding.as_ref().map(|b| branding_rows(b, t)).unwrap_or_default() },
        ReviewSection {
            step: Step::Moderation,
            title: t.review_moderation,
            rows: d.moderation.as_ref().map(|m| moderation_rows(m, t, locale)).unwrap_or_default(),
        },
    ]
}

/// The step a submit error belongs to.
pub fn step_of(pointer: &str) -> Option<Step> {
    let section = pointer.trim_start_matches('/').split('/').next()?;
    Step::ALL.into_iter().find(|s| s.path().trim_start_matches('/') == section)
}

/// The words and the link target of a submit error.
pub fn submit_error(e: &FieldError, t: &ReviewStrings) -> (String, String) {
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

    // Placing the order: everything typed is saved first (the order is for what the user sees),
    // then submitted once under the draft's idempotency key. Its `pending()` drives the button.
    let place = Action::new_local(move |_: &()| async move {
        let (Some(d), Some(client)) = (draft, client.get_value()) else { return };
        if let SaveStatus::Failed(e) = d.settle().await {
            failure.set(Some(e));
            return;
        }
        let Some(key) = d.key() else {
            failure.set(Some(AppError::NotFound));
            return;
        };
        let idempotency = d.submit_key();
        match client.submit(&key, &idempotency).await {
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
    let submitting = place.pending();

    let submit = move || {
        if submitting.get_untracked() {
            return;
        }
        failure.set(None);
        if !accepted.get_untracked() {
            show_errors(vec![FieldError::new("/accept_terms", ErrorCode::Required, "")]);
            return;
        }
        if draft.is_none() || client.with_value(Option::is_none) {
            return;
        }
        errors.set(Vec::new());
        place.dispatch_local(());
    };

    let sections = move || {
        let cat = catalog.and_then(|c| c.get()).and_then(Result::ok)?;
        let d = draft?.sections.get();
        Some(review_sections(&d, &cat, t, locale))
    };

    view! {
        <StepHeading step=Step::Review/>
        <p class="lead">{t.review_intro}</p>
        <SubmitErrors errors=errors node_ref=summary_ref/>
        {move || match sections() {
            None => view! { <p class="loading">{t.loading_catalog}</p> }.into_any(),
            Some(list) => list.into_iter().map(|s| {
                view! { <ReviewSectionCard section=s/> }
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
                <TermsAcceptance accepted=accepted errors=errors terms=terms dpa=dpa/>
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
        let t = super::super::strings::of(Locale::En);
        let e = |p: &str, c| FieldError::new(p, c, "");
        assert_eq!(step_of("/branding/site_title"), Some(Step::Branding));
        assert_eq!(step_of("/accept_terms"), None);
        assert_eq!(submit_error(&e("/accept_terms", ErrorCode::Required), t).1, "#accept_terms");
        let (text, href) = submit_error(&e("/moderation", ErrorCode::Required), t);
        assert_eq!((text.as_str(), href.as_str()), ("Moderation: answer this step first.", "/moderation?return=review"));
        let (text, href) = submit_error(&e("/domain/web_domain", ErrorCode::Taken), t);
        assert!(text.starts_with("Domain: ") && href == "/domain?return=review", "{text} {href}");
    }

    /// Every leaf of `DraftSections` in the published contract (`api/openapi.json`, generated from
    /// the contract's types), as JSON pointers: a field added to the contract is listed here.
    fn contract_fields() -> Vec<String> {
        fn walk(schemas: &serde_json::Value, schema: &serde_json::Value, pointer: &str, out: &mut Vec<String>) {
            if let Some(name) = schema.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.rsplit('/').next()) {
                if let Some(s) = schemas.get(name) {
                    walk(schemas, s, pointer, out);
                }
                return;
            }
            for key in ["oneOf", "anyOf", "allOf"] {
                if let Some(alternatives) = schema.get(key).and_then(|a| a.as_array()) {
                    for a in alternatives.iter().filter(|a| a.get("type").and_then(|t| t.as_str()) != Some("null")) {
                        walk(schemas, a, pointer, out);
                    }
                    return;
                }
            }
            match schema.get("properties").and_then(|p| p.as_object()) {
                Some(props) => props.iter().for_each(|(k, v)| walk(schemas, v, &format!("{pointer}/{k}"), out)),
                None => out.push(pointer.to_owned()),
            }
        }
        let doc: serde_json::Value = serde_json::from_str(include_str!("../../../../api/openapi.json")).unwrap_or_default();
        let schemas = &doc["components"]["schemas"];
        let mut out = Vec::new();
        walk(schemas, &schemas["DraftSections"], "", &mut out);
        out
    }

    /// A draft with every field answered, no option left at `None`.
    fn full_draft() -> DraftSections {
        use onramp_api::*;
        let mut d = onramp_api::sample::scenario("university").unwrap_or_default();
        if let Some(p) = d.plan.as_mut() {
            p.support_tier = Some("priority".into());
            p.currency = Some("EUR".into());
        }
        if let Some(o) = d.organization.as_mut() {
            o.vat_id = Some("DE123456789".into());
            o.billing.address.line2 = "Gebäude C".into();
            o.billing.buyer_reference = Some("BR-4711".into());
            o.billing.peppol_id = Some("0204:991-33333TEST-33".into());
        }
        if let Some(b) = d.branding.as_mut() {
            b.thumbnail = Some("upload-thumbnail".into());
            b.logo = Some("upload-logo".into());
        }
        if let Some(m) = d.moderation.as_mut() {
            m.registrations_mode = RegistrationsMode::Approved;
            m.require_invite_text = true;
            m.content_cache_retention_days = Some(90);
            m.domain_blocks = vec![
                DomainBlock { domain: "spam.example".into(), severity: Severity::Suspend, ..Default::default() },
                DomainBlock { domain: "noisy.example".into(), severity: Severity::Silence, ..Default::default() },
            ];
        }
        d
    }

    #[test]
    fn the_review_shows_every_field_of_the_contract_in_every_language() {
        let fields = contract_fields();
        assert!(fields.len() > 30 && fields.contains(&"/organization/kind".to_owned()), "{fields:?}");
        let catalog = onramp_api::sample::catalog();
        let draft = full_draft();
        let json = serde_json::to_value(&draft).unwrap_or_default();
        for l in Locale::ALL {
            let sections = review_sections(&draft, &catalog, super::super::strings::of(l), l);
            let rows: Vec<&ReviewRow> = sections.iter().flat_map(|s| &s.rows).collect();
            for field in &fields {
                let covering: Vec<&&ReviewRow> = rows.iter().filter(|r| field == r.pointer || field.starts_with(&format!("{}/", r.pointer))).collect();
                assert!(!covering.is_empty(), "{l:?}: no review row shows {field}");
                // The answer itself is on the page: free text as typed, choices in words.
                let shown: String = rows.iter().filter(|r| !r.value.is_empty()).flat_map(|r| std::iter::once(&r.value).chain(&r.items)).cloned().collect::<Vec<_>>().join("\n");
                let words_instead = ["/plan/plan_id", "/plan/addons", "/plan/support_tier", "/organization/country", "/branding/thumbnail", "/branding/logo"];
                if let Some(text) = json.pointer(field).and_then(|v| v.as_str()).filter(|t| !t.is_empty() && !words_instead.contains(&field.as_str())) {
                    let enum_value = text.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                    assert!(enum_value || shown.contains(text), "{l:?}: {field} = {text:?} is not on the review page");
                }
                assert!(covering.iter().any(|r| !r.value.is_empty()) || rows.iter().any(|r| r.label == covering[0].label && !r.value.is_empty()), "{l:?}: {field} has no visible row");
            }
            for r in &rows {
                assert!(!r.value.contains("_"), "{l:?}: {} shows a raw id: {}", r.pointer, r.value);
            }
        }
    }

    #[test]
    fn every_section_is_summarized_in_both_languages() {
        let catalog = onramp_api::sample::catalog();
        let d = DraftSections {
            plan: Some(onramp_api::PlanSection { plan_id: "organization".into(), ..Default::default() }),
            ..Default::default()
        };
        for l in Locale::ALL {
            let s = review_sections(&d, &catalog, super::super::strings::of(l), l);
            assert_eq!(s.len(), 5);
            assert_eq!(s.first().map(|s| s.rows.len()), Some(5));
            assert!(s.iter().skip(1).all(|s| s.rows.is_empty()), "unanswered steps have no rows");
        }
    }
}
