//! The universities' rosters of enrolled students (`rosters`,
//! `roster_entries`): each student only as a keyed digest
//! ([`Secret::enrolment`]), a roster replaced all at once, and each
//! declaration's `enrolled` mark kept in step with its university's roster
//! for its year.
//!
//! A declaration and an upload of its university's roster are ordered by a
//! lock of that roster: on PostgreSQL an advisory lock (a declaration
//! takes it shared, an upload alone), on SQLite the database's write lock
//! that both take first. So a declaration reads the roster before an
//! upload or after it, never during, and the upload's matching of the
//! declarations, after it, sees every declaration that read the old one.

use super::audit::{self, Stamp};
use super::declarations::{judge_again, lock_cin, lock_for_writing};
use crate::secret::Secret;
use amoe_domain::declaration::Status;
use amoe_domain::messages::roster::RosterState;
use futures_util::TryStreamExt;
use sqlx::{Any, AnyPool, Row, Transaction};
use std::collections::HashSet;

/// Rows per statement when a roster or its declarations change.
const BATCH: usize = 500;

/// The digest as stored.
pub fn hex(digest: u128) -> String {
    format!("{digest:032x}")
}

/// Takes the lock of the roster of `university` for `year`: `shared` for
/// a declaration that reads it, alone for an upload that replaces it.
pub(crate) async fn lock(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    shared: bool,
) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        let function = if shared {
            "pg_advisory_xact_lock_shared"
        } else {
            "pg_advisory_xact_lock"
        };
        sqlx::query(&format!(
            "SELECT {function}(1095585605, hashtext($1 || '/' || $2))"
        ))
        .bind(university)
        .bind(year)
        .execute(&mut **tx)
        .await?;
    } else if !shared {
        // A declaration already holds the write lock when it reads.
        lock_for_writing(tx).await?;
    }
    Ok(())
}

/// Whether the roster of `university` for `year` holds `digest`.
pub(crate) async fn holds(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    digest: u128,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT 1 AS one FROM roster_entries \
         WHERE academic_year = $1 AND university_id = $2 AND digest = $3",
    )
    .bind(year)
    .bind(university)
    .bind(hex(digest))
    .fetch_optional(&mut **tx)
    .await?
    .is_some())
}

/// What replacing a roster changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    pub added: usize,
    pub removed: usize,
}

