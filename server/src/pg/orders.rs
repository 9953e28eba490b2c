//! Orders and their provisioning steps in PostgreSQL. A submit locks its draft's row and relies
//! on the unique constraints (one order per draft, per key, per domain), so it is exactly once
//! whichever instance each request reaches; the next step of each order is claimed with `FOR
//! UPDATE SKIP LOCKED` and a lease, so two workers never move one step and a dead instance's
//! claim runs out.

use onramp_api::order::{Order, ProviderOrder, StepKind, StepState};
use onramp_api::webhook::{EventType, StepReport};
use onramp_api::{DraftSections, ErrorCode, FieldError};
use deadpool_postgres::GenericClient;

use super::drafts::read;
use super::outbox::{write_event, write_mail};
use super::PgStore;
use crate::db::{hash_token, random_hex};
use crate::delivery::mail::QueuedMail;
use crate::delivery::now_ms;
use crate::orders::{fingerprint, order_from, StepRow, Work};
use crate::{time, DbError};

/// How long a worker holds the step it claimed; a dead instance's claim runs out after this.
const WORK_LEASE_MS: i64 = 15_000;

/// An order as it stands in `c`.
pub(super) async fn load(c: &impl GenericClient, order_id: &str) -> Result<Order, DbError> {
    let row = c
        .query_opt("SELECT signup_id, sections, created_at, terms_accepted_at FROM orders WHERE id = $1", &[&order_id])
        .await?
        .ok_or(DbError::NotFound)?;
    let steps = c
        .query("SELECT kind, state, started_at, finished_at, detail FROM provisioning_steps WHERE order_id = $1 ORDER BY position", &[&order_id])
        .await?
        .iter()
        .map(|r| Ok(StepRow { kind: r.try_get(0)?, state: r.try_get(1)?, started_at: r.try_get(2)?, finished_at: r.try_get(3)?, detail: r.try_get(4)? }))
        .collect::<Result<Vec<_>, tokio_postgres::Error>>()?;
    let payment = match c.query_opt("SELECT method, state, reason, hold FROM payments WHERE order_id = $1", &[&order_id]).await? {
        Some(r) => Some(crate::orders::payment_from(&r.try_get::<_, String>(0)?, &r.try_get::<_, String>(1)?, r.try_get(2)?, r.try_get(3)?)?),
        None => None,
    };
    order_from(order_id, row.try_get(0)?, &row.try_get::<_, String>(1)?, row.try_get(2)?, row.try_get(3)?, steps, payment)
}

impl PgStore {
    pub(super) async fn place(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &crate::orders::NewPayment) -> Result<(Order, bool), DbError> {
        let print = fingerprint(sections);
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The draft's row is locked: parallel submits of one draft take turns here.
        let signup = read(&tx, signup_id, token, true).await?;
        let by_key = tx.query_opt("SELECT id, signup_id, fingerprint FROM orders WHERE idempotency_key = $1", &[&key]).await?;
        if let Some(row) = by_key {
            let (order_id, owner, stored): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            if owner != signup_id || stored != print {
                return Err(DbError::KeyReused);
            }
            return Ok((load(&tx, &order_id).await?, false));
        }
        if let Some(order_id) = signup.order_id {
            return Ok((load(&tx, &order_id).await?, false));
        }
        if fingerprint(&signup.sections) != print {
            return Err(DbError::Conflict { current: signup.version });
        }
        if let Some(domain) = &sections.domain {
            // The name is claimed by the insert itself: two drafts for one domain cannot both win.
            let claimed = tx
                .execute("INSERT INTO domains (name, state) VALUES ($1, 'taken') ON CONFLICT (name) DO NOTHING", &[&domain.web_domain])
                .await?;
            if claimed == 0 {
                return Err(DbError::Invalid(vec![FieldError::new("/domain/web_domain", ErrorCode::Taken, "Another organization has this address; choose another.")]));
            }
        }
        let order_id = format!("or_{}", random_hex(10)?);
        let now = time::now();
        let json = serde_json::to_string(&sections.trimmed()).map_err(|e| DbError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO orders (id, signup_id, idempotency_key, fingerprint, sections, created_at, terms_accepted_at, locale)
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
            &[&order_id, &signup_id, &key, &print, &json, &now, &locale],
        )
        .await?;
        for (position, kind) in StepKind::ALL.iter().enumerate() {
            tx.execute(
                "INSERT INTO provisioning_steps (order_id, position, kind, state) VALUES ($1, $2, $3, 'pending')",
                &[&order_id, &(position as i64), &kind.as_str()],
            )
            .await?;
        }
        tx.execute(
            "INSERT INTO payments (order_id, method, state, hold, updated_at) VALUES ($1, $2, $3, $4, $5)",
            &[&order_id, &payment.method.as_str(), &payment.state.as_str(), &payment.hold, &now],
        )
        .await?;
        let order = load(&tx, &order_id).await?;
        write_event(&tx, self, &order_id, EventType::OrderCreated, None).await?;
        tx.commit().await?;
        Ok((order, true))
    }

