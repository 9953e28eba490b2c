//! `/branding`: the server's name, description, contact address, thumbnail and logo, accent
//! colour and theme, with a live preview of how others will see it. Checked by the shared rules,
//! saved to the draft; what is typed survives a reload.

use leptos::prelude::*;
use leptos::task::spawn_local;
use onramp_api::asset::AssetKind;
use onramp_api::text::visible_len;
use onramp_api::validate::{validate_branding, SHORT_DESCRIPTION_MAX};
use onramp_api::{BrandingSection, DraftSections, Theme};

use crate::api::ApiClient;
use crate::components::{ColorField, ErrorSummary, ImageUpload, TextField, Uploaded};
use crate::wizard::{FormActions, StepHeading};
use super::strings::use_strings;
use super::BrandingStrings;
use crate::wizard::autosave::{fill_once, keep_typed};
use crate::wizard::messages::{error_at, summary};
use super::form::{BrandingForm, BrandingFormStoreFields};
use super::BrandingPreview;
use reactive_stores::{Field, Patch, Store};
use crate::wizard::{use_draft, Step, StepForm};

/// Local storage key of the answers typed on this step and not yet saved.
pub const BRANDING_FORM_KEY: &str = "onramp.form.branding";

/// The counter under the description: how many of the allowed characters are used.
pub fn counter_text(text: &str, t: &BrandingStrings, locale: crate::i18n::Locale) -> (String, bool) {
    let n = visible_len(text.trim());
    if n > SHORT_DESCRIPTION_MAX {
        ((t.char_over)(&crate::format::count(n - SHORT_DESCRIPTION_MAX, locale)), true)
    } else {
        ((t.char_count)(n, SHORT_DESCRIPTION_MAX), false)
    }
}

