//! Drafts in SQLite: created with a secret resume token, read and updated with optimistic
//! versioning. The file survives restarts; writes are transactions in WAL mode.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use onramp_api::asset::{Asset, AssetKind, ImageFormat};
use onramp_api::{CreatedSignup, DraftSections, Signup};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::time;

/// How long an untouched draft is kept unless configured otherwise (7 days).
pub const DRAFT_TTL_SECS: i64 = 7 * 24 * 3_600;

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No such draft (or order), or the token does not open it.
    #[error("no such draft")]
    NotFound,
    /// The draft was left untouched for longer than drafts are kept.
    #[error("draft expired")]
    Expired,
    /// The draft became an order and can no longer change.
    #[error("draft submitted as order {order_id}")]
    Submitted {
        /// The order.
        order_id: String,
    },
    /// An idempotency key came back with another draft, or the draft changed since.
    #[error("idempotency key reused")]
    KeyReused,
    /// The draft is at another version than the one the write was based on.
    #[error("draft is at version {current}")]
    Conflict {
        /// The version stored now.
        current: u64,
    },
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL (or its pool) failed.
    #[error("database: {0}")]
    Postgres(String),
    /// The schema could not be brought up to date.
    #[error("database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A stored row could not be read back.
    #[error("stored draft unreadable: {0}")]
    Corrupt(String),
    /// The operating system had no randomness to give.
    #[error("no randomness available")]
    Random,
    /// The draft as it would be after the write breaks a rule that spans sections.
    #[error("{} field errors", .0.len())]
    Invalid(Vec<onramp_api::FieldError>),
}

/// The draft store. Cloning shares the connection.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    ttl_secs: i64,
    /// The webhook endpoints every order event is written for.
    pub(crate) endpoints: Arc<Vec<String>>,
    /// Milliseconds after which an undelivered mail or event is given up.
    pub(crate) give_up_ms: i64,
}

/// The first schema, as the releases before numbered migrations made it (hence `IF NOT EXISTS`:
/// on their databases it changes nothing).
const SCHEMA_1: &str = "
CREATE TABLE IF NOT EXISTS domains (
    name   TEXT PRIMARY KEY,  -- ASCII, lower case
    state  TEXT NOT NULL CHECK (state IN ('taken', 'reserved'))
);
CREATE TABLE IF NOT EXISTS assets (
    id          TEXT PRIMARY KEY,
    signup_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    format      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS assets_by_signup ON assets (signup_id);
CREATE TABLE IF NOT EXISTS orders (
    id                 TEXT PRIMARY KEY,
    signup_id          TEXT NOT NULL UNIQUE,   -- a draft becomes at most one order
    idempotency_key    TEXT NOT NULL UNIQUE,
    fingerprint        TEXT NOT NULL,          -- SHA-256 of the sections submitted
    sections           TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    terms_accepted_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS provisioning_steps (
    order_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    started_at   INTEGER,
    finished_at  INTEGER,
    detail       TEXT,
    PRIMARY KEY (order_id, position)
);
CREATE TABLE IF NOT EXISTS funnel_events (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    session  TEXT NOT NULL,      -- random per browser tab, not tied to a person or a draft
    partner  TEXT,
    kind     TEXT NOT NULL,
    step     TEXT NOT NULL,
    codes    TEXT NOT NULL       -- error codes only, comma-separated
);
CREATE TABLE IF NOT EXISTS signups (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL,
    version     INTEGER NOT NULL,
    sections    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    partner     TEXT
);
";

/// Mail sent on request (resume links), to hold each draft and each address to a few: the
/// address is kept as its SHA-256, never as written.
const SCHEMA_2: &str = "
CREATE TABLE mail_log (
    id            INTEGER PRIMARY KEY,
    signup_id     TEXT NOT NULL,
    address_hash  TEXT NOT NULL,
    at            INTEGER NOT NULL
);
CREATE INDEX mail_log_by_signup ON mail_log (signup_id, at);
CREATE INDEX mail_log_by_address ON mail_log (address_hash, at);
";

/// The transactional outbox: each mail and each webhook event, written in the transaction of
/// the change it reports and kept until delivered or given up (times in milliseconds); and the
/// customer's language on each order.
const SCHEMA_3: &str = "
CREATE TABLE deliveries (
    id            TEXT PRIMARY KEY,   -- per event and endpoint, or per mail
    event_id      TEXT NOT NULL,      -- webhook-id: the same on every attempt and endpoint
    channel       TEXT NOT NULL CHECK (channel IN ('mail', 'webhook')),
    target        TEXT NOT NULL,      -- address or endpoint URL
    about         TEXT NOT NULL,      -- subject or event type, for listings
    body          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    next_at       INTEGER NOT NULL,   -- due, or leased until
    deadline      INTEGER NOT NULL,   -- given up after
    last_error    TEXT,
    delivered_at  INTEGER
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
ALTER TABLE orders ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
";

/// Each order's payment: its method and state, whether provisioning waits for it, and how
/// many tries at the provider's checkout the customer began.
const SCHEMA_4: &str = "
CREATE TABLE payments (
    order_id    TEXT PRIMARY KEY,
    method      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('invoiced', 'awaiting_payment', 'pending', 'paid', 'failed')),
    reason      TEXT,
    hold        INTEGER NOT NULL,   -- 1: provisioning waits for the payment
    attempts    INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);
";

/// Each order's events numbered in the order they happened (`data.sequence`), and each webhook
/// delivery tied to its order and number, so that one order's events reach one endpoint in
/// that order (a delivery waits while an earlier one of its order and endpoint is pending).
const SCHEMA_5: &str = "
ALTER TABLE orders ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN order_id TEXT;
ALTER TABLE deliveries ADD COLUMN sequence INTEGER;
CREATE INDEX deliveries_in_order ON deliveries (order_id, target, sequence) WHERE order_id IS NOT NULL;
";

/// Every schema change, in order; a release adds to the end and never edits what is there.
fn migrations() -> rusqlite_migration::Migrations<'static> {
    use rusqlite_migration::M;
    rusqlite_migration::Migrations::new(vec![M::up(SCHEMA_1), M::up(SCHEMA_2), M::up(SCHEMA_3), M::up(SCHEMA_4), M::up(SCHEMA_5)])
}

pub(crate) fn random_hex(bytes: usize) -> Result<String, DbError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|_| DbError::Random)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

