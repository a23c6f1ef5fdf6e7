//! The erasure of a declaration at a student's request (law 09-08): the
//! declaration, its history, corrections and mails go, an anonymous count
//! stays, and the reason is audited.

use super::{forget_cin, judge_again, lock_for_rights, lock_for_writing};
use crate::db::audit::{self, Stamp};
use crate::secret::Secret;
use amoe_domain::messages::operator::EraseResponse;
use sqlx::{AnyPool, Row};

/// Erases a declaration, its history, corrections and mails (sent or
/// not), and counts it among the anonymous counts; the reason goes in the
/// audit log, so one that names the student is refused. Nothing changes
/// for an unknown reference.
pub async fn erase(
    pool: &AnyPool,
    secret: &Secret,
    reference: &str,
    reason: &str,
    who: &Stamp<'_>,
) -> Result<Erased, sqlx::Error> {
    erase_with(pool, secret, reference, Some(reason), who).await
}

/// Erases again a declaration that a restored backup brought back (the
/// journal's), with the service's own reason, which names no one.
pub async fn erase_again(
    pool: &AnyPool,
    secret: &Secret,
    reference: &str,
    who: &Stamp<'_>,
) -> Result<Erased, sqlx::Error> {
    erase_with(pool, secret, reference, None, who).await
}

/// The reason given is checked; none is the journal's.
async fn erase_with(
    pool: &AnyPool,
    secret: &Secret,
    reference: &str,
    given: Option<&str>,
    who: &Stamp<'_>,
) -> Result<Erased, sqlx::Error> {
    let reason = given.unwrap_or("erased before the restored backup was taken");
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((cin, year)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(Erased::UnknownReference);
    };
    let row = sqlx::query(
        "SELECT massar, birth_date, last_name, first_name, email, phone, university_id, status, \
         refusal_reason FROM declarations WHERE reference = $1",
    )
    .bind(reference)
    .fetch_one(&mut *tx)
    .await?;
    // The reason stays in the audit log: it must not hold what is erased.
    let names_it = names_the_student(&row, &cin, reason)?;
    if names_it && given.is_some() {
        tx.rollback().await?;
        return Ok(Erased::ReasonIsPersonal);
    }
    super::counts::add(
        &mut tx,
        &year,
        &row.try_get::<String, _>("university_id")?,
        &row.try_get::<String, _>("status")?,
        row.try_get::<Option<String>, _>("refusal_reason")?
            .as_deref(),
        1,
    )
    .await?;
    let events = sqlx::query("DELETE FROM declaration_events WHERE reference = $1")
        .bind(reference)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM declaration_corrections WHERE reference = $1")
        .bind(reference)
        .execute(&mut *tx)
        .await?;
    let rounds = super::reexamine::rounds(&mut tx, reference).await?;
    sqlx::query("DELETE FROM reexaminations WHERE reference = $1")
        .bind(reference)
        .execute(&mut *tx)
        .await?;
    let ids = crate::mail::ids_of(reference, rounds);
    let list = crate::db::placeholders(1, ids.len());
    let select = format!("SELECT id FROM outbox WHERE id IN ({list})");
    let mut select = sqlx::query_scalar::<_, String>(&select);
    for id in &ids {
        select = select.bind(id);
    }
    let mail_ids: Vec<String> = select.fetch_all(&mut *tx).await?;
    let delete = format!("DELETE FROM outbox WHERE id IN ({list})");
    let mut delete = sqlx::query(&delete);
    for id in &ids {
        delete = delete.bind(id);
    }
    let mails = delete.execute(&mut *tx).await?.rows_affected();
    sqlx::query("DELETE FROM declarations WHERE reference = $1")
        .bind(reference)
        .execute(&mut *tx)
        .await?;
    // The student leaves the roster too: the university's word on them is
    // personal data of theirs.
    let university: String = row.try_get("university_id")?;
    let student = [
        cin.as_str(),
        &row.try_get::<String, _>("massar")?,
        &row.try_get::<String, _>("birth_date")?,
    ];
    // Unless a twin of it stays (the same details, vouched for), which
    // the roster still holds.
    let twin = sqlx::query(
        "SELECT 1 AS one FROM declarations WHERE university_id = $1 AND academic_year = $2 \
         AND cin = $3 AND massar = $4 AND birth_date = $5",
    )
    .bind(&university)
    .bind(&year)
    .bind(student[0])
    .bind(student[1])
    .bind(student[2])
    .fetch_optional(&mut *tx)
    .await?
    .is_some();
    if !twin {
        crate::db::rosters::lock(&mut tx, &university, &year, true).await?;
        crate::db::rosters::forget(
            &mut tx,
            &university,
            &year,
            secret.enrolment(&university, &year, student),
        )
        .await?;
    }
    // The CIN's lock row goes with its last declaration of the year, and
    // the others of the CIN are judged again without this one.
    forget_cin(&mut tx, &cin, &year).await?;
    judge_again(&mut tx, &cin).await?;
    audit::record(
        &mut tx,
        who,
        "erase",
        serde_json::json!({"reference": reference, "reason": reason, "mails": mails}),
    )
    .await?;
    tx.commit().await?;
    Ok(Erased::Done(
        EraseResponse {
            reference: reference.to_owned(),
            events,
            mails,
        },
        mail_ids,
    ))
}

/// What became of an erasure.
pub enum Erased {
    /// What went, and the ids of its mails (whose `.eml` files go too).
    Done(EraseResponse, Vec<String>),
    UnknownReference,
    /// The reason names the student (their CIN, Massar code, a name, the
    /// e-mail address or phone): nothing was erased.
    ReasonIsPersonal,
}

/// Whether `reason` names the declaration's student: their CIN, Massar
/// code, a name, their e-mail or phone (3 characters or more, case and
/// punctuation aside).
fn names_the_student(
    row: &sqlx::any::AnyRow,
    cin: &str,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let folded = reason.to_lowercase();
    let compact: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut personal = vec![cin.to_owned()];
    for column in ["massar", "last_name", "first_name", "email"] {
        personal.push(row.try_get(column)?);
    }
    personal.extend(row.try_get::<Option<String>, _>("phone")?);
    Ok(personal.iter().any(|value| {
        let value = value.to_lowercase();
        let value_compact: String = value.chars().filter(|c| c.is_alphanumeric()).collect();
        value_compact.chars().count() >= 3
            && (folded.contains(&value) || compact.contains(&value_compact))
    }))
}

/// What an erasure of `reference` needs to know before it is journalled:
/// its receipt time (none when there is no such declaration) and whether
/// `reason` names its student.
pub async fn precheck(
    pool: &AnyPool,
    reference: &str,
    reason: &str,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT cin, massar, last_name, first_name, email, phone, received_at \
         FROM declarations WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let cin: String = row.try_get("cin")?;
    Ok(Some((
        row.try_get("received_at")?,
        names_the_student(&row, &cin, reason)?,
    )))
}