/// The branding step.
#[component]
pub fn BrandingStep() -> impl IntoView {
    let t = use_strings();
    let locale = crate::i18n::current_locale();
    let draft = use_draft();
    let client = use_context::<ApiClient>();

    // Everything typed on this step: one store, filled once by a patch (what was typed here and
    // not yet saved, else the saved draft, else the organization's name as the title).
    let typed = Store::new(BrandingForm::default());
    let (description, thumbnail, logo, theme) = (typed.description(), typed.thumbnail(), typed.logo(), typed.theme());

    // Shows an uploaded image again after a reload: its bytes come from the backend.
    let show = move |slot: Field<Option<Uploaded>>| {
        let Some(id) = slot.with_untracked(|u| u.as_ref().map(|u| u.id.clone())) else { return };
        let (Some(client), Some(key)) = (client.clone(), draft.and_then(|d| d.key())) else { return };
        spawn_local(async move {
            if let Ok(url) = client.asset_url(&key, &id).await {
                if slot.try_get_untracked().flatten().is_some_and(|u| u.id == id) {
                    slot.set(Some(Uploaded { id, url: Some(url) }));
                }
            }
        });
    };

    let filled = fill_once(BRANDING_FORM_KEY, |s| s.branding.clone(), move |b: Option<BrandingSection>, sections| match b {
        Some(b) => {
            typed.patch(b.into());
            show(thumbnail.into());
            show(logo.into());
        }
        None => typed.title().set(sections.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default()),
    });

    let section = move || typed.with_untracked(BrandingForm::section);

    // Mirror what is typed on this device, so a reload or a crash loses nothing, and save it to
    // the draft after a pause once it passes the rules.
    keep_typed(
        filled,
        BRANDING_FORM_KEY,
        move || typed.track(),
        move || serde_json::to_string(&section()).ok(),
        move || {
            let b = section();
            let saved = draft.and_then(|d| d.sections.get_untracked().branding);
            if let (Some(d), true) = (draft, saved.as_ref() != Some(&b) && validate_branding(&b).is_empty()) {
                d.set_sections(DraftSections { branding: Some(b), ..Default::default() });
            }
        },
    );

    let form = StepForm::new(Step::Branding, Some(BRANDING_FORM_KEY));
    let StepForm { errors, shown, .. } = form;
    let at = move |pointer: &'static str| Signal::derive(move || error_at(&errors.get(), pointer, t));
    let summary_items = Signal::derive(move || summary(&errors.get(), t));
    let revalidate = Callback::new(move |_| {
        if shown.get_untracked() > 0 {
            errors.set(validate_branding(&section()));
        }
    });
    // A new image or a changed theme is an answer too: errors follow it.
    Effect::new(move || {
        let _ = (thumbnail.get(), logo.get(), theme.get());
        revalidate.run(());
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let b = section();
        let found = validate_branding(&b);
        form.submit(DraftSections { branding: Some(b), ..Default::default() }, found);
    };

    let counter = move || counter_text(&description.get(), t, locale);
    let description_error = at("/branding/site_short_description");
    let described = move || {
        let mut ids = vec!["branding-site_short_description-hint", "branding-site_short_description-count"];
        if description_error.get().is_some() {
            ids.push("branding-site_short_description-error");
        }
        ids.join(" ")
    };
    let draft_key = Signal::derive(move || draft.and_then(|d| d.key()));
    let (thumb_dims, logo_dims) = (AssetKind::Thumbnail.dimensions(), AssetKind::Logo.dimensions());
    let domain = Signal::derive(move || draft.and_then(|d| d.sections.get().domain));
    let admin = Signal::derive(move || {
        draft.and_then(|d| d.sections.get().organization).map(|o| o.admin_username).unwrap_or_default()
    });

    view! {
        <StepHeading step=Step::Branding/>
        <p class="lead">{t.branding_intro}</p>
        <ErrorSummary items=summary_items shown=shown/>
        <div class="branding-layout">
            <form class="branding-form" on:submit=on_submit novalidate>
                <TextField
                    id="branding-site_title"
                    label=t.site_title_label.to_owned()
                    hint=t.site_title_hint.to_owned()
                    value=typed.title()
                    error=at("/branding/site_title")
                    on_blur=revalidate
                />
                <div class="field" class:field-invalid=move || description_error.get().is_some()>
                    <label for="branding-site_short_description">{t.description_label}</label>
                    <p class="hint" id="branding-site_short_description-hint">{t.description_hint}</p>
                    {move || description_error.get().map(|e| view! {
                        <p class="field-error" id="branding-site_short_description-error">{e}</p>
                    })}
                    <textarea
                        id="branding-site_short_description"
                        name="branding-site_short_description"
                        rows="3"
                        aria-invalid=move || description_error.get().is_some().then_some("true")
                        aria-describedby=described
                        prop:value=move || description.get()
                        on:input=move |ev| {
                            description.set(event_target_value(&ev));
                            if description_error.get_untracked().is_some() {
                                revalidate.run(());
                            }
                        }
                        on:blur=move |_| revalidate.run(())
                    ></textarea>
                    <p
                        class="char-count"
                        class:char-over=move || counter().1
                        id="branding-site_short_description-count"
                    >
                        {move || counter().0}
                    </p>
                </div>
                <TextField
                    id="branding-site_contact_email"
                    label=t.site_contact_label.to_owned()
                    hint=t.site_contact_hint.to_owned()
                    value=typed.contact()
                    error=at("/branding/site_contact_email")
                    kind="email"
                    autocomplete="email"
                    required=false
                    on_blur=revalidate
                />
                <ImageUpload
                    id="branding-thumbnail"
                    kind=AssetKind::Thumbnail
                    label=t.thumbnail_label
                    hint=(t.thumbnail_hint)(thumb_dims.min_width, thumb_dims.min_height)
                    value=thumbnail
                    error=at("/branding/thumbnail")
                    draft=draft_key
                />
                <ImageUpload
                    id="branding-logo"
                    kind=AssetKind::Logo
                    label=t.logo_label
                    hint=(t.logo_hint)(logo_dims.min_width, logo_dims.min_height)
                    value=logo
                    error=at("/branding/logo")
                    draft=draft_key
                />
                <fieldset class="field" id="branding-theme">
                    <legend>{t.theme_legend}</legend>
                    <div class="choices">
                        {[(Theme::Auto, t.theme_auto), (Theme::Light, t.theme_light), (Theme::Dark, t.theme_dark)]
                            .into_iter()
                            .map(|(value, label)| {
                                let id = match value {
                                    Theme::Auto => "branding-theme-auto",
                                    Theme::Light => "branding-theme-light",
                                    Theme::Dark => "branding-theme-dark",
                                };
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="branding-theme"
                                            id=id
                                            prop:checked=move || theme.get() == value
                                            on:change=move |_| theme.set(value)
                                        />
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <ColorField
                    id="branding-accent_color"
                    value=typed.accent()
                    theme=theme
                    error=at("/branding/accent_color")
                    on_change=revalidate
                />
                <FormActions form=form back=Step::Domain/>
            </form>
            <BrandingPreview
                form=typed
                domain=domain
                admin=admin
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::DEFAULT_ACCENT;
    use crate::i18n::Locale;

    #[test]
    fn the_counter_counts_what_is_seen() {
        let t = super::super::strings::of(Locale::En);
        assert_eq!(counter_text("", t, Locale::En), ("0 of 200 characters".to_owned(), false));
        assert_eq!(counter_text("👨‍👩‍👧‍👦 ok", t, Locale::En), ("4 of 200 characters".to_owned(), false));
        assert_eq!(counter_text(&"a".repeat(201), t, Locale::En), ("1 character too many".to_owned(), true));
        assert_eq!(counter_text(&"a".repeat(205), super::super::strings::of(Locale::De), Locale::De), ("5 Zeichen zu viel".to_owned(), true));
        assert!(onramp_api::color::Rgb::parse(DEFAULT_ACCENT)
            .is_some_and(|c| onramp_api::color::is_accessible(c, Theme::Auto)));
    }
}
