//! Keeping each declaration's `enrolled` mark in step with its
//! university's roster for its year. After a roster is switched, its
//! matching (one at a time per roster, claimed on its row) erases the
//! generations before it, finds the declarations whose mark differs from the roster,
//! and changes them in batches, each its own transaction that takes the
//! fund's lock, then the CINs' locks (as a declaration does), then the
//! roster's, and judges the mark again from the database itself (a
//! correction or another switch since the search cannot leave it wrong);
//! the CINs whose declarations disagree are judged again. The roster is
//! then marked matched for that generation; one switched meanwhile is
//! matched again. It runs after an upload, off its request, and the
//! housekeeping resumes one that a restart cut short.

use super::{BATCH, CLAIM_SECS, CURRENT, hex, lock, placeholders};
use crate::db::declarations::{forget_cin, judge_again, lock_for_writing};
use crate::secret::Secret;
use futures_util::TryStreamExt;
use sqlx::{Any, AnyPool, Row, Transaction};
use std::collections::{HashMap, HashSet};

/// A declaration whose mark differs from the roster.
struct Change {
    reference: String,
    cin: String,
}

/// The year's declarations of `university` whose details `students` holds
/// (how many), and those whose mark says otherwise.
async fn compare(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
    students: &HashSet<u128>,
) -> Result<(u64, Vec<Change>), sqlx::Error> {
    let mut on = 0;
    let mut changes = Vec::new();
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
        let now =
            students.contains(&secret.enrolment(university, year, [&cin, &massar, &birth_date]));
        on += u64::from(now);
        if now != (row.try_get::<i64, _>("enrolled")? != 0) {
            changes.push(Change {
                reference: row.try_get("reference")?,
                cin,
            });
        }
    }
    Ok((on, changes))
}

/// How many of the year's declarations of `university` a roster of
/// `students` would hold (a dry run's, and an upload's, report).
pub async fn projected(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
    students: &HashSet<u128>,
) -> Result<u64, sqlx::Error> {
    compare(pool, secret, university, year, students)
        .await
        .map(|(on, _)| on)
}

/// Matches the roster of `university` for `year` until the declarations'
/// marks follow its current generation: how many marks changed, or `None`
/// when another matching holds it (it will see the switch too).
pub async fn match_roster(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
    now_secs: i64,
) -> Result<Option<u64>, sqlx::Error> {
    let mut changed = None;
    loop {
        let claimed = sqlx::query(
            "UPDATE rosters SET matching_since = $3 \
             WHERE university_id = $1 AND academic_year = $2 \
             AND (matching_since IS NULL OR matching_since < $4)",
        )
        .bind(university)
        .bind(year)
        .bind(now_secs)
        .bind(now_secs - CLAIM_SECS)
        .execute(pool)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Ok(changed);
        }
        let done = match_claimed(pool, secret, university, year).await;
        sqlx::query(
            "UPDATE rosters SET matching_since = NULL \
             WHERE university_id = $1 AND academic_year = $2",
        )
        .bind(university)
        .bind(year)
        .execute(pool)
        .await?;
        *changed.get_or_insert(0) += done?;
        // A switch between this matching's last look and its letting go
        // found the claim held, and matched nothing: look again.
        let settled = sqlx::query(
            "SELECT 1 AS one FROM rosters WHERE university_id = $1 AND academic_year = $2 \
             AND matched_generation = generation",
        )
        .bind(university)
        .bind(year)
        .fetch_optional(pool)
        .await?
        .is_some();
        if settled {
            return Ok(changed);
        }
    }
}

async fn match_claimed(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
) -> Result<u64, sqlx::Error> {
    let mut changed = 0;
    loop {
        let Some(row) = sqlx::query(
            "SELECT generation, matched_generation FROM rosters \
             WHERE university_id = $1 AND academic_year = $2",
        )
        .bind(university)
        .bind(year)
        .fetch_optional(pool)
        .await?
        else {
            return Ok(changed);
        };
        let generation: i64 = row.try_get("generation")?;
        let matched: Option<i64> = row.try_get("matched_generation")?;
        // The generations before the current one (an upload writing a new
        // one writes it after).
        erase_older_generations(pool, university, year, generation).await?;
        if matched == Some(generation) {
            return Ok(changed);
        }
        let students = super::upload::current(pool, university, year).await?;
        let (_, mut changes) = compare(pool, secret, university, year, &students).await?;
        drop(students);
        changes.sort_by(|a, b| a.cin.cmp(&b.cin).then(a.reference.cmp(&b.reference)));
        for batch in changes.chunks(BATCH) {
            let started = std::time::Instant::now();
            let (marked, one_writer) = mark_batch(pool, secret, university, year, batch).await?;
            changed += marked;
            // SQLite has one writer: students declaring meanwhile get their
            // turn between two batches, as during a purge.
            if one_writer {
                tokio::time::sleep(started.elapsed()).await;
            }
        }
        sqlx::query(
            "UPDATE rosters SET matched_generation = $3 \
             WHERE university_id = $1 AND academic_year = $2",
        )
        .bind(university)
        .bind(year)
        .bind(generation)
        .execute(pool)
        .await?;
    }
}

