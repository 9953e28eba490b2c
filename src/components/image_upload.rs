//! An image field: a real button opens the file picker, a drop zone takes a dragged file, the
//! browser checks the file first, then the upload runs with progress and can be cancelled. A
//! refused or failed upload keeps the image that was there.

use leptos::prelude::*;
use reactive_stores::Field;
use leptos::task::spawn_local;
use onramp_api::asset::{AssetKind, ImageProblem};

use crate::api::upload::{UploadFailure, UploadHandle};
use crate::api::{ApiClient, DraftKey};
use crate::i18n::{use_strings, Strings};

/// Where an image field stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Checking,
    Uploading(u32),
}

/// The sentence for an image the browser or the server refused.
pub fn image_problem_message(p: ImageProblem, kind: AssetKind, t: &Strings) -> String {
    let d = kind.dimensions();
    match p {
        ImageProblem::Format => t.img_err_format.to_owned(),
        ImageProblem::Svg => t.img_err_svg.to_owned(),
        ImageProblem::TooLarge => t.img_err_too_large.to_owned(),
        ImageProblem::Empty => t.img_err_empty.to_owned(),
        ImageProblem::Damaged => t.img_err_damaged.to_owned(),
        ImageProblem::TooSmall => (t.img_err_too_small)(d.min_width, d.min_height),
        ImageProblem::TooBig => (t.img_err_too_big)(d.max_width, d.max_height),
        ImageProblem::Deep => t.img_err_deep.to_owned(),
    }
}

/// An uploaded image's id and a URL that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uploaded {
    /// Asset id.
    pub id: String,
    /// `blob:` URL for `<img>`.
    pub url: Option<String>,
}

/// The image field.
#[component]
pub fn ImageUpload(
    /// Id of the button (the error summary's link target).
    id: &'static str,
    /// Which image.
    kind: AssetKind,
    /// Legend.
    label: &'static str,
    /// Hint with the limits.
    hint: String,
    /// The uploaded image, read and written.
    #[prop(into)]
    value: Field<Option<Uploaded>>,
    /// An error from the form's rules or the server.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The draft the image belongs to (`None` until it exists).
    #[prop(into)]
    draft: Signal<Option<DraftKey>>,
) -> impl IntoView {
    let t = use_strings();
    let client = StoredValue::new_local(use_context::<ApiClient>());
    let phase = RwSignal::new(Phase::Idle);
    let local_error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let handle = StoredValue::new_local(UploadHandle::default());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let (hint_id, error_id, status_id) = (format!("{id}-hint"), format!("{id}-error"), format!("{id}-status"));

    let take = move |file: web_sys::File| {
        if phase.get_untracked() != Phase::Idle {
            return;
        }
        local_error.set(None);
        notice.set(None);
        phase.set(Phase::Checking);
        spawn_local(async move {
            if let Err(p) = crate::image_check::inspect(&file, kind).await {
                phase.set(Phase::Idle);
                local_error.set(Some(image_problem_message(p, kind, t)));
                return;
            }
            let (Some(client), Some(key)) = (client.get_value(), draft.get_untracked()) else {
                phase.set(Phase::Idle);
                local_error.set(Some(t.error_not_found.to_owned()));
                return;
            };
            phase.set(Phase::Uploading(0));
            let progress = move |share: f64| {
                let pct = (share * 100.0).round().clamp(0.0, 100.0) as u32;
                if let Some(Phase::Uploading(_)) = phase.try_get_untracked() {
                    phase.set(Phase::Uploading(pct));
                }
            };
            let handle = handle.get_value();
            let result = client.upload_asset(&key, kind, &file, progress, &handle).await;
            phase.set(Phase::Idle);
            match result {
                Ok(asset) => {
                    let url = web_sys::Url::create_object_url_with_blob(&file).ok();
                    notice.set(Some((t.image_uploaded)(asset.width, asset.height)));
                    value.set(Some(Uploaded { id: asset.id, url }));
                }
                Err(UploadFailure::Cancelled) => notice.set(Some(t.upload_cancelled.to_owned())),
                Err(UploadFailure::Refused(p)) => local_error.set(Some(image_problem_message(p, kind, t))),
                Err(UploadFailure::Failed(e)) => local_error.set(Some(e.message(t).to_owned())),
            }
        });
    };

    let on_change = move |_| {
        let Some(input) = input_ref.get_untracked() else { return };
        let file = input.files().and_then(|files| files.get(0));
        // Let the same file be chosen again after a refusal.
        input.set_value("");
        if let Some(file) = file {
            take(file);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            take(file);
        }
    };
    let open_picker = move |_| {
        if let Some(input) = input_ref.get_untracked() {
            input.click();
        }
    };
    let shown_error = move || local_error.get().or_else(|| error.get());
    let described = {
        let (hint_id, error_id, status_id) = (hint_id.clone(), error_id.clone(), status_id.clone());
        move || {
            let mut ids = vec![hint_id.clone(), status_id.clone()];
            if shown_error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };

    view! {
        <fieldset class="field image-field" class:field-invalid=move || shown_error().is_some()>
            <legend>{label}</legend>
            <p class="hint" id=hint_id>{hint}</p>
            {
                let error_id = error_id.clone();
                move || shown_error().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })
            }
            <div
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                {move || {
                    value.get().and_then(|v| v.url).map(|url| view! {
                        <img class="image-preview" src=url alt=(t.image_preview_alt)(label)/>
                    })
                }}
                <div class="dropzone-actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        id=id
                        aria-describedby=described
                        disabled=move || phase.get() != Phase::Idle
                        on:click=open_picker
                    >
                        {move || if value.get().is_some() { t.replace_image } else { t.choose_image }}
                    </button>
                    <span class="dropzone-hint">{t.drop_here}</span>
                    {move || value.get().is_some().then(|| view! {
                        <button
                            type="button"
                            class="button-link"
                            disabled=move || phase.get() != Phase::Idle
                            on:click=move |_| {
                                value.set(None);
                                local_error.set(None);
                                notice.set(Some(t.image_removed.to_owned()));
                            }
                        >
                            {t.remove_image}
                        </button>
                    })}
                </div>
            </div>
            <input
                type="file"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                accept="image/png,image/jpeg,image/webp"
                node_ref=input_ref
                on:change=on_change
            />
            <div class="upload-status" id=status_id aria-live="polite">
                {move || match phase.get() {
                    Phase::Idle => notice.get().map(|n| view! { <p>{n}</p> }.into_any()),
                    Phase::Checking => Some(view! { <p>{t.checking_image}</p> }.into_any()),
                    Phase::Uploading(pct) => Some(view! {
                        <div class="upload-progress">
                            <progress max="100" value=pct aria-label=t.uploading_label></progress>
                            <span>{(t.uploading)(pct)}</span>
                            <button
                                type="button"
                                class="button-link"
                                on:click=move |_| handle.with_value(|h| h.cancel())
                            >
                                {t.cancel_upload}
                            </button>
                        </div>
                    }.into_any()),
                }}
            </div>
        </fieldset>
    }
}
