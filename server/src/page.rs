//! The app's page (`index.html`) as this provider serves it: its name in `<title>` and in the
//! `<noscript>` text, its favicon, filled in before any wasm runs (one built `dist/` serves any
//! provider). The inline bootstrap script is left as it is, so its CSP hash still holds.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use onramp_api::Provider;

use crate::AppState;

/// `text` with `&`, `<`, `>` and `"` escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn replace_between(html: &str, open: &str, close: &str, with: &str) -> String {
    let Some(start) = html.find(open).and_then(|i| html.get(i..).and_then(|r| r.find('>')).map(|j| i + j + 1)) else {
        return html.to_owned();
    };
    let Some(end) = html.get(start..).and_then(|r| r.find(close)).map(|j| start + j) else { return html.to_owned() };
    format!("{}{with}{}", html.get(..start).unwrap_or_default(), html.get(end..).unwrap_or_default())
}

/// The page with the provider's name and favicon.
pub fn render(html: &str, provider: &Provider) -> String {
    let name = escape(&provider.name);
    let page = replace_between(html, "<title", "</title>", &name);
    let noscript = format!(
        "{name} needs JavaScript and WebAssembly. / {name} benötigt JavaScript und WebAssembly. / {name} nécessite JavaScript et WebAssembly."
    );
    let page = replace_between(&page, "<noscript", "</noscript>", &noscript);
    match &provider.favicon {
        Some(icon) if onramp_api::provider::is_image_link(icon) => {
            page.replace(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#, &format!(r#"<link rel="icon" href="{}">"#, escape(icon)))
        }
        _ => page,
    }
}

/// `GET /`, `/index.html` and every step's URL: the page, rendered for this provider, with a
/// strong `ETag` of what is sent (a revalidation answers 304).
pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    use sha2::{Digest, Sha256};
    let Some(dir) = state.static_dir.clone() else { return crate::problem::ApiError::not_found().into_response() };
    match tokio::fs::read_to_string(dir.join("index.html")).await {
        Ok(html) => {
            let body = render(&html, &state.catalog.provider);
            let digest = Sha256::digest(body.as_bytes());
            let tag = format!("\"{}\"", digest.iter().take(12).map(|b| format!("{b:02x}")).collect::<String>());
            let fresh = headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == tag));
            let mut response = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { (StatusCode::OK, body).into_response() };
            let h = response.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&tag) {
                h.insert(header::ETAG, v);
            }
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "the app's index.html cannot be read");
            crate::problem::ApiError::internal().into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_fills_title_noscript_and_favicon() {
        let html = "<html><head><title>Onramp</title><script>boot()</script>\
            <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
            <body><noscript>Onramp needs JavaScript</noscript></body></html>";
        let provider = Provider { name: "Hosting <Ö> & Co".into(), favicon: Some("/brand/icon.png".into()), ..Provider::default() };
        let page = render(html, &provider);
        assert!(page.contains("<title>Hosting &lt;Ö&gt; &amp; Co</title>"), "{page}");
        assert!(page.contains("<noscript>Hosting &lt;Ö&gt; &amp; Co needs JavaScript"), "{page}");
        assert!(page.contains(r#"<link rel="icon" href="/brand/icon.png">"#));
        assert!(page.contains("<script>boot()</script>"), "the bootstrap (and its CSP hash) is untouched");
        assert!(!page.contains("Onramp"));
    }
}
