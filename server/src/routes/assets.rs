//! `POST /signups/{id}/assets?kind=…` (the raw image as the body) and
//! `GET /signups/{id}/assets/{asset}`: images of a draft, checked by content.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use onramp_api::asset::{AssetKind, ImageProblem, MAX_BYTES};
use onramp_api::{ErrorCode, FieldError, Problem};

use super::signups::blocking;
use crate::auth::ResumeToken;
use crate::problem::ApiError;
use crate::AppState;

/// A draft's images: uploads rate limited per client, and at most `uploads_in_flight` bodies
/// (4 MB each) read at once; the others wait their turn before a byte of theirs is read.
pub fn router(state: &AppState) -> axum::Router<AppState> {
    use axum::middleware::from_fn_with_state;
    use axum::routing::{get, post};
    let upload = post(upload)
        .layer::<_, std::convert::Infallible>(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer::<_, std::convert::Infallible>(tower::limit::GlobalConcurrencyLimitLayer::new(state.memory.uploads_in_flight))
        .route_layer(from_fn_with_state(state.clone(), crate::limit::uploads));
    axum::Router::new()
        .route("/signups/{id}/assets", upload)
        .route("/signups/{id}/assets/{asset}", get(read))
}

/// The route's body limit: one byte over the largest image, so "too large" is ours to say.
pub const UPLOAD_LIMIT: usize = MAX_BYTES as usize + 1;

/// How long an upload waits for an image check to be free before it is told to come back.
const DECODE_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(serde::Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
}

fn refused(problem: ImageProblem, kind: AssetKind) -> ApiError {
    let status = if problem == ImageProblem::TooLarge { 413 } else { 422 };
    let mut p = Problem::validation(vec![problem.field_error(kind)]);
    p.status = status;
    if status == 413 {
        p.kind = onramp_api::types::TOO_LARGE.into();
    }
    ApiError(p)
}

#[utoipa::path(
    post, path = "/signups/{id}/assets", operation_id = "upload_asset", tag = "assets", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id."), ("kind" = onramp_api::asset::AssetKind, Query, description = "Which image this is.")),
    request_body(content = Vec<u8>, description = "The image's bytes (PNG, JPEG or WebP; checked by content, not by name or type).", content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "The image, re-encoded without metadata.", body = onramp_api::asset::Asset),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than an image may be.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an image of an allowed kind, damaged, or of the wrong size; the error's pointer is /kind or the image's field.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many of these calls from this client for now.", body = onramp_api::Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait."))),
        (status = 503, description = "Every image check is busy; try again shortly.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KindQuery>,
    ResumeToken(token): ResumeToken,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    let Some(kind) = query.kind.as_deref().and_then(AssetKind::parse) else {
        return Err(ApiError(Problem::validation(vec![FieldError::new(
            "/kind",
            ErrorCode::Invalid,
            "Say which image this is: ?kind=thumbnail or ?kind=logo.",
        )]))
        .into());
    };
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => refused(ImageProblem::TooLarge, kind),
        _ => ApiError::malformed(e.body_text()),
    })?;
    // The draft must exist before any work is done on the file.
    {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.get_signup(&id, &token)).await?;
    }
    if let Err(seconds) = state.limiter.take_draft_upload(&id) {
        return Err(crate::limit::too_many(seconds, "Many images were sent to this draft just now.").into_response());
    }
    // At most `image_decodes` checks at once: each may hold `images::worst_case_bytes`.
    let permit = tokio::time::timeout(DECODE_WAIT, state.decodes.clone().acquire_owned())
        .await
        .map_err(|_| ApiError::busy())?
        .map_err(|_| ApiError::internal())?;
    let image = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        crate::images::clean(kind, &body)
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|p| refused(p, kind))?;
    let asset = blocking(move || state.db.add_asset(&id, &token, image)).await?;
    let mut response = (StatusCode::CREATED, Json(asset)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[utoipa::path(
    get, path = "/signups/{id}/assets/{asset}", operation_id = "read_asset", tag = "assets", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id."), ("asset" = String, Path, description = "The image's id.")),
    responses(
        (status = 200, description = "The image's bytes.", content(("image/png"), ("image/jpeg"), ("image/webp"))),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    Path((id, asset_id)): Path<(String, String)>,
    ResumeToken(token): ResumeToken,
) -> Result<Response, ApiError> {
    let (format, data) = blocking(move || state.db.asset(&id, &token, &asset_id)).await?;
    let mut response = data.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.media_type()));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    Ok(response)
}
