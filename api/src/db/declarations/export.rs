//! Exports read the declarations a page after another, oldest first, each
//! page continuing after the last one read (received time, reference):
//! every page is a short range of an index, so the first one comes at once
//! and memory holds one page, however many millions are exported; no
//! connection or snapshot is held between pages. Marking what an export
//! handed over as `under_verification` is one short write transaction a
//! page.

use super::ROSTER_COLUMNS;
use super::{exported, lock_for_writing, record_event};
use crate::db::audit::{self, Stamp};
use amoe_domain::declaration::Status;
use amoe_domain::messages::operator::ExportedDeclaration;
use sqlx::AnyPool;

/// Declarations read in one page.
pub const PAGE: usize = 500;

const COLUMNS: &str = "reference, academic_year, cin, massar, last_name, first_name, \
    birth_date, email, phone, university_id, establishment, status, received_at, \
    identity_conflict, vouched_by, set_aside_at";

/// What an export reads: a `WHERE` clause over `declarations` with its
/// values (`$1`…), and the statuses it is limited to, if any.
pub struct Selection {
    pub clause: String,
    pub binds: Vec<String>,
    /// Read one index range per status, merged: an export of two statuses
    /// out of millions of declarations never scans the others.
    pub statuses: Vec<Status>,
}

/// Where the next page starts: after this received time and reference.
pub type After = Option<(String, String)>;

/// The next page of `selection` after `after`, [`PAGE`] at most.
pub async fn page(
    pool: &AnyPool,
    selection: &Selection,
    after: &After,
) -> Result<Vec<ExportedDeclaration>, sqlx::Error> {
    let n = selection.binds.len();
    let keyset = if after.is_some() {
        format!(
            " AND (received_at, reference) > (${a}, ${b})",
            a = n + 1,
            b = n + 2
        )
    } else {
        String::new()
    };
    let clause = &selection.clause;
    let sql = if selection.statuses.is_empty() {
        format!(
            "SELECT {COLUMNS}, {ROSTER_COLUMNS} FROM declarations WHERE {clause}{keyset} \
             ORDER BY received_at, reference LIMIT {PAGE}"
        )
    } else {
        let parts = selection
            .statuses
            .iter()
            .enumerate()
            .map(|(i, status)| {
                format!(
                    "SELECT * FROM (SELECT {COLUMNS}, {ROSTER_COLUMNS} FROM declarations \
                     WHERE status = '{status}' AND {clause}{keyset} \
                     ORDER BY received_at, reference LIMIT {PAGE}) AS part{i}",
                    status = status.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        format!("SELECT * FROM ({parts}) AS parts ORDER BY received_at, reference LIMIT {PAGE}")
    };
    let mut query = sqlx::query(&sql);
    for value in &selection.binds {
        query = query.bind(value.as_str());
    }
    if let Some((received_at, reference)) = after {
        query = query.bind(received_at.as_str()).bind(reference.as_str());
    }
    query.fetch_all(pool).await?.iter().map(exported).collect()
}

/// Marks the declarations of `references` still `received` as
/// `under_verification`, in one write transaction, in the order of their
/// references (as an import changes them); how many it marked.
pub async fn mark(pool: &AnyPool, references: &[String], at: &str) -> Result<usize, sqlx::Error> {
    if references.is_empty() {
        return Ok(0);
    }
    let mut in_order: Vec<&String> = references.iter().collect();
    in_order.sort();
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let mut marked = 0;
    for reference in in_order {
        // Only what is still received, and not set aside: a decision
        // imported, or a setting aside, since the page was read is never
        // undone.
        let changed = sqlx::query(
            "UPDATE declarations SET status = $1 \
             WHERE reference = $2 AND status = $3 AND set_aside_at IS NULL",
        )
        .bind(Status::UnderVerification.as_str())
        .bind(reference)
        .bind(Status::Received.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 {
            record_event(&mut tx, reference, Status::UnderVerification, at).await?;
            marked += 1;
        }
    }
    tx.commit().await?;
    Ok(marked)
}

/// Records an export in the audit log once it has ended: `detail` with
/// how many were handed over and marked, and whether it went to its end.
pub async fn audited(
    pool: &AnyPool,
    who: &Stamp<'_>,
    mut detail: serde_json::Value,
    exported: usize,
    marked: Option<usize>,
    complete: bool,
) -> Result<(), sqlx::Error> {
    detail["exported"] = exported.into();
    if let Some(marked) = marked {
        detail["marked"] = marked.into();
    }
    detail["complete"] = complete.into();
    let mut tx = pool.begin().await?;
    audit::record(&mut tx, who, "export", detail).await?;
    tx.commit().await
}
