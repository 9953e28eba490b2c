//! The provisioning worker: moves each order's steps on, one at a time, over the store, so a
//! restart in the middle picks up where it stopped. Without webhook endpoints it simulates the
//! provider (an own domain is verified by real DNS lookups; a failure says which records to fix
//! and waits for a retry); with them the provider reports the steps itself and the worker only
//! does Onramp's own last step: queueing the admin invite mail, in the customer's language.

use std::time::Duration;

use onramp_api::dns::RecordStatus;
use onramp_api::order::{StepKind, StepState};
use onramp_api::DomainMode;

use crate::delivery::mail::{self, QueuedMail};
use crate::orders::Work;
use crate::{time, AppState};

/// Who moves the steps before the invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The built-in simulation, each step taking the given time.
    Simulated(Duration),
    /// The provider, through `POST /provider/orders/{id}/steps/{kind}`.
    Provider,
}

impl Mode {
    /// The provider drives provisioning when it has endpoints to hear of orders.
    pub fn of(state: &AppState, step: Duration) -> Self {
        if state.delivery.endpoints.is_empty() {
            Self::Simulated(step)
        } else {
            Self::Provider
        }
    }
}

/// Runs the worker until the process ends.
pub fn spawn(state: AppState, mode: Mode) {
    tokio::spawn(async move {
        let tick = match mode {
            Mode::Simulated(step) => (step / 4).max(Duration::from_millis(20)),
            Mode::Provider => Duration::from_millis(250),
        };
        loop {
            let result = match mode {
                Mode::Simulated(step) => tick_once(&state, step).await,
                Mode::Provider => invites_once(&state).await,
            };
            if let Err(e) = result {
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
    let work = crate::blocking_db(move || db.pending_work()).await?;
    for item in work {
        match item.state {
            StepState::Pending => set(state, &item, StepState::Running, None, None).await?,
            StepState::Running => {
                let started = item.started_at.unwrap_or(0);
                let elapsed_ms = (time::now() - started).max(0) as u128 * 1_000;
                // Seconds resolution in the database: a step shorter than a second is finished
                // on the next tick after it started.
                if elapsed_ms >= step.as_millis() || step < Duration::from_secs(1) {
                    let outcome = perform(state, &item).await;
                    let mail = (item.kind == StepKind::AdminInviteSent).then(|| invite(state, &item)).flatten();
                    match outcome {
                        Ok(()) => set(state, &item, StepState::Done, None, mail).await?,
                        Err(detail) => set(state, &item, StepState::Failed, Some(detail), None).await?,
                    }
                } else {
                    release(state, &item).await?;
                }
            }
            StepState::Done | StepState::Failed => release(state, &item).await?,
        }
    }
    Ok(())
}

/// Provider-driven provisioning: sends the invite of every order whose other steps the provider
/// has reported done.
pub async fn invites_once(state: &AppState) -> Result<(), crate::DbError> {
    let db = state.db.clone();
    let work = crate::blocking_db(move || db.pending_work()).await?;
    for item in work {
        if item.kind == StepKind::AdminInviteSent {
            let mail = invite(state, &item);
            set(state, &item, StepState::Done, None, mail).await?;
        } else {
            // The provider's to report.
            release(state, &item).await?;
        }
    }
    Ok(())
}

/// Gives back the claim on a step this tick left as it was.
async fn release(state: &AppState, item: &Work) -> Result<(), crate::DbError> {
    let (db, order, position) = (state.db.clone(), item.order_id.clone(), item.position);
    crate::blocking_db(move || db.release_work(&order, position)).await
}

async fn set(state: &AppState, item: &Work, to: StepState, detail: Option<String>, mail: Option<QueuedMail>) -> Result<(), crate::DbError> {
    let db = state.db.clone();
    let (order, position) = (item.order_id.clone(), item.position);
    crate::blocking_db(move || db.set_step(&order, position, to, detail.as_deref(), mail.as_ref())).await
}

/// The invite for the order's first admin, when mail is sent at all.
fn invite(state: &AppState, item: &Work) -> Option<QueuedMail> {
    state.delivery.mailer.as_ref()?;
    let org = item.sections.organization.as_ref()?;
    let domain = item.sections.domain.clone().unwrap_or_default();
    Some(mail::admin_invite(&org.contact_email, &item.locale, &domain.web_domain, &org.admin_username, &domain.handle_domain))
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
        // The invite is queued with the step's change (see `invite`).
        StepKind::ServerCreated | StepKind::TlsCertificate | StepKind::BrandingApplied | StepKind::AdminInviteSent => Ok(()),
    }
}
