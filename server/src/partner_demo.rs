//! A partner's page on a second origin that embeds the app with `embed.js`, for trying the
//! embedding by hand (`cargo xtask dev`) and for the end-to-end suite. It lists the messages
//! the app sends, as a partner's own code would receive them.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;

#[derive(Clone)]
struct Page {
    app_url: String,
}

fn attr(params: &HashMap<String, String>, name: &str) -> String {
    params
        .get(name)
        .filter(|v| (1..=40).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        .map(|v| format!(" data-{name}=\"{v}\""))
        .unwrap_or_default()
}

async fn index(State(page): State<Page>, Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let partner = attr(&params, "partner");
    let partner = if partner.is_empty() { " data-partner=\"example-university\"".to_owned() } else { partner };
    let attrs = format!("{partner}{}{}{}{}", attr(&params, "locale"), attr(&params, "plan"), attr(&params, "billing"), attr(&params, "timeout"));
    // `?above=1`: a long page of the partner's own above the sign-up, with links of its own, as
    // a partner's page usually is (the frame must not take focus or scroll it on load).
    let above = if params.get("above").is_some_and(|v| v == "1") {
        let links: String = (1..=3).map(|i| format!("<li><a href=\"#news-{i}\">News item {i}</a></li>")).collect();
        format!("<nav aria-label=\"University\"><ul>{links}</ul></nav><section class=\"above\" aria-labelledby=\"about-heading\"><h2 id=\"about-heading\">About the university</h2><p>Teaching and research since 1502.</p></section>")
    } else {
        String::new()
    };
    Html(format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example University · Our own server on the fediverse</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<header><h1>Example University</h1><p>Get our own server on the open social web, set up in minutes.</p></header>
<main>
{above}
<div id="onramp"></div>
<section aria-labelledby="events-heading"><h2 id="events-heading">Messages from the sign-up</h2><ol id="events"></ol></section>
</main>
<script src="{app}/embed.js" data-target="#onramp"{attrs}></script>
<script src="/page.js"></script>
</body>
</html>
"##,
        app = page.app_url.trim_end_matches('/'),
    ))
}

const PAGE_JS: &str = r#"// The partner's own code: it listens to the container's events.
(function () {
  var list = document.getElementById('events');
  var container = document.getElementById('onramp');
  container.addEventListener('onramp:message', function (e) {
    var item = document.createElement('li');
    item.textContent = JSON.stringify(e.detail);
    item.dataset.type = e.detail.type;
    list.appendChild(item);
  });
  container.addEventListener('onramp:error', function (e) {
    var note = document.createElement('p');
    note.className = 'embed-error';
    note.dataset.code = e.detail.code;
    note.textContent = 'Sign-up error ' + e.detail.code + ' (' + e.detail.source + '): ' + e.detail.message;
    list.before(note);
  });
  container.addEventListener('onramp:exit', function () {
    var note = document.createElement('p');
    note.id = 'left';
    note.textContent = 'You left the sign-up.';
    container.after(note);
  });
})();
"#;

const PAGE_CSS: &str = "body { font-family: Georgia, serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #221a12; background: #fbf8f3; }\nheader { border-bottom: 4px solid #8a1538; margin-bottom: 1rem; }\n#events { font: 0.8rem monospace; overflow-wrap: anywhere; }\n.above { min-height: 1500px; }\nnav a { display: inline-block; padding: 0.5rem 0; }\n";

/// The partner page's service, embedding the app at `app_url`.
pub fn router(app_url: String) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/page.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], PAGE_JS).into_response() }))
        .route("/page.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], PAGE_CSS).into_response() }))
        .with_state(Page { app_url })
}
