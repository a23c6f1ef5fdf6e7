//! Declarations and their status history.

use super::outbox::Cap;
use super::rate_limits::{self, Limit, Verdict};
use crate::mail::Mail;
use crate::portal::Vouched;
use amoe_domain::declaration::identity::{self, Claim, Earlier, Judgement};
use amoe_domain::declaration::{AcademicYear, Declaration, Reference, Status};
use amoe_domain::messages::Receipt;
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
    /// The same CIN, Massar code and birth date declared this year.
    AlreadyDeclared,
    /// The CIN has as many declarations this year as accepted.
    TooManyDeclarations,
    /// The portal token vouched for another declaration already.
    TokenUsed,
    /// The address's or the e-mail mailbox's bucket is empty (`email`
    /// says which).
    Limited { retry_after: i64, email: bool },
}

/// A bucket a declaration takes a token from, in its transaction: if
/// nothing is stored, the rollback gives the token back.
pub struct Bucket<'a> {
    pub name: &'a str,
    pub limit: Limit,
}

/// A declaration to store, and how.
pub struct Submission<'a> {
    pub declaration: &'a Declaration,
    pub vouched: Option<&'a Vouched>,
    /// The client's `Idempotency-Key` and a hash of what it sent.
    pub key: &'a str,
    pub request_hash: &'a str,
    pub received_at: &'a str,
    /// Declarations per CIN and academic year (see `identity::judge`).
    pub per_cin_year: i64,
    /// Declarations per address, and per e-mail mailbox, taken before the
    /// declaration is judged: a refusal after the judgement would tell
    /// right details (`409`) from wrong ones.
    pub address: Bucket<'a>,
    pub email: Bucket<'a>,
    pub mail_cap: Cap<'a>,
}

/// How many fresh references to try when one is taken (a billion values:
/// more than one try is rare, five in a row would mean a broken generator).
const REFERENCE_TRIES: usize = 5;

