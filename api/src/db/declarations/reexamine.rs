//! A refused student's request for a re-examination, once per decision:
//! the corrected details written as the fund's corrections are (the CIN's
//! identity judged again, the roster matched again), the declaration
//! back with the fund as under re-examination, the request kept for the
//! agent, its mail queued, and all of it audited, in one transaction.

use super::{lock_for_rights, lock_for_writing, record_event};
use crate::db::audit::{self, Stamp};
use crate::db::outbox::{self, Outgoing};
use amoe_domain::declaration::{CorrectedDetail, Reexamination, Status};
use amoe_domain::messages::back_office::{REEXAMINING_LIMIT, ReexaminationRequest, Reexamining};
use sqlx::{AnyPool, Row};

/// What became of a request.
pub enum Requested {
    /// Recorded: the `round`-th re-examination of the declaration, whose
    /// mail goes to `email` in `lang`.
    Done {
        round: i64,
        email: String,
        lang: String,
        academic_year: String,
    },
    /// Accepted, or still waiting for a decision.
    NotRefused,
    /// This decision's re-examination was asked for already.
    AlreadyRequested,
    /// The corrected details are those of another declaration of the
    /// student this year.
    Duplicate,
}

/// The mail of a request, once its round is known.
pub type MailOf<'a> = dyn Fn(i64, &str, &str) -> Outgoing + Send + Sync + 'a;

