//! [`ApiClient`]: the calls the views make, over whichever backend the configuration chose.

use onramp_api::{Catalog, CreatedSignup, DraftSections, Signup};
use serde::de::DeserializeOwned;

pub use super::http::Canceller;
use super::demo_api::Demo;
use super::http::{HttpBackend, Method, Reply};
use super::AppError;
pub use super::key::DraftKey;
use crate::config::Config;

/// The backends the app can talk to.
#[derive(Clone)]
enum Backend {
    Http(HttpBackend),
    Demo(Demo),
}

/// The API as the views see it.
#[derive(Clone)]
pub struct ApiClient {
    backend: Backend,
}


fn decode<T: DeserializeOwned>(reply: Result<Reply, AppError>) -> Result<T, AppError> {
    serde_json::from_str(&reply?.body).map_err(|_| AppError::Malformed)
}

impl ApiClient {
    /// A client for the configured server, or for `demo` (see [`super::demo::backend`]).
    pub fn new(config: Config, demo: Option<Demo>) -> Self {
        let backend = match demo {
            Some(demo) => Backend::Demo(demo),
            None => Backend::Http(HttpBackend::new(config)),
        };
        Self { backend }
    }

    /// The demo backend, when this client talks to it.
    pub fn demo(&self) -> Option<&Demo> {
        match &self.backend {
            Backend::Demo(demo) => Some(demo),
            Backend::Http(_) => None,
        }
    }

    /// The HTTP backend's configuration, when this client talks to a server.
    pub fn http_config(&self) -> Option<&Config> {
        match &self.backend {
            Backend::Http(http) => Some(http.config()),
            Backend::Demo(_) => None,
        }
    }

    /// `GET /catalog`, sent before this returns: the app asks for the catalogue as it starts
    /// building the page, not once the page is built (the first poll of a future comes after;
    /// measured at 4x CPU: 135 ms later).
    pub fn catalog(&self) -> impl std::future::Future<Output = Result<Catalog, AppError>> {
        let sent = match &self.backend {
            Backend::Http(http) => Ok(http.send(Method::Get, "/catalog", None, None, None)),
            Backend::Demo(demo) => Err(demo.clone()),
        };
        async move {
            match sent {
                Ok(reply) => decode(reply.await),
                Err(demo) => demo.catalog().await,
            }
        }
    }

    /// `GET /domains/availability`: a subdomain of `base`, or an own domain when `base` is
    /// `None`. A newer call through the same `cancel` aborts this one.
    pub async fn availability(
        &self,
        name: &str,
        base: Option<&str>,
        cancel: &Canceller,
    ) -> Result<onramp_api::domain::Availability, AppError> {
        let mut path = format!("/domains/availability?name={}", js_sys::encode_uri_component(name));
        if let Some(base) = base {
            path.push_str(&format!("&base={}", js_sys::encode_uri_component(base)));
        }
        match &self.backend {
            Backend::Http(http) => {
                decode(http.send_cancellable(Method::Get, &path, None, None, None, Some(cancel)).await)
            }
            Backend::Demo(demo) => demo.availability(name, base).await,
        }
    }

