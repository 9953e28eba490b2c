//! `POST /signups/{id}/submit` (with `Idempotency-Key`), `GET /orders/{id}`,
//! `POST /orders/{id}/retry`, and `POST /signups/{id}/resume-link` (mails the link to continue).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use onramp_api::order::{check_submittable, is_idempotency_key, Order, SubmitRequest, IDEMPOTENCY_KEY};
use onramp_api::{validate, Problem};

use super::signups::{asset_checks, blocking};
use crate::auth::ResumeToken;
use crate::problem::ApiError;
use crate::AppState;

/// Submit, orders and their retry, resume links.
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/signups/{id}/submit", post(submit))
        .route("/signups/{id}/resume-link", post(resume_link))
        .route("/orders/{id}", get(read))
        .route("/orders/{id}/retry", post(retry))
}

pub async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .ok_or_else(ApiError::idempotency_key_required)?
        .to_owned();
    if !is_idempotency_key(&key) {
        return Err(ApiError::malformed("Idempotency-Key: send 16 to 128 letters, digits, - or _ (a UUID works)."));
    }
    let request: SubmitRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::malformed(format!("Expected {{\"accept_terms\": true}}: {e}")))?;
    let signup = {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.get_signup(&id, &token)).await?
    };
    // A draft already ordered answers with its order before anything is checked again.
    if signup.order_id.is_none() {
        let sections = &signup.sections;
        let mut errors = check_submittable(sections, &request);
        errors.extend(validate::validate_sections(sections, &state.catalog));
        errors.extend(validate::validate_across(sections, &state.catalog));
        if let (true, Some(domain)) = (errors.is_empty(), sections.domain.clone()) {
            let (db, shared) = (state.db.clone(), state.catalog.shared_domains.clone());
            errors = blocking(move || super::domains::server_checks(db.as_ref(), &domain, &shared)).await?;
        }
        if let (true, Some(branding)) = (errors.is_empty(), sections.branding.as_ref()) {
            errors = asset_checks(&state, &id, branding).await?;
        }
        if !errors.is_empty() {
            // A submit racing this one may have ordered the draft meanwhile (and taken its
            // domain): then the answer is that order, not a complaint about the domain.
            let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
            let now = blocking(move || db.get_signup(&id, &token)).await?;
            if now.order_id.is_none() {
                return Err(ApiError(Problem::validation(errors)));
            }
        }
    }
    let sections = signup.sections;
    let (order, created) = blocking(move || state.db.submit(&id, &token, &key, &sections)).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(order)).into_response())
}

pub async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Json<Order>, ApiError> {
    Ok(Json(blocking(move || state.db.order(&id, &token)).await?))
}

pub async fn retry(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<Json<Order>, ApiError> {
    Ok(Json(blocking(move || state.db.retry_failed(&id, &token)).await?))
}

/// Mails the link that opens the draft on another device to the organization's contact address.
pub async fn resume_link(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ResumeToken(token): ResumeToken,
) -> Result<StatusCode, Response> {
    let signup = {
        let (db, id, token) = (state.db.clone(), id.clone(), token.clone());
        blocking(move || db.get_signup(&id, &token)).await?
    };
    let Some(email) = signup.sections.organization.map(|o| o.contact_email).filter(|e| !e.is_empty()) else {
        return Err(ApiError(Problem::validation(vec![onramp_api::FieldError::new(
            "/organization/contact_email",
            onramp_api::ErrorCode::Required,
            "Save a contact email first; the link is sent there.",
        )]))
        .into());
    };
    let Some(outbox) = state.outbox.clone() else { return Err(ApiError::internal().into()) };
    // Held to a few a day per draft and per address: the address is the customer's word, not
    // yet verified, so the link must not become a way to flood someone's mailbox.
    let allowed = {
        let (db, id, email, limits) = (state.db.clone(), id.clone(), email.clone(), state.mail_limits);
        blocking(move || db.reserve_mail(&id, &email, limits)).await?
    };
    if let Err(seconds) = allowed {
        return Err(crate::limit::too_many(seconds, "The link was mailed a moment ago; look in your inbox, or try again later.").into_response());
    }
    let link = format!("{}/resume#draft={}&token={}", state.public_url.trim_end_matches('/'), id, token);
    let body = format!(
        "Continue your signup where you left it:\n{link}\n\nAnyone with this link can change the draft; keep it to yourself. \
         It works until {}.\n\nSetzen Sie Ihre Anmeldung dort fort, wo Sie aufgehört haben (Link oben).\n",
        signup.expires_at
    );
    tokio::task::spawn_blocking(move || outbox.send(&email, "Continue your signup / Anmeldung fortsetzen", &body))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "outbox: the resume link could not be written");
            ApiError::internal()
        })?;
    Ok(StatusCode::ACCEPTED)
}
