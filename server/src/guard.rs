//! What a browser may send to the API from where: calls that change something are refused when
//! they come from another site's page (`Sec-Fetch-Site`, else `Origin`), and bodies must be of
//! the media type the call takes (415 otherwise), so an HTML form on another site can neither
//! start drafts nor post events. Server-to-server calls (the provider's, with its key) carry no
//! browser headers and pass.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use onramp_api::{types, Problem};

use crate::problem::ApiError;
use crate::AppState;

/// `scheme://host[:port]` of an absolute URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Whether a browser's call with these headers comes from a page this service trusts: its own
/// origin (the request's `Host`, or `public_url`) or an `allowed` one.
pub fn from_trusted_page(headers: &HeaderMap, allowed: &[String]) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = get("origin");
    let host = get("host");
    let own = |o: &str| {
        allowed.iter().any(|a| a == o) || host.is_some_and(|h| o.split_once("://").is_some_and(|(_, rest)| rest == h))
    };
    match get("sec-fetch-site") {
        Some("same-origin" | "none") => true,
        Some(_) => origin.is_some_and(own),
        // An older browser says where it comes from only in `Origin`; no header at all is a
        // server-to-server call.
        None => origin.is_none_or(own),
    }
}

/// What a call with a body takes.
fn accepts(path: &str, media: &str) -> bool {
    if path.ends_with("/assets") {
        media == "application/octet-stream" || media.starts_with("image/")
    } else if path.ends_with(crate::headers::REPORT_PATH) {
        matches!(media, "application/csp-report" | "application/reports+json" | "application/json")
    } else {
        media == "application/json"
    }
}

/// Whether the request has a body (an empty one, or none, needs no type).
fn has_body(request: &Request) -> bool {
    use axum::body::HttpBody;
    request.body().size_hint().exact() != Some(0)
}

/// The middleware over every API route.
pub async fn browser_calls(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    if !from_trusted_page(headers, &state.trusted_origins) {
        return ApiError(Problem::new(types::CROSS_SITE, 403, "Not from this site").with_detail(
            "Calls that change a draft are taken only from this sign-up's own pages.",
        ))
        .into_response();
    }
    if has_body(&request) {
        let media = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
        let path = request.uri().path();
        let ok = match media.as_deref() {
            Some(m) => accepts(path, m),
            // An upload's type may be unknown to the browser; its bytes are checked anyway.
            None => path.ends_with("/assets"),
        };
        if !ok {
            return crate::problem::for_status(StatusCode::UNSUPPORTED_MEDIA_TYPE).into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.parse().unwrap());
        }
        m
    }

    #[test]
    fn only_this_sites_pages_and_servers_may_change_things() {
        let allowed = vec!["https://signup.example".to_owned(), "https://partner.example".to_owned()];
        assert!(from_trusted_page(&h(&[("sec-fetch-site", "same-origin")]), &allowed));
        assert!(!from_trusted_page(&h(&[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")]), &allowed));
        assert!(!from_trusted_page(&h(&[("sec-fetch-site", "cross-site")]), &allowed));
        assert!(from_trusted_page(&h(&[("sec-fetch-site", "cross-site"), ("origin", "https://partner.example")]), &allowed));
        assert!(from_trusted_page(&h(&[("sec-fetch-site", "same-site"), ("origin", "https://signup.example")]), &allowed));
        assert!(from_trusted_page(&h(&[]), &allowed), "a server-to-server call");
        assert!(!from_trusted_page(&h(&[("origin", "https://evil.example"), ("host", "signup.example")]), &allowed));
        assert!(from_trusted_page(&h(&[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")]), &[]));
        assert!(!from_trusted_page(&h(&[("origin", "null")]), &allowed));
        assert_eq!(origin_of("https://a.example:8443/api/v1").as_deref(), Some("https://a.example:8443"));
    }

    #[test]
    fn each_call_takes_its_media_type() {
        assert!(accepts("/api/v1/signups", "application/json"));
        assert!(!accepts("/api/v1/signups", "text/plain"));
        assert!(!accepts("/api/v1/events", "application/x-www-form-urlencoded"));
        assert!(accepts("/api/v1/signups/x/assets", "image/png"));
        assert!(accepts("/api/v1/csp-reports", "application/csp-report"));
    }
}