pub(crate) fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Db {
    /// Opens (creating if needed) the database file at `path`, and its folder.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbError::Corrupt(format!("cannot create {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut conn = conn;
        // Databases from before partners (and before numbered migrations) lack the column the
        // first migration's `IF NOT EXISTS` cannot add.
        let old_signups: bool = conn
            .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signups'")?
            .exists([])?;
        let has_partner: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('signups') WHERE name = 'partner'")?
            .exists([])?;
        if old_signups && !has_partner {
            conn.execute_batch("ALTER TABLE signups ADD COLUMN partner TEXT")?;
        }
        migrations().to_latest(&mut conn)?;
        let db = Self { conn: Arc::new(Mutex::new(conn)), ttl_secs: DRAFT_TTL_SECS, endpoints: Arc::new(Vec::new()), give_up_ms: crate::delivery::Policy::default().give_up_after.as_millis() as i64 };
        db.reserve_labels(&onramp_api::sample::RESERVED_LABELS)?;
        Ok(db)
    }

    /// Keeps these subdomain labels back on every shared domain.
    pub fn reserve_labels<S: AsRef<str>>(&self, labels: &[S]) -> Result<(), DbError> {
        let conn = self.lock();
        for label in labels {
            conn.execute("INSERT OR IGNORE INTO domains (name, state) VALUES (?1, 'reserved')", params![label.as_ref()])?;
        }
        Ok(())
    }

    /// Writes an event for each of these endpoints with every order change, and gives up a
    /// delivery `give_up` after it was written.
    pub fn with_delivery(mut self, endpoints: Vec<String>, give_up: std::time::Duration) -> Self {
        self.endpoints = Arc::new(endpoints);
        self.give_up_ms = i64::try_from(give_up.as_millis()).unwrap_or(i64::MAX);
        self
    }

    /// Keeps untouched drafts for `secs` seconds instead of the default.
    pub fn with_ttl(mut self, secs: i64) -> Self {
        self.ttl_secs = secs.max(1);
        self
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions), so a
        // poisoned lock is still safe to use.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts an empty draft.
    pub fn create_signup(&self) -> Result<CreatedSignup, DbError> {
        self.create_signup_for(None)
    }

    /// Starts an empty draft, in a partner's embedded flow when `partner` is given.
    pub fn create_signup_for(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError> {
        let id = random_hex(12)?;
        let token = random_hex(32)?;
        let now = time::now();
        let expires = now + self.ttl_secs;
        self.lock().execute(
            "INSERT INTO signups (id, token_hash, version, sections, created_at, updated_at, expires_at, partner)
             VALUES (?1, ?2, 1, '{}', ?3, ?3, ?4, ?5)",
            params![id, hash_token(&token), now, expires, partner],
        )?;
        Ok(CreatedSignup { id, resume_token: token, version: 1, expires_at: time::rfc3339(expires) })
    }

    pub(crate) fn read(conn: &Connection, id: &str, token: &str) -> Result<Signup, DbError> {
        let row = conn
            .query_row(
                "SELECT token_hash, version, sections, expires_at FROM signups WHERE id = ?1",
                params![id],
                |r| Ok(StoredRow { token_hash: r.get(0)?, version: r.get(1)?, sections: r.get(2)?, expires_at: r.get(3)? }),
            )
            .optional()?;
        let Some(row) = row else { return Err(DbError::NotFound) };
        let order_id: Option<String> = conn
            .query_row("SELECT id FROM orders WHERE signup_id = ?1", params![id], |r| r.get(0))
            .optional()?;
        signup_from(id, token, row, order_id)
    }

    /// Whether a name (a full ASCII domain, or a label reserved on every shared domain) is taken
    /// or reserved.
    pub fn domain_state(&self, name: &str) -> Result<Option<onramp_api::domain::DomainStatus>, DbError> {
        use onramp_api::domain::DomainStatus;
        let state: Option<String> = self
            .lock()
            .query_row("SELECT state FROM domains WHERE name = ?1", params![name], |r| r.get(0))
            .optional()?;
        Ok(state.map(|s| if s == "reserved" { DomainStatus::Reserved } else { DomainStatus::Taken }))
    }

    /// Marks a full ASCII domain as taken (an order was placed for it).
    pub fn mark_taken(&self, name: &str) -> Result<(), DbError> {
        self.lock().execute(
            "INSERT INTO domains (name, state) VALUES (?1, 'taken') ON CONFLICT(name) DO UPDATE SET state = 'taken'",
            params![name],
        )?;
        Ok(())
    }

    /// The partner whose embedded flow made draft `id`, if any.
    pub fn signup_partner(&self, id: &str) -> Result<Option<String>, DbError> {
        Ok(self
            .lock()
            .query_row("SELECT partner FROM signups WHERE id = ?1", params![id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Reads a draft the token opens.
    pub fn get_signup(&self, id: &str, token: &str) -> Result<Signup, DbError> {
        Self::read(&self.lock(), id, token)
    }

    /// Replaces the sections present in `patch`, if the draft is still at `expected_version` and
    /// `check` finds nothing wrong with the result.
    pub fn update_signup(
        &self,
        id: &str,
        token: &str,
        expected_version: u64,
        patch: DraftSections,
        check: crate::store::Check<'_>,
    ) -> Result<Signup, DbError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut signup = Self::read(&tx, id, token)?;
        apply_patch(&mut signup, expected_version, patch, check)?;
        let now = time::now();
        let expires = now + self.ttl_secs;
        let json = serde_json::to_string(&signup.sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let version = i64::try_from(signup.version).map_err(|e| DbError::Corrupt(e.to_string()))?;
        tx.execute(
            "UPDATE signups SET sections = ?2, version = ?3, updated_at = ?4, expires_at = ?5 WHERE id = ?1",
            params![id, json, version, now, expires],
        )?;
        tx.commit()?;
        signup.expires_at = time::rfc3339(expires);
        Ok(signup)
    }

    /// Stores a checked image for a draft the token opens.
    pub fn add_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        Self::read(&tx, signup_id, token)?;
        let id = format!("as_{}", random_hex(12)?);
        let format = format_name(image.format);
        tx.execute(
            "INSERT INTO assets (id, signup_id, kind, format, width, height, data, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, signup_id, image.kind.as_str(), format, image.width, image.height, image.data, time::now()],
        )?;
        // Only the latest image of each kind is kept: an upload replaces the one before.
        tx.execute(
            "DELETE FROM assets WHERE signup_id = ?1 AND kind = ?2 AND id != ?3",
            params![signup_id, image.kind.as_str(), id],
        )?;
        tx.commit()?;
        Ok(Asset {
            id,
            kind: image.kind,
            format: image.format,
            width: image.width,
            height: image.height,
            bytes: image.data.len() as u64,
        })
    }

    /// Deletes the images of drafts that expired without becoming an order; returns how many.
    pub fn sweep_assets(&self) -> Result<usize, DbError> {
        Ok(self.lock().execute(
            "DELETE FROM assets WHERE signup_id IN (
                 SELECT s.id FROM signups s WHERE s.expires_at < ?1 AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.signup_id = s.id))",
            params![time::now()],
        )?)
    }

    /// An image of a draft the token opens: its media type and bytes.
    pub fn asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError> {
        let conn = self.lock();
        Self::read(&conn, signup_id, token)?;
        let row: Option<(String, Vec<u8>)> = conn
            .query_row(
                "SELECT format, data FROM assets WHERE id = ?1 AND signup_id = ?2",
                params![asset_id, signup_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (format, data) = row.ok_or(DbError::NotFound)?;
        Ok((format_parse(&format)?, data))
    }

    /// The kind of each of a draft's assets among `ids`; ids that are not the draft's are left out.
    pub fn asset_kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT kind FROM assets WHERE id = ?1 AND signup_id = ?2")?;
        let mut found = Vec::new();
        for id in ids {
            let kind: Option<String> = stmt.query_row(params![id, signup_id], |r| r.get(0)).optional()?;
            if let Some(kind) = kind.as_deref().and_then(AssetKind::parse) {
                found.push((id.clone(), kind));
            }
        }
        Ok(found)
    }
}

/// How often a draft's resume link may be mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailLimits {
    /// Least time between two mails for one draft.
    pub gap_secs: i64,
    /// Most mails a day for one draft, and for one address over every draft.
    pub per_day: u32,
}

impl Default for MailLimits {
    fn default() -> Self {
        Self { gap_secs: 300, per_day: 5 }
    }
}

impl Db {
    /// Records a resume-link mail to `address` for draft `signup_id` if `limits` allow one now;
    /// `Ok(Err(seconds))` says how long until the next is allowed.
    pub fn reserve_mail(&self, signup_id: &str, address: &str, limits: MailLimits) -> Result<Result<(), u64>, DbError> {
        let now = time::now();
        let hash = hash_token(&address.trim().to_lowercase());
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let day = now - 86_400;
        let last: Option<i64> = tx.query_row("SELECT MAX(at) FROM mail_log WHERE signup_id = ?1", params![signup_id], |r| r.get(0))?;
        let mut counts = [(0i64, None), (0i64, None)];
        for (slot, (column, key)) in counts.iter_mut().zip([("signup_id", signup_id), ("address_hash", hash.as_str())]) {
            *slot = tx.query_row(
                &format!("SELECT COUNT(*), MIN(at) FROM mail_log WHERE {column} = ?1 AND at > ?2"),
                params![key, day],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        }
        if let Err(wait) = mail_wait(now, last, counts, limits) {
            return Ok(Err(wait));
        }
        tx.execute("INSERT INTO mail_log (signup_id, address_hash, at) VALUES (?1, ?2, ?3)", params![signup_id, hash, now])?;
        tx.commit()?;
        Ok(Ok(()))
    }
}

/// A draft's row as stored, before its token is checked.
pub(crate) struct StoredRow {
    pub token_hash: String,
    pub version: i64,
    pub sections: String,
    pub expires_at: i64,
}

/// The draft in `row` if `token` opens it and it has not expired (a submitted draft stays
/// readable: it leads to its order). Both stores read drafts through this.
pub(crate) fn signup_from(id: &str, token: &str, row: StoredRow, order_id: Option<String>) -> Result<Signup, DbError> {
    if row.token_hash != hash_token(token) {
        return Err(DbError::NotFound);
    }
    if order_id.is_none() && row.expires_at < time::now() {
        return Err(DbError::Expired);
    }
    let sections: DraftSections = serde_json::from_str(&row.sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
    Ok(Signup {
        id: id.to_owned(),
        version: u64::try_from(row.version).map_err(|e| DbError::Corrupt(e.to_string()))?,
        expires_at: time::rfc3339(row.expires_at),
        sections,
        order_id,
    })
}

/// Applies `patch` to `signup` if it is still a draft at `expected` and `check` passes the
/// result; the version moves on.
pub(crate) fn apply_patch(signup: &mut Signup, expected: u64, patch: DraftSections, check: crate::store::Check<'_>) -> Result<(), DbError> {
    if let Some(order_id) = signup.order_id.clone() {
        return Err(DbError::Submitted { order_id });
    }
    if signup.version != expected {
        return Err(DbError::Conflict { current: signup.version });
    }
    signup.sections.apply(patch);
    let errors = check(&signup.sections);
    if !errors.is_empty() {
        return Err(DbError::Invalid(errors));
    }
    signup.version += 1;
    Ok(())
}

/// The stored name of an image format.
pub(crate) fn format_name(format: ImageFormat) -> String {
    serde_json::to_value(format).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// An image format from its stored name.
pub(crate) fn format_parse(name: &str) -> Result<ImageFormat, DbError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|e| DbError::Corrupt(e.to_string()))
}

/// Whether another resume-link mail may go now, given the last one for the draft and the count
/// and oldest time of the day's mail per draft and per address; else the seconds to wait.
pub(crate) fn mail_wait(now: i64, last: Option<i64>, counts: [(i64, Option<i64>); 2], limits: MailLimits) -> Result<(), u64> {
    if let Some(last) = last.filter(|l| now - l < limits.gap_secs) {
        return Err(u64::try_from(limits.gap_secs - (now - last)).unwrap_or(1).max(1));
    }
    for (count, oldest) in counts {
        if count >= i64::from(limits.per_day) {
            let wait = oldest.map_or(86_400, |o| o + 86_400 - now);
            return Err(u64::try_from(wait).unwrap_or(1).max(1));
        }
    }
    Ok(())
}

/// An image checked and cleaned, ready to store.
pub struct StoredImage {
    /// Thumbnail or logo.
    pub kind: AssetKind,
    /// Format of `data`.
    pub format: ImageFormat,
    /// Pixels wide.
    pub width: u32,
    /// Pixels high.
    pub height: u32,
    /// The re-encoded file, without metadata.
    pub data: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn a_database_of_the_previous_release_is_upgraded_and_keeps_its_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            // What the release before numbered migrations left: its schema, user_version 0,
            // drafts with and without a partner.
            let old = Connection::open(&path).unwrap();
            old.execute_batch(SCHEMA_1).unwrap();
            old.execute(
                "INSERT INTO signups (id, token_hash, version, sections, created_at, updated_at, expires_at, partner)
                 VALUES ('abc', ?1, 3, '{}', 1, 1, 99999999999, 'example-university')",
                params![hash_token("t")],
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        assert_eq!(db.get_signup("abc", "t").unwrap().version, 3);
        assert_eq!(db.signup_partner("abc").unwrap().as_deref(), Some("example-university"));
        let version: i64 = db.lock().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 5, "every migration ran");
        drop(db);
        assert!(Db::open(&path).is_ok(), "opening again changes nothing");
    }

    #[test]
    fn a_database_from_before_partners_gets_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("older.sqlite3");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(&SCHEMA_1.replace(",\n    partner     TEXT", "")).unwrap();
            let cols: i64 = old.query_row("SELECT COUNT(*) FROM pragma_table_info('signups') WHERE name = 'partner'", [], |r| r.get(0)).unwrap();
            assert_eq!(cols, 0);
        }
        let db = Db::open(&path).unwrap();
        let created = db.create_signup_for(Some("civic-hosting")).unwrap();
        assert_eq!(db.signup_partner(&created.id).unwrap().as_deref(), Some("civic-hosting"));
    }
}
