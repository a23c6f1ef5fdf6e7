//! Personal data is kept no longer than the purpose needs (law 09-08):
//! declarations of academic years older than the retention period are
//! erased, leaving anonymous counts per year, university, status and
//! refusal reason; mails go after a number of days (sent ones, and those
//! that kept failing), with their `.eml` files; audit entries go after
//! theirs. Rate-limit buckets go as soon as they are full again
//! (`db::rate_limits::forget_full`).
//!
//! Everything is erased in short batches, each its own write transaction
//! that takes the write lock first (SQLite's `BEGIN IMMEDIATE`): a purge of
//! a whole year (1.2 million declarations) never fails because students
//! declare meanwhile, and never makes one of them wait for more than a
//! batch. A batch is sized by time, not rows: each holds about
//! [`Pace::TARGET`] of writing, however large the tables have grown (500
//! declarations take 70 ms at 60,000 and 150 ms at 3.6 million on
//! SQLite). On SQLite, where every writer waits for the one write lock
//! and a waiting one only tries again now and then, the purge also rests
//! after each batch as long as the batch took: the students' writes have
//! the lock at least half the time, rather than meeting the next batch as
//! soon as one ends. A pass cut short resumes where it stopped: what is erased is
//! gone, with its counts, and what is left is found again.

use crate::db::declarations::counts;
use crate::db::declarations::lock_for_writing;
use crate::db::{Backend, Db};
use amoe_domain::declaration::{AcademicYear, YearStart};
use sqlx::Row;
use std::collections::BTreeMap;
use std::path::Path;

/// How many rows the next batch erases: as many as take about
/// [`Pace::TARGET`], within bounds.
struct Pace {
    rows: i64,
    least: i64,
    most: i64,
}

impl Pace {
    /// What a batch should take: a student's write that meets one waits
    /// about this long.
    const TARGET: std::time::Duration = std::time::Duration::from_millis(20);

    /// Declarations (with their events, words and tallies).
    fn declarations() -> Pace {
        Pace {
            rows: 100,
            least: 10,
            most: 500,
        }
    }

    /// Rows of the smaller tables (CIN rows, mails, audit entries).
    fn rows() -> Pace {
        Pace {
            rows: 500,
            least: 50,
            most: 2_000,
        }
    }

    /// After a batch begun at `started`: sizes the next one (half as many
    /// rows after one that took over twice the target, twice as many after
    /// one under half of it) and, on SQLite, rests as long as it took.
    async fn after(&mut self, db: &Db, started: std::time::Instant) {
        let took = started.elapsed();
        if took > Self::TARGET * 2 {
            self.rows = (self.rows / 2).max(self.least);
        } else if took < Self::TARGET / 2 {
            self.rows = (self.rows * 2).min(self.most);
        }
        if db.backend == Backend::Sqlite {
            tokio::time::sleep(took).await;
        }
    }
}

/// How long what is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Academic years kept, the current one included (3: the current
    /// year and the two before, enough to renew and to settle a dispute).
    pub academic_years: i32,
    /// Days a mail is kept (for a student who asks what was sent), and
    /// how long one that keeps failing is tried.
    pub mail_days: i64,
    /// Days an audit entry is kept: as long as the declarations it can
    /// name, so that a student can learn who read or decided theirs while
    /// it exists.
    pub audit_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            academic_years: 3,
            mail_days: 30,
            audit_days: 1_100,
        }
    }
}

/// What one pass erased.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub declarations: u64,
    pub mails: u64,
    pub mail_files: u64,
    pub audit_entries: u64,
    pub roster_entries: u64,
}

/// What a batch erased, as the housekeeping reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Erased {
    Declarations,
    Mails,
    AuditEntries,
    RosterEntries,
}

impl Erased {
    pub fn as_str(self) -> &'static str {
        match self {
            Erased::Declarations => "declarations",
            Erased::Mails => "mails",
            Erased::AuditEntries => "audit_entries",
            Erased::RosterEntries => "roster_entries",
        }
    }
}

