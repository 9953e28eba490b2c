//! `GET /domains/availability?name=…&base=…`: whether a subdomain of a shared domain
//! (`base` given) or an own domain can be had, in ASCII, with suggestions when it cannot.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use onramp_api::domain::{check_subdomain_label, idn, is_mixed_script, Availability, DomainStatus};
use serde::Deserialize;

use crate::problem::ApiError;
use crate::AppState;

/// `GET /domains/availability`, rate limited per client.
pub fn router(state: &AppState) -> axum::Router<AppState> {
    use axum::middleware::from_fn_with_state;
    axum::Router::new().route(
        "/domains/availability",
        axum::routing::get(availability).route_layer(from_fn_with_state(state.clone(), crate::limit::availability)),
    )
}

#[derive(Deserialize)]
pub struct AvailabilityQuery {
    name: String,
    #[serde(default)]
    base: Option<String>,
}

fn answer(ascii: String, status: DomainStatus, detail: Option<String>) -> Availability {
    let unicode = idn::to_unicode(&ascii);
    Availability {
        mixed_script: is_mixed_script(&unicode),
        unicode,
        ascii,
        status,
        suggestions: Vec::new(),
        detail,
        registrable: None,
    }
}

/// The state of a subdomain: its label may be reserved everywhere, or the full name taken.
fn subdomain_state(db: &dyn crate::store::Store, label: &str, full: &str) -> Result<Option<DomainStatus>, crate::DbError> {
    if let Some(state) = db.domain_state(label)? {
        return Ok(Some(state));
    }
    db.domain_state(full)
}

/// Up to five free names near `label` under `base`.
fn suggestions(db: &dyn crate::store::Store, label: &str, base: &str) -> Result<Vec<String>, crate::DbError> {
    let candidates = onramp_api::domain::suggestion_candidates(label);
    let mut free = Vec::new();
    for c in candidates {
        let full = format!("{c}.{base}");
        if check_subdomain_label(&c).is_ok() && idn::to_ascii(&full).is_ok() && subdomain_state(db, &c, &full)?.is_none() {
            free.push(full);
        }
        if free.len() == 5 {
            break;
        }
    }
    Ok(free)
}

fn check(state: &AppState, q: &AvailabilityQuery) -> Result<Availability, crate::DbError> {
    let shared = &state.catalog.shared_domains;
    if let Some(base) = q.base.as_deref() {
        if !shared.iter().any(|d| d == base) {
            return Ok(answer(q.name.clone(), DomainStatus::NotAllowed, Some("Choose one of the offered domains.".into())));
        }
        let full = format!("{}.{base}", q.name.trim());
        let ascii = match idn::to_ascii(&full) {
            Ok(a) => a,
            Err(issue) => return Ok(answer(q.name.clone(), DomainStatus::Invalid, Some(issue.detail))),
        };
        let label = ascii.strip_suffix(&format!(".{base}")).unwrap_or_default().to_owned();
        if let Err(issue) = check_subdomain_label(&label) {
            return Ok(answer(ascii, DomainStatus::Invalid, Some(issue.detail)));
        }
        if let Err(issue) = idn::check_one_reading(&ascii) {
            return Ok(answer(ascii, DomainStatus::Ambiguous, Some(issue.detail)));
        }
        let mut a = match subdomain_state(state.db.as_ref(), &label, &ascii)? {
            None => answer(ascii, DomainStatus::Available, None),
            Some(s) => answer(ascii, s, Some("This name is not free; try one of the suggestions.".into())),
        };
        if a.status != DomainStatus::Available {
            a.suggestions = suggestions(state.db.as_ref(), &label, base)?;
        }
        return Ok(a);
    }
    let ascii = match idn::to_ascii(&q.name) {
        Ok(a) => a,
        Err(issue) => return Ok(answer(q.name.trim().to_owned(), DomainStatus::Invalid, Some(issue.detail))),
    };
    if shared.iter().any(|d| ascii == *d || ascii.ends_with(&format!(".{d}"))) {
        return Ok(answer(ascii, DomainStatus::NotAllowed, Some("This is one of our shared domains; choose a subdomain instead.".into())));
    }
    if let Err(issue) = idn::check_one_reading(&ascii) {
        return Ok(answer(ascii, DomainStatus::Ambiguous, Some(issue.detail)));
    }
    if idn::position(&ascii) == idn::Position::PublicSuffix {
        return Ok(answer(ascii, DomainStatus::NotAllowed, Some("This is a public suffix that nobody can own; enter your own domain.".into())));
    }
    let registrable = match idn::position(&ascii) {
        idn::Position::Subdomain(apex) => Some(apex),
        _ => None,
    };
    let mut a = match state.db.domain_state(&ascii)? {
        None => answer(ascii, DomainStatus::Available, None),
        Some(s) => answer(ascii, s, Some("Another organization already runs a server at this domain.".into())),
    };
    a.registrable = registrable;
    Ok(a)
}

