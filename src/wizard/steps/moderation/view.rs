//! `/moderation`: who may join, the minimum age and languages, the server rules (from a pack),
//! federation blocks (by hand or imported), managed moderation with the running total, and how
//! long copies of other servers' content are kept. Checked by the shared rules, saved to the
//! draft; what is typed survives a reload.

use leptos::prelude::*;
use onramp_api::validate::validate_moderation;
use onramp_api::{AddonKind, Catalog, DraftSections, ModerationSection, OrganizationKind, RegistrationsMode};

use crate::components::{ErrorSummary, TextField};
use crate::wizard::{FormActions, StepHeading};
use crate::format;
use crate::i18n::{current_locale};
use super::strings::use_strings;
use crate::wizard::autosave::{fill_once, keep_typed};
use crate::wizard::messages::{error_at, summary};
use crate::wizard::rule_packs::{default_registrations, Pack};
use super::form::{ModerationFields, ModerationFieldsStoreFields, ModerationForm};
use super::languages::LanguagesField;
use super::{BlocksEditor, RulesEditor};
use reactive_stores::{Patch, Store};
use crate::components::{vat_note, ManagedModerationChoice, PriceLines};
use crate::wizard::{use_catalog, use_draft, Step, StepForm};

/// Local storage key of the answers typed on this step and not yet saved.
pub const MODERATION_FORM_KEY: &str = "onramp.form.moderation";

/// Storage of the plan in gigabytes, extra storage add-ons included.
pub fn storage_gb(catalog: &Catalog, draft: &DraftSections) -> Option<u32> {
    let section = draft.plan.as_ref()?;
    let plan = catalog.plan(&section.plan_id)?;
    let extra: u32 = section
        .addons
        .iter()
        .filter_map(|id| match catalog.addon(id).map(|a| &a.kind) {
            Some(AddonKind::ExtraStorage { storage_gb }) => Some(*storage_gb),
            _ => None,
        })
        .sum();
    Some(plan.limits.storage_gb.saturating_add(extra))
}

