//! The declarations and what belongs to each: its status history
//! (`declaration_events`), its corrections, the words of its name, its
//! CIN's row per academic year (`cin_years`, the lock every writer of a
//! CIN takes first) and the counts kept of them. A module per thing done
//! to them; here, what several of them share.

pub mod correct;
pub mod counts;
pub mod criteria;
pub mod decide;
pub mod erasure;
pub mod export;
pub mod names;
pub mod read;
pub mod reexamine;
pub mod search;
pub mod set_aside;
pub mod status;
pub mod submit;

use amoe_domain::declaration::Status;
use amoe_domain::declaration::identity::{Claim, Stored, flags};
use amoe_domain::messages::operator::ExportedDeclaration;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyPool, Row, Transaction};

/// The key of the PostgreSQL advisory lock the fund's writes take.
const FUND_WRITES: i64 = 0x414d_4f45_0001;

/// Takes the write lock at once, for the transactions that change many
/// declarations (decisions, marks, corrections, erasures, the purge): on
/// SQLite the database's (a transaction that reads, then writes, would
/// otherwise fail while another writes); on PostgreSQL an advisory lock
/// held until the end of the transaction. Each of these changes rows in
/// the order of their references, but the tallies' triggers lock the count
/// rows in the order the changes come: two of them at once could each hold
/// what the other waits for. Students' declarations take their CIN's lock
/// instead, and never wait for these.
pub(crate) async fn lock_for_writing(tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        let statement = format!("SELECT pg_advisory_xact_lock({FUND_WRITES})");
        sqlx::query(&statement).execute(&mut **tx).await.map(|_| ())
    } else {
        write_first(tx).await
    }
}

/// On SQLite, takes the database's write lock at once: a transaction that
/// reads first and then writes fails at once while another writes
/// (`busy_timeout` waits only for a first lock). On PostgreSQL, nothing:
/// row locks serve.
pub(crate) async fn write_first(tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        return Ok(());
    }
    sqlx::query("UPDATE declarations SET status = status WHERE 1 = 0")
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub(crate) async fn next_position(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM declaration_events WHERE reference = $1")
        .bind(reference)
        .fetch_one(&mut **tx)
        .await?
        .try_get("next")
}

pub(crate) async fn record_event(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
    status: Status,
    at: &str,
) -> Result<(), sqlx::Error> {
    let position = next_position(tx, reference).await?;
    sqlx::query(
        "INSERT INTO declaration_events (reference, position, status, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(reference)
    .bind(position)
    .bind(status.as_str())
    .bind(at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub(crate) fn exported(row: &AnyRow) -> Result<ExportedDeclaration, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(ExportedDeclaration {
        reference: row.try_get("reference")?,
        academic_year: row.try_get("academic_year")?,
        cin: row.try_get("cin")?,
        massar: row.try_get("massar")?,
        last_name: row.try_get("last_name")?,
        first_name: row.try_get("first_name")?,
        birth_date: row.try_get("birth_date")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        university: row.try_get("university_id")?,
        establishment: row.try_get("establishment")?,
        status: Status::parse(&status).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "status".into(),
            source: format!("unknown status {status:?}").into(),
        })?,
        received_at: row.try_get("received_at")?,
        identity_conflict: row.try_get::<i64, _>("identity_conflict")? != 0,
        vouched_by: Some(row.try_get::<String, _>("vouched_by")?).filter(|v| !v.is_empty()),
        set_aside: row.try_get::<Option<String>, _>("set_aside_at")?.is_some(),
        enrolled: row.try_get::<i64, _>("enrolled")? != 0,
        not_on_roster: row.try_get::<i64, _>("not_on_roster")? != 0,
    })
}

/// A declaration not on its university's roster for its year, once that
/// roster is final: a condition over `declarations`, the same for the
/// columns read and the searches' filter.
macro_rules! not_on_roster {
    () => {
        "enrolled = 0 AND EXISTS (SELECT 1 FROM rosters r \
         WHERE r.university_id = declarations.university_id \
         AND r.academic_year = declarations.academic_year AND r.final_at IS NOT NULL)"
    };
}

/// See [`not_on_roster!`].
pub(crate) const NOT_ON_ROSTER: &str = not_on_roster!();

/// The columns [`exported`] reads of the roster: `enrolled`, and
/// `not_on_roster` ([`NOT_ON_ROSTER`]).
pub(crate) const ROSTER_COLUMNS: &str = concat!(
    "enrolled, CAST(CASE WHEN ",
    not_on_roster!(),
    " THEN 1 ELSE 0 END AS BIGINT) AS not_on_roster"
);

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Locks the row of a CIN and academic year (an upsert), the first lock
/// every writer of that CIN's declarations takes: they are judged one
/// after the other, on PostgreSQL as on SQLite.
pub(crate) async fn lock_cin(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cin: &str,
    year: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO cin_years (cin, academic_year) VALUES ($1, $2) \
         ON CONFLICT (cin, academic_year) DO UPDATE SET academic_year = cin_years.academic_year",
    )
    .bind(cin)
    .bind(year)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Locks a declaration's row (after its CIN's, the order every writer
