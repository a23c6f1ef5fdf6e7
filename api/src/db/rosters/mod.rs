//! The universities' rosters of enrolled students (`rosters`,
//! `roster_entries`): each student only as a keyed digest
//! ([`Secret::enrolment`](crate::secret::Secret::enrolment)), a roster
//! the entries of one generation. `upload` writes a new generation and
//! switches to it; `matching` keeps each declaration's `enrolled` mark in
//! step with its university's roster for its year, off the request that
//! gave it.
//!
//! A declaration and the switch to a new roster are ordered by a lock of
//! that roster: on PostgreSQL an advisory lock (a declaration takes it
//! shared, the switch alone, for one short statement), on SQLite the
//! database's write lock that both take first. So a declaration reads the
//! roster before a switch or after it, and the matching that follows the
//! switch sees every declaration that read the old one.

pub mod matching;
pub mod upload;

use super::audit::{self, Stamp};
use super::declarations::lock_for_writing;
use amoe_domain::messages::roster::RosterState;
use sqlx::{Any, AnyPool, Row, Transaction};

/// Rows per statement when a roster or its declarations change.
const BATCH: usize = 500;

/// How long an upload or a matching may hold its claim on a roster before
/// another may take it over (one that died, say), in seconds.
const CLAIM_SECS: i64 = 900;

/// The digest as stored.
pub fn hex(digest: u128) -> String {
    format!("{digest:032x}")
}

/// A stored digest.
fn parse_hex(text: &str) -> Result<u128, sqlx::Error> {
    u128::from_str_radix(text, 16).map_err(|e| sqlx::Error::ColumnDecode {
        index: "digest".into(),
        source: e.into(),
    })
}

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Takes the lock of the roster of `university` for `year`: `shared` for
/// what reads it (a declaration, a matching batch, a refusal), alone for
/// the switch to a new generation.
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
        // What reads it holds the write lock already.
        lock_for_writing(tx).await?;
    }
    Ok(())
}

/// The current generation's entries, as a condition on `roster_entries`
/// with `$1` the year and `$2` the university.
const CURRENT: &str = "academic_year = $1 AND university_id = $2 AND generation = \
     (SELECT generation FROM rosters WHERE academic_year = $1 AND university_id = $2)";

/// Whether the roster of `university` for `year` holds `digest`.
pub(crate) async fn holds(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    digest: u128,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(&format!(
        "SELECT 1 AS one FROM roster_entries WHERE {CURRENT} AND digest = $3"
    ))
    .bind(year)
    .bind(university)
    .bind(hex(digest))
    .fetch_optional(&mut **tx)
    .await?
    .is_some())
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
        "DELETE FROM roster_entries WHERE academic_year = $1 AND university_id = $2 \
         AND digest = $3",
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
        "UPDATE rosters SET final_at = $1 \
         WHERE university_id = $2 AND academic_year = $3 AND uploaded_at IS NOT NULL",
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

/// The declarations of a university and year (`$1`, `$2`) not on its
/// roster, not set aside, awaiting a decision, and received before the
/// second the roster was said complete (`$3`, both RFC 3339, compared to
/// the second): one received since is the fund's to look at, or the next
/// roster's.
pub(crate) const UNMATCHED_PENDING: &str = "university_id = $1 AND academic_year = $2 \
     AND enrolled = 0 AND set_aside_at IS NULL \
     AND status IN ('received', 'under_verification') \
     AND substr(received_at, 1, 19) < substr($3, 1, 19)";

