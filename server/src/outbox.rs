//! The outbox table in SQLite: mail and order events written beside the change they report
//! (in its transaction), claimed with a lease for an attempt, and marked delivered, due again
//! or failed.

use onramp_api::order::StepKind;
use onramp_api::webhook::{EventType, OrderEvent, OrderEventData};
use rusqlite::{params, Connection};

use crate::db::random_hex;
use crate::delivery::{mail::QueuedMail, now_ms, Channel, Delivery, DeliveryLine, Outcome};
use crate::{time, Db, DbError};

/// Writes the event `kind` about order `order_id` (as it stands in `tx` now) for every
/// endpoint: one id and one sequence number for the event, one row per endpoint. The number is
/// taken first, so the order read after it is the one this number stands for (SQLite's one
/// writer makes the transaction the order's lock).
pub(crate) fn write_event(tx: &Connection, db: &Db, order_id: &str, kind: EventType, step: Option<StepKind>) -> Result<(), DbError> {
    if db.endpoints.is_empty() {
        return Ok(());
    }
    let sequence: i64 = tx.query_row(SQL_NEXT_SEQUENCE_SQLITE, params![order_id], |r| r.get(0))?;
    let order = crate::orders::load(tx, order_id)?;
    let (sections, locale): (String, String) =
        tx.query_row("SELECT sections, locale FROM orders WHERE id = ?1", params![order_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (about, body) = event_body(kind, sequence, order, &sections, locale, step)?;
    let event_id = format!("evt_{}", random_hex(12)?);
    let now = now_ms();
    for (i, url) in db.endpoints.iter().enumerate() {
        tx.execute(
            "INSERT INTO deliveries (id, event_id, channel, target, about, body, state, created_at, next_at, deadline, order_id, sequence)
             VALUES (?1, ?2, 'webhook', ?3, ?4, ?5, 'pending', ?6, ?6, ?7, ?8, ?9)",
            params![format!("{event_id}.{i}"), event_id, url, about, body, now, now.saturating_add(db.give_up_ms), order_id, sequence],
        )?;
    }
    Ok(())
}

/// The order's next event number (in PostgreSQL the `UPDATE` also takes the order's row lock
/// until the transaction ends, so numbers follow the order in which changes commit).
const SQL_NEXT_SEQUENCE_SQLITE: &str = "UPDATE orders SET event_seq = event_seq + 1 WHERE id = ?1 RETURNING event_seq";
/// [`SQL_NEXT_SEQUENCE_SQLITE`] in PostgreSQL's placeholders.
pub(crate) const SQL_NEXT_SEQUENCE_PG: &str = "UPDATE orders SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq";

/// What a claim must not take: a webhook delivery while an earlier event of its order is
/// pending (due, waiting to be tried again, or leased by any instance) for the same endpoint.
/// A failing endpoint so holds back only that order's later events to itself; an event given
/// up (`failed`) or delivered no longer holds anything. The same SQL in both databases.
pub(crate) const SQL_NO_EARLIER_PENDING: &str = "NOT EXISTS (SELECT 1 FROM deliveries e
    WHERE e.order_id = d.order_id AND e.target = d.target AND e.sequence < d.sequence AND e.state = 'pending')";

/// An event's type (for listings) and its JSON body: the order, every section, the customer's
/// language and the Mastodon configuration.
pub(crate) fn event_body(kind: EventType, sequence: i64, order: onramp_api::order::Order, sections: &str, locale: String, step: Option<StepKind>) -> Result<(String, String), DbError> {
    let sections: onramp_api::DraftSections = serde_json::from_str(sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let mastodon = onramp_api::mastodon::render(&sections, &locale);
    let sequence = u64::try_from(sequence).map_err(|_| DbError::Corrupt(format!("event sequence {sequence}")))?;
    let event = OrderEvent { kind, timestamp: time::rfc3339(time::now()), data: OrderEventData { order, sequence, sections, step, locale, mastodon } };
    let body = serde_json::to_string(&event).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let about = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    Ok((about, body))
}

/// Queues mail `id` in `conn` (once: the same id again changes nothing).
pub(crate) fn write_mail(conn: &Connection, db: &Db, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
    let body = serde_json::to_string(mail).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let now = now_ms();
    conn.execute(
        "INSERT OR IGNORE INTO deliveries (id, event_id, channel, target, about, body, state, created_at, next_at, deadline)
         VALUES (?1, ?1, 'mail', ?2, ?3, ?4, 'pending', ?5, ?5, ?6)",
        params![id, mail.to, mail.subject, body, now, now.saturating_add(db.give_up_ms)],
    )?;
    Ok(())
}

impl Db {
    /// Queues a mail under `id` (once per id).
    pub fn queue_mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
        write_mail(&self.lock(), self, id, mail)
    }

    /// Takes up to `limit` deliveries due at `now_ms` for an attempt, holding them for
    /// `lease_ms` (a process that dies mid-attempt leaves them due again after that).
    pub fn claim_deliveries(&self, now_ms: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let rows = {
            let mut stmt = tx.prepare(&format!(
                "SELECT id, event_id, channel, target, body, attempts, deadline FROM deliveries d
                 WHERE state = 'pending' AND next_at <= ?1 AND {SQL_NO_EARLIER_PENDING} ORDER BY next_at, sequence LIMIT ?2"
            ))?;
            let rows = stmt
                .query_map(params![now_ms, limit as i64], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, u32>(5)?, r.get::<_, i64>(6)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        };
        let mut claimed = Vec::with_capacity(rows.len());
        for (id, event_id, channel, target, body, attempts, deadline_ms) in rows {
            tx.execute("UPDATE deliveries SET next_at = ?2, attempts = attempts + 1 WHERE id = ?1", params![id, now_ms.saturating_add(lease_ms)])?;
            let channel = Channel::parse(&channel).ok_or_else(|| DbError::Corrupt(format!("delivery channel {channel}")))?;
            claimed.push(Delivery { id, event_id, channel, target, body, attempts, deadline_ms });
        }
        tx.commit()?;
        Ok(claimed)
    }

    /// Stores what an attempt came to.
    pub fn finish_delivery(&self, id: &str, outcome: &Outcome) -> Result<(), DbError> {
        let conn = self.lock();
        match outcome {
            Outcome::Delivered => conn.execute(
                "UPDATE deliveries SET state = 'delivered', delivered_at = ?2, last_error = NULL WHERE id = ?1",
                params![id, now_ms()],
            )?,
            Outcome::Retry { at_ms, error } => {
                conn.execute("UPDATE deliveries SET next_at = ?2, last_error = ?3 WHERE id = ?1 AND state = 'pending'", params![id, at_ms, error])?
            }
            Outcome::Failed { error } => {
                conn.execute("UPDATE deliveries SET state = 'failed', last_error = ?2 WHERE id = ?1 AND state = 'pending'", params![id, error])?
            }
        };
        Ok(())
    }

    /// Deliveries in `states` (`pending`, `delivered`, `failed`), oldest first.
    pub fn deliveries(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT id, channel, target, state, attempts, created_at, next_at, last_error, about FROM deliveries
             WHERE state IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id",
        )?;
        let wanted = serde_json::to_string(states).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let rows = stmt
            .query_map(params![wanted], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, u32>(4)?, r.get::<_, i64>(5)?, r.get::<_, i64>(6)?, r.get::<_, Option<String>>(7)?, r.get::<_, String>(8)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, channel, target, state, attempts, created, next, last_error, about)| {
                Ok(DeliveryLine {
                    id,
                    channel: Channel::parse(&channel).ok_or_else(|| DbError::Corrupt(format!("delivery channel {channel}")))?,
                    target,
                    next_at: (state == "pending").then(|| time::rfc3339(next / 1_000)),
                    state,
                    attempts,
                    created_at: time::rfc3339(created / 1_000),
                    last_error,
                    about,
                })
            })
            .collect()
    }

    /// Makes a pending or failed delivery due now, with a fresh time to succeed in; `false`
    /// when there is no such delivery (or it was delivered).
    pub fn retry_delivery(&self, id: &str) -> Result<bool, DbError> {
        let now = now_ms();
        let changed = self.lock().execute(
            "UPDATE deliveries SET state = 'pending', next_at = ?2, deadline = ?3 WHERE id = ?1 AND state != 'delivered'",
            params![id, now, now.saturating_add(self.give_up_ms)],
        )?;
        Ok(changed == 1)
    }

}
