//! What is counted of the declarations: the tallies the database keeps
//! exact with every change (`declaration_tallies`, which the dashboard and
//! filter-only searches read), and the anonymous counts that erased
//! declarations leave (`declaration_counts`: academic year, university,
//! status, refusal reason), written by the retention's purge and by an
//! erasure.

use amoe_domain::declaration::RefusalReason;
use amoe_domain::messages::back_office::Count;
use sqlx::{AnyPool, Row};

/// Adds `n` erased declarations to the anonymous counts (`reason` as
/// stored: the refusal reason's JSON, if any).
pub(crate) async fn add(
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

/// Counts of `year` (of `university` only, if given) from the tallies,
/// per `key`, the keys whose count is 0 left out.
async fn counts(
    pool: &AnyPool,
    key: &str,
    extra: &str,
    year: &str,
    university: Option<&str>,
) -> Result<Vec<Count>, sqlx::Error> {
    let scope = if university.is_some() {
        " AND university_id = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {key} AS k, CAST(SUM(declarations) AS BIGINT) AS n FROM declaration_tallies \
         WHERE academic_year = $1{scope}{extra} GROUP BY {key} HAVING SUM(declarations) > 0 \
         ORDER BY k"
    );
    let mut query = sqlx::query(&sql).bind(year);
    if let Some(university) = university {
        query = query.bind(university);
    }
    query
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            Ok(Count {
                key: row.try_get("k")?,
                count: row.try_get("n")?,
            })
        })
        .collect()
}

/// The dashboard's counts for `year` (a university's only, with
/// `university`): per day of receipt, status, university, and refusal
/// reason (the most frequent first). Read from the tallies, which the
/// database keeps exact with every change: a few thousand rows a year,
/// whatever the number of declarations.
pub async fn dashboard(
    pool: &AnyPool,
    year: &str,
    university: Option<&str>,
) -> Result<[Vec<Count>; 4], sqlx::Error> {
    let per_day = counts(pool, "received_on", "", year, university).await?;
    let by_status = counts(pool, "status", "", year, university).await?;
    let by_university = counts(pool, "university_id", "", year, university).await?;
    let mut by_code = counts(pool, "reason", " AND status = 'refused'", year, university).await?;
    for count in &mut by_code {
        if count.key.is_empty() {
            count.key = "other".to_owned();
        }
    }
    by_code.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    Ok([per_day, by_status, by_university, by_code])
}

/// The declarations of `year` on their university's roster, per
/// university that gave one (`university`'s only, if given): one range of
/// the index of a university's year each, a dozen at most.
pub async fn enrolled(
    pool: &AnyPool,
    year: &str,
    university: Option<&str>,
) -> Result<Vec<Count>, sqlx::Error> {
    let with_roster: Vec<String> = sqlx::query(
        "SELECT university_id FROM rosters WHERE academic_year = $1 ORDER BY university_id",
    )
    .bind(year)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| row.try_get("university_id"))
    .collect::<Result<_, _>>()?;
    let mut counts = Vec::new();
    for id in with_roster
        .into_iter()
        .filter(|id| university.is_none_or(|own| own == id))
    {
        let count: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM declarations \
             WHERE university_id = $1 AND academic_year = $2 AND enrolled = 1",
        )
        .bind(&id)
        .bind(year)
        .fetch_one(pool)
        .await?
        .try_get("n")?;
        counts.push(Count { key: id, count });
    }
    Ok(counts)
}