/// Replaces the roster of `university` for `year` by `students`, all at
/// once (or, with `dry_run`, only says what that would change), audited.
/// The declarations are matched again after it, by [`match_declarations`].
pub async fn replace(
    pool: &AnyPool,
    university: &str,
    year: &str,
    students: &HashSet<u128>,
    dry_run: bool,
    who: &Stamp<'_>,
) -> Result<Replaced, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock(&mut tx, university, year, false).await?;
    let before: HashSet<u128> = sqlx::query(
        "SELECT digest FROM roster_entries WHERE academic_year = $1 AND university_id = $2",
    )
    .bind(year)
    .bind(university)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| {
        let text: String = row.try_get("digest")?;
        u128::from_str_radix(&text, 16).map_err(|e| sqlx::Error::ColumnDecode {
            index: "digest".into(),
            source: e.into(),
        })
    })
    .collect::<Result<_, _>>()?;
    let mut added: Vec<String> = students.difference(&before).map(|d| hex(*d)).collect();
    let mut removed: Vec<String> = before.difference(students).map(|d| hex(*d)).collect();
    let replaced = Replaced {
        added: added.len(),
        removed: removed.len(),
    };
    if dry_run {
        tx.rollback().await?;
        return Ok(replaced);
    }
    added.sort_unstable();
    removed.sort_unstable();
    for batch in removed.chunks(BATCH) {
        let list = placeholders(3, batch.len());
        let query_sql = format!(
            "DELETE FROM roster_entries WHERE academic_year = $1 AND university_id = $2 \
             AND digest IN ({list})"
        );
        let mut query = sqlx::query(&query_sql).bind(year).bind(university);
        for digest in batch {
            query = query.bind(digest.clone());
        }
        query.execute(&mut *tx).await?;
    }
    for batch in added.chunks(BATCH) {
        let rows: Vec<String> = (0..batch.len())
            .map(|i| format!("($1, $2, ${})", i + 3))
            .collect();
        let query_sql = format!(
            "INSERT INTO roster_entries (academic_year, university_id, digest) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(&query_sql).bind(year).bind(university);
        for digest in batch {
            query = query.bind(digest.clone());
        }
        query.execute(&mut *tx).await?;
    }
    let count = i64::try_from(students.len()).unwrap_or(i64::MAX);
    sqlx::query(
        "INSERT INTO rosters (university_id, academic_year, students, uploaded_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (university_id, academic_year) \
         DO UPDATE SET students = $3, uploaded_at = $4",
    )
    .bind(university)
    .bind(year)
    .bind(count)
    .bind(who.at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        who,
        "roster_upload",
        serde_json::json!({
            "university": university, "academic_year": year,
            "students": students.len(), "added": replaced.added, "removed": replaced.removed,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(replaced)
}

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A declaration whose mark is to change.
struct Change {
    reference: String,
    cin: String,
}

/// Marks `enrolled` each declaration of `university` for `year` whose
/// details `students` holds, and clears the mark of the others, then
/// judges again the identity of the CINs where that can change a flag
/// (those with declarations that disagree). In batches, each its own
/// transaction, each taking its CINs' locks first (in order), as a
/// declaration does: students go on declaring meanwhile. How many marks
/// changed.
pub async fn match_declarations(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
    students: &HashSet<u128>,
) -> Result<u64, sqlx::Error> {
    let mut on = Vec::new();
    let mut off = Vec::new();
    {
        let mut rows = sqlx::query(
            "SELECT reference, cin, massar, birth_date, enrolled FROM declarations \
             WHERE university_id = $1 AND academic_year = $2",
        )
        .bind(university)
        .bind(year)
        .fetch(pool);
        while let Some(row) = rows.try_next().await? {
            let cin: String = row.try_get("cin")?;
            let massar: String = row.try_get("massar")?;
            let birth_date: String = row.try_get("birth_date")?;
            let now = students.contains(&secret.enrolment(
                university,
                year,
                [&cin, &massar, &birth_date],
            ));
            let was = row.try_get::<i64, _>("enrolled")? != 0;
            if now != was {
                let change = Change {
                    reference: row.try_get("reference")?,
                    cin,
                };
                if now {
                    on.push(change)
                } else {
                    off.push(change)
                }
            }
        }
    }
    let changed = (on.len() + off.len()) as u64;
    for (mark, mut changes) in [(1_i64, on), (0, off)] {
        changes.sort_by(|a, b| a.cin.cmp(&b.cin).then(a.reference.cmp(&b.reference)));
        for batch in changes.chunks(BATCH) {
            mark_batch(pool, year, batch, mark).await?;
        }
    }
    Ok(changed)
}

/// Sets `enrolled` to `mark` on a batch of declarations (sorted by CIN),
/// under their CINs' locks, and judges again the CINs whose declarations
/// disagree.
async fn mark_batch(
    pool: &AnyPool,
    year: &str,
    batch: &[Change],
    mark: i64,
) -> Result<(), sqlx::Error> {
    let mut cins: Vec<&str> = batch.iter().map(|c| c.cin.as_str()).collect();
    cins.dedup();
    let mut tx = pool.begin().await?;
    // The fund's lock first, as every writer of many declarations: a flag
    // judged again changes the tallies.
    lock_for_writing(&mut tx).await?;
    for cin in &cins {
        lock_cin(&mut tx, cin, year).await?;
    }
    let list = placeholders(2, batch.len());
    let update_sql = format!("UPDATE declarations SET enrolled = $1 WHERE reference IN ({list})");
    let mut update = sqlx::query(&update_sql).bind(mark);
    for change in batch {
        update = update.bind(change.reference.clone());
    }
    update.execute(&mut *tx).await?;
    let list = placeholders(1, cins.len());
    let disagreeing_sql = format!(
        "SELECT cin FROM declarations WHERE cin IN ({list}) GROUP BY cin \
         HAVING COUNT(DISTINCT massar || '/' || birth_date) > 1 ORDER BY cin"
    );
    let mut disagreeing = sqlx::query(&disagreeing_sql);
    for cin in &cins {
        disagreeing = disagreeing.bind(cin.to_string());
    }
    let disagreeing: Vec<String> = disagreeing
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| row.try_get("cin"))
        .collect::<Result<_, _>>()?;
    for cin in &disagreeing {
        judge_again(&mut tx, cin).await?;
    }
    tx.commit().await
}

/// Marks one declaration (in a transaction that holds its CIN's lock) as
/// its university's roster for its year says, after its details changed.
pub(crate) async fn match_one(
    tx: &mut Transaction<'_, Any>,
    secret: &Secret,
    reference: &str,
) -> Result<(), sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT university_id, academic_year, cin, massar, birth_date FROM declarations \
         WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(());
    };
    let [university, year, cin, massar, birth_date]: [String; 5] = [
        row.try_get("university_id")?,
        row.try_get("academic_year")?,
        row.try_get("cin")?,
        row.try_get("massar")?,
        row.try_get("birth_date")?,
    ];
    lock(tx, &university, &year, true).await?;
    let digest = secret.enrolment(&university, &year, [&cin, &massar, &birth_date]);
    let enrolled = holds(tx, &university, &year, digest).await?;
    sqlx::query("UPDATE declarations SET enrolled = $1 WHERE reference = $2")
        .bind(i64::from(enrolled))
        .bind(reference)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Removes a student from a roster (an erasure at their request), in the
/// transaction that erases their declaration.
pub(crate) async fn forget(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    digest: u128,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM roster_entries WHERE academic_year = $1 AND university_id = $2 AND digest = $3",
    )
    .bind(year)
    .bind(university)
    .bind(hex(digest))
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Says the roster of `university` for `year` is complete (`complete`),
/// or not any more, audited; `false` when no roster was given.
pub async fn set_final(
    pool: &AnyPool,
    university: &str,
    year: &str,
    complete: bool,
    who: &Stamp<'_>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query(
        "UPDATE rosters SET final_at = $1 WHERE university_id = $2 AND academic_year = $3",
    )
    .bind(complete.then_some(who.at))
    .bind(university)
    .bind(year)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if done == 0 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        who,
        if complete {
            "roster_final"
        } else {
            "roster_reopened"
        },
        serde_json::json!({ "university": university, "academic_year": year }),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Where the roster of `university` for `year` stands, and its
/// declarations on it and off it.
pub async fn state(
    pool: &AnyPool,
    university: &str,
    year: &str,
) -> Result<RosterState, sqlx::Error> {
    let roster = sqlx::query(
        "SELECT students, uploaded_at, final_at FROM rosters \
         WHERE university_id = $1 AND academic_year = $2",
    )
    .bind(university)
    .bind(year)
    .fetch_optional(pool)
    .await?;
    let count = |sql: String| async move {
        sqlx::query(&sql)
            .bind(university)
            .bind(year)
            .fetch_one(pool)
            .await?
            .try_get::<i64, _>("n")
            .map(|n| u64::try_from(n).unwrap_or_default())
    };
    let of_year =
        "SELECT COUNT(*) AS n FROM declarations WHERE university_id = $1 AND academic_year = $2";
    let declarations = count(of_year.to_owned()).await?;
    let enrolled = count(format!("{of_year} AND enrolled <> 0")).await?;
    let final_at: Option<String> = match &roster {
        Some(row) => row.try_get("final_at")?,
        None => None,
    };
    let not_on_roster_pending = if final_at.is_some() {
        count(format!("{of_year} AND {UNMATCHED_PENDING}")).await?
    } else {
        0
    };
    Ok(RosterState {
        university: university.to_owned(),
        academic_year: year.to_owned(),
        students: match &roster {
            Some(row) => u64::try_from(row.try_get::<i64, _>("students")?).unwrap_or_default(),
            None => 0,
        },
        uploaded_at: match &roster {
            Some(row) => row.try_get("uploaded_at")?,
            None => None,
        },
        final_at,
        declarations,
        enrolled,
        not_on_roster_pending,
    })
}

/// Not on the roster, not set aside, and awaiting a decision.
const UNMATCHED_PENDING: &str = "enrolled = 0 AND set_aside_at IS NULL \
     AND status IN ('received', 'under_verification')";

/// The declarations of `university` for `year` not on its roster, not
/// set aside and awaiting a decision, once the roster is final (none
/// before): what the fund may refuse as `not_enrolled` in one step.
pub async fn unmatched_pending(
    pool: &AnyPool,
    university: &str,
    year: &str,
) -> Result<Vec<String>, sqlx::Error> {
    debug_assert!(UNMATCHED_PENDING.contains(Status::Received.as_str()));
    sqlx::query(&format!(
        "SELECT reference FROM declarations d WHERE university_id = $1 AND academic_year = $2 \
         AND {UNMATCHED_PENDING} AND EXISTS (SELECT 1 FROM rosters r \
           WHERE r.university_id = d.university_id AND r.academic_year = d.academic_year \
           AND r.final_at IS NOT NULL) \
         ORDER BY reference"
    ))
    .bind(university)
    .bind(year)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| row.try_get("reference"))
    .collect()
}
