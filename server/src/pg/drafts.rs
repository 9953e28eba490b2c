//! Drafts, taken names, images, resume-link mail and funnel events in PostgreSQL. A draft update
//! locks its row (`FOR UPDATE`), so a version check holds whichever instance a request reaches.

use onramp_api::asset::{Asset, AssetKind, ImageFormat};
use onramp_api::domain::DomainStatus;
use onramp_api::funnel::EventBatch;
use onramp_api::{CreatedSignup, DraftSections, Signup};
use deadpool_postgres::GenericClient;

use super::PgStore;
use crate::db::{hash_token, random_hex, StoredRow};
use crate::funnel::FunnelLine;
use crate::store::Check;
use crate::{time, DbError, MailLimits, StoredImage};

/// Reads a draft the token opens (`FOR UPDATE` when `lock`).
pub(super) async fn read(c: &impl GenericClient, id: &str, token: &str, lock: bool) -> Result<Signup, DbError> {
    let sql = if lock {
        "SELECT token_hash, version, sections, expires_at FROM signups WHERE id = $1 FOR UPDATE"
    } else {
        "SELECT token_hash, version, sections, expires_at FROM signups WHERE id = $1"
    };
    let Some(row) = c.query_opt(sql, &[&id]).await? else { return Err(DbError::NotFound) };
    let stored = StoredRow { token_hash: row.try_get(0)?, version: row.try_get(1)?, sections: row.try_get(2)?, expires_at: row.try_get(3)? };
    let order_id: Option<String> = c.query_opt("SELECT id FROM orders WHERE signup_id = $1", &[&id]).await?.map(|r| r.try_get(0)).transpose()?;
    crate::db::signup_from(id, token, stored, order_id)
}

impl PgStore {
    pub(super) async fn create_signup(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError> {
        let (id, token) = (random_hex(12)?, random_hex(32)?);
        let now = time::now();
        let expires = now + self.ttl_secs;
        self.pool
            .get()
            .await?
            .execute(
                "INSERT INTO signups (id, token_hash, version, sections, created_at, updated_at, expires_at, partner)
                 VALUES ($1, $2, 1, '{}', $3, $3, $4, $5)",
                &[&id, &hash_token(&token), &now, &expires, &partner],
            )
            .await?;
        Ok(CreatedSignup { id, resume_token: token, version: 1, expires_at: time::rfc3339(expires) })
    }

    pub(super) async fn signup(&self, id: &str, token: &str) -> Result<Signup, DbError> {
        read(&self.pool.get().await?, id, token, false).await
    }

    pub(super) async fn update(&self, id: &str, token: &str, expected: u64, patch: DraftSections, check: Check<'_>) -> Result<Signup, DbError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let mut signup = read(&tx, id, token, true).await?;
        crate::db::apply_patch(&mut signup, expected, patch, check)?;
        let now = time::now();
        let expires = now + self.ttl_secs;
        let json = serde_json::to_string(&signup.sections).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let version = i64::try_from(signup.version).map_err(|e| DbError::Corrupt(e.to_string()))?;
        tx.execute(
            "UPDATE signups SET sections = $2, version = $3, updated_at = $4, expires_at = $5 WHERE id = $1",
            &[&id, &json, &version, &now, &expires],
        )
        .await?;
        tx.commit().await?;
        signup.expires_at = time::rfc3339(expires);
        Ok(signup)
    }

    pub(super) async fn partner(&self, id: &str) -> Result<Option<String>, DbError> {
        let row = self.pool.get().await?.query_opt("SELECT partner FROM signups WHERE id = $1", &[&id]).await?;
        Ok(row.map(|r| r.try_get::<_, Option<String>>(0)).transpose()?.flatten())
    }

    pub(super) async fn domain(&self, name: &str) -> Result<Option<DomainStatus>, DbError> {
        let row = self.pool.get().await?.query_opt("SELECT state FROM domains WHERE name = $1", &[&name]).await?;
        let state: Option<String> = row.map(|r| r.try_get(0)).transpose()?;
        Ok(state.map(|s| if s == "reserved" { DomainStatus::Reserved } else { DomainStatus::Taken }))
    }

    pub(super) async fn reserve(&self, labels: &[String]) -> Result<(), DbError> {
        let client = self.pool.get().await?;
        for label in labels {
            client.execute("INSERT INTO domains (name, state) VALUES ($1, 'reserved') ON CONFLICT DO NOTHING", &[label]).await?;
        }
        Ok(())
    }

    pub(super) async fn store_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        read(&tx, signup_id, token, true).await?;
        let id = format!("as_{}", random_hex(12)?);
        let format = crate::db::format_name(image.format);
        let (w, h) = (i64::from(image.width), i64::from(image.height));
        tx.execute(
            "INSERT INTO assets (id, signup_id, kind, format, width, height, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&id, &signup_id, &image.kind.as_str(), &format, &w, &h, &image.data, &time::now()],
        )
        .await?;
        // Only the latest image of each kind is kept.
        tx.execute("DELETE FROM assets WHERE signup_id = $1 AND kind = $2 AND id != $3", &[&signup_id, &image.kind.as_str(), &id]).await?;
        tx.commit().await?;
        Ok(Asset { id, kind: image.kind, format: image.format, width: image.width, height: image.height, bytes: image.data.len() as u64 })
    }

