//! The accent colour: a colour picker and a hex field kept in sync, the contrast on the page
//! read out as the user picks, and a one-click suggestion when it is too faint.

use leptos::prelude::*;
use reactive_stores::Field;
use onramp_api::color::{dark_variant, suggestion, worst_contrast, Rgb, AA_TEXT};
use onramp_api::Theme;

use crate::format;
use crate::i18n::{current_locale, use_strings};

/// What the typed colour amounts to.
#[derive(Debug, Clone, PartialEq)]
pub enum ColorStatus {
    /// Not `#rrggbb`.
    Invalid,
    /// Readable, at this contrast.
    Readable(f64),
    /// Too faint, at this contrast; the suggestion passes.
    Faint(f64, Rgb),
}

/// Judges `text` as an accent colour in `theme`.
pub fn color_status(text: &str, theme: Theme) -> ColorStatus {
    let text = text.trim();
    let Some(color) = Rgb::parse(text).filter(|_| text.starts_with('#') && text.len() == 7) else {
        return ColorStatus::Invalid;
    };
    let ratio = worst_contrast(color, theme);
    if ratio >= AA_TEXT {
        ColorStatus::Readable(ratio)
    } else {
        ColorStatus::Faint(ratio, suggestion(color, theme))
    }
}

/// The accent colour field.
#[component]
pub fn ColorField(
    /// Id of the hex input (the error summary's link target).
    id: &'static str,
    /// The colour as typed.
    #[prop(into)]
    value: Field<String>,
    /// The theme it is judged in.
    #[prop(into)]
    theme: Signal<Theme>,
    /// The form's error for the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called when the value settles (change, blur, a suggestion taken).
    on_change: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let status = move || color_status(&value.get(), theme.get());
    let picker_value = move || match Rgb::parse(&value.get()) {
        Some(c) => c.to_hex(),
        None => "#000000".to_owned(),
    };
    let (hint_id, error_id, status_id) = (format!("{id}-hint"), format!("{id}-error"), format!("{id}-contrast"));
    let described = {
        let (hint_id, error_id, status_id) = (hint_id.clone(), error_id.clone(), status_id.clone());
        move || {
            let mut ids = vec![hint_id.clone(), status_id.clone()];
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let picker_id = format!("{id}-picker");
    view! {
        <fieldset class="field color-field" class:field-invalid=move || error.get().is_some()>
            <legend>{t.accent_legend}</legend>
            <p class="hint" id=hint_id>{t.accent_hint}</p>
            {
                let error_id = error_id.clone();
                move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })
            }
            <div class="color-inputs">
                <div>
                    <label for=picker_id.clone()>{t.accent_picker_label}</label>
                    <input
                        type="color"
                        id=picker_id
                        prop:value=picker_value
                        on:input=move |ev| value.set(event_target_value(&ev))
                        on:change=move |_| on_change.run(())
                    />
                </div>
                <div>
                    <label for=id>{t.accent_hex_label}</label>
                    <input
                        type="text"
                        id=id
                        name=id
                        class="hex-input"
                        spellcheck="false"
                        autocomplete="off"
                        maxlength="7"
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=described
                        prop:value=move || value.get()
                        on:input=move |ev| {
                            value.set(event_target_value(&ev));
                            if error.get_untracked().is_some() {
                                on_change.run(());
                            }
                        }
                        on:blur=move |_| on_change.run(())
                    />
                </div>
            </div>
            <div class="contrast" id=status_id aria-live="polite">
                {move || match status() {
                    ColorStatus::Invalid => view! { <p>{t.err_accent_invalid}</p> }.into_any(),
                    ColorStatus::Readable(r) => view! {
                        <p class="contrast-ok">{(t.contrast_ok)(&format::ratio(r, locale))}</p>
                        {(theme.get() == Theme::Auto)
                            .then(|| Rgb::parse(&value.get()).map(dark_variant))
                            .flatten()
                            .map(|d| view! { <p class="hint">{(t.dark_variant_note)(&d.to_hex())}</p> })}
                    }.into_any(),
                    ColorStatus::Faint(r, s) => {
                        let hex = s.to_hex();
                        view! {
                            <p class="contrast-low">{(t.contrast_low)(&format::ratio(r, locale))}</p>
                            <button
                                type="button"
                                class="button button-secondary suggestion"
                                on:click=move |_| {
                                    value.set(hex.clone());
                                    on_change.run(());
                                }
                            >
                                <span class="swatch" aria-hidden="true" style:background-color=s.to_hex()></span>
                                {(t.use_suggestion)(&s.to_hex())}
                            </button>
                        }.into_any()
                    }
                }}
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(color_status("#abc", Theme::Light), ColorStatus::Invalid);
        assert_eq!(color_status("", Theme::Light), ColorStatus::Invalid);
        assert!(matches!(color_status("#1d4ed8", Theme::Light), ColorStatus::Readable(r) if r > 6.0));
        let ColorStatus::Faint(r, s) = color_status("#ffcc00", Theme::Light) else {
            panic!("yellow on white is faint"); // ok: test
        };
        assert!(r < 2.0);
        assert_eq!(color_status(&s.to_hex(), Theme::Light), color_status(&s.to_hex(), Theme::Light));
        assert!(matches!(color_status(&s.to_hex(), Theme::Light), ColorStatus::Readable(_)));
    }
}