/// Erases, a few thousand at a time, the entries of generations before
/// `current`.
async fn erase_older_generations(
    pool: &AnyPool,
    university: &str,
    year: &str,
    current: i64,
) -> Result<(), sqlx::Error> {
    loop {
        let erased = sqlx::query(&format!(
            "DELETE FROM roster_entries WHERE (academic_year, university_id, generation, digest) IN \
             (SELECT academic_year, university_id, generation, digest FROM roster_entries \
              WHERE academic_year = $1 AND university_id = $2 AND generation < $3 LIMIT {})",
            BATCH * 10
        ))
        .bind(year)
        .bind(university)
        .bind(current)
        .execute(pool)
        .await?
        .rows_affected();
        if erased == 0 {
            return Ok(());
        }
    }
}

/// One of a batch's declarations, read under the locks.
struct Read {
    reference: String,
    cin: String,
    digest: u128,
    enrolled: bool,
}

async fn read(
    tx: &mut Transaction<'_, Any>,
    secret: &Secret,
    university: &str,
    year: &str,
    references: &[&str],
) -> Result<Vec<Read>, sqlx::Error> {
    let sql = format!(
        "SELECT reference, cin, massar, birth_date, enrolled FROM declarations \
         WHERE reference IN ({})",
        placeholders(1, references.len())
    );
    let mut query = sqlx::query(&sql);
    for reference in references {
        query = query.bind(reference.to_string());
    }
    query
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|row| {
            let cin: String = row.try_get("cin")?;
            let massar: String = row.try_get("massar")?;
            let birth_date: String = row.try_get("birth_date")?;
            Ok(Read {
                reference: row.try_get("reference")?,
                digest: secret.enrolment(university, year, [&cin, &massar, &birth_date]),
                cin,
                enrolled: row.try_get::<i64, _>("enrolled")? != 0,
            })
        })
        .collect()
}

/// Takes the locks of `cins` (sorted, each once) for `year`, in one
/// statement: their rows of `cin_years`, as a declaration takes its one.
async fn lock_cins(
    tx: &mut Transaction<'_, Any>,
    cins: &[&str],
    year: &str,
) -> Result<(), sqlx::Error> {
    if cins.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..cins.len())
        .map(|i| format!("(${}, $1)", i + 2))
        .collect();
    let sql = format!(
        "INSERT INTO cin_years (cin, academic_year) VALUES {} \
         ON CONFLICT (cin, academic_year) DO UPDATE SET academic_year = cin_years.academic_year",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(year);
    for cin in cins {
        query = query.bind(cin.to_string());
    }
    query.execute(&mut **tx).await.map(|_| ())
}

