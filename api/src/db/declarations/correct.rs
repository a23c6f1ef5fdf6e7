//! The rectification of a declaration's details (law 09-08), each field
//! recorded, the CIN's identity judged again.

use super::read::{Whose, stored};
use super::{
    forget_cin, is_unique_violation, judge_again, lock_cin, lock_for_rights, lock_for_writing,
};
use crate::db::audit::{self, Stamp};
use amoe_domain::messages::operator::{Checked, StoredDeclaration};
use sqlx::{Any, AnyPool, Row, Transaction};

/// What became of a correction.
pub enum Corrected {
    Done(Box<StoredDeclaration>),
    UnknownReference,
    /// The same student has a declaration with these details already.
    Duplicate,
}

/// Sets the checked columns of a declaration (rectification), records
/// each corrected field, matches the corrected details against the
/// university's roster, and judges again the identity of the CIN's
/// declarations (the old CIN's too, when it changed): a correction that
/// makes two declarations agree clears their `identity_conflict`.
pub async fn correct(
    pool: &AnyPool,
    secret: &crate::secret::Secret,
    reference: &str,
    changes: &Checked,
    who: &Stamp<'_>,
) -> Result<Corrected, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((old_cin, year)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(Corrected::UnknownReference);
    };
    if !apply(&mut tx, secret, reference, (&old_cin, &year), changes, who).await? {
        tx.rollback().await?;
        return Ok(Corrected::Duplicate);
    }
    let mut declarations = stored(&mut tx, &Whose::Reference(reference.to_owned())).await?;
    tx.commit().await?;
    Ok(match declarations.pop() {
        Some(declaration) => Corrected::Done(Box::new(declaration)),
        None => Corrected::UnknownReference,
    })
}

/// Corrects the declaration `reference` of `(old_cin, year)` in `tx`,
/// whose write lock, CIN and row the caller holds: false (the transaction
/// to be rolled back) when the same student has a declaration with these
/// details already.
pub(crate) async fn apply(
    tx: &mut Transaction<'_, Any>,
    secret: &crate::secret::Secret,
    reference: &str,
    (old_cin, year): (&str, &str),
    changes: &Checked,
    who: &Stamp<'_>,
) -> Result<bool, sqlx::Error> {
    let (old_cin, year) = (old_cin.to_owned(), year.to_owned());
    let new_cin = changes
        .iter()
        .find(|(column, _)| *column == "cin")
        .and_then(|(_, value)| value.clone())
        .unwrap_or_else(|| old_cin.clone());
    let mut cins = vec![old_cin.clone(), new_cin.clone()];
    cins.sort();
    cins.dedup();
    if new_cin != old_cin {
        lock_cin(tx, &new_cin, &year).await?;
    }
    // A portal vouched for the details it sent, not for corrected ones.
    let identity = changes
        .iter()
        .any(|(column, _)| matches!(*column, "cin" | "massar" | "birth_date"));
    // The columns are among the fixed names of `Changes::check`.
    let sets: Vec<String> = changes
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("{column} = ${}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE declarations SET {} WHERE reference = $1",
        sets.join(", ")
    );
    let mut update = sqlx::query(&sql).bind(reference);
    for (_, value) in changes {
        update = update.bind(value.clone());
    }
    let mut changes = changes.clone();
    let updated = match update.execute(&mut **tx).await {
        Ok(_) if identity => sqlx::query(
            "UPDATE declarations SET vouched_by = '' WHERE reference = $1 AND vouched_by <> ''",
        )
        .bind(reference)
        .execute(&mut **tx)
        .await
        .map(|done| {
            if done.rows_affected() > 0 {
                changes.push(("vouched_by", None));
            }
        }),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    match updated {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => return Ok(false),
        Err(e) => return Err(e),
    }
    if changes
        .iter()
        .any(|(column, _)| matches!(*column, "last_name" | "first_name"))
    {
        let row = sqlx::query(
            "SELECT last_name, first_name, received_at FROM declarations WHERE reference = $1",
        )
        .bind(reference)
        .fetch_one(&mut **tx)
        .await?;
        let folded = super::names::folded_name(
            &row.try_get::<String, _>("last_name")?,
            &row.try_get::<String, _>("first_name")?,
        );
        sqlx::query("UPDATE declarations SET name_folded = $1 WHERE reference = $2")
            .bind(&folded)
            .bind(reference)
            .execute(&mut **tx)
            .await?;
        let received_at: String = row.try_get("received_at")?;
        super::names::index_name(tx, reference, &received_at, &folded).await?;
    }
    let changes = &changes;
    let mut position: i64 = sqlx::query(
        "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM declaration_corrections \
         WHERE reference = $1",
    )
    .bind(reference)
    .fetch_one(&mut **tx)
    .await?
    .try_get("next")?;
    for (column, _) in changes {
        sqlx::query(
            "INSERT INTO declaration_corrections (reference, position, field, at, actor) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(reference)
        .bind(position)
        .bind(*column)
        .bind(who.at)
        .bind(who.actor)
        .execute(&mut **tx)
        .await?;
        position += 1;
    }
    if identity {
        // Corrected details are on the roster, or not.
        crate::db::rosters::matching::match_one(tx, secret, reference).await?;
        for cin in &cins {
            judge_again(tx, cin).await?;
        }
        forget_cin(tx, &old_cin, &year).await?;
    }
    // Mails not sent yet go to the corrected address, found by their ids.
    if let Some((_, Some(email))) = changes.iter().find(|(column, _)| *column == "email") {
        let rounds = super::reexamine::rounds(tx, reference).await?;
        let ids = crate::mail::ids_of(reference, rounds);
        let sql = format!(
            "UPDATE outbox SET recipient = $1 WHERE sent_at IS NULL AND id IN ({})",
            crate::db::placeholders(2, ids.len())
        );
        let mut update = sqlx::query(&sql).bind(email);
        for id in &ids {
            update = update.bind(id);
        }
        update.execute(&mut **tx).await?;
    }
    let fields: Vec<&str> = changes.iter().map(|(column, _)| *column).collect();
    audit::record(
        tx,
        who,
        "correct",
        serde_json::json!({"reference": reference, "fields": fields}),
    )
    .await?;
    Ok(true)
}
