//! The back office's search: the newest declarations a search finds, and
//! how many in all.

use super::criteria::{Criteria, Over};
use super::names::numbered;
use crate::db::audit::{self, Stamp};
use amoe_domain::declaration::Status;
use amoe_domain::messages::back_office::{Found, SEARCH_LIMIT};
use sqlx::{AnyPool, Row};

/// The newest declarations matching, [`SEARCH_LIMIT`] at most, and how
/// many match in all; the search is in the audit log (how, its filters
/// and how many were found).
pub async fn search(
    pool: &AnyPool,
    criteria: &Criteria,
    who: &Stamp<'_>,
) -> Result<(Vec<Found>, i64), sqlx::Error> {
    let columns = format!(
        "reference, academic_year, last_name, first_name, university_id, status, \
         received_at, identity_conflict, vouched_by, set_aside_at, {}",
        super::ROSTER_COLUMNS
    );
    let by_name = criteria.found_by_name().filter(|_| criteria.by_name_only());
    let (rows, total) = match by_name {
        // A name alone: one pass over the index of the names' words counts
        // the declarations and picks the newest; only those are read.
        Some((found, values)) => {
            let sql = format!(
                "SELECT reference, COUNT(*) OVER () AS total FROM ({found}) AS found \
                 ORDER BY received_at DESC, reference DESC LIMIT {SEARCH_LIMIT}",
                found = numbered(&found)
            );
            let mut query = sqlx::query(&sql);
            for value in &values {
                query = query.bind(value.as_str());
            }
            let newest = query.fetch_all(pool).await?;
            let total: i64 = match newest.first() {
                Some(row) => row.try_get("total")?,
                None => 0,
            };
            let references: Vec<String> = newest
                .iter()
                .map(|row| row.try_get("reference"))
                .collect::<Result<_, _>>()?;
            let rows = if references.is_empty() {
                Vec::new()
            } else {
                let list = crate::db::placeholders(1, references.len());
                let sql = format!(
                    "SELECT {columns} FROM declarations WHERE reference IN ({list}) \
                     ORDER BY received_at DESC, reference DESC"
                );
                let mut query = sqlx::query(&sql);
                for reference in &references {
                    query = query.bind(reference.as_str());
                }
                query.fetch_all(pool).await?
            };
            (rows, total)
        }
        None => {
            let (clause, binds) = criteria.clause();
            // Filters alone are counted from the tallies (a few thousand
            // rows a year), not over millions of declarations.
            let (count_sql, count_binds) = if criteria.by_filters_only() {
                let (tallies, binds) = criteria.clause_over(Over::Tallies);
                (
                    format!(
                        "SELECT CAST(COALESCE(SUM(declarations), 0) AS BIGINT) AS n \
                         FROM declaration_tallies WHERE {tallies}"
                    ),
                    binds,
                )
            } else {
                (
                    format!("SELECT COUNT(*) AS n FROM declarations WHERE {clause}"),
                    binds.clone(),
                )
            };
            let mut count = sqlx::query(&count_sql);
            for value in &count_binds {
                count = count.bind(value.as_str());
            }
            let total: i64 = count.fetch_one(pool).await?.try_get("n")?;
            // The newest first, read backwards along an index of the
            // receipt time.
            let sql = format!(
                "SELECT {columns} FROM declarations WHERE {clause} \
                 ORDER BY received_at DESC, reference DESC LIMIT {SEARCH_LIMIT}"
            );
            let mut query = sqlx::query(&sql);
            for value in &binds {
                query = query.bind(value.as_str());
            }
            let rows = if total == 0 {
                Vec::new()
            } else {
                query.fetch_all(pool).await?
            };
            (rows, total)
        }
    };
    let found = rows
        .iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(Found {
                reference: row.try_get("reference")?,
                academic_year: row.try_get("academic_year")?,
                last_name: row.try_get("last_name")?,
                first_name: row.try_get("first_name")?,
                university: row.try_get("university_id")?,
                status: Status::parse(&status).unwrap_or(Status::Received),
                received_at: row.try_get("received_at")?,
                identity_conflict: row.try_get::<i64, _>("identity_conflict")? != 0,
                vouched: !row.try_get::<String, _>("vouched_by")?.is_empty(),
                set_aside: row.try_get::<Option<String>, _>("set_aside_at")?.is_some(),
                enrolled: row.try_get::<i64, _>("enrolled")? != 0,
                not_on_roster: row.try_get::<i64, _>("not_on_roster")? != 0,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let mut tx = pool.begin().await?;
    audit::record(
        &mut tx,
        who,
        "search",
        serde_json::json!({"criteria": criteria.audited(), "found": total}),
    )
    .await?;
    tx.commit().await?;
    Ok((found, total))
}
