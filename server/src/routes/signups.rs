//! `POST /signups`, `GET` and `PATCH /signups/{id}`: drafts, authorized by their resume token,
//! updated with `If-Match` and validated by the contract's rules.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use onramp_api::{etag, parse_etag, validate, DraftSections, Problem, Signup};

use crate::auth::ResumeToken;
use crate::problem::ApiError;
use crate::AppState;

/// Drafts: create (rate limited), read, update, verify the own domain.
pub fn router(state: &AppState) -> axum::Router<AppState> {
    use axum::middleware::from_fn_with_state;
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/signups", post(create).route_layer(from_fn_with_state(state.clone(), crate::limit::create)))
        .route("/signups/{id}", get(read).patch(update).layer(axum::extract::DefaultBodyLimit::max(crate::DRAFT_BODY_LIMIT)))
        .route("/signups/{id}/domain/verification", post(verify_domain))
}

fn with_etag(signup: Signup) -> Response {
    let tag = HeaderValue::from_str(&etag(signup.version)).ok();
    let mut response = Json(signup).into_response();
    if let Some(tag) = tag {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::DbError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|_| ApiError::internal())?.map_err(ApiError::from)
}

#[utoipa::path(
    post, path = "/signups", operation_id = "create_signup", tag = "signups",
    request_body(content = Option<onramp_api::embed::CreateSignup>, description = "Nothing, or the partner whose embedded flow starts the draft.", content_type = "application/json"),
    responses(
        (status = 201, description = "A new empty draft and its resume token (shown once).", body = onramp_api::CreatedSignup, headers(("Location" = String, description = "The draft's address."))),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused by the contract's rules, or JSON that does not match the schema: each error has the JSON pointer of its field and a code.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many of these calls from this client for now.", body = onramp_api::Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn create(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    // No body, or `{"partner": "id"}` from a partner's embedded flow (whose locks then hold).
    let request: onramp_api::embed::CreateSignup = if body.iter().all(u8::is_ascii_whitespace) {
        Default::default()
    } else {
        crate::problem::json_body(&body, "Expected nothing or {\"partner\": \"id\"}")?
    };
    if let Some(p) = &request.partner {
        if !state.partners.iter().any(|k| &k.id == p) {
            return Err(ApiError(Problem::validation(vec![onramp_api::FieldError::new("/partner", onramp_api::ErrorCode::Unknown, "No partner has this id.")])));
        }
    }
    let created = blocking(move || state.db.create_signup_for(request.partner.as_deref())).await?;
    let location = HeaderValue::from_str(&format!("{}/signups/{}", onramp_api::API_PREFIX, created.id)).ok();
    let mut response = (StatusCode::CREATED, Json(created)).into_response();
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

#[utoipa::path(
    get, path = "/signups/{id}", operation_id = "read_signup", tag = "signups", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id.")),
    responses(
        (status = 200, description = "The draft.", body = onramp_api::Signup, headers(("ETag" = String, description = "The draft's version as a strong tag, for If-Match."))),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The draft was left too long and is deleted.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Response, ApiError> {
    let signup = blocking(move || state.db.get_signup(&id, &token)).await?;
    Ok(with_etag(signup))
}

#[utoipa::path(
    patch, path = "/signups/{id}", operation_id = "update_signup", tag = "signups", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id."), ("If-Match" = String, Header, description = "The ETag of the version this change was made to.")),
    request_body(content = onramp_api::DraftSections, description = "The sections to replace; absent ones stay as they are.", content_type = "application/json"),
    responses(
        (status = 200, description = "The draft after the change.", body = onramp_api::Signup, headers(("ETag" = String, description = "The new version."))),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The draft changed since that version (a lost update), or it became an order.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The draft was left too long and is deleted.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than a draft can be.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused by the contract's rules, or JSON that does not match the schema: each error has the JSON pointer of its field and a code.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large(),
        _ => ApiError::malformed(e.body_text()),
    })?;
    let expected = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(ApiError::precondition_required)?;
    let expected = parse_etag(expected).ok_or_else(ApiError::precondition_required)?;
    let patch: DraftSections = crate::problem::json_body(&body, "Expected a JSON object of draft sections")?;
    let mut errors = validate::validate_sections(&patch, &state.catalog);
    if let (true, Some(domain)) = (errors.is_empty(), patch.domain.clone()) {
        let (db, shared) = (state.db.clone(), state.catalog.shared_domains.clone());
        errors = blocking(move || super::domains::server_checks(db.as_ref(), &domain, &shared)).await?;
    }
    if let (true, Some(branding)) = (errors.is_empty(), patch.branding.as_ref()) {
        errors = asset_checks(&state, &id, branding).await?;
    }
    if let (true, Some(plan)) = (errors.is_empty(), patch.plan.as_ref()) {
        let (db, signup) = (state.db.clone(), id.clone());
        let partner = blocking(move || db.signup_partner(&signup)).await?;
        if let Some(partner) = partner.and_then(|p| state.partners.iter().find(|k| k.id == p)) {
            errors = partner.check_locked(plan);
        }
    }
    if !errors.is_empty() {
        return Err(ApiError(Problem::validation(errors)));
    }
    let catalog = state.catalog.clone();
    // A plan switch is not refused for a domain chosen earlier that the new plan does not allow:
    // the app says so, and the domain step (and submit) asks for another.
    let domain_written = patch.domain.is_some();
    let check = move |draft: &DraftSections| {
        let mut errors = validate::validate_across(draft, &catalog);
        errors.retain(|e| domain_written || !e.pointer.starts_with("/domain"));
        errors
    };
    let signup = blocking(move || state.db.update_signup(&id, &token, expected, patch, &check)).await?;
    Ok(with_etag(signup))
}