/// What only the server can check of a domain section: the public suffix list, and whether the
/// names are taken or reserved.
pub fn server_checks(db: &dyn crate::store::Store, section: &onramp_api::DomainSection, shared: &[String]) -> Result<Vec<onramp_api::FieldError>, crate::DbError> {
    use onramp_api::{DomainMode, ErrorCode, FieldError};
    let mut errors = Vec::new();
    let web = onramp_api::domain::normalize(&section.web_domain);
    let handle = onramp_api::domain::normalize(&section.handle_domain);
    // A name browsers and Mastodon read as two domains is refused for both, in both modes.
    for (pointer, name) in [("/domain/web_domain", &web), ("/domain/handle_domain", &handle)] {
        if pointer == "/domain/handle_domain" && handle == web {
            continue;
        }
        if let Err(issue) = idn::check_one_reading(name) {
            errors.push(FieldError::new(pointer, issue.code, issue.detail));
        }
    }
    let state = match section.mode {
        DomainMode::Subdomain => {
            let label = shared.iter().find_map(|b| web.strip_suffix(&format!(".{b}"))).unwrap_or_default();
            subdomain_state(db, label, &web)?
        }
        DomainMode::Custom => {
            for (pointer, name) in [("/domain/web_domain", &web), ("/domain/handle_domain", &handle)] {
                if idn::position(name) == idn::Position::PublicSuffix {
                    errors.push(FieldError::new(pointer, ErrorCode::NotAllowed, "This is a public suffix that nobody can own."));
                }
            }
            db.domain_state(&web)?
        }
    };
    match state {
        Some(DomainStatus::Reserved) => errors.push(FieldError::new("/domain/web_domain", ErrorCode::Reserved, "This name is reserved; choose another.")),
        Some(_) => errors.push(FieldError::new("/domain/web_domain", ErrorCode::Taken, "Another organization has this address; choose another.")),
        None => {}
    }
    Ok(errors)
}

#[utoipa::path(
    get, path = "/domains/availability", operation_id = "check_availability", tag = "domains",
    params(
        ("name" = String, Query, description = "The subdomain label or the own domain, as typed (Unicode or ASCII)."),
        ("base" = Option<String>, Query, description = "A shared domain for a subdomain; absent for an own domain."),
    ),
    responses(
        (status = 200, description = "Whether the address can be had, why not, and free alternatives.", body = onramp_api::domain::Availability),
        (status = 400, description = "The body or the query is not what this call takes (not JSON at all, or not the shape asked for).", body = onramp_api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many of these calls from this client for now.", body = onramp_api::Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn availability(
    State(state): State<AppState>,
    query: Result<Query<AvailabilityQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    if q.name.len() > 1_024 {
        return Err(ApiError::malformed("The name is far too long to be a domain."));
    }
    let answer = tokio::task::spawn_blocking(move || check(&state, &q))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(ApiError::from)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)))
}
