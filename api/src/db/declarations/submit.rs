//! A student's declaration, stored once per idempotency key, judged
//! against the CIN's other declarations, with the mail that acknowledges
//! it, in one transaction.

use super::{claims, lock_cin};
use crate::db::outbox::Outgoing;
use crate::db::rate_limits::{self, Bucket, Verdict};
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
    /// The portal token vouched for another declaration already.
    TokenUsed,
    /// The address's or the e-mail mailbox's bucket is empty (`email`
    /// says which).
    Limited { retry_after: i64, email: bool },
    /// The reference drawn was taken meanwhile: draw another.
    ReferenceTaken,
    /// A further declaration under a CIN past its allowance: it must
    /// bring the answer to a puzzle this large (`proof::Puzzles`).
    ProofRequired { max: u64 },
}

/// A declaration to store, and how.
pub struct Submission<'a> {
    pub declaration: &'a Declaration,
    pub vouched: Option<&'a Vouched>,
    /// The client's `Idempotency-Key` and a hash of what it sent.
    pub key: &'a str,
    pub request_hash: &'a str,
    pub received_at: &'a str,
    /// Declarations per address, and per e-mail mailbox, taken before the
    /// declaration is judged: a refusal after the judgement would tell
    /// right details (`409`) from wrong ones. The address's only for an
    /// unvouched declaration under a CIN that has one this year already.
    pub address: Bucket<'a>,
    pub email: Bucket<'a>,
    /// Further unvouched declarations under the CIN, from this address and
    /// from all: past them, a proof of work each (`proof`, checked for
    /// this CIN already), larger with each (`puzzles`).
    pub cin_here: Bucket<'a>,
    pub cin_total: Bucket<'a>,
    pub proof: Option<&'a crate::proof::Proof>,
    pub puzzles: crate::proof::Puzzles,
    /// The declaration's digest as its university's roster would hold it
    /// (`Secret::enrolment`).
    pub enrolment: u128,
    /// Mails per recipient mailbox (the acknowledgement's).
    pub mails: crate::db::rate_limits::Limit,
    /// When (Unix milliseconds), for the buckets.
    pub now_ms: i64,
}

/// Stores a submission once per key under `reference`, with `mail`
/// (which acknowledges it under that reference). Safe under concurrency:
/// declarations of one CIN and year are decided one after the other (each
/// locks the CIN's row of `cin_years` first), and the unique constraints
/// catch the rest (the same key raced: its answer is replayed; the
/// reference taken: `ReferenceTaken`, and the caller draws another).
pub async fn submit(
    pool: &AnyPool,
    submission: &Submission<'_>,
    reference: &Reference,
    mail: &Outgoing,
) -> Result<Outcome, sqlx::Error> {
    if let Some(outcome) = replay(pool, submission.key, submission.request_hash).await? {
        return Ok(outcome);
    }
    match attempt(pool, submission, reference, mail).await {
        Ok(Outcome::Created(receipt)) => Ok(Outcome::Created(receipt)),
        // Refused: unless the same key raced in meanwhile, and this is the
        // answer it got.
        Ok(refused) => {
            let replayed = replay(pool, submission.key, submission.request_hash).await?;
            Ok(replayed.unwrap_or(refused))
        }
        Err(e) if super::is_unique_violation(&e) => {
            let replayed = replay(pool, submission.key, submission.request_hash).await?;
            Ok(replayed.unwrap_or(Outcome::ReferenceTaken))
        }
        Err(e) => Err(e),
    }
}

