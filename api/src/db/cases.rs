//! What the back office reads: declarations found by a search, one case's
//! audit entries, and the dashboard's counts.

use super::names::{after_prefix, numbered};
use super::operator::{Actor, audit};
use amoe_domain::declaration::Status;
use amoe_domain::messages::back_office::{Count, Found, OutboxHealth, SEARCH_LIMIT};
use amoe_domain::messages::operator::AuditEntry;
use sqlx::{AnyPool, Row};

/// What to look for, already checked.
#[derive(Default)]
pub struct Criteria {
    pub reference: Option<String>,
    pub cin: Option<String>,
    /// Folded words, each the start of a word of the name.
    pub words: Vec<String>,
    pub status: Option<Status>,
    pub university: Option<String>,
    pub academic_year: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub identity_conflict: Option<bool>,
    pub vouched: Option<bool>,
}

impl Criteria {
    /// What the audit log keeps of a search: how it searched (by
    /// reference, CIN or name) and its filters, never the CIN or the
    /// words typed.
    fn audited(&self) -> serde_json::Value {
        let by = if self.reference.is_some() {
            "reference"
        } else if self.cin.is_some() {
            "cin"
        } else if !self.words.is_empty() {
            "name"
        } else {
            "filters"
        };
        serde_json::json!({
            "by": by,
            "reference": self.reference,
            "status": self.status.map(Status::as_str),
            "university": self.university,
            "academic_year": self.academic_year,
            "since": self.since,
            "until": self.until,
            "identity_conflict": self.identity_conflict,
            "vouched": self.vouched,
        })
    }

    /// What an export of this search reads, and its audit entry's detail.
    pub fn selection(&self) -> (super::export::Selection, serde_json::Value) {
        let (clause, binds) = self.clause();
        (
            super::export::Selection {
                clause,
                binds,
                statuses: Vec::new(),
            },
            serde_json::json!({"by": "back_office", "criteria": self.audited()}),
        )
    }

    /// The declarations (reference, received_at) whose name has every
    /// word searched, with a `?` for each value: for each word, one range
    /// of the index of the names' words (a word begins a word of the name,
    /// or follows the Arabic article: `رباط` finds `الرباط`), intersected.
    fn found_by_name(&self) -> Option<(String, Vec<String>)> {
        if self.words.is_empty() {
            return None;
        }
        // A prefix can match two words of one name: one word's range is
        // made distinct, and an intersection is distinct already (and
        // twice as fast without sorting each range first).
        let sql = if self.words.len() == 1 {
            "SELECT DISTINCT reference, received_at FROM declaration_words \
             WHERE word >= ? AND word < ?"
                .to_owned()
        } else {
            vec![
                "SELECT reference, received_at FROM declaration_words WHERE word >= ? AND word < ?";
                self.words.len()
            ]
            .join(" INTERSECT ")
        };
        let values = self
            .words
            .iter()
            .flat_map(|word| [word.clone(), after_prefix(word)])
            .collect();
        Some((sql, values))
    }

    /// Whether a search is by name alone, no filter: then the index of the
    /// names' words counts and orders it, and only the declarations shown
    /// are read.
    fn by_name_only(&self) -> bool {
        !self.words.is_empty()
            && self.status.is_none()
            && self.university.is_none()
            && self.academic_year.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.identity_conflict.is_none()
            && self.vouched.is_none()
    }

    /// Whether the tallies can count what this finds: filters only, no
    /// reference, CIN or name.
    fn by_filters_only(&self) -> bool {
        self.reference.is_none() && self.cin.is_none() && self.words.is_empty()
    }

    /// The `WHERE` clause over `declarations` and its values.
    fn clause(&self) -> (String, Vec<String>) {
        self.clause_over(Over::Declarations)
    }

