//! Image uploads over `XMLHttpRequest` (fetch cannot report upload progress), with progress,
//! cancellation and a deadline, and reading an uploaded image back as a `blob:` URL.

use std::cell::RefCell;
use std::rc::Rc;

use onramp_api::asset::{Asset, AssetKind, ImageProblem};
use onramp_api::Problem;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

use super::key::DraftKey;
use super::AppError;
use crate::config::Config;

/// An upload takes at least this long before it is given up (4 MB on a slow line).
const UPLOAD_TIMEOUT_MS: u32 = 120_000;

/// Why an upload did not produce an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadFailure {
    /// The user cancelled it.
    Cancelled,
    /// The server refused the image, and said why.
    Refused(ImageProblem),
    /// The call failed like any other.
    Failed(AppError),
}

/// Cancels the upload in flight, if any.
#[derive(Clone, Default)]
pub struct UploadHandle(Rc<RefCell<Option<XmlHttpRequest>>>);

impl UploadHandle {
    /// Aborts the upload; its future resolves with [`UploadFailure::Cancelled`].
    pub fn cancel(&self) {
        if let Some(xhr) = self.0.borrow_mut().take() {
            let _ = xhr.abort();
        }
    }
}

/// How a finished request ended.
enum Outcome {
    Loaded,
    Error,
    Timeout,
    Abort,
}

/// Classifies a refused upload from its status and body.
pub fn upload_failure(status: u16, body: &str) -> UploadFailure {
    if matches!(status, 413 | 422) {
        if let Ok(problem) = serde_json::from_str::<Problem>(body) {
            if let Some(p) = problem.errors.iter().find_map(ImageProblem::from_field_error) {
                return UploadFailure::Refused(p);
            }
        }
    }
    if status == 413 {
        return UploadFailure::Refused(ImageProblem::TooLarge);
    }
    UploadFailure::Failed(AppError::from_response(status, body))
}

fn open(config: &Config, method: &str, path: &str, key: &DraftKey) -> Result<XmlHttpRequest, AppError> {
    let xhr = XmlHttpRequest::new().map_err(|_| AppError::Network)?;
    xhr.open(method, &config.url(path)).map_err(|_| AppError::Network)?;
    let auth = format!("{} {}", onramp_api::AUTHORIZATION_SCHEME, key.token);
    xhr.set_request_header("Authorization", &auth).map_err(|_| AppError::Network)?;
    xhr.set_timeout(config.request_timeout_ms.max(UPLOAD_TIMEOUT_MS));
    Ok(xhr)
}

/// Runs `xhr` (already opened) with `body` and waits until it ends.
async fn run(xhr: &XmlHttpRequest, body: Option<&web_sys::Blob>) -> Outcome {
    let (tx, rx) = futures_channel::oneshot::channel::<Outcome>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let on = |outcome: fn() -> Outcome| {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(outcome());
            }
        })
    };
    let (load, error, timeout, abort) =
        (on(|| Outcome::Loaded), on(|| Outcome::Error), on(|| Outcome::Timeout), on(|| Outcome::Abort));
    xhr.set_onload(Some(load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(timeout.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(abort.as_ref().unchecked_ref()));
    let sent = match body {
        Some(blob) => xhr.send_with_opt_blob(Some(blob)),
        None => xhr.send(),
    };
    let outcome = if sent.is_err() { Outcome::Error } else { rx.await.unwrap_or(Outcome::Error) };
    xhr.set_onload(None);
    xhr.set_onerror(None);
    xhr.set_ontimeout(None);
    xhr.set_onabort(None);
    outcome
}

fn failure(outcome: Outcome) -> UploadFailure {
    match outcome {
        Outcome::Abort => UploadFailure::Cancelled,
        Outcome::Timeout => UploadFailure::Failed(AppError::Timeout),
        Outcome::Error | Outcome::Loaded => UploadFailure::Failed(AppError::Network),
    }
}

/// `POST /signups/{id}/assets?kind=…` with the file as the body; `progress` hears the share
/// sent so far (0 to 1).
pub async fn upload(
    config: &Config,
    key: &DraftKey,
    kind: AssetKind,
    file: &web_sys::Blob,
    progress: impl Fn(f64) + 'static,
    handle: &UploadHandle,
) -> Result<Asset, UploadFailure> {
    let path = format!("/signups/{}/assets?kind={}", key.id, kind.as_str());
    let xhr = open(config, "POST", &path, key).map_err(UploadFailure::Failed)?;
    let _ = xhr.set_request_header("Content-Type", "application/octet-stream");
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            progress((ev.loaded() / ev.total()).clamp(0.0, 1.0));
        }
    });
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    *handle.0.borrow_mut() = Some(xhr.clone());
    let outcome = run(&xhr, Some(file)).await;
    handle.0.borrow_mut().take();
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(None);
    }
    drop(on_progress);
    let Outcome::Loaded = outcome else { return Err(failure(outcome)) };
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if status == 201 || status == 200 {
        serde_json::from_str(&body).map_err(|_| UploadFailure::Failed(AppError::Malformed))
    } else if status == 0 {
        Err(UploadFailure::Failed(AppError::Network))
    } else {
        Err(upload_failure(status, &body))
    }
}

/// `GET /signups/{id}/assets/{asset}` as a `blob:` URL for an `<img>`.
pub async fn asset_url(config: &Config, key: &DraftKey, id: &str) -> Result<String, AppError> {
    let path = format!("/signups/{}/assets/{}", key.id, js_sys::encode_uri_component(id));
    let xhr = open(config, "GET", &path, key)?;
    xhr.set_response_type(XmlHttpRequestResponseType::Blob);
    let outcome = run(&xhr, None).await;
    let Outcome::Loaded = outcome else {
        return Err(match outcome {
            Outcome::Timeout => AppError::Timeout,
            _ => AppError::Network,
        });
    };
    let status = xhr.status().unwrap_or(0);
    if status != 200 {
        return Err(AppError::from_response(status, ""));
    }
    let blob: web_sys::Blob = xhr.response().map_err(|_| AppError::Malformed)?.dyn_into().map_err(|_| AppError::Malformed)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| AppError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_read_from_the_problem() {
        let body = r#"{"type":"/problems/validation","status":422,"title":"t",
            "errors":[{"pointer":"/file/dimensions","code":"too_short","detail":"small"}]}"#;
        assert_eq!(upload_failure(422, body), UploadFailure::Refused(ImageProblem::TooSmall));
        assert_eq!(upload_failure(413, "<html>proxy says no</html>"), UploadFailure::Refused(ImageProblem::TooLarge));
        assert_eq!(upload_failure(422, "{}"), UploadFailure::Failed(AppError::Invalid(vec![])));
        assert_eq!(upload_failure(500, ""), UploadFailure::Failed(AppError::Server(500)));
        assert_eq!(upload_failure(404, ""), UploadFailure::Failed(AppError::NotFound));
    }
}