/// Records `request` for the declaration `request.reference`, which the
/// caller found with the request's own lookup.
pub async fn request(
    pool: &AnyPool,
    secret: &crate::secret::Secret,
    request: &Reexamination,
    who: &Stamp<'_>,
    mail_of: &MailOf<'_>,
    mails: crate::db::rate_limits::Limit,
    now_ms: i64,
) -> Result<Requested, sqlx::Error> {
    let reference = request.reference.to_string();
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((cin, year)) = lock_for_rights(&mut tx, &reference).await? else {
        return Ok(Requested::NotRefused);
    };
    let row = sqlx::query(
        "SELECT status, massar, birth_date, last_name, first_name, email, lang, \
           identity_conflict FROM declarations WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_one(&mut *tx)
    .await?;
    let status: String = row.try_get("status")?;
    if status == Status::UnderReexamination.as_str() {
        return Ok(Requested::AlreadyRequested);
    }
    if status != Status::Refused.as_str() {
        return Ok(Requested::NotRefused);
    }
    // The decision asked about: the refusal's event, the last one.
    let decision: i64 = sqlx::query(
        "SELECT COALESCE(MAX(position), -1) AS decision FROM declaration_events \
         WHERE reference = $1 AND status = $2",
    )
    .bind(&reference)
    .bind(Status::Refused.as_str())
    .fetch_one(&mut *tx)
    .await?
    .try_get("decision")?;
    let asked: i64 = sqlx::query(
        "SELECT COUNT(*) AS asked FROM reexaminations WHERE reference = $1 AND decision = $2",
    )
    .bind(&reference)
    .bind(decision)
    .fetch_one(&mut *tx)
    .await?
    .try_get("asked")?;
    if asked > 0 {
        return Ok(Requested::AlreadyRequested);
    }
    let email: String = row.try_get("email")?;
    let typed_email = request.email.as_ref().map(|e| e.as_str().to_owned());
    let now = [
        ("massar", request.massar.as_str().to_owned()),
        ("last_name", request.last_name.as_str().to_owned()),
        ("first_name", request.first_name.as_str().to_owned()),
        ("birth_date", request.birth_date.to_string()),
        ("email", typed_email.unwrap_or_else(|| email.clone())),
    ];
    let mut corrections = Vec::new();
    for (field, after) in now {
        let before: String = row.try_get(field)?;
        if before != after {
            corrections.push(CorrectedDetail {
                field: field.to_owned(),
                before,
                after,
            });
        }
    }
    if !corrections.is_empty() {
        // In the order of the correction's fields, as `Changes::check`.
        let order = ["massar", "last_name", "first_name", "birth_date", "email"];
        let changes: Vec<(&'static str, Option<String>)> = order
            .iter()
            .filter_map(|field| {
                corrections
                    .iter()
                    .find(|c| c.field == *field)
                    .map(|c| (*field, Some(c.after.clone())))
            })
            .collect();
        let flagged: i64 = row.try_get("identity_conflict")?;
        if !super::correct::apply(&mut tx, secret, &reference, (&cin, &year), &changes, who).await?
        {
            tx.rollback().await?;
            return Ok(Requested::Duplicate);
        }
        // Only the fund clears a flag: corrected details that agree with
        // the CIN's other declarations do not, by themselves.
        if flagged != 0 {
            sqlx::query("UPDATE declarations SET identity_conflict = 1 WHERE reference = $1")
                .bind(&reference)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query("UPDATE declarations SET status = $1 WHERE reference = $2")
        .bind(Status::UnderReexamination.as_str())
        .bind(&reference)
        .execute(&mut *tx)
        .await?;
    record_event(&mut tx, &reference, Status::UnderReexamination, who.at).await?;
    let corrections_json = serde_json::to_string(&corrections).expect("serialisable");
    sqlx::query(
        "INSERT INTO reexaminations (reference, decision, requested_at, reason, explanation, \
           corrections) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&reference)
    .bind(decision)
    .bind(who.at)
    .bind(request.reason.code())
    .bind(&request.explanation)
    .bind(&corrections_json)
    .execute(&mut *tx)
    .await?;
    let round: i64 =
        sqlx::query("SELECT COUNT(*) AS round FROM reexaminations WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&mut *tx)
            .await?
            .try_get("round")?;
    let fields: Vec<&str> = corrections.iter().map(|c| c.field.as_str()).collect();
    audit::record(
        &mut tx,
        who,
        "reexamination",
        serde_json::json!({
            "reference": reference, "reason": request.reason.code(), "fields": fields,
        }),
    )
    .await?;
    let current = sqlx::query("SELECT email, lang FROM declarations WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&mut *tx)
        .await?;
    let (email, lang): (String, String) = (current.try_get("email")?, current.try_get("lang")?);
    let mail = mail_of(round, &email, &lang);
    outbox::enqueue(&mut tx, &mail, mails, now_ms).await?;
    tx.commit().await?;
    Ok(Requested::Done {
        round,
        email,
        lang,
        academic_year: year,
    })
}

/// How many re-examinations the declaration `reference` has had (its
/// mails' ids count them).
pub async fn rounds(conn: &mut sqlx::AnyConnection, reference: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS rounds FROM reexaminations WHERE reference = $1")
        .bind(reference)
        .fetch_one(conn)
        .await?
        .try_get("rounds")
}

/// The requests for a re-examination of `reference`, the newest first.
pub async fn of_declaration(
    pool: &AnyPool,
    reference: &str,
) -> Result<Vec<ReexaminationRequest>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT requested_at, reason, explanation, corrections FROM reexaminations \
         WHERE reference = $1 ORDER BY decision DESC",
    )
    .bind(reference)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let corrections: String = row.try_get("corrections")?;
            Ok(ReexaminationRequest {
                requested_at: row.try_get("requested_at")?,
                reason: row.try_get("reason")?,
                explanation: row.try_get("explanation")?,
                corrections: serde_json::from_str(&corrections).map_err(|e| {
                    sqlx::Error::ColumnDecode {
                        index: "corrections".into(),
                        source: Box::new(e),
                    }
                })?,
            })
        })
        .collect()
}

/// The declarations under re-examination (of `university`, or all), the
/// oldest request first, [`REEXAMINING_LIMIT`] at most, and how many in
/// all: read along the index of statuses, a handful among millions.
pub async fn waiting(
    pool: &AnyPool,
    university: Option<&str>,
) -> Result<(Vec<Reexamining>, i64), sqlx::Error> {
    let of_university = if university.is_some() {
        "AND d.university_id = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT d.reference, d.academic_year, d.last_name, d.first_name, d.university_id, \
           r.reason, r.requested_at \
         FROM declarations d JOIN reexaminations r ON r.reference = d.reference \
         WHERE d.status = $1 {of_university} \
           AND r.decision = (SELECT MAX(x.decision) FROM reexaminations x \
                             WHERE x.reference = d.reference) \
         ORDER BY r.requested_at, d.reference LIMIT {REEXAMINING_LIMIT}"
    );
    let mut query = sqlx::query(&sql).bind(Status::UnderReexamination.as_str());
    if let Some(university) = university {
        query = query.bind(university);
    }
    let listed = query
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| {
            Ok(Reexamining {
                reference: row.try_get("reference")?,
                academic_year: row.try_get("academic_year")?,
                last_name: row.try_get("last_name")?,
                first_name: row.try_get("first_name")?,
                university: row.try_get("university_id")?,
                reason: row.try_get("reason")?,
                requested_at: row.try_get("requested_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let count =
        format!("SELECT COUNT(*) AS n FROM declarations d WHERE d.status = $1 {of_university}");
    let mut count = sqlx::query(&count).bind(Status::UnderReexamination.as_str());
    if let Some(university) = university {
        count = count.bind(university);
    }
    let total: i64 = count.fetch_one(pool).await?.try_get("n")?;
    Ok((listed, total))
}