/// Where the roster of `university` for `year` stands, and its
/// declarations on it and off it.
pub async fn state(
    pool: &AnyPool,
    university: &str,
    year: &str,
) -> Result<RosterState, sqlx::Error> {
    let roster = sqlx::query(
        "SELECT generation, students, uploaded_at, final_at, matched_generation FROM rosters \
         WHERE university_id = $1 AND academic_year = $2 AND uploaded_at IS NOT NULL",
    )
    .bind(university)
    .bind(year)
    .fetch_optional(pool)
    .await?;
    let count = |sql: String, until: Option<String>| async move {
        let mut query = sqlx::query(&sql).bind(university).bind(year);
        if let Some(until) = until {
            query = query.bind(until);
        }
        query
            .fetch_one(pool)
            .await?
            .try_get::<i64, _>("n")
            .map(|n| u64::try_from(n).unwrap_or_default())
    };
    let of_year = "SELECT COUNT(*) AS n FROM declarations \
                   WHERE university_id = $1 AND academic_year = $2";
    let declarations = count(of_year.to_owned(), None).await?;
    let enrolled = count(format!("{of_year} AND enrolled <> 0"), None).await?;
    let Some(roster) = roster else {
        return Ok(RosterState {
            university: university.to_owned(),
            academic_year: year.to_owned(),
            students: 0,
            uploaded_at: None,
            final_at: None,
            matching: false,
            declarations,
            enrolled,
            not_on_roster_pending: 0,
        });
    };
    let final_at: Option<String> = roster.try_get("final_at")?;
    let not_on_roster_pending = match &final_at {
        Some(at) => {
            count(
                format!("SELECT COUNT(*) AS n FROM declarations WHERE {UNMATCHED_PENDING}"),
                Some(at.clone()),
            )
            .await?
        }
        None => 0,
    };
    let generation: i64 = roster.try_get("generation")?;
    let matched: Option<i64> = roster.try_get("matched_generation")?;
    Ok(RosterState {
        university: university.to_owned(),
        academic_year: year.to_owned(),
        students: u64::try_from(roster.try_get::<i64, _>("students")?).unwrap_or_default(),
        uploaded_at: roster.try_get("uploaded_at")?,
        final_at,
        matching: matched != Some(generation),
        declarations,
        enrolled,
        not_on_roster_pending,
    })
}

/// The declarations of `university` for `year` that its final roster does
/// not hold (see [`UNMATCHED_PENDING`]), `limit` at most, once the
/// roster's marks follow it; `None` when the roster is not final or its
/// matching is under way.
pub async fn unmatched_pending(
    pool: &AnyPool,
    university: &str,
    year: &str,
    limit: usize,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(final_at) = settled_final(&mut tx, university, year).await? else {
        return Ok(None);
    };
    let references = sqlx::query(&format!(
        "SELECT reference FROM declarations WHERE {UNMATCHED_PENDING} ORDER BY reference LIMIT {limit}"
    ))
    .bind(university)
    .bind(year)
    .bind(&final_at)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| row.try_get("reference"))
    .collect::<Result<_, _>>()?;
    tx.commit().await?;
    Ok(Some(references))
}

/// When the roster of `university` for `year` was said complete, if it is
/// and the declarations' marks follow its current generation.
pub(crate) async fn settled_final(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query(
        "SELECT final_at FROM rosters WHERE university_id = $1 AND academic_year = $2 \
         AND final_at IS NOT NULL AND matched_generation = generation",
    )
    .bind(university)
    .bind(year)
    .fetch_optional(&mut **tx)
    .await?
    .map(|row| row.try_get("final_at"))
    .transpose()
}

/// Of `references`, those a one-step refusal may still refuse, read in
/// the refusal's own transaction (which holds the fund's lock, so no mark
/// changes meanwhile, and takes the roster's shared lock, so no switch
/// comes between): `None` when the roster is no longer final, or its marks
/// no longer follow it.
pub(crate) async fn still_unmatched(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    references: &[String],
) -> Result<Option<std::collections::HashSet<String>>, sqlx::Error> {
    lock(tx, university, year, true).await?;
    let Some(final_at) = settled_final(tx, university, year).await? else {
        return Ok(None);
    };
    let mut still = std::collections::HashSet::new();
    for batch in references.chunks(BATCH) {
        let sql = format!(
            "SELECT reference FROM declarations WHERE {UNMATCHED_PENDING} AND reference IN ({})",
            placeholders(4, batch.len())
        );
        let mut query = sqlx::query(&sql)
            .bind(university)
            .bind(year)
            .bind(&final_at);
        for reference in batch {
            query = query.bind(reference.clone());
        }
        for row in query.fetch_all(&mut **tx).await? {
            still.insert(row.try_get("reference")?);
        }
    }
    Ok(Some(still))
}

/// Records a one-step refusal of the declarations off a final roster, with
/// how many were refused (each is in the log of its decisions too).
pub async fn audit_refusal(
    pool: &AnyPool,
    who: &Stamp<'_>,
    university: &str,
    year: &str,
    refused: usize,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    audit::record(
        &mut tx,
        who,
        "refuse_not_enrolled",
        serde_json::json!({ "university": university, "academic_year": year, "refused": refused }),
    )
    .await?;
    tx.commit().await
}
