//! The HTTP backend: `fetch` through gloo-net, with a timeout that aborts the request.

use std::future::Future;

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::AppError;
use crate::config::Config;

/// An answer with a success status.
pub struct Reply {
    /// Body text.
    pub body: String,
}

/// What to send.
pub enum Method {
    Get,
    Post,
    Patch,
}

/// Talks to a hosting backend over HTTP.
#[derive(Clone)]
pub struct HttpBackend {
    config: Config,
}

/// Aborts the request it was last given to: a newer request supersedes an older one.
#[derive(Clone, Default)]
pub struct Canceller(std::rc::Rc<std::cell::RefCell<Option<web_sys::AbortController>>>);

impl Canceller {
    /// Aborts the request in flight, if any.
    pub fn cancel(&self) {
        if let Some(c) = self.0.borrow_mut().take() {
            c.abort();
        }
    }
}

/// Aborts a request when its time is up; clears the timer when dropped.
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
    _callback: Option<Closure<dyn FnMut()>>,
}

impl Deadline {
    fn new(ms: u32) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        let (timer, callback) = match (web_sys::window(), controller.clone()) {
            (Some(window), Some(ctrl)) => {
                let flag = fired.clone();
                let callback = Closure::<dyn FnMut()>::new(move || {
                    flag.set(true);
                    ctrl.abort();
                });
                let timer = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        callback.as_ref().unchecked_ref(),
                        i32::try_from(ms).unwrap_or(i32::MAX),
                    )
                    .ok();
                (timer, Some(callback))
            }
            _ => (None, None),
        };
        Self { controller, timer, fired, _callback: callback }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn error(&self) -> AppError {
        if self.fired.get() {
            AppError::Timeout
        } else {
            AppError::Network
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.timer) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

impl HttpBackend {
    /// A backend at the configured base URL.
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// Where the backend is and how long calls may take.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends one request and returns the body of a 2xx answer; anything else is an [`AppError`].
    /// The browser sends it before this returns, not when the answer is first awaited.
    pub fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        if_match: Option<u64>,
        body: Option<String>,
    ) -> impl Future<Output = Result<Reply, AppError>> {
        self.send_cancellable(method, path, token, if_match, body, None)
    }

    /// [`HttpBackend::send`] with extra headers.
    pub fn send_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> impl Future<Output = Result<Reply, AppError>> {
        answer(self.start(method, path, token, None, headers, body, None))
    }

    /// [`HttpBackend::send`], abortable through `cancel`.
    pub fn send_cancellable(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        if_match: Option<u64>,
        body: Option<String>,
        cancel: Option<&Canceller>,
    ) -> impl Future<Output = Result<Reply, AppError>> {
        answer(self.start(method, path, token, if_match, &[], body, cancel))
    }

    /// Builds the request and hands it to the browser's `fetch`: the promise of its response, and
    /// the deadline that aborts it.
    #[allow(clippy::too_many_arguments)]
    fn start(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        if_match: Option<u64>,
        headers: &[(&str, &str)],
        body: Option<String>,
        cancel: Option<&Canceller>,
    ) -> Result<(js_sys::Promise, Deadline), AppError> {
        let url = self.config.url(path);
        let deadline = Deadline::new(self.config.request_timeout_ms);
        if let (Some(cancel), Some(controller)) = (cancel, deadline.controller.clone()) {
            *cancel.0.borrow_mut() = Some(controller);
        }
        let signal = deadline.signal();
        let mut builder: RequestBuilder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Patch => Request::patch(&url),
        }
        .header("Accept", "application/json, application/problem+json")
        .abort_signal(signal.as_ref());
        // The language the user chose (the page's), so mail the server sends is in it too.
        if let Some(lang) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang")) {
            builder = builder.header("Accept-Language", &lang);
        }
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("{} {token}", onramp_api::AUTHORIZATION_SCHEME));
        }
        if let Some(version) = if_match {
            builder = builder.header("If-Match", &onramp_api::etag(version));
        }
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request: web_sys::Request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|_| AppError::Network)?
        .into();
        let window = web_sys::window().ok_or(AppError::Network)?;
        Ok((window.fetch_with_request(&request), deadline))
    }
}

/// The answer to a request [`HttpBackend::start`] sent: the body of a 2xx answer, or the error.
async fn answer(sent: Result<(js_sys::Promise, Deadline), AppError>) -> Result<Reply, AppError> {
    let (promise, deadline) = sent?;
    let response = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| deadline.error())?;
    let response = gloo_net::http::Response::from(response.dyn_into::<web_sys::Response>().map_err(|_| AppError::Network)?);
    let status = response.status();
    let text = response.text().await.map_err(|_| deadline.error())?;
    if (200..300).contains(&status) {
        Ok(Reply { body: text })
    } else {
        Err(AppError::from_response(status, &text))
    }
}
