//! Funnel events in SQLite and the funnel per partner that `onramp-server funnel` prints.

use onramp_api::funnel::{EventBatch, FunnelKind, STEPS};
use rusqlite::params;

use crate::{time, Db, DbError};

/// One line of the funnel: a partner's step and how many visits did what there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelLine {
    /// Partner id, or `direct`.
    pub partner: String,
    /// Step.
    pub step: String,
    /// Visits that entered the step.
    pub entered: u64,
    /// Visits that completed it.
    pub completed: u64,
    /// Visits refused there at least once.
    pub refused: u64,
    /// Visits that submitted there.
    pub submitted: u64,
    /// The most frequent error codes there, `code×count`.
    pub top_codes: String,
}

/// The funnel lines from counts per partner, step and kind, and the codes of refusals (both
/// stores read their rows into these).
pub(crate) fn lines_from(rows: &[(String, String, String, i64)], code_rows: &[(String, String, String)]) -> Vec<FunnelLine> {
    let mut partners: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    partners.sort();
    partners.dedup();
    let mut lines = Vec::new();
    for partner in partners {
        for step in STEPS {
            let count = |kind: FunnelKind| {
                rows.iter()
                    .find(|r| r.0 == partner && r.1 == step && r.2 == kind.as_str())
                    .map_or(0, |r| u64::try_from(r.3).unwrap_or(0))
            };
            let mut tally: Vec<(String, u64)> = Vec::new();
            for (_, _, codes) in code_rows.iter().filter(|r| r.0 == partner && r.1 == step) {
                for code in codes.split(',').filter(|c| !c.is_empty()) {
                    match tally.iter_mut().find(|(c, _)| c == code) {
                        Some((_, n)) => *n += 1,
                        None => tally.push((code.to_owned(), 1)),
                    }
                }
            }
            tally.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let line = FunnelLine {
                partner: partner.clone(),
                step: step.to_owned(),
                entered: count(FunnelKind::StepEntered),
                completed: count(FunnelKind::StepCompleted),
                refused: count(FunnelKind::ValidationError),
                submitted: count(FunnelKind::Submitted),
                top_codes: tally.iter().take(3).map(|(c, n)| format!("{c}×{n}")).collect::<Vec<_>>().join(" "),
            };
            if line.entered + line.completed + line.refused + line.submitted > 0 {
                lines.push(line);
            }
        }
    }
    lines
}

impl Db {
    /// Stores a batch of events.
    pub fn add_events(&self, batch: &EventBatch) -> Result<(), DbError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let now = time::now();
        for e in &batch.events {
            let codes = e.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            tx.execute(
                "INSERT INTO funnel_events (at, session, partner, kind, step, codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![now, batch.session, batch.partner, e.kind.as_str(), e.step, codes],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The funnel per partner and step, in step order; visits counted once per step and kind.
    pub fn funnel(&self) -> Result<Vec<FunnelLine>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT COALESCE(partner, 'direct'), step, kind, COUNT(DISTINCT session) FROM funnel_events GROUP BY 1, 2, 3",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut codes_stmt = conn.prepare(
            "SELECT COALESCE(partner, 'direct'), step, codes FROM funnel_events WHERE kind = 'validation_error'",
        )?;
        let code_rows = codes_stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(lines_from(&rows, &code_rows))
    }
}

/// The funnel as a table.
pub fn render(lines: &[FunnelLine]) -> String {
    let mut out = String::new();
    let mut current = None;
    for l in lines {
        if current != Some(&l.partner) {
            out.push_str(&format!("\n{}\n  {:<13}{:>8}{:>10}{:>9}{:>10}  top error codes\n", l.partner, "step", "entered", "completed", "refused", "submitted"));
            current = Some(&l.partner);
        }
        out.push_str(&format!("  {:<13}{:>8}{:>10}{:>9}{:>10}  {}\n", l.step, l.entered, l.completed, l.refused, l.submitted, l.top_codes));
    }
    if out.is_empty() {
        out.push_str("No funnel events yet.\n");
    }
    out
}
