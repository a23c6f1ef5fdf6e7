//! A refused student's request for a re-examination, once per decision:
//! the declaration back with the fund as under re-examination, the request
//! kept for the agent (with the details the student asks to correct, made
//! only if the fund accepts: whoever typed the three details cannot
//! change them, nor where the mails go), its mail queued to the address
//! the declaration holds, and all of it audited, in one transaction under
//! the CIN's lock (not the fund's: a student never waits for an export).

use super::{lock_for_rights, record_event, write_first};
use crate::db::audit::{self, Stamp};
use crate::db::outbox::{self, Outgoing};
use amoe_domain::declaration::{CorrectedDetail, Reexamination, Status};
use amoe_domain::messages::back_office::{REEXAMINING_LIMIT, Reexamining};
use amoe_domain::messages::operator::{Checked, ReexaminationRequest};
use sqlx::{Any, AnyPool, Row, Transaction};

/// What became of a request.
pub enum Requested {
    /// Recorded: the `round`-th re-examination of the declaration.
    Done { round: i64 },
    /// Accepted, still waiting for a decision, or set aside.
    NotRefused,
    /// This decision's re-examination was asked for already.
    AlreadyRequested,
}

/// The mail of a request, once its round is known: (round, address,
/// language).
pub type MailOf<'a> = dyn Fn(i64, &str, &str) -> Outgoing + Send + Sync + 'a;

/// Where the declaration `reference` stands for a request, read without a
/// lock: most refusals of a request are answered without taking one.
pub async fn precheck(pool: &AnyPool, reference: &str) -> Result<Option<Requested>, sqlx::Error> {
    let row = sqlx::query("SELECT status, set_aside_at FROM declarations WHERE reference = $1")
        .bind(reference)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(Some(Requested::NotRefused));
    };
    Ok(refusal(
        &row.try_get::<String, _>("status")?,
        row.try_get::<Option<String>, _>("set_aside_at")?.is_some(),
    ))
}

/// Why a declaration in `status` takes no request, if it does not.
fn refusal(status: &str, set_aside: bool) -> Option<Requested> {
    if status == Status::UnderReexamination.as_str() {
        Some(Requested::AlreadyRequested)
    } else if status != Status::Refused.as_str() || set_aside {
        Some(Requested::NotRefused)
    } else {
        None
    }
}