    pub(super) async fn customer_order(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        let client = self.pool.get().await?;
        let hash: Option<String> = client
            .query_opt("SELECT s.token_hash FROM orders o JOIN signups s ON s.id = o.signup_id WHERE o.id = $1", &[&order_id])
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        if hash.as_deref() != Some(hash_token(token).as_str()) {
            return Err(DbError::NotFound);
        }
        load(&client, order_id).await
    }

    pub(super) async fn full_order(&self, order_id: &str) -> Result<ProviderOrder, DbError> {
        let client = self.pool.get().await?;
        let row = client.query_opt("SELECT sections, locale FROM orders WHERE id = $1", &[&order_id]).await?.ok_or(DbError::NotFound)?;
        let sections = serde_json::from_str(&row.try_get::<_, String>(0)?).map_err(|e| DbError::Corrupt(e.to_string()))?;
        Ok(ProviderOrder { order: load(&client, order_id).await?, sections, locale: row.try_get(1)? })
    }

    pub(super) async fn retry(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        self.customer_order(order_id, token).await?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let failed: Vec<String> = tx
            .query("SELECT kind FROM provisioning_steps WHERE order_id = $1 AND state = 'failed' ORDER BY position FOR UPDATE", &[&order_id])
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        tx.execute(
            "UPDATE provisioning_steps SET state = 'pending', started_at = NULL, finished_at = NULL, detail = NULL WHERE order_id = $1 AND state = 'failed'",
            &[&order_id],
        )
        .await?;
        for kind in failed.iter().filter_map(|k| StepKind::parse(k)) {
            write_event(&tx, self, order_id, EventType::OrderStepChanged, Some(kind)).await?;
        }
        let order = load(&tx, order_id).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// Claims the next step of every order still provisioning that no live worker holds.
    pub(super) async fn claim_work(&self) -> Result<Vec<Work>, DbError> {
        let now = now_ms();
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let rows = tx
            .query(
                "WITH next AS (
                     SELECT p.order_id, p.position FROM provisioning_steps p
                     WHERE p.state IN ('pending', 'running') AND p.claimed_until < $1
                       AND p.position = (SELECT MIN(q.position) FROM provisioning_steps q WHERE q.order_id = p.order_id AND q.state != 'done')
                       AND NOT EXISTS (SELECT 1 FROM payments y WHERE y.order_id = p.order_id AND y.hold)
                     FOR UPDATE OF p SKIP LOCKED)
                 UPDATE provisioning_steps s SET claimed_until = $2 FROM next, orders o
                 WHERE s.order_id = next.order_id AND s.position = next.position AND o.id = s.order_id
                 RETURNING s.order_id, o.signup_id, o.sections, s.position, s.kind, s.state, s.started_at, o.locale",
                &[&now, &(now + WORK_LEASE_MS)],
            )
            .await?;
        tx.commit().await?;
        rows.iter()
            .map(|r| {
                crate::orders::work_from(
                    r.try_get(0)?,
                    r.try_get(1)?,
                    &r.try_get::<_, String>(2)?,
                    r.try_get(3)?,
                    &r.try_get::<_, String>(4)?,
                    &r.try_get::<_, String>(5)?,
                    r.try_get(6)?,
                    r.try_get(7)?,
                )
            })
            .collect()
    }

