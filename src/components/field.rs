//! A text field with its label, hint and error, wired so that screen readers read all three.

use leptos::prelude::*;
use reactive_stores::Field;

/// `<label>`, optional hint, the error when there is one, and the `<input>`.
#[component]
pub fn TextField(
    /// Element id (also the target of the error summary's link).
    id: &'static str,
    /// Label text.
    #[prop(into)]
    label: Signal<String>,
    /// Hint under the label.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The value, read and written: a field of the step's form store.
    #[prop(into)]
    value: Field<String>,
    /// The error shown at the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// `type` of the input.
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Whether the field is required.
    #[prop(default = true)]
    required: bool,
    /// `inputmode` hint for on-screen keyboards.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Called when the field loses focus.
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.get().is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{move || label.get()}</label>
            {move || hint.get().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    // A shown error follows the correction as it is typed, so it is gone before
                    // the user reaches for Continue (clearing it on blur would move the button
                    // away from under the pointer).
                    if let (Some(cb), true) = (on_blur, error.get_untracked().is_some()) {
                        cb.run(());
                    }
                }
                on:blur=move |_| {
                    if let Some(cb) = on_blur {
                        cb.run(());
                    }
                }
            />
        </div>
    }
}