/// takes them in) and reads its CIN and year; `None` if it is gone.
async fn lock_declaration(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query("UPDATE declarations SET status = status WHERE reference = $1")
        .bind(reference)
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query("SELECT cin, academic_year FROM declarations WHERE reference = $1")
        .bind(reference)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| Ok((row.try_get("cin")?, row.try_get("academic_year")?)))
        .transpose()
}

/// Reads a declaration's CIN and year without a lock, then locks its
/// CIN's row and its own, and reads them again; a CIN changed meanwhile
/// (another correction) starts over.
pub(crate) async fn lock_for_rights(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    for _ in 0..3 {
        let Some(row) =
            sqlx::query("SELECT cin, academic_year FROM declarations WHERE reference = $1")
                .bind(reference)
                .fetch_optional(&mut **tx)
                .await?
        else {
            return Ok(None);
        };
        let (cin, year): (String, String) = (row.try_get("cin")?, row.try_get("academic_year")?);
        lock_cin(tx, &cin, &year).await?;
        match lock_declaration(tx, reference).await? {
            Some(locked) if locked == (cin.clone(), year.clone()) => return Ok(Some(locked)),
            Some(_) => continue,
            None => return Ok(None),
        }
    }
    Err(sqlx::Error::Protocol(
        "the declaration's CIN kept changing".into(),
    ))
}

/// Sets the `identity_conflict` flag of each declaration of `cin`, as
/// judging them in the order they arrived would have left it.
pub(crate) async fn judge_again(
    tx: &mut Transaction<'_, Any>,
    cin: &str,
) -> Result<(), sqlx::Error> {
    let rows = claims(tx, cin).await?;
    let stored: Vec<Stored<'_>> = rows
        .iter()
        .map(|row| Stored {
            claim: row.claim(),
            academic_year: &row.academic_year,
            set_aside: row.set_aside,
        })
        .collect();
    for (row, flagged) in rows.iter().zip(flags(&stored)) {
        if row.identity_conflict != flagged {
            sqlx::query("UPDATE declarations SET identity_conflict = $1 WHERE reference = $2")
                .bind(i64::from(flagged))
                .bind(&row.reference)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// One of a CIN's declarations as identity judges it.
pub(crate) struct ClaimRow {
    pub reference: String,
    pub academic_year: String,
    pub massar: String,
    pub birth_date: String,
    /// The portal that vouched for it, or empty.
    pub vouched_by: String,
    pub identity_conflict: bool,
    /// Set aside by the fund: counts towards nothing of its CIN.
    pub set_aside: bool,
    /// On its university's roster for its year.
    pub enrolled: bool,
}

impl ClaimRow {
    pub fn claim(&self) -> Claim<'_> {
        Claim {
            massar: &self.massar,
            birth_date: &self.birth_date,
            vouched_by: &self.vouched_by,
            enrolled: self.enrolled,
        }
    }
}

/// A CIN's declarations, in the order they arrived, as identity judges
/// them (in the transaction that holds the CIN's lock).
pub(crate) async fn claims(
    tx: &mut Transaction<'_, Any>,
    cin: &str,
) -> Result<Vec<ClaimRow>, sqlx::Error> {
    sqlx::query(
        "SELECT reference, academic_year, massar, birth_date, vouched_by, identity_conflict, \
           set_aside_at, enrolled FROM declarations WHERE cin = $1 ORDER BY received_at, reference",
    )
    .bind(cin)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|row| {
        Ok(ClaimRow {
            reference: row.try_get("reference")?,
            academic_year: row.try_get("academic_year")?,
            massar: row.try_get("massar")?,
            birth_date: row.try_get("birth_date")?,
            vouched_by: row.try_get("vouched_by")?,
            identity_conflict: row.try_get::<i64, _>("identity_conflict")? != 0,
            set_aside: row.try_get::<Option<String>, _>("set_aside_at")?.is_some(),
            enrolled: row.try_get::<i64, _>("enrolled")? != 0,
        })
    })
    .collect()
}

/// Removes a CIN's row for `year` once no declaration uses it.
pub(crate) async fn forget_cin(
    tx: &mut Transaction<'_, Any>,
    cin: &str,
    year: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM cin_years WHERE cin = $1 AND academic_year = $2 \
         AND NOT EXISTS (SELECT 1 FROM declarations WHERE cin = $1 AND academic_year = $2)",
    )
    .bind(cin)
    .bind(year)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The university of a declaration, if it exists.
pub async fn university_of(pool: &AnyPool, reference: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT university_id FROM declarations WHERE reference = $1")
        .bind(reference)
        .fetch_optional(pool)
        .await?
        .map(|row| row.try_get("university_id"))
        .transpose()
}

/// A stored status, or the column that holds an unknown one.
pub(crate) fn status_of(text: &str, column: &str) -> Result<Status, sqlx::Error> {
    Status::parse(text).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.into(),
        source: format!("unknown status {text:?}").into(),
    })
}