/// The moderation step.
#[component]
pub fn ModerationStep() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let draft = use_draft();
    let catalog = use_catalog();

    let kind = move || {
        draft.and_then(|d| d.sections.with(|s| s.organization.as_ref().map(|o| o.kind))).unwrap_or(OrganizationKind::Other)
    };
    let preselected = RwSignal::new(false);
    let ready = RwSignal::new(false);

    // Everything typed on this step: one store, filled once by a patch (what was typed here and
    // not yet saved, else the saved draft, else the usual choices for this kind of organization).
    let typed = Store::new(ModerationFields::default());
    let (mode, invite_text, languages) = (typed.mode(), typed.invite_text(), typed.languages());
    let saved = |s: &onramp_api::DraftSections| s.moderation.clone().map(ModerationForm::from);
    let filled = fill_once(MODERATION_FORM_KEY, saved, move |form: Option<ModerationForm>, _| {
        let form = form.unwrap_or_else(|| {
            let k = kind();
            preselected.set(true);
            ModerationForm::from(ModerationSection {
                registrations_mode: default_registrations(k),
                rules: Pack::for_kind(k).rules(locale),
                languages: vec![locale.as_str().to_owned()],
                ..Default::default()
            })
        });
        typed.patch(form.into());
        ready.set(true);
    });
    let section = move || typed.with_untracked(ModerationFields::section);

    // Mirror what is typed on this device, so a reload or a crash loses nothing, and save it to
    // the draft after a pause once it passes the rules.
    keep_typed(
        filled,
        MODERATION_FORM_KEY,
        move || typed.track(),
        move || serde_json::to_string(&typed.with_untracked(ModerationFields::typed)).ok(),
        move || {
            let m = section();
            let saved = draft.and_then(|d| d.sections.get_untracked().moderation);
            if let (Some(d), true) = (draft, saved.as_ref() != Some(&m) && validate_moderation(&m).is_empty()) {
                d.set_sections(DraftSections { moderation: Some(m), ..Default::default() });
            }
        },
    );

    let form = StepForm::new(Step::Moderation, Some(MODERATION_FORM_KEY));
    let StepForm { errors, shown, .. } = form;
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
    let summary_items = Signal::derive(move || summary(&errors.get(), t));
    let revalidate = Callback::new(move |_| {
        if shown.get_untracked() > 0 {
            errors.set(validate_moderation(&section()));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = section();
        let found = validate_moderation(&m);
        form.submit(DraftSections { moderation: Some(m), ..Default::default() }, found);
    };

    let languages_error = Signal::derive(move || {
        errors.with(|e| e.iter().find(|e| e.pointer.starts_with("/moderation/languages")).map(|e| crate::wizard::messages::message(e, t)))
    });

    let the_catalog = move || catalog.and_then(|c| c.get()).and_then(Result::ok);
    let plan_section = Signal::derive(move || draft.and_then(|d| d.sections.get().plan));
    let storage_text = move || {
        let cat = the_catalog()?;
        let gb = draft.and_then(|d| d.sections.with(|s| storage_gb(&cat, s)))?;
        Some(format::integer(gb, locale))
    };

    let modes = [
        (RegistrationsMode::Open, "moderation-registrations_mode-open", t.reg_open, t.reg_open_hint),
        (RegistrationsMode::Approved, "moderation-registrations_mode-approved", t.reg_approved, t.reg_approved_hint),
        (RegistrationsMode::None, "moderation-registrations_mode-none", t.reg_none, t.reg_none_hint),
    ];

    view! {
        <StepHeading step=Step::Moderation/>
        <p class="lead">{t.moderation_intro}</p>
        <ErrorSummary items=summary_items shown=shown/>
        <form class="moderation-form" on:submit=on_submit novalidate>
            <fieldset class="field" id="moderation-registrations_mode">
                <legend>{t.join_legend}</legend>
                {move || preselected.get().then(|| view! { <p class="hint">{t.reg_preselected}</p> })}
                {modes.into_iter().map(|(value, id, label, hint)| {
                    let hint_id = format!("{id}-hint");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="registrations_mode"
                                id=id
                                aria-describedby=hint_id.clone()
                                prop:checked=move || mode.get() == value
                                on:change=move |_| mode.set(value)
                            />
                            <label for=id>{label}<span class="hint" id=hint_id>{hint}</span></label>
                        </div>
                    }
                }).collect_view()}
                {move || (mode.get() == RegistrationsMode::Approved).then(|| view! {
                    <div class="choice nested">
                        <input
                            type="checkbox"
                            id="moderation-require_invite_text"
                            prop:checked=move || invite_text.get()
                            on:change=move |ev| invite_text.set(event_target_checked(&ev))
                        />
                        <label for="moderation-require_invite_text">{t.require_invite_text}</label>
                    </div>
                })}
                {move || (mode.get() == RegistrationsMode::Open).then(|| view! { <p class="notice">{t.open_fallback_note}</p> })}
            </fieldset>
            <TextField
                id="moderation-min_age"
                label=t.min_age_label.to_owned()
                hint=t.min_age_hint.to_owned()
                value=typed.min_age()
                error=at("/moderation/min_age")
                kind="text"
                required=false
                inputmode="numeric"
                on_blur=revalidate
            />
            <LanguagesField languages=languages error=languages_error on_change=revalidate/>

            {move || ready.get().then(|| {
                let pack = Pack::for_kind(kind());
                view! { <RulesEditor rows=typed.rules() pack=pack errors=errors on_change=revalidate/> }
            })}
            <BlocksEditor blocks=typed.blocks() errors=errors on_change=revalidate/>

            {move || {
                let cat = the_catalog()?;
                let chosen = plan_section.get()?;
                let provider = cat.provider_country.clone();
                Some(view! {
                    <section class="managed" aria-labelledby="managed-heading">
                        <h2 id="managed-heading" class="section-heading">{t.managed_heading}</h2>
                        <p class="hint">{t.managed_intro}</p>
                        <ManagedModerationChoice
                            catalog=cat.clone()
                            chosen=Signal::derive(move || plan_section.get().unwrap_or_else(|| chosen.clone()))
                            on_change=Callback::new(move |s| {
                                if let Some(d) = draft {
                                    d.set_plan(s);
                                }
                            })
                        />
                        <aside class="summary" aria-labelledby="summary-heading">
                            <h3 id="summary-heading">{t.summary_heading}</h3>
                            <PriceLines catalog=cat section=plan_section/>
                            <p class="vat-note">
                                {move || vat_note(&provider, draft.and_then(|d| d.sections.get().organization), t, locale)}
                            </p>
                        </aside>
                    </section>
                })
            }}

            <section aria-labelledby="retention-heading">
                <h2 id="retention-heading" class="section-heading">{t.retention_heading}</h2>
                <p class="hint">{move || (t.retention_hint)(&storage_text().unwrap_or_else(|| "–".into()))}</p>
                <div class="field-row">
                    <TextField
                        id="moderation-content_cache_retention_days"
                        label=t.content_retention_label.to_owned()
                        value=typed.content_days()
                        error=at("/moderation/content_cache_retention_days")
                        required=false
                        inputmode="numeric"
                        on_blur=revalidate
                    />
                    <TextField
                        id="moderation-media_cache_retention_days"
                        label=t.media_retention_label.to_owned()
                        value=typed.media_days()
                        error=at("/moderation/media_cache_retention_days")
                        required=false
                        inputmode="numeric"
                        on_blur=revalidate
                    />
                </div>
            </section>
            <FormActions form=form back=Step::Branding/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_counts_extra_storage() {
        let catalog = onramp_api::sample::catalog();
        let mut d = DraftSections {
            plan: Some(onramp_api::PlanSection { plan_id: "organization".into(), ..Default::default() }),
            ..Default::default()
        };
        let base = storage_gb(&catalog, &d).unwrap_or_default();
        if let Some(p) = d.plan.as_mut() {
            p.addons.push("storage_100gb".into());
        }
        assert_eq!(storage_gb(&catalog, &d), Some(base + 100));
        assert_eq!(storage_gb(&catalog, &DraftSections::default()), None);
    }
}