    pub(super) async fn release(&self, order_id: &str, position: i64) -> Result<(), DbError> {
        self.pool.get().await?.execute("UPDATE provisioning_steps SET claimed_until = 0 WHERE order_id = $1 AND position = $2", &[&order_id, &position]).await?;
        Ok(())
    }

    pub(super) async fn step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError> {
        let now = time::now();
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let kind: String = tx
            .query_opt("SELECT kind FROM provisioning_steps WHERE order_id = $1 AND position = $2 FOR UPDATE", &[&order_id, &position])
            .await?
            .ok_or(DbError::NotFound)?
            .try_get(0)?;
        let kind = StepKind::parse(&kind).ok_or_else(|| DbError::Corrupt(format!("step kind {kind}")))?;
        match state {
            StepState::Running => {
                tx.execute(
                    "UPDATE provisioning_steps SET state = 'running', started_at = $3, detail = $4, claimed_until = 0 WHERE order_id = $1 AND position = $2",
                    &[&order_id, &position, &now, &detail],
                )
                .await?
            }
            _ => {
                tx.execute(
                    "UPDATE provisioning_steps SET state = $3, started_at = COALESCE(started_at, $4), finished_at = $4, detail = $5, claimed_until = 0
                     WHERE order_id = $1 AND position = $2",
                    &[&order_id, &position, &state.as_str(), &now, &detail],
                )
                .await?
            }
        };
        if let Some(mail) = mail {
            write_mail(&tx, self, &format!("invite-{order_id}"), mail).await?;
        }
        write_event(&tx, self, order_id, EventType::OrderStepChanged, Some(kind)).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn report(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError> {
        let row = self
            .pool
            .get()
            .await?
            .query_opt("SELECT position, state, detail FROM provisioning_steps WHERE order_id = $1 AND kind = $2", &[&order_id, &kind.as_str()])
            .await?;
        let Some(row) = row else { return Ok(None) };
        let (position, state, detail): (i64, String, Option<String>) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let message = report.message.as_deref().map(str::trim).filter(|m| !m.is_empty());
        if state != report.state.as_str() || detail.as_deref() != message {
            self.step(order_id, position, report.state, message, None).await?;
        }
        Ok(Some(load(&self.pool.get().await?, order_id).await?))
    }

    pub(super) async fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(ProviderOrder, u32), DbError> {
        self.customer_order(order_id, token).await?;
        let attempt: i32 = self
            .pool
            .get()
            .await?
            .query_opt("UPDATE payments SET attempts = attempts + 1, updated_at = $2 WHERE order_id = $1 RETURNING attempts", &[&order_id, &time::now()])
            .await?
            .ok_or(DbError::NotFound)?
            .try_get(0)?;
        Ok((self.full_order(order_id).await?, u32::try_from(attempt).unwrap_or(u32::MAX)))
    }

    pub(super) async fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError> {
        let row = self.pool.get().await?.query_opt("SELECT attempts FROM payments WHERE order_id = $1", &[&order_id]).await?;
        Ok(match row {
            Some(r) => u32::try_from(r.try_get::<_, i32>(0)?).unwrap_or(u32::MAX),
            None => 0,
        })
    }

    pub(super) async fn payment_report(&self, order_id: &str, state: onramp_api::payment::PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError> {
        let client = self.pool.get().await?;
        let changed = client
            .execute(
                "UPDATE payments SET state = $2, reason = $3, hold = $4, updated_at = $5 WHERE order_id = $1",
                &[&order_id, &state.as_str(), &reason, &hold, &time::now()],
            )
            .await?;
        if changed == 0 {
            return Ok(None);
        }
        Ok(Some(load(&client, order_id).await?))
    }
}