/// Sets the mark of a batch of declarations as the roster says now, under
/// the fund's lock, their CINs' and the roster's, and judges again the
/// CINs whose declarations disagree; how many marks changed, and whether
/// the database has one writer at a time (SQLite).
async fn mark_batch(
    pool: &AnyPool,
    secret: &Secret,
    university: &str,
    year: &str,
    batch: &[Change],
) -> Result<(u64, bool), sqlx::Error> {
    let mut cins: Vec<&str> = batch.iter().map(|c| c.cin.as_str()).collect();
    cins.sort_unstable();
    cins.dedup();
    let references: Vec<&str> = batch.iter().map(|c| c.reference.as_str()).collect();
    let mut tx = pool.begin().await?;
    // The fund's lock first, as every writer of many declarations: a flag
    // judged again changes the tallies.
    lock_for_writing(&mut tx).await?;
    lock_cins(&mut tx, &cins, year).await?;
    let mut rows = read(&mut tx, secret, university, year, &references).await?;
    // A correction since the search may have changed a CIN: its lock too.
    let mut moved: Vec<&str> = rows
        .iter()
        .map(|r| r.cin.as_str())
        .filter(|cin| cins.binary_search(cin).is_err())
        .collect();
    moved.sort_unstable();
    moved.dedup();
    lock_cins(&mut tx, &moved, year).await?;
    lock(&mut tx, university, year, true).await?;
    if !moved.is_empty() {
        rows = read(&mut tx, secret, university, year, &references).await?;
    }
    // A CIN whose declaration was erased or corrected since the search
    // keeps no row of its own in `cin_years` (its lock, taken above).
    for cin in &cins {
        if !rows.iter().any(|r| r.cin == *cin) {
            forget_cin(&mut tx, cin, year).await?;
        }
    }
    let held = held(&mut tx, university, year, &rows).await?;
    let mut changed = HashMap::new();
    for row in &rows {
        let now = held.contains(&row.digest);
        if now != row.enrolled {
            changed.insert(row.reference.as_str(), now);
        }
    }
    for mark in [true, false] {
        let set: Vec<&str> = changed
            .iter()
            .filter(|(_, m)| **m == mark)
            .map(|(r, _)| *r)
            .collect();
        if set.is_empty() {
            continue;
        }
        let sql = format!(
            "UPDATE declarations SET enrolled = $1 WHERE reference IN ({})",
            placeholders(2, set.len())
        );
        let mut update = sqlx::query(&sql).bind(i64::from(mark));
        for reference in set {
            update = update.bind(reference.to_string());
        }
        update.execute(&mut *tx).await?;
    }
    let mut all: Vec<&str> = rows.iter().map(|r| r.cin.as_str()).collect();
    all.sort_unstable();
    all.dedup();
    for cin in disagreeing(&mut tx, &all).await? {
        judge_again(&mut tx, &cin).await?;
    }
    let one_writer = tx.backend_name() == "SQLite";
    tx.commit().await?;
    Ok((changed.len() as u64, one_writer))
}

/// Which of `rows`' digests the current roster holds.
async fn held(
    tx: &mut Transaction<'_, Any>,
    university: &str,
    year: &str,
    rows: &[Read],
) -> Result<HashSet<u128>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!(
        "SELECT digest FROM roster_entries WHERE {CURRENT} AND digest IN ({})",
        placeholders(3, rows.len())
    );
    let mut query = sqlx::query(&sql).bind(year).bind(university);
    for row in rows {
        query = query.bind(hex(row.digest));
    }
    query
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|row| super::parse_hex(&row.try_get::<String, _>("digest")?))
        .collect()
}

/// Of `cins`, those whose declarations (of any year) do not all carry the
/// same Massar code and birth date: where a mark can change a flag.
async fn disagreeing(
    tx: &mut Transaction<'_, Any>,
    cins: &[&str],
) -> Result<Vec<String>, sqlx::Error> {
    if cins.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT cin FROM declarations WHERE cin IN ({}) GROUP BY cin \
         HAVING COUNT(DISTINCT massar || '/' || birth_date) > 1 ORDER BY cin",
        placeholders(1, cins.len())
    );
    let mut query = sqlx::query(&sql);
    for cin in cins {
        query = query.bind(cin.to_string());
    }
    query
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|row| row.try_get("cin"))
        .collect()
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
    let enrolled = super::holds(tx, &university, &year, digest).await?;
    sqlx::query("UPDATE declarations SET enrolled = $1 WHERE reference = $2")
        .bind(i64::from(enrolled))
        .bind(reference)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Matches every roster whose declarations' marks do not follow it yet (an
/// upload's matching cut short by a restart, say): the housekeeping's.
pub async fn match_unmatched(
    pool: &AnyPool,
    secret: &Secret,
    now_secs: i64,
) -> Result<u64, sqlx::Error> {
    let pending: Vec<(String, String)> = sqlx::query(
        "SELECT university_id, academic_year FROM rosters WHERE uploaded_at IS NOT NULL \
         AND (matched_generation IS NULL OR matched_generation <> generation) \
         ORDER BY university_id, academic_year",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| Ok((row.try_get("university_id")?, row.try_get("academic_year")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let mut changed = 0;
    for (university, year) in pending {
        changed += match_roster(pool, secret, &university, &year, now_secs)
            .await?
            .unwrap_or(0);
    }
    Ok(changed)
}
