//! Orders in SQLite: a draft submitted exactly once (idempotency key, one order per draft, in
//! one transaction with its provisioning steps), read back with its steps, and the steps moved
//! on by the provisioning worker.

use onramp_api::order::{Order, ProvisioningStep, StepKind, StepState};
use onramp_api::payment::{Payment, PaymentState};
use onramp_api::PaymentMethod;
use onramp_api::webhook::{EventType, StepReport};
use onramp_api::DraftSections;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::db::{hash_token, random_hex};
use crate::delivery::mail::QueuedMail;
use crate::{time, Db, DbError};

/// The fingerprint of the sections a submit is about: the same key must come with the same draft.
pub fn fingerprint(sections: &DraftSections) -> String {
    let json = serde_json::to_string(sections).unwrap_or_default();
    Sha256::digest(json.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A step the worker may move on.
#[derive(Debug, Clone)]
pub struct Work {
    /// The order.
    pub order_id: String,
    /// Its draft.
    pub signup_id: String,
    /// The step's place.
    pub position: i64,
    /// Which step.
    pub kind: StepKind,
    /// Where it stands.
    pub state: StepState,
    /// When it started.
    pub started_at: Option<i64>,
    /// The sections the order was placed with.
    pub sections: DraftSections,
    /// The customer's language.
    pub locale: String,
}

/// The payment an order is placed with: its method, first state, and whether provisioning
/// waits for it (the provider's rule).
#[derive(Debug, Clone, Copy)]
pub struct NewPayment {
    /// How the organization pays.
    pub method: PaymentMethod,
    /// Where it starts.
    pub state: PaymentState,
    /// Whether provisioning waits.
    pub hold: bool,
}

/// A payment's row as stored (both stores read it through this).
pub(crate) fn payment_from(method: &str, state: &str, reason: Option<String>, hold: bool) -> Result<Payment, DbError> {
    let method = PaymentMethod::ALL.into_iter().find(|m| m.as_str() == method).ok_or_else(|| DbError::Corrupt(format!("payment method {method}")))?;
    let state = PaymentState::parse(state).ok_or_else(|| DbError::Corrupt(format!("payment state {state}")))?;
    Ok(Payment { method, state, reason, holds_provisioning: hold, pay_online: false, returned: false })
}

/// One step's row as stored.
pub(crate) struct StepRow {
    pub kind: String,
    pub state: String,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub detail: Option<String>,
}

/// An order from its stored row and steps (both stores build orders through this).
pub(crate) fn order_from(order_id: &str, signup_id: String, sections: &str, created_at: i64, accepted_at: i64, rows: Vec<StepRow>, payment: Option<Payment>) -> Result<Order, DbError> {
    let sections: DraftSections = serde_json::from_str(sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let steps = rows
        .into_iter()
        .map(|r| {
            Ok(ProvisioningStep {
                kind: StepKind::parse(&r.kind).ok_or_else(|| DbError::Corrupt(format!("step kind {}", r.kind)))?,
                state: StepState::parse(&r.state).ok_or_else(|| DbError::Corrupt(format!("step state {}", r.state)))?,
                started_at: r.started_at.map(time::rfc3339),
                finished_at: r.finished_at.map(time::rfc3339),
                detail: r.detail,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let domain = sections.domain.clone().unwrap_or_default();
    let admin = sections.organization.as_ref().map(|o| o.admin_username.clone()).unwrap_or_default();
    Ok(Order {
        id: order_id.to_owned(),
        signup_id,
        created_at: time::rfc3339(created_at),
        terms_accepted_at: time::rfc3339(accepted_at),
        status: Order::status_of(&steps),
        steps,
        admin_handle: format!("@{admin}@{}", domain.handle_domain),
        web_domain: domain.web_domain,
        handle_domain: domain.handle_domain,
        payment,
    })
}

/// A step to work on, from its stored row.
#[allow(clippy::too_many_arguments)]
pub(crate) fn work_from(order_id: String, signup_id: String, sections: &str, position: i64, kind: &str, state: &str, started_at: Option<i64>, locale: String) -> Result<Work, DbError> {
    Ok(Work {
        order_id,
        signup_id,
        position,
        kind: StepKind::parse(kind).ok_or_else(|| DbError::Corrupt(format!("step kind {kind}")))?,
        state: StepState::parse(state).ok_or_else(|| DbError::Corrupt(format!("step state {state}")))?,
        started_at,
        sections: serde_json::from_str(sections).map_err(|e| DbError::Corrupt(e.to_string()))?,
        locale,
    })
}

pub(crate) fn load(conn: &Connection, order_id: &str) -> Result<Order, DbError> {
    let row = conn
        .query_row(
            "SELECT signup_id, sections, created_at, terms_accepted_at FROM orders WHERE id = ?1",
            params![order_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?)),
        )
        .optional()?;
    let (signup_id, sections, created_at, accepted_at) = row.ok_or(DbError::NotFound)?;
    let mut stmt = conn.prepare(
        "SELECT kind, state, started_at, finished_at, detail FROM provisioning_steps WHERE order_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map(params![order_id], |r| Ok(StepRow { kind: r.get(0)?, state: r.get(1)?, started_at: r.get(2)?, finished_at: r.get(3)?, detail: r.get(4)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let payment = conn
        .query_row("SELECT method, state, reason, hold FROM payments WHERE order_id = ?1", params![order_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, bool>(3)?))
        })
        .optional()?
        .map(|(m, s, reason, hold)| payment_from(&m, &s, reason, hold))
        .transpose()?;
    order_from(order_id, signup_id, &sections, created_at, accepted_at, rows, payment)
}

impl Db {
    /// Turns the draft into an order, once: the same key and draft give back the same order;
    /// the same key with another draft (or a changed one) is refused; a second key for a draft
    /// already ordered gives back its order. `true` when the order was created now.
    pub fn submit(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &NewPayment) -> Result<(Order, bool), DbError> {
        let print = fingerprint(sections);
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let signup = Db::read(&tx, signup_id, token)?;
        let by_key: Option<(String, String, String)> = tx
            .query_row(
                "SELECT id, signup_id, fingerprint FROM orders WHERE idempotency_key = ?1",
                params![key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((order_id, owner, stored)) = by_key {
            if owner != signup_id || stored != print {
                return Err(DbError::KeyReused);
            }
            return Ok((load(&tx, &order_id)?, false));
        }
        if let Some(order_id) = signup.order_id {
            return Ok((load(&tx, &order_id)?, false));
        }
        if fingerprint(&signup.sections) != print {
            // The draft changed between the checks and now: the caller validates again.
            return Err(DbError::Conflict { current: signup.version });
        }
        let order_id = format!("or_{}", random_hex(10)?);
        let now = time::now();
        // Stored as counted: trimmed (the fingerprint above is the draft's, as sent).
        let json = serde_json::to_string(&sections.trimmed()).map_err(|e| DbError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO orders (id, signup_id, idempotency_key, fingerprint, sections, created_at, terms_accepted_at, locale)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![order_id, signup_id, key, print, json, now, locale],
        )?;
        for (position, kind) in StepKind::ALL.iter().enumerate() {
            tx.execute(
                "INSERT INTO provisioning_steps (order_id, position, kind, state) VALUES (?1, ?2, ?3, 'pending')",
                params![order_id, position as i64, kind.as_str()],
            )?;
        }
        tx.execute(
            "INSERT INTO payments (order_id, method, state, hold, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![order_id, payment.method.as_str(), payment.state.as_str(), payment.hold, now],
        )?;
        if let Some(domain) = &sections.domain {
            // The name is claimed by the insert itself, in this transaction: two drafts for one
            // domain cannot both become orders, whatever the checks before saw.
            let claimed = tx.execute("INSERT INTO domains (name, state) VALUES (?1, 'taken') ON CONFLICT(name) DO NOTHING", params![domain.web_domain])?;
            if claimed == 0 {
                return Err(DbError::Invalid(vec![onramp_api::FieldError::new(
                    "/domain/web_domain",
                    onramp_api::ErrorCode::Taken,
                    "Another organization has this address; choose another.",
                )]));
            }
        }
        let order = load(&tx, &order_id)?;
        crate::outbox::write_event(&tx, self, &order_id, EventType::OrderCreated, None)?;
        tx.commit()?;
        Ok((order, true))
    }

    /// An order, for the token of the draft it came from.
    pub fn order(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        let conn = self.lock();
        let hash: Option<String> = conn
            .query_row(
                "SELECT s.token_hash FROM orders o JOIN signups s ON s.id = o.signup_id WHERE o.id = ?1",
                params![order_id],
                |r| r.get(0),
            )
            .optional()?;
        if hash.as_deref() != Some(hash_token(token).as_str()) {
            return Err(DbError::NotFound);
        }
        load(&conn, order_id)
    }

    /// An order and the sections it was placed with, for the provider (no draft token).
    pub fn provider_order(&self, order_id: &str) -> Result<onramp_api::order::ProviderOrder, DbError> {
        let conn = self.lock();
        let row: Option<(String, String)> = conn
            .query_row("SELECT sections, locale FROM orders WHERE id = ?1", params![order_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (sections, locale) = row.ok_or(DbError::NotFound)?;
        let sections = serde_json::from_str(&sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
        Ok(onramp_api::order::ProviderOrder { order: load(&conn, order_id)?, sections, locale })
    }

    /// Puts a failed step of the order back in the queue.
    pub fn retry_failed(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.order(order_id, token)?;
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let failed: Vec<String> = tx
            .prepare("SELECT kind FROM provisioning_steps WHERE order_id = ?1 AND state = 'failed' ORDER BY position")?
            .query_map(params![order_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        tx.execute(
            "UPDATE provisioning_steps SET state = 'pending', started_at = NULL, finished_at = NULL, detail = NULL
             WHERE order_id = ?1 AND state = 'failed'",
            params![order_id],
        )?;
        for kind in failed.iter().filter_map(|k| StepKind::parse(k)) {
            crate::outbox::write_event(&tx, self, order_id, EventType::OrderStepChanged, Some(kind))?;
        }
        let order = load(&tx, order_id)?;
        tx.commit()?;
        Ok(order)
    }

    /// For each order still provisioning, its first step that is not done (failed ones wait for
    /// a retry and are left out).
    pub fn pending_work(&self) -> Result<Vec<Work>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT o.id, o.signup_id, o.sections, p.position, p.kind, p.state, p.started_at, o.locale
             FROM orders o JOIN provisioning_steps p ON p.order_id = o.id
             WHERE p.state != 'done'
               AND p.position = (SELECT MIN(position) FROM provisioning_steps q WHERE q.order_id = o.id AND q.state != 'done')
               AND p.state != 'failed'
               AND NOT EXISTS (SELECT 1 FROM payments y WHERE y.order_id = o.id AND y.hold)",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?, r.get::<_, String>(5)?, r.get::<_, Option<i64>>(6)?, r.get::<_, String>(7)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(order_id, signup_id, sections, position, kind, state, started_at, locale)| {
                work_from(order_id, signup_id, &sections, position, &kind, &state, started_at, locale)
            })
            .collect()
    }

    /// Marks a step running, or done, or failed with what to fix; with it, when the step is
    /// the admin invite and it is done, queues `mail` (once per order) in the same transaction.
    pub fn set_step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError> {
        let now = time::now();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let kind: Option<String> = tx
            .query_row("SELECT kind FROM provisioning_steps WHERE order_id = ?1 AND position = ?2", params![order_id, position], |r| r.get(0))
            .optional()?;
        let kind = kind.and_then(|k| StepKind::parse(&k)).ok_or(DbError::NotFound)?;
        match state {
            StepState::Running => tx.execute(
                "UPDATE provisioning_steps SET state = 'running', started_at = ?3, detail = ?4 WHERE order_id = ?1 AND position = ?2",
                params![order_id, position, now, detail],
            )?,
            _ => tx.execute(
                "UPDATE provisioning_steps SET state = ?3, started_at = COALESCE(started_at, ?4), finished_at = ?4, detail = ?5
                 WHERE order_id = ?1 AND position = ?2",
                params![order_id, position, state.as_str(), now, detail],
            )?,
        };
        if let Some(mail) = mail {
            crate::outbox::write_mail(&tx, self, &format!("invite-{order_id}"), mail)?;
        }
        crate::outbox::write_event(&tx, self, order_id, EventType::OrderStepChanged, Some(kind))?;
        tx.commit()?;
        Ok(())
    }

    /// The provider's report on step `kind` of an order: moves it to the reported state with
    /// the message for the customer. The same report twice changes nothing the second time
    /// (and writes no event); `None` when there is no such order.
    pub fn report_step(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError> {
        let position: Option<(i64, String, Option<String>)> = self
            .lock()
            .query_row(
                "SELECT position, state, detail FROM provisioning_steps WHERE order_id = ?1 AND kind = ?2",
                params![order_id, kind.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((position, state, detail)) = position else { return Ok(None) };
        let message = report.message.as_deref().map(str::trim).filter(|m| !m.is_empty());
        if state != report.state.as_str() || detail.as_deref() != message {
            self.set_step(order_id, position, report.state, message, None)?;
        }
        Ok(Some(load(&self.lock(), order_id)?))
    }

    /// A new try at the provider's checkout for a paying customer (the draft's token): the
    /// order with every section, and the try's number (from 1).
    pub fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(onramp_api::order::ProviderOrder, u32), DbError> {
        self.order(order_id, token)?;
        let attempt: i64 = {
            let conn = self.lock();
            conn.query_row(
                "UPDATE payments SET attempts = attempts + 1, updated_at = ?2 WHERE order_id = ?1 RETURNING attempts",
                params![order_id, time::now()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(DbError::NotFound)?
        };
        Ok((self.provider_order(order_id)?, u32::try_from(attempt).unwrap_or(u32::MAX)))
    }

    /// How many tries at the checkout the order's customer has begun.
    pub fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError> {
        let attempts: Option<i64> = self.lock().query_row("SELECT attempts FROM payments WHERE order_id = ?1", params![order_id], |r| r.get(0)).optional()?;
        Ok(attempts.map_or(0, |a| u32::try_from(a).unwrap_or(u32::MAX)))
    }

    /// The provider's report on the payment: its state, the reason for the customer, and
    /// whether provisioning still waits. `None` when there is no such order.
    pub fn report_payment(&self, order_id: &str, state: PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError> {
        let conn = self.lock();
        let changed = conn.execute(
            "UPDATE payments SET state = ?2, reason = ?3, hold = ?4, updated_at = ?5 WHERE order_id = ?1",
            params![order_id, state.as_str(), reason, hold, time::now()],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        Ok(Some(load(&conn, order_id)?))
    }
}
