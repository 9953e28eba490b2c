//! Webhook requests: the event body posted to an endpoint with its Standard Webhooks headers,
//! redirects not followed, within the delivery timeout; any 2xx answer is a delivery.

use std::time::Duration;

use onramp_api::webhook::{HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};

use super::{sign, Attempt, Endpoint};

/// The client every webhook goes through (rustls; no redirects, as a signed event must not be
/// sent on to an address nobody configured).
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Onramp-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// Posts event `id` to `endpoint`, signed for this attempt's time.
pub async fn deliver(http: &reqwest::Client, endpoint: &Endpoint, id: &str, body: &[u8]) -> Result<(), Attempt> {
    let timestamp = crate::time::now();
    let signature = sign::sign(&endpoint.key.0, id, timestamp, body);
    let answer = http
        .post(&endpoint.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(HEADER_ID, id)
        .header(HEADER_TIMESTAMP, timestamp.to_string())
        .header(HEADER_SIGNATURE, signature)
        .body(body.to_vec())
        .send()
        .await
        .map_err(|e| Attempt::Later(describe(e)))?;
    let status = answer.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(Attempt::Later(format!("the endpoint answered {status}")))
    }
}

/// The error and its cause, without the URL (whose query may carry a token).
fn describe(e: reqwest::Error) -> String {
    let what = if e.is_timeout() {
        "no answer in time"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    let e = e.without_url();
    let mut cause = String::new();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    if cause.is_empty() {
        format!("{what} ({e})")
    } else {
        format!("{what} ({e}: {cause})")
    }
}
