//! Setting a declaration aside (made up under a student's CIN, say), and
//! putting it back: it stays, visible to the fund, but counts towards
//! nothing of its CIN, whose identity is judged again.

use super::read::{Whose, stored};
use super::{judge_again, lock_for_rights, lock_for_writing};
use crate::db::audit::{self, Stamp};
use amoe_domain::declaration::Status;
use amoe_domain::messages::operator::StoredDeclaration;
use sqlx::{AnyPool, Row};

/// What became of a setting aside or a putting back.
pub enum Outcome {
    /// Done (`changed` declarations changed; none when it was so
    /// already): the declaration now.
    Done {
        declaration: Box<StoredDeclaration>,
        changed: u64,
    },
    UnknownReference,
    /// Under verification: the operators have it, and their decision
    /// file will name it; it is decided first, then set aside.
    UnderVerification,
    /// The declaration kept is set aside itself (another agent's step, a
    /// stale page): nothing done.
    KeptSetAside,
}

/// Sets the declaration `reference` aside (`aside`) or puts it back, then
/// judges its CIN's declarations again: once a made-up declaration is set
/// aside, no flag it caused remains on the student's. Audited; what is so
/// already changes nothing and is not recorded again.
pub async fn set_aside(
    pool: &AnyPool,
    reference: &str,
    aside: bool,
    who: &Stamp<'_>,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((cin, _)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(Outcome::UnknownReference);
    };
    let row = sqlx::query("SELECT set_aside_at, status FROM declarations WHERE reference = $1")
        .bind(reference)
        .fetch_one(&mut *tx)
        .await?;
    let now: Option<String> = row.try_get("set_aside_at")?;
    let status: String = row.try_get("status")?;
    let changed = now.is_some() != aside;
    if changed && aside && status == Status::UnderVerification.as_str() {
        return Ok(Outcome::UnderVerification);
    }
    if changed {
        sqlx::query("UPDATE declarations SET set_aside_at = $1 WHERE reference = $2")
            .bind(aside.then_some(who.at))
            .bind(reference)
            .execute(&mut *tx)
            .await?;
        judge_again(&mut tx, &cin).await?;
        audit::record(
            &mut tx,
            who,
            if aside { "set_aside" } else { "put_back" },
            serde_json::json!({ "reference": reference }),
        )
        .await?;
    }
    done(tx, reference, u64::from(changed)).await
}

/// Sets aside, at once, every other unvouched declaration of the CIN and
/// academic year of `reference` (the one the fund judged the student's)
/// that is still received (neither handed over to the operators nor
/// decided: those are for the fund to look at one by one), then judges the
/// CIN's declarations again: many made-up declarations under one CIN take
/// one step. One audit entry names them all, and the one kept. The
/// declaration now, and how many were set aside.
pub async fn set_aside_others(
    pool: &AnyPool,
    reference: &str,
    who: &Stamp<'_>,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((cin, year)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(Outcome::UnknownReference);
    };
    let kept: Option<String> =
        sqlx::query("SELECT set_aside_at FROM declarations WHERE reference = $1")
            .bind(reference)
            .fetch_one(&mut *tx)
            .await?
            .try_get("set_aside_at")?;
    if kept.is_some() {
        return Ok(Outcome::KeptSetAside);
    }
    // The CIN's row is locked: no declaration of it comes or changes
    // meanwhile, and the update below sets aside exactly these.
    let others_of = "FROM declarations \
         WHERE cin = $1 AND academic_year = $2 AND reference <> $3 \
           AND set_aside_at IS NULL AND vouched_by = '' AND status = $4";
    let others: Vec<String> =
        sqlx::query(&format!("SELECT reference {others_of} ORDER BY reference"))
            .bind(&cin)
            .bind(&year)
            .bind(reference)
            .bind(Status::Received.as_str())
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|row| row.try_get("reference"))
            .collect::<Result<_, _>>()?;
    if !others.is_empty() {
        sqlx::query(&format!(
            "UPDATE declarations SET set_aside_at = $5 WHERE reference IN (SELECT reference {others_of})"
        ))
        .bind(&cin)
        .bind(&year)
        .bind(reference)
        .bind(Status::Received.as_str())
        .bind(who.at)
        .execute(&mut *tx)
        .await?;
    }
    if !others.is_empty() {
        judge_again(&mut tx, &cin).await?;
        audit::record(
            &mut tx,
            who,
            "set_aside_others",
            serde_json::json!({ "kept": reference, "set_aside": others }),
        )
        .await?;
    }
    done(
        tx,
        reference,
        u64::try_from(others.len()).unwrap_or(u64::MAX),
    )
    .await
}

/// Commits `tx` with the declaration kept as it now stands, `changed` of
/// them changed.
async fn done(
    mut tx: sqlx::Transaction<'_, sqlx::Any>,
    reference: &str,
    changed: u64,
) -> Result<Outcome, sqlx::Error> {
    let mut declarations = stored(&mut tx, &Whose::Reference(reference.to_owned())).await?;
    tx.commit().await?;
    Ok(match declarations.pop() {
        Some(declaration) => Outcome::Done {
            declaration: Box::new(declaration),
            changed,
        },
        None => Outcome::UnknownReference,
    })
}
