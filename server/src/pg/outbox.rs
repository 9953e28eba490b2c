//! The outbox in PostgreSQL: mail and order events written in the transaction of their change,
//! claimed with `FOR UPDATE SKIP LOCKED` and a lease (never two instances at once on one
//! delivery), and marked delivered, due again or failed.

use onramp_api::order::StepKind;
use onramp_api::webhook::EventType;
use deadpool_postgres::GenericClient;

use super::PgStore;
use crate::db::random_hex;
use crate::delivery::{mail::QueuedMail, now_ms, Channel, Delivery, DeliveryLine, Outcome};
use crate::{time, DbError};

/// Writes event `kind` about `order_id` for every endpoint (see `crate::outbox::write_event`).
pub(super) async fn write_event(c: &impl GenericClient, db: &PgStore, order_id: &str, kind: EventType, step: Option<StepKind>) -> Result<(), DbError> {
    if db.endpoints.is_empty() {
        return Ok(());
    }
    // The number first: its `UPDATE` holds the order's row until the transaction ends, so a
    // concurrent change of the same order numbers its event after this one commits, and the
    // order read below is the one this number stands for.
    let sequence: i64 = c.query_one(crate::outbox::SQL_NEXT_SEQUENCE_PG, &[&order_id]).await?.try_get(0)?;
    let order = super::orders::load(c, order_id).await?;
    let row = c.query_one("SELECT sections, locale FROM orders WHERE id = $1", &[&order_id]).await?;
    let (about, body) = crate::outbox::event_body(kind, sequence, order, &row.try_get::<_, String>(0)?, row.try_get(1)?, step)?;
    let event_id = format!("evt_{}", random_hex(12)?);
    let now = now_ms();
    for (i, url) in db.endpoints.iter().enumerate() {
        c.execute(
            "INSERT INTO deliveries (id, event_id, channel, target, about, body, state, created_at, next_at, deadline, order_id, sequence)
             VALUES ($1, $2, 'webhook', $3, $4, $5, 'pending', $6, $6, $7, $8, $9)",
            &[&format!("{event_id}.{i}"), &event_id, url, &about, &body, &now, &now.saturating_add(db.give_up_ms), &order_id, &sequence],
        )
        .await?;
    }
    Ok(())
}

/// Queues mail `id` (once per id).
pub(super) async fn write_mail(c: &impl GenericClient, db: &PgStore, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
    let body = serde_json::to_string(mail).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let now = now_ms();
    c.execute(
        "INSERT INTO deliveries (id, event_id, channel, target, about, body, state, created_at, next_at, deadline)
         VALUES ($1, $1, 'mail', $2, $3, $4, 'pending', $5, $5, $6) ON CONFLICT (id) DO NOTHING",
        &[&id, &mail.to, &mail.subject, &body, &now, &now.saturating_add(db.give_up_ms)],
    )
    .await?;
    Ok(())
}

impl PgStore {
    pub(super) async fn mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
        write_mail(&self.pool.get().await?, self, id, mail).await
    }

    pub(super) async fn claim(&self, now: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .pool
            .get()
            .await?
            .query(
                &format!(
                    "UPDATE deliveries u SET next_at = $2, attempts = u.attempts + 1
                     FROM (SELECT id, attempts FROM deliveries d WHERE state = 'pending' AND next_at <= $1 AND {}
                           ORDER BY next_at, sequence LIMIT $3 FOR UPDATE SKIP LOCKED) due
                     WHERE u.id = due.id
                     RETURNING u.id, u.event_id, u.channel, u.target, u.body, due.attempts, u.deadline",
                    crate::outbox::SQL_NO_EARLIER_PENDING
                ),
                &[&now, &now.saturating_add(lease_ms), &limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let channel: String = r.try_get(2)?;
                Ok(Delivery {
                    id: r.try_get(0)?,
                    event_id: r.try_get(1)?,
                    channel: Channel::parse(&channel).ok_or_else(|| DbError::Corrupt(format!("delivery channel {channel}")))?,
                    target: r.try_get(3)?,
                    body: r.try_get(4)?,
                    attempts: u32::try_from(r.try_get::<_, i64>(5)?).unwrap_or(u32::MAX),
                    deadline_ms: r.try_get(6)?,
                })
            })
            .collect()
    }

    pub(super) async fn finish(&self, id: &str, outcome: &Outcome) -> Result<(), DbError> {
        let client = self.pool.get().await?;
        match outcome {
            Outcome::Delivered => client.execute("UPDATE deliveries SET state = 'delivered', delivered_at = $2, last_error = NULL WHERE id = $1", &[&id, &now_ms()]).await?,
            Outcome::Retry { at_ms, error } => client.execute("UPDATE deliveries SET next_at = $2, last_error = $3 WHERE id = $1 AND state = 'pending'", &[&id, at_ms, error]).await?,
            Outcome::Failed { error } => client.execute("UPDATE deliveries SET state = 'failed', last_error = $2 WHERE id = $1 AND state = 'pending'", &[&id, error]).await?,
        };
        Ok(())
    }

    pub(super) async fn listing(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError> {
        let states: Vec<String> = states.iter().map(|s| (*s).to_owned()).collect();
        let rows = self
            .pool
            .get()
            .await?
            .query(
                "SELECT id, channel, target, state, attempts, created_at, next_at, last_error, about FROM deliveries WHERE state = ANY($1) ORDER BY created_at, id",
                &[&states],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let (channel, state, next): (String, String, i64) = (r.try_get(1)?, r.try_get(3)?, r.try_get(6)?);
                Ok(DeliveryLine {
                    id: r.try_get(0)?,
                    channel: Channel::parse(&channel).ok_or_else(|| DbError::Corrupt(format!("delivery channel {channel}")))?,
                    target: r.try_get(2)?,
                    next_at: (state == "pending").then(|| time::rfc3339(next / 1_000)),
                    state,
                    attempts: u32::try_from(r.try_get::<_, i64>(4)?).unwrap_or(u32::MAX),
                    created_at: time::rfc3339(r.try_get::<_, i64>(5)? / 1_000),
                    last_error: r.try_get(7)?,
                    about: r.try_get(8)?,
                })
            })
            .collect()
    }

    pub(super) async fn due_now(&self, id: &str) -> Result<bool, DbError> {
        let now = now_ms();
        let changed = self
            .pool
            .get()
            .await?
            .execute("UPDATE deliveries SET state = 'pending', next_at = $2, deadline = $3 WHERE id = $1 AND state != 'delivered'", &[&id, &now, &now.saturating_add(self.give_up_ms)])
            .await?;
        Ok(changed == 1)
    }
}
