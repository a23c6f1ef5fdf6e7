//! Giving a roster: one upload of a roster at a time (a claim on its row),
//! its students written as a new generation beside the current one
//! (students go on declaring against the current one meanwhile), then the
//! switch to it in one short transaction under the roster's lock, audited.
//! Generations only grow: the old ones, and any an upload cut short left,
//! are the matching's to erase, after, as are the declarations' marks.

use super::{BATCH, CLAIM_SECS, hex, lock, parse_hex};
use crate::db::audit::{self, Stamp};
use sqlx::{AnyPool, Row};
use std::collections::HashSet;

/// The students on the roster now (its current generation).
pub async fn current(
    pool: &AnyPool,
    university: &str,
    year: &str,
) -> Result<HashSet<u128>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT digest FROM roster_entries WHERE {}",
        super::CURRENT
    ))
    .bind(year)
    .bind(university)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| parse_hex(&row.try_get::<String, _>("digest")?))
    .collect()
}

/// Claims the roster of `university` for `year` for one upload (its row
/// made if there is none yet): `false` when another upload holds it.
pub async fn claim(
    pool: &AnyPool,
    university: &str,
    year: &str,
    now_secs: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO rosters (university_id, academic_year, generation, students) \
         VALUES ($1, $2, 0, 0) ON CONFLICT (university_id, academic_year) DO NOTHING",
    )
    .bind(university)
    .bind(year)
    .execute(pool)
    .await?;
    let claimed = sqlx::query(
        "UPDATE rosters SET uploading_since = $3 \
         WHERE university_id = $1 AND academic_year = $2 \
         AND (uploading_since IS NULL OR uploading_since < $4)",
    )
    .bind(university)
    .bind(year)
    .bind(now_secs)
    .bind(now_secs - CLAIM_SECS)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// Lets go of an upload's claim (an upload that failed, or a dry run).
pub async fn release(pool: &AnyPool, university: &str, year: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE rosters SET uploading_since = NULL WHERE university_id = $1 AND academic_year = $2",
    )
    .bind(university)
    .bind(year)
    .execute(pool)
    .await
    .map(|_| ())
}

/// What giving a roster changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Given {
    pub added: usize,
    pub removed: usize,
}

/// Replaces the roster of `university` for `year` (claimed) by `students`:
/// writes them as a new generation, then switches to it, says it is not
/// complete any more (the university says so again once it has checked
/// the new one), lets go of the claim, and audits it.
pub async fn give(
    pool: &AnyPool,
    university: &str,
    year: &str,
    students: &HashSet<u128>,
    before: &HashSet<u128>,
    who: &Stamp<'_>,
) -> Result<Given, sqlx::Error> {
    let given = Given {
        added: students.difference(before).count(),
        removed: before.difference(students).count(),
    };
    // Past every generation written, the current one and any an upload cut
    // short left: the matching erases those before the current one.
    let generation: i64 = sqlx::query(
        "SELECT COALESCE(MAX(generation), 0) AS g FROM roster_entries \
         WHERE academic_year = $1 AND university_id = $2",
    )
    .bind(year)
    .bind(university)
    .fetch_one(pool)
    .await?
    .try_get::<i64, _>("g")?
    .max(
        sqlx::query(
            "SELECT generation FROM rosters WHERE university_id = $1 AND academic_year = $2",
        )
        .bind(university)
        .bind(year)
        .fetch_one(pool)
        .await?
        .try_get::<i64, _>("generation")?,
    ) + 1;
    let mut digests: Vec<String> = students.iter().map(|d| hex(*d)).collect();
    digests.sort_unstable();
    // The new generation, a few thousand rows a transaction (a student
    // declaring waits for one at most): nobody reads it before the switch,
    // and an upload cut short leaves it to the matching to erase.
    for part in digests.chunks(BATCH * 10) {
        let started = std::time::Instant::now();
        let mut tx = pool.begin().await?;
        for batch in part.chunks(BATCH) {
            let rows: Vec<String> = (0..batch.len())
                .map(|i| format!("($1, $2, $3, ${})", i + 4))
                .collect();
            let sql = format!(
                "INSERT INTO roster_entries (academic_year, university_id, generation, digest) \
                 VALUES {}",
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql)
                .bind(year)
                .bind(university)
                .bind(generation);
            for digest in batch {
                query = query.bind(digest.clone());
            }
            query.execute(&mut *tx).await?;
        }
        let one_writer = tx.backend_name() == "SQLite";
        tx.commit().await?;
        // SQLite has one writer: students declaring meanwhile get their
        // turn between two parts.
        if one_writer {
            tokio::time::sleep(started.elapsed()).await;
        }
    }
    let mut tx = pool.begin().await?;
    lock(&mut tx, university, year, false).await?;
    sqlx::query(
        "UPDATE rosters SET generation = $3, students = $4, uploaded_at = $5, final_at = NULL, \
           uploading_since = NULL \
         WHERE university_id = $1 AND academic_year = $2",
    )
    .bind(university)
    .bind(year)
    .bind(generation)
    .bind(i64::try_from(students.len()).unwrap_or(i64::MAX))
    .bind(who.at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        who,
        "roster_upload",
        serde_json::json!({
            "university": university, "academic_year": year,
            "students": students.len(), "added": given.added, "removed": given.removed,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(given)
}
