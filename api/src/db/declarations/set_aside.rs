//! Setting a declaration aside (made up under a student's CIN, say), and
//! putting it back: it stays, visible to the fund, but counts towards
//! nothing of its CIN, whose identity is judged again.

use super::read::{Whose, stored};
use super::{judge_again, lock_for_rights, lock_for_writing};
use crate::db::audit::{self, Stamp};
use amoe_domain::messages::operator::StoredDeclaration;
use sqlx::{AnyPool, Row};

/// What became of a setting aside or a putting back.
pub enum Outcome {
    /// Done, or it was so already (`changed` false): the declaration now.
    Done {
        declaration: Box<StoredDeclaration>,
        changed: bool,
    },
    UnknownReference,
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
    let now: Option<String> =
        sqlx::query("SELECT set_aside_at FROM declarations WHERE reference = $1")
            .bind(reference)
            .fetch_one(&mut *tx)
            .await?
            .try_get("set_aside_at")?;
    let changed = now.is_some() != aside;
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

/// Sets aside, at once, every other unvouched declaration of the CIN and
/// academic year of `reference` (the one the fund judged the student's),
/// then judges the CIN's declarations again: many made-up declarations
/// under one CIN take one step. One audit entry names them all, and the
/// one kept. The declaration now, and how many were set aside.
pub async fn set_aside_others(
    pool: &AnyPool,
    reference: &str,
    who: &Stamp<'_>,
) -> Result<Option<(StoredDeclaration, u64)>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((cin, year)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(None);
    };
    let others: Vec<String> = sqlx::query(
        "SELECT reference FROM declarations \
         WHERE cin = $1 AND academic_year = $2 AND reference <> $3 \
           AND set_aside_at IS NULL AND vouched_by = '' \
         ORDER BY reference",
    )
    .bind(&cin)
    .bind(&year)
    .bind(reference)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| row.try_get("reference"))
    .collect::<Result<_, _>>()?;
    // In the order of their references, as every writer of many rows.
    for other in &others {
        sqlx::query("UPDATE declarations SET set_aside_at = $1 WHERE reference = $2")
            .bind(who.at)
            .bind(other)
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
    let mut declarations = stored(&mut tx, &Whose::Reference(reference.to_owned())).await?;
    tx.commit().await?;
    Ok(declarations
        .pop()
        .map(|declaration| (declaration, others.len() as u64)))
}
