//! What several checks do: make a draft, change it, and fill one in completely for the
//! backend's own catalogue (`onramp_api::conformance_cases::complete_sections`).

use onramp_api::conformance_cases::{complete_sections, expected_errors};
use serde_json::Value;

use crate::http::{Body, Reply};
use crate::suite::{random_hex, Draft, Suite};

/// `POST /signups` (with `body`, if any), checked: 201, an id, a token, version 1.
pub fn create(s: &Suite, body: Option<Value>) -> Result<Draft, String> {
    let reply = s.api.send("POST", "/signups", "/signups", &[], body.map(Body::Json))?;
    reply.want(201)?;
    let json = reply.json().ok_or("the answer is not JSON")?;
    let id = json["id"].as_str().ok_or("no id")?.to_owned();
    let token = json["resume_token"].as_str().ok_or("no resume_token")?.to_owned();
    let version = json["version"].as_u64().ok_or("no version")?;
    Ok(Draft { id, token, version })
}

/// `PATCH /signups/{id}` with `If-Match` of `version` (none when `None`).
pub fn patch(s: &Suite, d: &Draft, body: Body, version: Option<u64>) -> Result<Reply, String> {
    let mut headers = vec![d.auth()];
    if let Some(v) = version {
        headers.push(("If-Match", onramp_api::etag(v)));
    }
    s.api.send("PATCH", &format!("/signups/{}", d.id), "/signups/{id}", &headers, Some(body))
}

/// `PATCH` at the draft's version; a 200 moves the draft's version on.
pub fn patch_current(s: &Suite, d: &mut Draft, body: Value) -> Result<Reply, String> {
    let reply = patch(s, d, Body::Json(body), Some(d.version))?;
    if reply.status == 200 {
        if let Some(v) = reply.json().and_then(|j| j["version"].as_u64()) {
            d.version = v;
        }
    }
    Ok(reply)
}

/// A label nobody has (`cf` and 10 hex digits).
pub fn label() -> String {
    format!("cf{}", random_hex(10))
}

/// A complete draft on the backend (made once per run and shared).
pub fn complete_draft(s: &mut Suite) -> Result<Draft, String> {
    if let Some(d) = &s.complete {
        return Ok(d.clone());
    }
    let d = fill(s, &label())?;
    s.complete = Some(d.clone());
    Ok(d)
}

/// A new draft with every section filled in for subdomain `label`.
pub fn fill(s: &Suite, label: &str) -> Result<Draft, String> {
    let catalog = s.catalog()?;
    let sections = complete_sections(catalog, label)?;
    let (own, across) = expected_errors(&sections, catalog)?;
    if !own.is_empty() || !across.is_empty() {
        return Err(format!("the suite could not build a valid draft for this catalogue; the contract's rules say {own:?} {across:?}"));
    }
    let mut d = create(s, None)?;
    let reply = patch_current(s, &mut d, sections)?;
    reply.want(200).map_err(|e| format!("a complete draft was refused ({e}): {:?}", reply.errors()))?;
    Ok(d)
}