    pub(super) async fn sweep(&self) -> Result<usize, DbError> {
        let n = self
            .pool
            .get()
            .await?
            .execute(
                "DELETE FROM assets WHERE signup_id IN (
                     SELECT s.id FROM signups s WHERE s.expires_at < $1 AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.signup_id = s.id))",
                &[&time::now()],
            )
            .await?;
        Ok(n as usize)
    }

    pub(super) async fn read_asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError> {
        let client = self.pool.get().await?;
        read(&client, signup_id, token, false).await?;
        let row = client.query_opt("SELECT format, data FROM assets WHERE id = $1 AND signup_id = $2", &[&asset_id, &signup_id]).await?;
        let row = row.ok_or(DbError::NotFound)?;
        let (format, data): (String, Vec<u8>) = (row.try_get(0)?, row.try_get(1)?);
        Ok((crate::db::format_parse(&format)?, data))
    }

    pub(super) async fn kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError> {
        let rows = self.pool.get().await?.query("SELECT id, kind FROM assets WHERE signup_id = $1 AND id = ANY($2)", &[&signup_id, &ids]).await?;
        let mut found = Vec::new();
        // In the order asked, as the SQLite store answers.
        for id in ids {
            for row in &rows {
                let (rid, kind): (String, String) = (row.try_get(0)?, row.try_get(1)?);
                if &rid == id {
                    if let Some(kind) = AssetKind::parse(&kind) {
                        found.push((rid, kind));
                    }
                }
            }
        }
        Ok(found)
    }

    pub(super) async fn mail_allowance(&self, signup_id: &str, address: &str, limits: MailLimits) -> Result<Result<(), u64>, DbError> {
        let now = time::now();
        let hash = hash_token(&address.trim().to_lowercase());
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // Two instances counting the same draft's or address's mail take turns.
        tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&signup_id]).await?;
        tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&hash]).await?;
        let day = now - 86_400;
        let last: Option<i64> = tx.query_one("SELECT MAX(at) FROM mail_log WHERE signup_id = $1", &[&signup_id]).await?.try_get(0)?;
        let by_draft = tx.query_one("SELECT COUNT(*), MIN(at) FROM mail_log WHERE signup_id = $1 AND at > $2", &[&signup_id, &day]).await?;
        let by_address = tx.query_one("SELECT COUNT(*), MIN(at) FROM mail_log WHERE address_hash = $1 AND at > $2", &[&hash, &day]).await?;
        let counts = [(by_draft.try_get::<_, i64>(0)?, by_draft.try_get(1)?), (by_address.try_get::<_, i64>(0)?, by_address.try_get(1)?)];
        if let Err(wait) = crate::db::mail_wait(now, last, counts, limits) {
            return Ok(Err(wait));
        }
        tx.execute("INSERT INTO mail_log (signup_id, address_hash, at) VALUES ($1, $2, $3)", &[&signup_id, &hash, &now]).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    pub(super) async fn events(&self, batch: &EventBatch) -> Result<(), DbError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let now = time::now();
        for e in &batch.events {
            let codes = e.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            tx.execute(
                "INSERT INTO funnel_events (at, session, partner, kind, step, codes) VALUES ($1, $2, $3, $4, $5, $6)",
                &[&now, &batch.session, &batch.partner, &e.kind.as_str(), &e.step, &codes],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn funnel_lines(&self) -> Result<Vec<FunnelLine>, DbError> {
        let client = self.pool.get().await?;
        let rows = client
            .query("SELECT COALESCE(partner, 'direct'), step, kind, COUNT(DISTINCT session) FROM funnel_events GROUP BY 1, 2, 3", &[])
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect::<Result<Vec<(String, String, String, i64)>, tokio_postgres::Error>>()?;
        let codes = client
            .query("SELECT COALESCE(partner, 'direct'), step, codes FROM funnel_events WHERE kind = 'validation_error'", &[])
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect::<Result<Vec<(String, String, String)>, tokio_postgres::Error>>()?;
        Ok(crate::funnel::lines_from(&rows, &codes))
    }
}