/// Takes a token from the CIN's buckets of declarations, or
/// spends the submission's proof of work if it is as large as they ask
/// (then charges them all the same): `Some(size)` of the puzzle to solve
/// when neither.
async fn unproven(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    s: &Submission<'_>,
) -> Result<Option<u64>, sqlx::Error> {
    let buckets = [&s.cin_here, &s.cin_total];
    let mut debts = [0; 2];
    for (debt, bucket) in debts.iter_mut().zip(buckets) {
        *debt = rate_limits::debt(&mut **tx, bucket.name, bucket.limit, s.now_ms).await?;
    }
    let size = s.puzzles.max_number(debts[0], debts[1]);
    let proven = match s.proof {
        Some(proof) if proof.max >= size => {
            let expires = proof.expires().unwrap_or_default();
            crate::db::spent_proofs::spend(&mut **tx, &proof.salt, expires).await?
        }
        _ => false,
    };
    for bucket in buckets {
        if proven {
            rate_limits::charge(&mut **tx, bucket.name, bucket.limit, true, s.now_ms).await?;
        } else if let Verdict::Refused { .. } =
            rate_limits::take(&mut **tx, bucket.name, bucket.limit, s.now_ms).await?
        {
            return Ok(Some(size));
        }
    }
    Ok(None)
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

pub(crate) fn receipt(row: &AnyRow) -> Result<Receipt, sqlx::Error> {
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

/// One try, in one transaction: take the mailbox's token, lock the CIN's
/// year, take the address's token unless this is the CIN's first
/// declaration of the year or a vouched one, judge the new declaration
/// against the CIN's others, then store it, its flags, its first event,
/// its portal token and the mail that acknowledges it. Nothing stored,
/// nothing kept: the tokens too go back with the rollback.
async fn attempt(
    pool: &AnyPool,
    s: &Submission<'_>,
    reference: &Reference,
    mail: &Outgoing,
) -> Result<Outcome, sqlx::Error> {
    let d = s.declaration;
    let year = d.academic_year.to_string();
    let reference = reference.to_string();
    let mut tx = pool.begin().await?;
    if let Verdict::Refused { retry_after } =
        rate_limits::take(&mut *tx, s.email.name, s.email.limit, s.now_ms).await?
    {
        return Ok(Outcome::Limited {
            retry_after,
            email: true,
        });
    }
    lock_cin(&mut tx, d.cin.as_str(), &year).await?;
    let stored = claims(&mut tx, d.cin.as_str()).await?;
    let earlier: Vec<Earlier<'_>> = stored
        .iter()
        .map(|row| Earlier {
            claim: row.claim(),
            this_year: row.academic_year == year,
            set_aside: row.set_aside,
        })
        .collect();
    // A campus behind one address always declares: only a further
    // declaration under a CIN (where squatting and guessing happen) pays
    // the address, before its details are judged. What a refusal here
    // tells (that the CIN declared this year) an address learns only once
    // its allowance is spent.
    let further = earlier.iter().any(|e| e.this_year && !e.set_aside);
    if further
        && s.vouched.is_none()
        && let Verdict::Refused { retry_after } =
            rate_limits::take(&mut *tx, s.address.name, s.address.limit, s.now_ms).await?
    {
        return Ok(Outcome::Limited {
            retry_after,
            email: false,
        });
    }
    // Each further declaration tells right details (409) from wrong ones
    // (201): past the CIN's allowance, each costs a puzzle, as a status
    // lookup does, still before the details are judged. The first counts
    // too, so that when the puzzles start does not tell whether the CIN
    // had declared.
    if s.vouched.is_none()
        && let Some(max) = unproven(&mut tx, s).await?
    {
        return Ok(Outcome::ProofRequired { max });
    }
    let birth_date = d.birth_date.to_string();
    let vouched_by = s.vouched.map_or("", |v| v.university.as_str());
    // On the roster or not, read under the roster's lock: an upload is
    // before this or after it, and then matches this declaration again.
    // Read after the costs above: what they ask must not tell whether the
    // details typed are the roster's.
    let university = d.university.as_str();
    crate::db::rosters::lock(&mut tx, university, &year, true).await?;
    let enrolled = crate::db::rosters::holds(&mut tx, university, &year, s.enrolment).await?;
    let new = Claim {
        massar: d.massar.as_str(),
        birth_date: &birth_date,
        vouched_by,
        enrolled,
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
    let (conflict, flag_earlier) = match identity::judge(&new, &earlier) {
        Judgement::AlreadyDeclared => return Ok(Outcome::AlreadyDeclared),
        Judgement::Accepted {
            conflict,
            flag_earlier,
        } => (conflict, flag_earlier),
    };
    let folded = super::names::folded_name(d.last_name.as_str(), d.first_name.as_str());
    sqlx::query(
        "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
           birth_date, email, phone, university_id, establishment, lang, status, \
           idempotency_key, request_hash, received_at, identity_conflict, vouched_by, name_folded, \
           enrolled) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
           $20)",
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
    .bind(i64::from(enrolled))
    .execute(&mut *tx)
    .await?;
    super::names::index_name(&mut tx, &reference, s.received_at, &folded).await?;
    // In the order of their references, as decisions and exports change
    // rows: two transactions never wait on each other.
    let mut flagged: Vec<&str> = flag_earlier
        .into_iter()
        .map(|i| stored[i].reference.as_str())
        .collect();
    flagged.sort_unstable();
    for reference in flagged {
        sqlx::query("UPDATE declarations SET identity_conflict = 1 WHERE reference = $1")
            .bind(reference)
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
    crate::db::outbox::enqueue(&mut tx, mail, s.mails, s.now_ms).await?;
    tx.commit().await?;
    Ok(Outcome::Created(Receipt {
        reference: Reference::parse(&reference)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
        academic_year: d.academic_year,
        status: Status::Received,
        received_at: s.received_at.to_owned(),
    }))
}
