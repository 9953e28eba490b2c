//! `GET /openapi.json`: the OpenAPI 3.1 document of `/api/v1`, generated from the contract's types
//! (utoipa derives behind `onramp-api`'s `openapi` feature) and these routes' annotations, with
//! the limits the rules enforce written into the schemas and every problem type listed. The same
//! document is committed as `api/openapi.json`; a test fails when the two differ.

use axum::http::header;
use axum::response::IntoResponse;
use onramp_api::schema_limits::{Limit, LIMITS};
use serde_json::{json, Value};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Onramp API",
        version = "1",
        description = "The JSON API between Onramp, the sign-up app for managed Mastodon hosting, and a hosting backend. Errors are RFC 9457 problem documents (application/problem+json); a refused field is an entry of `errors` with its JSON pointer and a stable code.",
        license(name = "AGPL-3.0-only")
    ),
    servers((url = "/api/v1", description = "This server")),
    paths(
        super::catalog::get_catalog,
        super::domains::availability,
        super::signups::create,
        super::signups::read,
        super::signups::update,
        super::signups::verify_domain,
        super::assets::upload,
        super::assets::read,
        super::orders::submit,
        super::orders::resume_link,
        super::orders::read,
        super::orders::checkout,
        super::orders::retry,
        super::partners::read,
        super::partners::embed_check,
        super::partners::events,
        super::provider::order,
        super::provider::mastodon,
        super::provider::report,
        super::provider::payment,
        crate::headers::report,
        serve,
    ),
    components(schemas(onramp_api::Problem, onramp_api::FieldError, onramp_api::ErrorCode, onramp_api::webhook::OrderEvent)),
    modifiers(&Security),
    tags(
        (name = "catalog", description = "What the provider sells."),
        (name = "domains", description = "Whether an address can be had."),
        (name = "signups", description = "Drafts, opened by their resume token and changed with If-Match."),
        (name = "assets", description = "A draft's images, checked by content."),
        (name = "orders", description = "Submitting a draft (exactly once, by Idempotency-Key) and the order it becomes."),
        (name = "partners", description = "Embedding partners and their funnel events."),
        (name = "provider", description = "The provider's own calls, with the provider API key."),
        (name = "meta", description = "This document."),
        (name = "reports", description = "What browsers report: Content-Security-Policy violations."),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            let mut http = Http::new(HttpAuthScheme::Bearer);
            http.description = Some(description.to_owned());
            SecurityScheme::Http(http)
        };
        components.add_security_scheme("resume_token", bearer("The draft's resume token, from POST /signups (or the resume link)."));
        components.add_security_scheme("provider_key", bearer("The provider API key from the server's configuration."));
    }
}

/// The problem types (`type` of a problem document) and when each is answered.
const PROBLEM_TYPES: &[(&str, u16, &str)] = &[
    (onramp_api::types::VALIDATION, 422, "Fields refused by the rules or not matching the schema: see errors[]."),
    (onramp_api::types::MALFORMED, 400, "The body is not JSON, or not the kind of value this call takes."),
    (onramp_api::types::CONFLICT, 409, "The draft changed since the version in If-Match."),
    (onramp_api::types::PRECONDITION_REQUIRED, 428, "If-Match or Idempotency-Key is missing."),
    (onramp_api::types::NOT_FOUND, 404, "Nothing here, or the token does not open it."),
    (onramp_api::types::TOO_LARGE, 413, "The body is larger than this call takes."),
    (onramp_api::types::INTERNAL, 500, "The server failed."),
    (onramp_api::types::EXPIRED, 410, "The draft was left too long and is deleted."),
    (onramp_api::types::SUBMITTED, 409, "The draft became an order and cannot change."),
    (onramp_api::types::METHOD_NOT_ALLOWED, 405, "This path does not take this method."),
    (onramp_api::types::UNSUPPORTED_MEDIA_TYPE, 415, "The body's Content-Type is not one this call takes."),
    (onramp_api::types::TIMEOUT, 408, "The request took longer than the server allows."),
    (onramp_api::types::CROSS_SITE, 403, "A browser call from an origin this server does not trust."),
    (onramp_api::types::RATE_LIMITED, 429, "Too many calls for now; Retry-After says when to come back."),
    (onramp_api::types::NOTHING_TO_PAY, 409, "Nothing of this order is paid online (invoice, paid, pending, or no checkout here)."),
    (onramp_api::types::CHECKOUT_UNAVAILABLE, 502, "The provider's checkout gave no payment page; try again in a moment."),
];

/// The document, as JSON.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for (schema, property, limit) in LIMITS {
            let Some(target) = schemas.get_mut(*schema).and_then(|s| s.pointer_mut(&format!("/properties/{property}"))) else { continue };
            let Some(target) = target.as_object_mut() else { continue };
            match limit {
                Limit::MaxChars(n) => target.insert("maxLength".into(), json!(n)),
                Limit::MaxVisible(n) => target.insert("x-onramp-max-visible-characters".into(), json!(n)),
                Limit::MaxItems(n) => target.insert("maxItems".into(), json!(n)),
                Limit::Pattern(p) => target.insert("pattern".into(), json!(p)),
                Limit::Range(lo, hi) => {
                    target.insert("minimum".into(), json!(lo));
                    target.insert("maximum".into(), json!(hi))
                }
            };
        }
        if let Some(kind) = schemas.get_mut("Problem").and_then(|p| p.pointer_mut("/properties/type")).and_then(Value::as_object_mut) {
            let list: Vec<String> = PROBLEM_TYPES.iter().map(|(t, s, d)| format!("- `{t}` ({s}): {d}")).collect();
            kind.insert("description".into(), json!(format!("The problem type, relative to the API's address (about:blank for a plain status):\n{}", list.join("\n"))));
            kind.insert("examples".into(), json!(PROBLEM_TYPES.iter().map(|(t, _, _)| *t).collect::<Vec<_>>()));
        }
    }
    // What Onramp sends to the provider's `[[webhooks]]` endpoints (OpenAPI 3.1 `webhooks`).
    if let Some(doc) = doc.as_object_mut() {
        doc.insert("webhooks".into(), json!({
            "orderEvent": {
                "post": {
                    "summary": "An order changed: order.created on submit, order.step_changed on each step change",
                    "description": "Signed as Standard Webhooks describes (headers webhook-id, webhook-timestamp, webhook-signature). Delivered at least once: drop a webhook-id seen before. One order's events reach an endpoint in the order they happened, each after the one before it was delivered or given up; data.sequence numbers them per order, so an event whose number is not above the highest seen for its order is stale.",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrderEvent"}}}},
                    "responses": {"2XX": {"description": "Received; any other answer is tried again later with backoff."}}
                }
            }
        }));
    }
    doc
}

/// The document's text as it is served and committed (pretty, with a final newline); built
/// once per process, as it only changes with the code.
pub fn text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
        text.push('\n');
        text
    })
}

#[utoipa::path(
    get, path = "/openapi.json", tag = "meta", operation_id = "openapi_document",
    responses((status = 200, description = "This document (OpenAPI 3.1, JSON)."))
)]
pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-cache")], text())
}