    /// `POST /signups/{id}/domain/verification`: the records an own domain needs, looked up.
    pub async fn verify_domain(&self, key: &DraftKey) -> Result<onramp_api::dns::Verification, AppError> {
        let path = format!("/signups/{}/domain/verification", key.id);
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Post, &path, Some(&key.token), None, None).await),
            Backend::Demo(demo) => demo.verify_domain(key).await,
        }
    }

    /// `POST /signups`, naming the partner in an embedded flow (the server then holds its locks).
    pub async fn create_signup(&self) -> Result<CreatedSignup, AppError> {
        match &self.backend {
            Backend::Http(http) => {
                let body = http.config().partner.clone().map(|partner| {
                    serde_json::to_string(&onramp_api::embed::CreateSignup { partner: Some(partner) }).unwrap_or_default()
                });
                decode(http.send(Method::Post, "/signups", None, None, body).await)
            }
            Backend::Demo(demo) => demo.create_signup().await,
        }
    }

    /// `GET /signups/{id}`.
    pub async fn signup(&self, key: &DraftKey) -> Result<Signup, AppError> {
        let path = format!("/signups/{}", key.id);
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Get, &path, Some(&key.token), None, None).await),
            Backend::Demo(demo) => demo.signup(key).await,
        }
    }

    /// `PATCH /signups/{id}` with the sections in `patch`, based on `version`.
    pub async fn update_signup(
        &self,
        key: &DraftKey,
        version: u64,
        patch: &DraftSections,
    ) -> Result<Signup, AppError> {
        let path = format!("/signups/{}", key.id);
        let body = serde_json::to_string(patch).map_err(|_| AppError::Malformed)?;
        match &self.backend {
            Backend::Http(http) => decode(
                http.send(Method::Patch, &path, Some(&key.token), Some(version), Some(body)).await,
            ),
            Backend::Demo(demo) => demo.update_signup(key, version, patch).await,
        }
    }

    /// `POST /signups/{id}/assets`: uploads an image, reporting progress, cancellable.
    pub async fn upload_asset(
        &self,
        key: &DraftKey,
        kind: onramp_api::asset::AssetKind,
        file: &web_sys::Blob,
        progress: impl Fn(f64) + 'static,
        handle: &super::upload::UploadHandle,
    ) -> Result<onramp_api::asset::Asset, super::upload::UploadFailure> {
        match &self.backend {
            Backend::Http(http) => super::upload::upload(http.config(), key, kind, file, progress, handle).await,
            Backend::Demo(demo) => demo.upload_asset(key, kind, file, Box::new(progress)).await,
        }
    }

    /// An uploaded image as a URL an `<img>` can show.
    pub async fn asset_url(&self, key: &DraftKey, id: &str) -> Result<String, AppError> {
        match &self.backend {
            Backend::Http(http) => super::upload::asset_url(http.config(), key, id).await,
            Backend::Demo(demo) => demo.asset_url(key, id).await,
        }
    }

    /// `POST /signups/{id}/submit` with the draft's idempotency key.
    pub async fn submit(&self, key: &DraftKey, idempotency_key: &str) -> Result<onramp_api::order::Order, AppError> {
        let path = format!("/signups/{}/submit", key.id);
        let body = serde_json::to_string(&onramp_api::order::SubmitRequest { accept_terms: true }).map_err(|_| AppError::Malformed)?;
        match &self.backend {
            Backend::Http(http) => decode(http.send_with(Method::Post, &path, Some(&key.token), &[(onramp_api::order::IDEMPOTENCY_KEY, idempotency_key)], Some(body)).await),
            Backend::Demo(demo) => demo.submit(key, idempotency_key).await,
        }
    }

    /// `GET /orders/{id}`, with the token of the draft it came from.
    /// With `payment_return` (the value the provider's checkout sent the customer back with),
    /// the answer says whether it was the genuine return of the current try.
    pub async fn order(&self, token: &str, order_id: &str, payment_return: Option<&str>) -> Result<onramp_api::order::Order, AppError> {
        let mut path = format!("/orders/{}", js_sys::encode_uri_component(order_id));
        if let Some(r) = payment_return {
            path.push_str(&format!("?payment_return={}", js_sys::encode_uri_component(r)));
        }
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Get, &path, Some(token), None, None).await),
            Backend::Demo(demo) => demo.order(token, order_id).await,
        }
    }

    /// `POST /orders/{id}/checkout`: the provider's payment page for a new try.
    pub async fn checkout(&self, token: &str, order_id: &str) -> Result<onramp_api::payment::CheckoutSession, AppError> {
        let path = format!("/orders/{}/checkout", js_sys::encode_uri_component(order_id));
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Post, &path, Some(token), None, None).await),
            // A demo has no payment provider (its orders never offer to pay online).
            Backend::Demo(_) => Err(AppError::Conflict),
        }
    }

    /// `POST /orders/{id}/retry`: a failed step is tried again.
    pub async fn retry_order(&self, token: &str, order_id: &str) -> Result<onramp_api::order::Order, AppError> {
        let path = format!("/orders/{}/retry", js_sys::encode_uri_component(order_id));
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Post, &path, Some(token), None, None).await),
            Backend::Demo(demo) => demo.retry_order(token, order_id).await,
        }
    }

    /// `POST /signups/{id}/resume-link`: the link to continue is mailed to the contact address.
    pub async fn send_resume_link(&self, key: &DraftKey) -> Result<(), AppError> {
        let path = format!("/signups/{}/resume-link", key.id);
        match &self.backend {
            Backend::Http(http) => http.send(Method::Post, &path, Some(&key.token), None, None).await.map(|_| ()),
            Backend::Demo(demo) => demo.send_resume_link(key).await,
        }
    }

    /// `GET /partners/{id}`: an embedding partner's settings.
    pub async fn partner(&self, id: &str) -> Result<onramp_api::embed::Partner, AppError> {
        let path = format!("/partners/{}", js_sys::encode_uri_component(id));
        match &self.backend {
            Backend::Http(http) => decode(http.send(Method::Get, &path, None, None, None).await),
            Backend::Demo(demo) => demo.partner(id),
        }
    }

    /// `POST /events`: funnel events (a demo keeps them to itself).
    pub async fn send_events(&self, batch: &onramp_api::funnel::EventBatch) -> Result<(), AppError> {
        let body = serde_json::to_string(batch).map_err(|_| AppError::Malformed)?;
        match &self.backend {
            Backend::Http(http) => http.send(Method::Post, "/events", None, None, Some(body)).await.map(|_| ()),
            Backend::Demo(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::http::Reply;
    use onramp_api::asset::Asset;
    use onramp_api::dns::Verification;
    use onramp_api::domain::Availability;
    use onramp_api::order::Order;

    /// Bodies no backend should send, and some that a broken proxy would.
    fn hostile_bodies() -> Vec<String> {
        let catalog = serde_json::to_string(&onramp_api::sample::catalog()).unwrap_or_default();
        let mut bodies: Vec<String> = [
            "", " ", "{", "}", "[", "null", "true", "42", "\"text\"", "[]", "{}", "<html><body>502 Bad Gateway</body></html>",
            r#"{"id": 5, "version": "seven"}"#, r#"{"plans": "none"}"#, r#"{"steps": [{"kind": "unknown_step"}]}"#,
            "\u{feff}{}", "{\"a\":\"\\ud800\"}",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Every cut of a valid answer.
        bodies.extend((0..catalog.len()).step_by(37).map(|i| catalog.get(..i).unwrap_or_default().to_owned()));
        // Deep nesting and a huge body.
        bodies.push("[".repeat(100_000));
        bodies.push(format!("{{\"id\":\"{}\"}}", "x".repeat(5_000_000)));
        bodies
    }

    fn never_panics<T: DeserializeOwned + std::fmt::Debug>(name: &str) {
        for body in hostile_bodies() {
            let result = decode::<T>(Ok(Reply { body: body.clone() }));
            if let Ok(v) = &result {
                // Only a body that really is a T may decode (`{}` is one for some types).
                assert!(serde_json::from_str::<T>(&body).is_ok(), "{name}: {v:?}");
            }
        }
    }

    #[test]
    fn every_answer_type_decodes_or_is_malformed_never_a_panic() {
        never_panics::<Catalog>("catalog");
        never_panics::<CreatedSignup>("created");
        never_panics::<Signup>("signup");
        never_panics::<Availability>("availability");
        never_panics::<Verification>("verification");
        never_panics::<Order>("order");
        never_panics::<Asset>("asset");
    }

    #[test]
    fn every_status_and_body_becomes_a_typed_error() {
        for status in (100..600).step_by(7).chain([401, 404, 409, 410, 412, 413, 422, 429, 500, 502, 503]) {
            for body in hostile_bodies().iter().take(20) {
                let e = AppError::from_response(status, body);
                let _ = e.message(crate::i18n::Locale::En.strings());
                let _ = super::super::upload::upload_failure(status, body);
            }
        }
        assert!(matches!(decode::<Catalog>(Err(AppError::Timeout)), Err(AppError::Timeout)));
    }
}
