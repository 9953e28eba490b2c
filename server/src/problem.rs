//! Errors as RFC 9457 `application/problem+json` responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use onramp_api::{types, Problem, PROBLEM_JSON};

use crate::DbError;

/// A JSON body read as `T`: `400` when it is not JSON at all; when it is JSON of another shape
/// (an unknown enum value, a wrong type, a missing field), `422` with the JSON pointer of the
/// offending field and a code, like any refused field.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8], expected: &str) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| ApiError::malformed(format!("{expected}; this is not JSON: {e}")))?;
    // Every body of this API is an object (serde would also read a struct from an array).
    if !value.is_object() {
        return Err(ApiError(Problem::validation(vec![onramp_api::FieldError::new("", onramp_api::ErrorCode::Invalid, format!("{expected}: this is JSON, but not an object."))])));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = pointer_of(e.path());
        let detail = e.inner().to_string();
        let code = if let Some(field) = detail.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
            pointer.push('/');
            pointer.push_str(&field.replace('~', "~0").replace('/', "~1"));
            onramp_api::ErrorCode::Required
        } else if detail.starts_with("unknown variant") || detail.starts_with("unknown field") {
            onramp_api::ErrorCode::Unknown
        } else {
            onramp_api::ErrorCode::Invalid
        };
        ApiError(Problem::validation(vec![onramp_api::FieldError::new(pointer, code, format!("{expected}: {detail}"))]))
    })
}

/// The JSON pointer (RFC 6901) of a path in a document.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        let token = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } => key.replace('~', "~0").replace('/', "~1"),
            Segment::Enum { variant } => variant.replace('~', "~0").replace('/', "~1"),
            Segment::Unknown => continue,
        };
        pointer.push('/');
        pointer.push_str(&token);
    }
    pointer
}

/// A problem document on its way out.
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl ApiError {
    pub fn malformed(detail: impl Into<String>) -> Self {
        Self(Problem::new(types::MALFORMED, 400, "The request body is not valid").with_detail(detail))
    }

    pub fn not_found() -> Self {
        Self(Problem::new(types::NOT_FOUND, 404, "Not found").with_detail(
            "There is nothing here, or the resume token does not open it, or the draft expired.",
        ))
    }

    pub fn unauthorized() -> Self {
        Self(Problem::new(types::NOT_FOUND, 401, "Resume token missing")
            .with_detail("Send the draft's resume token as `Authorization: Bearer <token>`."))
    }

    pub fn precondition_required() -> Self {
        Self(Problem::new(types::PRECONDITION_REQUIRED, 428, "If-Match required")
            .with_detail("Send the draft version you edited in `If-Match`, as the ETag gave it."))
    }

    pub fn conflict(current: u64) -> Self {
        Self(Problem::new(types::CONFLICT, 409, "The draft changed meanwhile").with_detail(format!(
            "The draft is now at version {current}; read it again and reapply your change."
        )))
    }

    pub fn too_large() -> Self {
        Self(Problem::new(types::TOO_LARGE, 413, "Request body too large")
            .with_detail(format!("Send at most {} bytes.", crate::DRAFT_BODY_LIMIT)))
    }

    pub fn no_own_domain() -> Self {
        Self(Problem::new(types::CONFLICT, 409, "No own domain chosen")
            .with_detail("Save an own domain in the draft first; a subdomain of ours needs no records."))
    }

    pub fn idempotency_key_required() -> Self {
        Self(Problem::new(types::PRECONDITION_REQUIRED, 428, "Idempotency-Key required")
            .with_detail("Send a key made once per draft in `Idempotency-Key`, so a retry cannot order twice."))
    }

    pub fn busy() -> Self {
        Self(Problem::new(types::INTERNAL, 503, "Busy checking other images")
            .with_detail("Nothing was changed. Send the image again in a few seconds."))
    }

    pub fn internal() -> Self {
        Self(Problem::new(types::INTERNAL, 500, "Something went wrong on our side")
            .with_detail("Nothing was changed. Try again in a moment."))
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => Self::not_found(),
            DbError::Expired => Self(Problem::new(types::EXPIRED, 410, "The draft expired").with_detail(
                "Drafts are kept for a limited time after the last change; start a new one.",
            )),
            DbError::Submitted { order_id } => Self(Problem::new(types::SUBMITTED, 409, "The draft was submitted")
                .with_detail(format!("It became order {order_id} and can no longer change."))),
            DbError::KeyReused => Self(Problem::validation(vec![onramp_api::FieldError::new(
                "/idempotency_key",
                onramp_api::ErrorCode::Mismatch,
                "This Idempotency-Key was used for another draft, or the draft changed since; make a new key.",
            )])),
            DbError::Conflict { current } => Self::conflict(current),
            DbError::Invalid(errors) => Self(onramp_api::Problem::validation(errors)),
            other => {
                tracing::error!(error = %other, "store");
                Self::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.0).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

/// The problem document for an error answer that has none (what axum's extractors and router
/// answer themselves: 405, 413, 415, 408, …).
pub fn for_status(status: StatusCode) -> ApiError {
    let (kind, title, detail) = match status.as_u16() {
        404 => return ApiError::not_found(),
        405 => (types::METHOD_NOT_ALLOWED, "Method not allowed", "This path does not answer this method; see the API description."),
        408 => (types::TIMEOUT, "Request timeout", "The request was not received in time; send it again."),
        413 => (types::TOO_LARGE, "Request body too large", "Send a smaller body."),
        415 => (types::UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "Send the body as Content-Type: application/json."),
        s if s >= 500 => return ApiError::internal(),
        _ => (types::MALFORMED, "The request was refused", "The request could not be used as it was sent."),
    };
    ApiError(Problem::new(kind, status.as_u16(), title).with_detail(detail))
}

/// Every API answer carries `Cache-Control: no-store`, and every error answer is problem+json:
/// one place for what each handler would otherwise have to remember.
pub async fn api_answers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        let kept: Vec<(header::HeaderName, HeaderValue)> = [header::RETRY_AFTER, header::ALLOW]
            .into_iter()
            .filter_map(|n| response.headers().get(&n).cloned().map(|v| (n, v)))
            .collect();
        response = for_status(status).into_response();
        for (name, value) in kept {
            response.headers_mut().insert(name, value);
        }
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

impl From<ApiError> for Response {
    fn from(e: ApiError) -> Self {
        e.into_response()
    }
}

/// Fallback for paths that match nothing.
pub async fn not_found() -> ApiError {
    ApiError::not_found()
}