/// Erases what is past `retention` at `now`: the declarations of old
/// academic years (counted, batch by batch, in the batch's transaction)
/// and the rosters of those years, mails, the `.eml` files of `outbox_dir`, and audit entries.
/// `progress` hears of every batch.
pub async fn purge(
    db: &Db,
    retention: Retention,
    year_start: YearStart,
    now: time::OffsetDateTime,
    outbox_dir: &Path,
    progress: &(dyn Fn(Erased, u64) + Sync),
) -> Result<Purged, sqlx::Error> {
    let current = AcademicYear::containing(amoe_domain::Day::in_morocco(now).date(), year_start);
    let oldest_kept =
        AcademicYear::starting(current.start() - (retention.academic_years - 1).max(0)).to_string();
    let mut purged = Purged::default();
    let mut pace = Pace::declarations();
    loop {
        let erased = erase_declarations(db, &oldest_kept, &mut pace).await?;
        if erased == 0 {
            break;
        }
        purged.declarations += erased;
        progress(Erased::Declarations, erased);
    }
    // The CIN rows of those years (they name no one: what a declaration
    // locks first).
    let mut pace = Pace::rows();
    while delete_batch(
        db,
        &mut pace,
        "DELETE FROM cin_years WHERE (cin, academic_year) IN \
         (SELECT cin, academic_year FROM cin_years WHERE academic_year < $1 LIMIT $2)",
        Bind::Text(&oldest_kept),
    )
    .await?
        > 0
    {}
    // The universities' rosters of those years: kept as long as the
    // declarations they are matched with.
    loop {
        let erased = delete_batch(
            db,
            &mut pace,
            "DELETE FROM roster_entries WHERE (academic_year, university_id, digest) IN \
             (SELECT academic_year, university_id, digest FROM roster_entries \
              WHERE academic_year < $1 LIMIT $2)",
            Bind::Text(&oldest_kept),
        )
        .await?;
        if erased == 0 {
            break;
        }
        purged.roster_entries += erased;
        progress(Erased::RosterEntries, erased);
    }
    sqlx::query("DELETE FROM rosters WHERE academic_year < $1")
        .bind(&oldest_kept)
        .execute(&db.pool)
        .await?;
    let mail_cutoff = now.unix_timestamp() - retention.mail_days * 86_400;
    for sql in [
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox \
         WHERE sent_at IS NOT NULL AND sent_at < $1 LIMIT $2)",
        // A mail that has failed for as long as a sent one is kept will
        // not go now: its address and text go too.
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox \
         WHERE sent_at IS NULL AND created_at < $1 LIMIT $2)",
    ] {
        loop {
            let erased = delete_batch(db, &mut pace, sql, Bind::Number(mail_cutoff)).await?;
            if erased == 0 {
                break;
            }
            purged.mails += erased;
            progress(Erased::Mails, erased);
        }
    }
    let audit_cutoff = crate::clock::rfc3339(now - time::Duration::days(retention.audit_days))
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    loop {
        // Their references go with them (ON DELETE CASCADE).
        let erased = delete_batch(
            db,
            &mut pace,
            "DELETE FROM audit_log WHERE id IN \
             (SELECT id FROM audit_log WHERE at < $1 LIMIT $2)",
            Bind::Text(&audit_cutoff),
        )
        .await?;
        if erased == 0 {
            break;
        }
        purged.audit_entries += erased;
        progress(Erased::AuditEntries, erased);
    }
    purged.mail_files = forget_mail_files(outbox_dir, mail_cutoff, now.unix_timestamp());
    Ok(purged)
}

enum Bind<'a> {
    Text(&'a str),
    Number(i64),
}

/// Runs one `DELETE … LIMIT $2` in its own write transaction, `$2` the
/// pace's rows; how many rows it erased.
async fn delete_batch(
    db: &Db,
    pace: &mut Pace,
    sql: &str,
    bind: Bind<'_>,
) -> Result<u64, sqlx::Error> {
    let started = std::time::Instant::now();
    let mut tx = db.pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let query = sqlx::query(sql);
    let query = match bind {
        Bind::Text(text) => query.bind(text),
        Bind::Number(n) => query.bind(n),
    };
    let erased = query
        .bind(pace.rows)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    pace.after(db, started).await;
    Ok(erased)
}

/// Erases the pace's number of declarations of the years before
/// `oldest_kept`, with their events, corrections and audit references, and
/// adds them to the anonymous counts, in one write transaction; how many
/// it erased.
async fn erase_declarations(
    db: &Db,
    oldest_kept: &str,
    pace: &mut Pace,
) -> Result<u64, sqlx::Error> {
    let started = std::time::Instant::now();
    let mut tx = db.pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    // On PostgreSQL the rows are locked as they are read: a decision or an
    // erasure under way finishes first, and what is counted is what goes.
    let lock = match db.backend {
        Backend::Sqlite => "",
        Backend::Postgres => " FOR UPDATE",
    };
    let rows = sqlx::query(&format!(
        "SELECT reference, academic_year, university_id, status, refusal_reason \
         FROM declarations WHERE academic_year < $1 LIMIT {}{lock}",
        pace.rows
    ))
    .bind(oldest_kept)
    .fetch_all(&mut *tx)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut counts: BTreeMap<(String, String, String, Option<String>), i64> = BTreeMap::new();
    let mut references = Vec::with_capacity(rows.len());
    for row in &rows {
        references.push(row.try_get::<String, _>("reference")?);
        *counts
            .entry((
                row.try_get("academic_year")?,
                row.try_get("university_id")?,
                row.try_get("status")?,
                row.try_get("refusal_reason")?,
            ))
            .or_default() += 1;
    }
    let list = crate::db::placeholders(1, references.len());
    let mut erased = 0;
    for table in [
        "declaration_events",
        "declaration_corrections",
        "reexaminations",
        "declarations",
    ] {
        let sql = format!("DELETE FROM {table} WHERE reference IN ({list})");
        let mut query = sqlx::query(&sql);
        for reference in &references {
            query = query.bind(reference.as_str());
        }
        erased = query.execute(&mut *tx).await?.rows_affected();
    }
    for ((year, university, status, reason), n) in &counts {
        counts::add(&mut tx, year, university, status, reason.as_deref(), *n).await?;
    }
    tx.commit().await?;
    pace.after(db, started).await;
    Ok(erased)
}

/// Removes the `.eml` files written before `cutoff` (Unix seconds), and
/// the half-written `.partial` files that a mail worker stopped in the
/// middle of writing left (more than an hour before `now`).
fn forget_mail_files(dir: &Path, cutoff: i64, now: i64) -> u64 {
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
        let is = |extension: &str| path.extension().is_some_and(|ext| ext == extension);
        let past = if is("eml") {
            cutoff
        } else if is("partial") {
            now - 3_600
        } else {
            continue;
        };
        if written.is_some_and(|at| at < past) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}
