//! Logs through `tracing`: one line per request (method, path without its query, status,
//! time), human-readable or JSON. No header, query or body is logged, so no resume token, API key
//! or email address reaches a log line; values are logged with `Debug`, which escapes control
//! characters.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::config::LogFormat;

/// Starts logging to standard error; `RUST_LOG` refines the level (`info` by default).
pub fn init(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).with_ansi(ansi);
    // A second init (tests start several servers in one process) keeps the first.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

type MakeSpan = fn(&Request<Body>) -> Span;
type OnResponse = fn(&Response<Body>, Duration, &Span);

fn make_span(request: &Request<Body>) -> Span {
    tracing::info_span!("request", method = %request.method(), path = ?request.uri().path())
}

fn on_response(response: &Response<Body>, latency: Duration, _: &Span) {
    tracing::info!(status = response.status().as_u16(), ms = latency.as_secs_f64() * 1_000.0, "answered");
}

/// The request log layer.
pub fn layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan, tower_http::trace::DefaultOnRequest, OnResponse> {
    TraceLayer::new_for_http()
        .make_span_with(make_span as MakeSpan)
        .on_request(tower_http::trace::DefaultOnRequest::new())
        .on_response(on_response as OnResponse)
}
