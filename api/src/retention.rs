//! Personal data is kept no longer than the purpose needs (law 09-08):
//! declarations of academic years older than the retention period are
//! erased, leaving anonymous counts per year, university, status and
//! refusal reason; sent mails (their address and text in the outbox, and
//! their `.eml` files) go after a number of days. Rate-limit buckets go as
//! soon as they are full again (`db::rate_limits::forget_full`).

use crate::db::Db;
use amoe_domain::declaration::{AcademicYear, RefusalReason, YearStart};
use sqlx::Row;
use std::path::Path;

/// How long what is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Academic years kept, the current one included (3: the current
    /// year and the two before, enough to renew and to settle a dispute).
    pub academic_years: i32,
    /// Days a sent mail is kept (for a student who asks what was sent).
    pub mail_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            academic_years: 3,
            mail_days: 30,
        }
    }
}

/// What one pass erased.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub declarations: u64,
    pub mails: u64,
    pub mail_files: u64,
}

/// Erases what is past `retention` at `now` (Unix seconds): the
/// declarations of old academic years (counted first, in the same
/// transaction), sent mails, and the `.eml` files of `outbox_dir`.
pub async fn purge(
    db: &Db,
    retention: Retention,
    year_start: YearStart,
    now: time::OffsetDateTime,
    outbox_dir: &Path,
) -> Result<Purged, sqlx::Error> {
    let current = AcademicYear::containing(amoe_domain::Day::in_morocco(now).date(), year_start);
    let oldest_kept =
        AcademicYear::starting(current.start() - (retention.academic_years - 1).max(0));
    let mut purged = Purged::default();
    let mut tx = db.pool.begin().await?;
    // The years written like "2026-2027" sort as they come.
    let rows = sqlx::query(
        "SELECT academic_year, university_id, status, refusal_reason, COUNT(*) AS n \
         FROM declarations WHERE academic_year < $1 \
         GROUP BY academic_year, university_id, status, refusal_reason",
    )
    .bind(oldest_kept.to_string())
    .fetch_all(&mut *tx)
    .await?;
    for row in rows {
        count(
            &mut tx,
            &row.try_get::<String, _>("academic_year")?,
            &row.try_get::<String, _>("university_id")?,
            &row.try_get::<String, _>("status")?,
            row.try_get::<Option<String>, _>("refusal_reason")?
                .as_deref(),
            row.try_get::<i64, _>("n")?,
        )
        .await?;
    }
    let old = "SELECT reference FROM declarations WHERE academic_year < $1";
    for table in ["declaration_events", "declaration_corrections"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE reference IN ({old})"))
            .bind(oldest_kept.to_string())
            .execute(&mut *tx)
            .await?;
    }
    purged.declarations = sqlx::query("DELETE FROM declarations WHERE academic_year < $1")
        .bind(oldest_kept.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM cin_years WHERE academic_year < $1")
        .bind(oldest_kept.to_string())
        .execute(&mut *tx)
        .await?;
    let mail_cutoff = now.unix_timestamp() - retention.mail_days * 86_400;
    purged.mails = sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(mail_cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    purged.mail_files = forget_mail_files(outbox_dir, mail_cutoff);
    Ok(purged)
}

/// Adds `n` erased declarations to the anonymous counts (`reason` as
/// stored: the refusal reason's JSON, if any).
pub(crate) async fn count(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    academic_year: &str,
    university: &str,
    status: &str,
    reason: Option<&str>,
    n: i64,
) -> Result<(), sqlx::Error> {
    let reason = reason
        .and_then(|json| serde_json::from_str::<RefusalReason>(json).ok())
        .map_or("", |r| r.code());
    sqlx::query(
        "INSERT INTO declaration_counts (academic_year, university_id, status, reason, declarations) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (academic_year, university_id, status, reason) \
         DO UPDATE SET declarations = declaration_counts.declarations + $5",
    )
    .bind(academic_year)
    .bind(university)
    .bind(status)
    .bind(reason)
    .bind(n)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Removes the `.eml` files written before `cutoff` (Unix seconds).
fn forget_mail_files(dir: &Path, cutoff: i64) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let written = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64);
        let is_mail = path.extension().is_some_and(|ext| ext == "eml");
        if is_mail && written.is_some_and(|at| at < cutoff) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}