/// Stores a submission once per key. Safe under concurrency: declarations
/// of one CIN and year are decided one after the other (each locks the
/// CIN's row of `cin_years` first), and the unique constraints catch the
/// rest (the same key raced: its answer is replayed; a reference taken:
/// another is tried).
pub async fn submit(
    pool: &AnyPool,
    submission: &Submission<'_>,
    mut new_reference: impl FnMut() -> Reference,
    mail_for: impl Fn(&Reference) -> Mail,
) -> Result<Outcome, sqlx::Error> {
    if let Some(outcome) = replay(pool, submission.key, submission.request_hash).await? {
        return Ok(outcome);
    }
    for _ in 0..REFERENCE_TRIES {
        let reference = new_reference();
        let mail = mail_for(&reference);
        match attempt(pool, submission, &reference, &mail).await {
            Ok(Outcome::Created(receipt)) => return Ok(Outcome::Created(receipt)),
            // Refused: unless the same key raced in meanwhile, and this is
            // the answer it got.
            Ok(refused) => {
                let replayed = replay(pool, submission.key, submission.request_hash).await?;
                return Ok(replayed.unwrap_or(refused));
            }
            Err(e) if is_unique_violation(&e) => {
                if let Some(outcome) = replay(pool, submission.key, submission.request_hash).await?
                {
                    return Ok(outcome);
                }
                tracing::warn!("a unique value was taken meanwhile, trying again");
            }
            Err(e) => return Err(e),
        }
    }
    Err(sqlx::Error::Protocol(format!(
        "no free reference after {REFERENCE_TRIES} tries"
    )))
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// The earlier answer for `key`, if there is one.
pub async fn replay(
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

/// One try, in one transaction: take the address's and the mailbox's
/// tokens, lock the CIN's year, judge the new declaration against the
/// CIN's others, then store it, its flags, its first event, its portal
/// token and the mail that acknowledges it. Nothing stored, nothing kept:
/// the tokens too go back with the rollback.
async fn attempt(
    pool: &AnyPool,
    s: &Submission<'_>,
    reference: &Reference,
    mail: &Mail,
) -> Result<Outcome, sqlx::Error> {
    let d = s.declaration;
    let year = d.academic_year.to_string();
    let reference = reference.to_string();
    let mut tx = pool.begin().await?;
    for (bucket, email) in [(&s.address, false), (&s.email, true)] {
        if let Verdict::Refused { retry_after } =
            rate_limits::take(&mut *tx, bucket.name, bucket.limit, s.mail_cap.now_ms).await?
        {
            return Ok(Outcome::Limited { retry_after, email });
        }
    }
    lock_cin(&mut tx, d.cin.as_str(), &year).await?;
    let rows = sqlx::query(
        "SELECT reference, academic_year, massar, birth_date, vouched_by \
         FROM declarations WHERE cin = $1 ORDER BY reference",
    )
    .bind(d.cin.as_str())
    .fetch_all(&mut *tx)
    .await?;
    let stored: Vec<(String, String, String, String, String)> = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get("reference")?,
                row.try_get("academic_year")?,
                row.try_get("massar")?,
                row.try_get("birth_date")?,
                row.try_get("vouched_by")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let earlier: Vec<Earlier<'_>> = stored
        .iter()
        .map(|(_, y, massar, birth_date, vouched_by)| Earlier {
            claim: Claim {
                massar,
                birth_date,
                vouched_by,
            },
            this_year: *y == year,
        })
        .collect();
    let birth_date = d.birth_date.to_string();
    let vouched_by = s.vouched.map_or("", |v| v.university.as_str());
    let new = Claim {
        massar: d.massar.as_str(),
        birth_date: &birth_date,
        vouched_by,
    };
    // A portal's token vouches once, whatever else is true.
    if let Some(vouched) = s.vouched {
        let used = sqlx::query("SELECT id FROM portal_tokens WHERE id = $1")
            .bind(&vouched.token_id)
            .fetch_optional(&mut *tx)
            .await?;
        if used.is_some() {
            return Ok(Outcome::TokenUsed);
        }
        sqlx::query("INSERT INTO portal_tokens (id, expires_at) VALUES ($1, $2)")
            .bind(&vouched.token_id)
            .bind(vouched.expires_at)
            .execute(&mut *tx)
            .await?;
    }
    let cap = usize::try_from(s.per_cin_year).unwrap_or(usize::MAX);
    let (conflict, flag_earlier) = match identity::judge(&new, &earlier, cap) {
        Judgement::AlreadyDeclared => return Ok(Outcome::AlreadyDeclared),
        Judgement::TooMany => return Ok(Outcome::TooManyDeclarations),
        Judgement::Accepted {
            conflict,
            flag_earlier,
        } => (conflict, flag_earlier),
    };
    let folded = super::names::folded_name(d.last_name.as_str(), d.first_name.as_str());
    sqlx::query(
        "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
           birth_date, email, phone, university_id, establishment, lang, status, \
           idempotency_key, request_hash, received_at, identity_conflict, vouched_by, name_folded) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
    )
    .bind(&reference)
    .bind(&year)
    .bind(d.cin.as_str())
    .bind(d.massar.as_str())
    .bind(d.last_name.as_str())
    .bind(d.first_name.as_str())
    .bind(&birth_date)
    .bind(d.email.as_str())
    .bind(d.phone.as_ref().map(|p| p.as_str().to_owned()))
    .bind(d.university.as_str())
    .bind(d.establishment.as_ref().map(|e| e.as_str().to_owned()))
    .bind(d.lang.code())
    .bind(Status::Received.as_str())
    .bind(s.key)
    .bind(s.request_hash)
    .bind(s.received_at)
    .bind(i64::from(conflict))
    .bind(vouched_by)
    .bind(&folded)
    .execute(&mut *tx)
    .await?;
    super::names::index_name(&mut tx, &reference, s.received_at, &folded).await?;
    for i in flag_earlier {
        sqlx::query("UPDATE declarations SET identity_conflict = 1 WHERE reference = $1")
            .bind(&stored[i].0)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO declaration_events (reference, position, status, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&reference)
    .bind(0_i64)
    .bind(Status::Received.as_str())
    .bind(s.received_at)
    .execute(&mut *tx)
    .await?;
    super::outbox::enqueue(&mut tx, mail, &s.mail_cap).await?;
    tx.commit().await?;
    Ok(Outcome::Created(Receipt {
        reference: Reference::parse(&reference)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
        academic_year: d.academic_year,
        status: Status::Received,
        received_at: s.received_at.to_owned(),
    }))
}

/// Whether a portal token vouched for a declaration already.
pub async fn token_used(pool: &AnyPool, token_id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM portal_tokens WHERE id = $1")
        .bind(token_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// Forgets the used portal tokens that expired before `now` (Unix
/// seconds): an expired token is refused anyway.
/// A few thousand at a time, as the buckets.
pub async fn forget_used_tokens(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    let mut forgotten = 0;
    loop {
        let done = sqlx::query(
            "DELETE FROM portal_tokens WHERE id IN \
             (SELECT id FROM portal_tokens WHERE expires_at < $1 LIMIT 2000)",
        )
        .bind(now - 3600)
        .execute(pool)
        .await?
        .rows_affected();
        if done == 0 {
            return Ok(forgotten);
        }
        forgotten += done;
    }
}

/// What the status lookup compares and shows, for one declaration.
pub struct Found {
    pub massar: String,
    pub birth_date: String,
    pub status: amoe_domain::messages::DeclarationStatus,
}

/// Every declaration of `cin`, the newest academic year first, each with
/// its timeline (oldest first): one query, whatever the lookup then shows,
/// so that a match and a miss read the same rows.
pub async fn by_cin(pool: &AnyPool, cin: &str) -> Result<Vec<Found>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.reference, d.academic_year, d.received_at, d.massar, d.birth_date, \
           d.university_id, d.status, d.last_name, d.first_name, d.decided_on, d.refusal_reason, \
           e.status AS event_status, e.at AS event_at \
         FROM declarations d LEFT JOIN declaration_events e ON e.reference = d.reference \
         WHERE d.cin = $1 \
         ORDER BY d.academic_year DESC, d.received_at DESC, d.reference, e.position",
    )
    .bind(cin)
    .fetch_all(pool)
    .await?;
    let mut found: Vec<Found> = Vec::new();
    let mut current = None;
    for row in rows {
        let reference: String = row.try_get("reference")?;
        if current.as_ref() != Some(&reference) {
            found.push(found_of(&row)?);
            current = Some(reference);
        }
        if let Some(text) = row.try_get::<Option<String>, _>("event_status")? {
            let event = amoe_domain::messages::StatusEvent {
                status: status_of(&text, "event_status")?,
                at: row.try_get("event_at")?,
            };
            if let Some(last) = found.last_mut() {
                last.status.events.push(event);
            }
        }
    }
    Ok(found)
}

/// A stored status, or the column that holds an unknown one.
fn status_of(text: &str, column: &str) -> Result<Status, sqlx::Error> {
    Status::parse(text).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.into(),
        source: format!("unknown status {text:?}").into(),
    })
}

/// A declaration of a [`by_cin`] row, its timeline still empty.
fn found_of(row: &AnyRow) -> Result<Found, sqlx::Error> {
    let receipt = receipt(row)?;
    let status_text: String = row.try_get("status")?;
    Ok(Found {
        massar: row.try_get("massar")?,
        birth_date: row.try_get("birth_date")?,
        status: amoe_domain::messages::DeclarationStatus {
            events: Vec::new(),
            university: row.try_get("university_id")?,
            status: status_of(&status_text, "status")?,
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
    })
}

/// Locks the row of a CIN and academic year (an upsert), the first lock
/// every writer of that CIN's declarations takes: they are judged one
/// after the other, on PostgreSQL as on SQLite.
pub(super) async fn lock_cin(
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
