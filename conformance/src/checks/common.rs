//! What several checks do: make a draft, change it, and build a complete draft for the
//! backend's own catalogue (its plans, payment methods and shared domains).

use onramp_api::{Catalog, PaymentMethod};
use serde_json::{json, Value};

use crate::http::{Body, Reply};
use crate::suite::{random_hex, Draft, Suite};

/// `POST /signups` (with `body`, if any), checked: 201, an id, a token, version 1.
pub fn create(s: &Suite, body: Option<Value>) -> Result<Draft, String> {
    let reply = s.api.send("POST", "/signups", "/signups", &[], body.map(Body::Json))?;
    reply.expect(201)?;
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

fn postal_code(country: &str) -> &'static str {
    match country {
        "DE" | "FR" | "IT" | "ES" | "FI" => "10115",
        "AT" | "CH" | "BE" | "DK" | "LU" | "NO" => "1010",
        "NL" => "1011 AB",
        "GB" => "SW1A 1AA",
        "SE" => "111 20",
        "PL" => "00-001",
        "IE" => "D02 X285",
        "US" => "10001",
        _ => "10115",
    }
}

/// Every section filled in for `catalog`: its first plan paid by invoice (or the plan's first
/// payment method), an organization in the provider's own country, a subdomain `label` of the
/// first shared domain, a title and closed registrations.
pub fn complete_sections(catalog: &Catalog, label: &str) -> Result<Value, String> {
    let plan = catalog
        .plans
        .iter()
        .find(|p| p.payment_methods.contains(&PaymentMethod::Invoice))
        .or_else(|| catalog.plans.first())
        .ok_or("the catalogue has no plan")?;
    let method = if plan.payment_methods.contains(&PaymentMethod::Invoice) { PaymentMethod::Invoice } else { plan.payment_methods.first().copied().ok_or("a plan has no payment method")? };
    let shared = catalog.shared_domains.first().ok_or("the catalogue has no shared domain for a subdomain")?;
    let country = catalog.provider_country.clone();
    let web = format!("{label}.{shared}");
    Ok(json!({
        "plan": {"plan_id": plan.id, "billing": "monthly", "addons": []},
        "organization": {"name": "Conformance Check", "kind": "company", "country": country, "contact_email": "it@conformance.example",
            "admin_username": "conformance", "billing": {"address": {"line1": "Street 1", "postal_code": postal_code(&catalog.provider_country), "city": "City"},
            "payment_method": method}},
        "domain": {"mode": "subdomain", "web_domain": web, "handle_domain": web},
        "branding": {"site_title": "Conformance Social"},
        "moderation": {"registrations_mode": "none", "rules": [{"text": "Be kind.", "hint": ""}],
            "domain_blocks": [{"domain": "spam.example", "severity": "suspend"}], "languages": ["en"]},
    }))
}

/// The errors the contract's own rules give for `sections` on `catalog`: `(pointer, code)`,
/// the sections' rules first, then the rules across sections.
pub fn expected_errors(sections: &Value, catalog: &Catalog) -> Result<(Vec<(String, String)>, Vec<(String, String)>), String> {
    let parsed: onramp_api::DraftSections = serde_json::from_value(sections.clone()).map_err(|e| format!("the case does not fit the schema: {e}"))?;
    let pairs = |errors: Vec<onramp_api::FieldError>| errors.into_iter().map(|e| (e.pointer, e.code.as_str().to_owned())).collect::<Vec<_>>();
    Ok((pairs(onramp_api::validate::validate_sections(&parsed, catalog)), pairs(onramp_api::validate::validate_across(&parsed, catalog))))
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
    reply.expect(200).map_err(|e| format!("a complete draft was refused ({e}): {:?}", reply.errors()))?;
    Ok(d)
}