/// The branding section's images must be this draft's uploads, of the right kind.
pub(crate) async fn asset_checks(
    state: &AppState,
    id: &str,
    branding: &onramp_api::BrandingSection,
) -> Result<Vec<onramp_api::FieldError>, ApiError> {
    use onramp_api::asset::AssetKind;
    let wanted: Vec<(&str, &String, AssetKind)> = [
        ("/branding/thumbnail", branding.thumbnail.as_ref(), AssetKind::Thumbnail),
        ("/branding/logo", branding.logo.as_ref(), AssetKind::Logo),
    ]
    .into_iter()
    .filter_map(|(p, id, k)| id.map(|id| (p, id, k)))
    .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = wanted.iter().map(|(_, id, _)| (*id).clone()).collect();
    let (db, signup) = (state.db.clone(), id.to_owned());
    let found = blocking(move || db.asset_kinds(&signup, &ids)).await?;
    Ok(wanted
        .into_iter()
        .filter(|(_, id, kind)| !found.iter().any(|(f, k)| f == *id && k == kind))
        .map(|(pointer, _, _)| {
            onramp_api::FieldError::new(pointer, onramp_api::ErrorCode::Unknown, "Upload the image again.")
        })
        .collect())
}

#[utoipa::path(
    post, path = "/signups/{id}/domain/verification", operation_id = "verify_domain", tag = "signups", security(("resume_token" = [])),
    params(("id" = String, Path, description = "The draft's id.")),
    responses(
        (status = 200, description = "The own domain's DNS records as found now, each with its status.", body = onramp_api::dns::Verification),
        (status = 401, description = "No resume token was sent.", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft, or the token does not open it (the same answer for both, so a token cannot be probed).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The draft was left too long and is deleted.", body = onramp_api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify_domain(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Json<onramp_api::dns::Verification>, ApiError> {
    let db = state.db.clone();
    let signup = {
        let id = id.clone();
        blocking(move || db.get_signup(&id, &token)).await?
    };
    let Some(domain) = signup.sections.domain.filter(|d| d.mode == onramp_api::DomainMode::Custom) else {
        return Err(ApiError::no_own_domain());
    };
    Ok(Json(verify(&state, &id, &domain).await))
}

/// Looks up every record an own domain needs and compares each with what it should be.
pub async fn verify(state: &AppState, id: &str, domain: &onramp_api::DomainSection) -> onramp_api::dns::Verification {
    use onramp_api::dns::{compare, plan_records, CheckedRecord, RecordStatus, Verification};
    use onramp_api::domain::idn;
    let apex = idn::position(&domain.web_domain) == idn::Position::Apex;
    let mut records = Vec::new();
    let mut lookup_error = None;
    for record in plan_records(domain, apex, &state.edge, &crate::challenge_token(id)) {
        if lookup_error.is_some() {
            records.push(CheckedRecord { record, status: RecordStatus::Unchecked, found: Vec::new() });
            continue;
        }
        match crate::dns::lookup(state.resolver, &record.name, record.kind).await {
            Ok(found) => {
                let status = compare(&record, &found);
                let found = if status == RecordStatus::Wrong { found } else { Vec::new() };
                records.push(CheckedRecord { record, status, found });
            }
            Err(e) => {
                lookup_error = Some(format!("DNS lookups are not possible right now ({}); try again later.", e.0));
                records.push(CheckedRecord { record, status: RecordStatus::Unchecked, found: Vec::new() });
            }
        }
    }
    let verified = lookup_error.is_none()
        && records.iter().all(|r| matches!(r.status, RecordStatus::Ok | RecordStatus::Unchecked));
    Verification { records, verified, lookup_error }
}
