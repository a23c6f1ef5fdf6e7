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