    /// The `WHERE` clause over `table`, and its values; the tallies know
    /// only the filters.
    fn clause_over(&self, table: Over) -> (String, Vec<String>) {
        let mut sql = String::from("1 = 1");
        let mut binds: Vec<String> = Vec::new();
        // Each `?` of a condition takes the next of its values.
        let mut add = |condition: &str, values: Vec<String>| {
            let mut values = values.into_iter();
            sql.push_str(" AND ");
            for (i, part) in condition.split('?').enumerate() {
                if i > 0 {
                    binds.push(values.next().expect("a value for each placeholder"));
                    sql.push_str(&format!("${}", binds.len()));
                }
                sql.push_str(part);
            }
        };
        if table == Over::Declarations {
            if let Some(v) = &self.reference {
                add("reference = ?", vec![v.clone()]);
            }
            if let Some(v) = &self.cin {
                add("cin = ?", vec![v.clone()]);
            }
            if let Some((found, values)) = self.found_by_name() {
                add(
                    &format!("reference IN (SELECT reference FROM ({found}) AS found)"),
                    values,
                );
            }
        }
        let day = match table {
            Over::Declarations => "substr(received_at, 1, 10)",
            Over::Tallies => "received_on",
        };
        if let Some(v) = self.status {
            add("status = ?", vec![v.as_str().to_owned()]);
        }
        if let Some(v) = &self.university {
            add("university_id = ?", vec![v.clone()]);
        }
        if let Some(v) = &self.academic_year {
            add("academic_year = ?", vec![v.clone()]);
        }
        if let Some(v) = &self.since {
            add(&format!("{day} >= ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.until {
            add(&format!("{day} <= ?"), vec![v.clone()]);
        }
        let (conflict, vouched) = match table {
            Over::Declarations => ("identity_conflict <> 0", "vouched_by <> ''"),
            Over::Tallies => ("identity_conflict = 1", "vouched = 1"),
        };
        match self.identity_conflict {
            Some(true) => sql.push_str(&format!(" AND {conflict}")),
            Some(false) => sql.push_str(&format!(" AND NOT ({conflict})")),
            None => {}
        }
        match self.vouched {
            Some(true) => sql.push_str(&format!(" AND {vouched}")),
            Some(false) => sql.push_str(&format!(" AND NOT ({vouched})")),
            None => {}
        }
        (sql, binds)
    }
}

/// The table a clause reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Over {
    Declarations,
    /// `declaration_tallies`: the counts the triggers keep.
    Tallies,
}

/// The newest declarations matching, [`SEARCH_LIMIT`] at most, and how
/// many match in all; the search is in the audit log (how, its filters
/// and how many were found).
pub async fn search(
    pool: &AnyPool,
    criteria: &Criteria,
    who: &Actor<'_>,
) -> Result<(Vec<Found>, i64), sqlx::Error> {
    let columns = "reference, academic_year, last_name, first_name, university_id, status, \
                   received_at, identity_conflict, vouched_by";
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
                let list = (1..=references.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
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
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let mut tx = pool.begin().await?;
    audit(
        &mut tx,
        who,
        "search",
        serde_json::json!({"criteria": criteria.audited(), "found": total}),
    )
    .await?;
    tx.commit().await?;
    Ok((found, total))
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

/// The newest 500 audit entries that name `reference`, oldest first,
/// each with its action and who, not its detail: an entry's detail can
/// name other declarations (an operator's lookup by CIN lists all of a
/// student's), which this case's readers may not see.
pub async fn audit_of(pool: &AnyPool, reference: &str) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.at, a.actor, a.action FROM audit_references r \
         JOIN audit_log a ON a.id = r.audit_id WHERE r.reference = $1 \
         ORDER BY a.at DESC, a.id DESC LIMIT 500",
    )
    .bind(reference)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .rev()
        .map(|row| {
            Ok(AuditEntry {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                detail: serde_json::Value::Null,
            })
        })
        .collect()
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

/// Mails waiting in the outbox, and the age of the oldest, in seconds.
pub async fn outbox(pool: &AnyPool, now: i64) -> Result<OutboxHealth, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok(OutboxHealth {
        unsent: row.try_get("n")?,
        oldest_seconds: oldest.map(|t| (now - t).max(0)),
    })
}
