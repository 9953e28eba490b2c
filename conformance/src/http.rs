//! The backend as the suite sees it: blocking HTTP calls to `{base}/api/v1`, each remembered
//! (credentials left out) for the report, each JSON answer checked against the contract's
//! OpenAPI document for its operation and status.

use std::cell::RefCell;
use std::time::Duration;

use serde_json::Value;

use crate::schema::Document;

/// A request body.
pub enum Body {
    /// JSON.
    Json(Value),
    /// Bytes as they are, with a content type.
    Raw(Vec<u8>, &'static str),
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON, if it is.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    /// `(pointer, code)` of each field error of a problem answer.
    pub fn errors(&self) -> Vec<(String, String)> {
        let Some(json) = self.json() else { return Vec::new() };
        json.get("errors")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|e| (e["pointer"].as_str().unwrap_or_default().to_owned(), e["code"].as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails unless the status is `want`.
    pub fn want(&self, want: u16) -> Result<&Self, String> {
        if self.status == want {
            Ok(self)
        } else {
            Err(format!("expected {want}, got {}", self.status))
        }
    }
}

fn short(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

/// The API of one backend.
pub struct Api {
    base: String,
    client: reqwest::blocking::Client,
    doc: Document,
    /// The last exchange: what was sent and what came back.
    pub last: RefCell<(String, String)>,
    /// Answers that did not match the document since the check began.
    pub mismatches: RefCell<Vec<String>>,
}

impl Api {
    /// The API at `base` (`http://host:port`; the calls go to `{base}/api/v1`).
    pub fn new(base: &str, doc: Document) -> Result<Self, String> {
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
        Ok(Self { base: base.trim_end_matches('/').to_owned(), client, doc, last: RefCell::new(Default::default()), mismatches: RefCell::new(Vec::new()) })
    }

    /// Another client for the same backend (for calls made at once from several threads).
    pub fn fork(&self) -> Result<Self, String> {
        Self::new(&self.base, self.doc.clone())
    }

    /// Sends `method path` (`path` after `/api/v1`, `template` its OpenAPI path) and checks a
    /// JSON answer against the document. A network failure is an `Err`.
    pub fn send(&self, method: &str, path: &str, template: &str, headers: &[(&str, String)], body: Option<Body>) -> Result<Reply, String> {
        let url = format!("{}{}{path}", self.base, onramp_api::API_PREFIX);
        let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut request = self.client.request(m, &url);
        let mut shown: Vec<String> = Vec::new();
        for (name, value) in headers {
            request = request.header(*name, value);
            // Credentials never reach a log.
            let value = if name.eq_ignore_ascii_case("authorization") { "Bearer …".to_owned() } else { value.clone() };
            shown.push(format!("{name}: {value}"));
        }
        let described = match &body {
            Some(Body::Json(v)) => short(&v.to_string(), 200),
            Some(Body::Raw(bytes, kind)) => format!("<{} bytes of {kind}>", bytes.len()),
            None => String::new(),
        };
        // A backend may answer a body over its limit (413) before reading it all and then close
        // the connection: such a connection is never reused for the next check.
        let large = matches!(&body, Some(Body::Raw(bytes, _)) if bytes.len() > 1024 * 1024);
        if large {
            request = request.header("Connection", "close");
        }
        request = match body {
            Some(Body::Json(v)) => request.header("Content-Type", "application/json").body(v.to_string()),
            Some(Body::Raw(bytes, kind)) => request.header("Content-Type", kind).body(bytes),
            None => request,
        };
        let sent = format!("{method} {}{path} {}{described}", onramp_api::API_PREFIX, if shown.is_empty() { String::new() } else { format!("({}) ", shown.join(", ")) });
        let result = request.send();
        let response = match result {
            Ok(r) => r,
            Err(e) => {
                *self.last.borrow_mut() = (sent, format!("no answer: {e}"));
                return Err(format!("no answer from {url}: {e}"));
            }
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().map(|b| b.to_vec()).unwrap_or_default();
        let reply = Reply { status, headers, body };
        if let (Some(json), true) = (reply.json(), reply.header("content-type").is_some_and(|t| t.contains("json"))) {
            if let Err(m) = self.doc.check_response(method, template, status, &json) {
                self.mismatches.borrow_mut().push(m);
            }
        }
        *self.last.borrow_mut() = (sent, format!("{status} {}", short(&String::from_utf8_lossy(&reply.body), 300)));
        Ok(reply)
    }
}
