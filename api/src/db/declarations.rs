//! Declarations and their status history.

use crate::mail::Mail;
use amoe_domain::api::Receipt;
use amoe_domain::declaration::{AcademicYear, Declaration, Reference, Status};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

/// What became of a submission.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now.
    Created(Receipt),
    /// Stored before under the same key, with the same content.
    Replayed(Receipt),
    /// The key was used for a different declaration.
    KeyReused,
    /// Another declaration exists for this CIN this academic year.
    AlreadyDeclared,
}

/// How many fresh references to try when one is taken (a billion values:
/// more than one try is rare, five in a row would mean a broken generator).
const REFERENCE_TRIES: usize = 5;

/// Stores `declaration` once per `key`. Safe under concurrency: the
/// database's unique constraints decide, and a loser finds out why by
/// looking (the same key raced, the same student declared, or the reference
/// was taken: then it retries).
pub async fn submit(
    pool: &AnyPool,
    declaration: &Declaration,
    key: &str,
    request_hash: &str,
    received_at: &str,
    mut new_reference: impl FnMut() -> Reference,
    mail_for: impl Fn(&Reference) -> Mail,
) -> Result<Outcome, sqlx::Error> {
    if let Some(outcome) = replay(pool, key, request_hash).await? {
        return Ok(outcome);
    }
    for _ in 0..REFERENCE_TRIES {
        let reference = new_reference();
        let mail = mail_for(&reference);
        match insert(
            pool,
            declaration,
            &reference,
            key,
            request_hash,
            received_at,
            &mail,
        )
        .await
        {
            Ok(()) => {
                return Ok(Outcome::Created(Receipt {
                    reference,
                    academic_year: declaration.academic_year,
                    status: Status::Received,
                    received_at: received_at.to_owned(),
                }));
            }
            Err(e) if is_unique_violation(&e) => {
                if let Some(outcome) = replay(pool, key, request_hash).await? {
                    return Ok(outcome);
                }
                if exists_for(pool, declaration).await? {
                    return Ok(Outcome::AlreadyDeclared);
                }
                tracing::warn!("reference collision, trying another");
            }
            Err(e) => return Err(e),
        }
    }
    Err(sqlx::Error::Protocol(format!(
        "no free reference after {REFERENCE_TRIES} tries"
    )))
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// The earlier answer for `key`, if there is one.
async fn replay(
    pool: &AnyPool,
    key: &str,
    request_hash: &str,
) -> Result<Option<Outcome>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT reference, academic_year, received_at, request_hash \
         FROM declarations WHERE idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let stored_hash: String = row.try_get("request_hash")?;
    if stored_hash != request_hash {
        return Ok(Some(Outcome::KeyReused));
    }
    Ok(Some(Outcome::Replayed(receipt(&row)?)))
}

fn receipt(row: &AnyRow) -> Result<Receipt, sqlx::Error> {
    let decode = |column: &str, e: &dyn std::fmt::Display| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: e.to_string().into(),
    };
    let reference: String = row.try_get("reference")?;
    let year: String = row.try_get("academic_year")?;
    Ok(Receipt {
        reference: Reference::parse(&reference).map_err(|e| decode("reference", &e))?,
        academic_year: AcademicYear::parse(&year).map_err(|e| decode("academic_year", &e))?,
        status: Status::Received,
        received_at: row.try_get("received_at")?,
    })
}

async fn exists_for(pool: &AnyPool, declaration: &Declaration) -> Result<bool, sqlx::Error> {
    let row =
        sqlx::query("SELECT reference FROM declarations WHERE cin = $1 AND academic_year = $2")
            .bind(declaration.cin.as_str())
            .bind(declaration.academic_year.to_string())
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some())
}

/// The declaration, its first event and the mail that acknowledges it, in
/// one transaction.
async fn insert(
    pool: &AnyPool,
    d: &Declaration,
    reference: &Reference,
    key: &str,
    request_hash: &str,
    received_at: &str,
    mail: &Mail,
) -> Result<(), sqlx::Error> {
    let reference = reference.to_string();
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
           birth_date, email, phone, university_id, establishment, lang, status, \
           idempotency_key, request_hash, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(&reference)
    .bind(d.academic_year.to_string())
    .bind(d.cin.as_str())
    .bind(d.massar.as_str())
    .bind(d.last_name.as_str())
    .bind(d.first_name.as_str())
    .bind(d.birth_date.to_string())
    .bind(d.email.as_str())
    .bind(d.phone.as_ref().map(|p| p.as_str().to_owned()))
    .bind(d.university.as_str())
    .bind(d.establishment.as_ref().map(|e| e.as_str().to_owned()))
    .bind(d.lang.code())
    .bind(Status::Received.as_str())
    .bind(key)
    .bind(request_hash)
    .bind(received_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO declaration_events (reference, position, status, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&reference)
    .bind(0_i64)
    .bind(Status::Received.as_str())
    .bind(received_at)
    .execute(&mut *tx)
    .await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    super::outbox::enqueue(&mut tx, mail, now).await?;
    tx.commit().await
}

/// What the status lookup compares and shows, for one declaration.
pub struct Found {
    pub massar: String,
    pub birth_date: String,
    pub status: amoe_domain::api::DeclarationStatus,
}

/// Every declaration of `cin`, the newest academic year first, with its
/// timeline.
pub async fn by_cin(pool: &AnyPool, cin: &str) -> Result<Vec<Found>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT reference, academic_year, received_at, massar, birth_date, university_id, status, \
           last_name, first_name, decided_on, refusal_reason \
         FROM declarations WHERE cin = $1 ORDER BY academic_year DESC",
    )
    .bind(cin)
    .fetch_all(pool)
    .await?;
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let receipt = receipt(&row)?;
        let status_text: String = row.try_get("status")?;
        let status = Status::parse(&status_text).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "status".into(),
            source: format!("unknown status {status_text:?}").into(),
        })?;
        found.push(Found {
            massar: row.try_get("massar")?,
            birth_date: row.try_get("birth_date")?,
            status: amoe_domain::api::DeclarationStatus {
                events: Vec::new(),
                university: row.try_get("university_id")?,
                status,
                last_name: row.try_get("last_name")?,
                first_name: row.try_get("first_name")?,
                decided_on: row.try_get("decided_on")?,
                refusal_reason: row
                    .try_get::<Option<String>, _>("refusal_reason")?
                    .map(|json| serde_json::from_str(&json))
                    .transpose()
                    .map_err(|e| sqlx::Error::ColumnDecode {
                        index: "refusal_reason".into(),
                        source: Box::new(e),
                    })?,
                reference: receipt.reference,
                academic_year: receipt.academic_year,
            },
        });
    }
    Ok(found)
}

/// The timeline of a declaration, oldest first.
pub async fn events(
    pool: &AnyPool,
    reference: &Reference,
) -> Result<Vec<amoe_domain::api::StatusEvent>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT status, at FROM declaration_events WHERE reference = $1 ORDER BY position",
    )
    .bind(reference.to_string())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let text: String = row.try_get("status")?;
            Ok(amoe_domain::api::StatusEvent {
                status: Status::parse(&text).ok_or_else(|| sqlx::Error::ColumnDecode {
                    index: "status".into(),
                    source: format!("unknown status {text:?}").into(),
                })?,
                at: row.try_get("at")?,
            })
        })
        .collect()
}
