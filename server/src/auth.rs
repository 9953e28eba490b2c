//! Who may call: the draft's resume token ([`ResumeToken`]) for the customer's calls, the
//! provider API key ([`ProviderKey`], compared in constant time) for the provider's own calls.
//! Both are axum extractors, so a handler states what it needs in its signature.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::header;
use onramp_api::{types, Problem};
use subtle::ConstantTimeEq;

use crate::problem::ApiError;
use crate::AppState;

fn bearer(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix(onramp_api::AUTHORIZATION_SCHEME))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// The resume token of a draft, from `Authorization: Bearer …` (401 without one; whether it
/// opens the draft is the store's to say, with the same 404 for every wrong case).
pub struct ResumeToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ResumeToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        bearer(parts).map(ResumeToken).ok_or_else(ApiError::unauthorized)
    }
}

/// A call made by the provider's own systems with the configured API key.
pub struct ProviderKey;

impl FromRequestParts<AppState> for ProviderKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let refused = || {
            ApiError(Problem::new(types::NOT_FOUND, 401, "Provider API key required").with_detail(
                "Send the provider API key from the server's configuration as `Authorization: Bearer <key>`.",
            ))
        };
        let Some(key) = &state.api_key else {
            return Err(ApiError(Problem::new(types::NOT_FOUND, 403, "No provider API key configured").with_detail(
                "Set provider.api_key in the server's configuration to allow the provider's calls.",
            )));
        };
        let given = bearer(parts).ok_or_else(refused)?;
        if bool::from(given.as_bytes().ct_eq(key.0.as_bytes())) {
            Ok(ProviderKey)
        } else {
            Err(refused())
        }
    }
}
