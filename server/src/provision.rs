//! The provisioning worker: moves each order's steps on, one at a time, over SQLite, so a
//! restart in the middle picks up where it stopped. An own domain is verified by real DNS
//! lookups; a failure says which records to fix and waits for a retry. The last step mails
//! the admin invite to the outbox.

use std::time::Duration;

use onramp_api::dns::RecordStatus;
use onramp_api::order::{StepKind, StepState};
use onramp_api::DomainMode;

use crate::orders::Work;
use crate::{time, AppState};

/// Runs the worker until the process ends; each step takes `step` to finish.
pub fn spawn(state: AppState, step: Duration) {
    tokio::spawn(async move {
        let tick = (step / 4).max(Duration::from_millis(20));
        loop {
            if let Err(e) = tick_once(&state, step).await {
                tracing::error!(error = %e, "provisioning");
            }
            tokio::time::sleep(tick).await;
        }
    });
}

/// Looks at every order once: starts its next step, or finishes the running one when its time
/// has come.
pub async fn tick_once(state: &AppState, step: Duration) -> Result<(), crate::DbError> {
    let db = state.db.clone();
    let work = tokio::task::spawn_blocking(move || db.pending_work())
        .await
        .map_err(|e| crate::DbError::Corrupt(e.to_string()))??;
    for item in work {
        match item.state {
            StepState::Pending => set(state, &item, StepState::Running, None).await?,
            StepState::Running => {
                let started = item.started_at.unwrap_or(0);
                let elapsed_ms = (time::now() - started).max(0) as u128 * 1_000;
                // Seconds resolution in the database: a step shorter than a second is finished
                // on the next tick after it started.
                if elapsed_ms >= step.as_millis() || step < Duration::from_secs(1) {
                    let outcome = perform(state, &item).await;
                    match outcome {
                        Ok(()) => set(state, &item, StepState::Done, None).await?,
                        Err(detail) => set(state, &item, StepState::Failed, Some(detail)).await?,
                    }
                }
            }
            StepState::Done | StepState::Failed => {}
        }
    }
    Ok(())
}

async fn set(state: &AppState, item: &Work, to: StepState, detail: Option<String>) -> Result<(), crate::DbError> {
    let db = state.db.clone();
    let (order, position) = (item.order_id.clone(), item.position);
    tokio::task::spawn_blocking(move || db.set_step(&order, position, to, detail.as_deref()))
        .await
        .map_err(|e| crate::DbError::Corrupt(e.to_string()))?
}

async fn perform(state: &AppState, item: &Work) -> Result<(), String> {
    match item.kind {
        StepKind::DomainVerified => {
            let Some(domain) = item.sections.domain.as_ref().filter(|d| d.mode == DomainMode::Custom) else {
                return Ok(());
            };
            let v = crate::routes::verify(state, &item.signup_id, domain).await;
            if v.verified {
                return Ok(());
            }
            if let Some(e) = v.lookup_error {
                return Err(e);
            }
            let missing: Vec<String> = v
                .records
                .iter()
                .filter(|r| matches!(r.status, RecordStatus::Missing | RecordStatus::Wrong))
                .map(|r| format!("{} {} → {}", r.record.kind.as_str().to_uppercase(), r.record.name, r.record.value))
                .collect();
            Err(format!("These DNS records are missing or wrong: {}. Create them, then check again.", missing.join("; ")))
        }
        StepKind::AdminInviteSent => {
            let Some(org) = &item.sections.organization else { return Ok(()) };
            let web = item.sections.domain.as_ref().map(|d| d.web_domain.clone()).unwrap_or_default();
            if let Some(outbox) = &state.outbox {
                let body = format!(
                    "Your server https://{web} is live.\n\nSet the password of the admin account @{} here:\nhttps://{web}/auth/password/edit?invite={}\n\n\
                     Ihr Server https://{web} ist online. Legen Sie hier das Passwort des Admin-Kontos fest (Link oben).\n",
                    org.admin_username,
                    item.order_id
                );
                outbox.send(&org.contact_email, "Your Mastodon server is live / Ihr Mastodon-Server ist online", &body)
                    .map_err(|e| format!("The invite could not be sent ({e}); it is sent again on retry."))?;
            }
            Ok(())
        }
        StepKind::ServerCreated | StepKind::TlsCertificate | StepKind::BrandingApplied => Ok(()),
    }
}