/// Records `request` for the declaration `request.reference`, which the
/// caller found with the request's own lookup.
pub async fn request(
    pool: &AnyPool,
    request: &Reexamination,
    who: &Stamp<'_>,
    mail_of: &MailOf<'_>,
    mails: crate::db::rate_limits::Limit,
    now_ms: i64,
) -> Result<Requested, sqlx::Error> {
    let reference = request.reference.to_string();
    let mut tx = pool.begin().await?;
    write_first(&mut tx).await?;
    if lock_for_rights(&mut tx, &reference).await?.is_none() {
        return Ok(Requested::NotRefused);
    }
    let row = sqlx::query(
        "SELECT cin, status, set_aside_at, massar, birth_date, last_name, first_name, email, \
           lang FROM declarations WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_one(&mut *tx)
    .await?;
    // Still the declaration the lookup found (a correction may have come
    // between), and still refused.
    let found = row.try_get::<String, _>("cin")? == request.lookup.cin.as_str()
        && row.try_get::<String, _>("massar")? == request.lookup.massar.as_str()
        && row.try_get::<String, _>("birth_date")? == request.lookup.birth_date.to_string();
    if !found {
        return Ok(Requested::NotRefused);
    }
    let status: String = row.try_get("status")?;
    if let Some(refused) = refusal(
        &status,
        row.try_get::<Option<String>, _>("set_aside_at")?.is_some(),
    ) {
        return Ok(refused);
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
    let asked_for = [
        ("massar", request.massar.as_str().to_owned()),
        ("last_name", request.last_name.as_str().to_owned()),
        ("first_name", request.first_name.as_str().to_owned()),
        ("birth_date", request.birth_date.to_string()),
        (
            "email",
            request
                .email
                .as_ref()
                .map_or_else(|| email.clone(), |e| e.as_str().to_owned()),
        ),
    ];
    let mut corrections = Vec::new();
    for (field, after) in asked_for {
        let before: String = row.try_get(field)?;
        if before != after {
            corrections.push(CorrectedDetail {
                field: field.to_owned(),
                before,
                after,
            });
        }
    }
    sqlx::query("UPDATE declarations SET status = $1 WHERE reference = $2")
        .bind(Status::UnderReexamination.as_str())
        .bind(&reference)
        .execute(&mut *tx)
        .await?;
    record_event(&mut tx, &reference, Status::UnderReexamination, who.at).await?;
    sqlx::query(
        "INSERT INTO reexaminations (reference, decision, requested_at, reason, explanation, \
           corrections) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&reference)
    .bind(decision)
    .bind(who.at)
    .bind(request.reason.code())
    .bind(&request.explanation)
    .bind(serde_json::to_string(&corrections).expect("serialisable"))
    .execute(&mut *tx)
    .await?;
    let round = rounds(&mut tx, &reference).await?;
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
    // To the address the declaration holds: a request cannot send the
    // student's mails elsewhere.
    let lang: String = row.try_get("lang")?;
    outbox::enqueue(&mut tx, &mail_of(round, &email, &lang), mails, now_ms).await?;
    tx.commit().await?;
    Ok(Requested::Done { round })
}

/// The corrections the latest request of `reference` asks for, not made
/// yet, as a correction's checked columns: made when the fund accepts,
/// each only while its detail still reads as the student saw it (an
/// agent's own correction since then wins).
pub async fn pending_corrections(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<(i64, Checked)>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT decision, corrections FROM reexaminations WHERE reference = $1 AND applied = 0 \
         ORDER BY decision DESC LIMIT 1",
    )
    .bind(reference)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let corrections: Vec<CorrectedDetail> =
        serde_json::from_str(&row.try_get::<String, _>("corrections")?).map_err(|e| {
            sqlx::Error::ColumnDecode {
                index: "corrections".into(),
                source: Box::new(e),
            }
        })?;
    let current = sqlx::query(
        "SELECT massar, last_name, first_name, birth_date, email FROM declarations \
         WHERE reference = $1",
    )
    .bind(reference)
    .fetch_one(&mut **tx)
    .await?;
    // In the order of `Changes`' fields, with the columns' own names.
    let order = ["massar", "last_name", "first_name", "birth_date", "email"];
    let mut checked: Checked = Vec::new();
    for field in order {
        if let Some(c) = corrections.iter().find(|c| c.field == field)
            && current.try_get::<String, _>(field)? == c.before
        {
            checked.push((field, Some(c.after.clone())));
        }
    }
    Ok(Some((row.try_get("decision")?, checked)))
}

/// Locks, sorted, the CINs of those of `references` under re-examination:
/// a decision file takes them before any declaration's row, as every
/// student's write takes its CIN's lock first, since accepting corrects a
/// declaration under its CIN's lock (no deadlock on PostgreSQL).
pub async fn lock_cins(
    tx: &mut Transaction<'_, Any>,
    references: &[String],
) -> Result<(), sqlx::Error> {
    let mut cins = Vec::new();
    for chunk in references.chunks(500) {
        let sql = format!(
            "SELECT cin, academic_year FROM declarations WHERE status = $1 AND reference IN ({})",
            crate::db::placeholders(2, chunk.len())
        );
        let mut query = sqlx::query(&sql).bind(Status::UnderReexamination.as_str());
        for reference in chunk {
            query = query.bind(reference);
        }
        for row in query.fetch_all(&mut **tx).await? {
            cins.push((
                row.try_get::<String, _>("cin")?,
                row.try_get::<String, _>("academic_year")?,
            ));
        }
    }
    cins.sort();
    cins.dedup();
    for (cin, year) in &cins {
        super::lock_cin(tx, cin, year).await?;
    }
    Ok(())
}

/// Marks the request of `reference` for `decision` as made.
pub async fn applied(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
    decision: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reexaminations SET applied = 1 WHERE reference = $1 AND decision = $2")
        .bind(reference)
        .bind(decision)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// The day (`YYYY-MM-DD`) the latest request of `reference` was made.
pub async fn requested_on(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<String>, sqlx::Error> {
    let at: Option<String> = sqlx::query_scalar(
        "SELECT requested_at FROM reexaminations WHERE reference = $1 \
         ORDER BY decision DESC LIMIT 1",
    )
    .bind(reference)
    .fetch_optional(&mut **tx)
    .await?;
    // Moroccan days, as decisions are dated.
    Ok(at.map(|at| {
        time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339)
            .map(|at| amoe_domain::Day::in_morocco(at).to_string())
            .unwrap_or_else(|_| at.chars().take(10).collect())
    }))
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
    conn: &mut sqlx::AnyConnection,
    reference: &str,
) -> Result<Vec<ReexaminationRequest>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT requested_at, reason, explanation, corrections, applied FROM reexaminations \
         WHERE reference = $1 ORDER BY decision DESC",
    )
    .bind(reference)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let corrections: String = row.try_get("corrections")?;
            Ok(ReexaminationRequest {
                applied: row.try_get::<i64, _>("applied")? != 0,
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
         WHERE d.status = $1 AND d.set_aside_at IS NULL {of_university} \
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
    let count = format!(
        "SELECT COUNT(*) AS n FROM declarations d WHERE d.status = $1 AND d.set_aside_at IS NULL {of_university}"
    );
    let mut count = sqlx::query(&count).bind(Status::UnderReexamination.as_str());
    if let Some(university) = university {
        count = count.bind(university);
    }
    let total: i64 = count.fetch_one(pool).await?.try_get("n")?;
    Ok((listed, total))
}
