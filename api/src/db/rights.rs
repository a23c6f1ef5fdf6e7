//! The student's rights under law 09-08, served by operators: access
//! (everything stored about a declaration or a CIN), rectification and
//! erasure (`erasure.rs`). Each is recorded in the audit log, in its own
//! transaction.

use super::declarations::lock_cin;
use super::operator::{Actor, audit, exported, lock_for_writing};
use amoe_domain::declaration::identity::{Claim, Stored, flags};
use amoe_domain::declaration::{RefusalReason, Status};
use amoe_domain::messages::operator::{
    Checked, StoredCorrection, StoredDeclaration, StoredEvent, StoredMail,
};
use sqlx::{Any, AnyPool, Row, Transaction};

/// Whose data.
pub enum Whose {
    Reference(String),
    Cin(String),
}

const COLUMNS: &str = "reference, academic_year, cin, massar, last_name, first_name, \
    birth_date, email, phone, university_id, establishment, status, received_at, \
    identity_conflict, vouched_by, lang, decided_on, refusal_reason";

async fn stored(
    tx: &mut Transaction<'_, Any>,
    whose: &Whose,
) -> Result<Vec<StoredDeclaration>, sqlx::Error> {
    let (condition, value) = match whose {
        Whose::Reference(reference) => ("reference", reference.as_str()),
        Whose::Cin(cin) => ("cin", cin.as_str()),
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM declarations WHERE {condition} = $1 ORDER BY received_at, reference"
    ))
    .bind(value)
    .fetch_all(&mut **tx)
    .await?;
    let mut declarations = Vec::with_capacity(rows.len());
    for row in &rows {
        let reference: String = row.try_get("reference")?;
        let events = sqlx::query(
            "SELECT status, at FROM declaration_events WHERE reference = $1 ORDER BY position",
        )
        .bind(&reference)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|event| {
            let status: String = event.try_get("status")?;
            Ok(StoredEvent {
                status: Status::parse(&status).ok_or_else(|| sqlx::Error::ColumnDecode {
                    index: "status".into(),
                    source: format!("unknown status {status:?}").into(),
                })?,
                at: event.try_get("at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
        let corrections = sqlx::query(
            "SELECT field, at, actor FROM declaration_corrections WHERE reference = $1 \
             ORDER BY position",
        )
        .bind(&reference)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|c| {
            Ok(StoredCorrection {
                field: c.try_get("field")?,
                at: c.try_get("at")?,
                actor: c.try_get("actor")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
        let [a, b, c] = crate::mail::ids_of(&reference);
        let mails = sqlx::query(
            "SELECT id, recipient, subject, body_text, created_at, sent_at, attempts \
             FROM outbox WHERE id IN ($1, $2, $3) ORDER BY created_at, id",
        )
        .bind(a)
        .bind(b)
        .bind(c)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|m| {
            let id: String = m.try_get("id")?;
            Ok(StoredMail {
                kind: id[reference.len() + 1..].to_owned(),
                recipient: m.try_get("recipient")?,
                subject: m.try_get("subject")?,
                body_text: m.try_get("body_text")?,
                created_at: m.try_get("created_at")?,
                sent_at: m.try_get("sent_at")?,
                attempts: m.try_get("attempts")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
        let reason: Option<String> = row.try_get("refusal_reason")?;
        declarations.push(StoredDeclaration {
            declaration: exported(row)?,
            lang: row.try_get("lang")?,
            decided_on: row.try_get("decided_on")?,
            refusal_reason: reason
                .and_then(|json| serde_json::from_str::<RefusalReason>(&json).ok())
                .map(|r| r.code().to_owned()),
            events,
            corrections,
            mails,
        });
    }
    Ok(declarations)
}

/// Everything stored about `whose` (access), recorded in the audit log
/// with the references shown (never the CIN asked for).
pub async fn show(
    pool: &AnyPool,
    whose: &Whose,
    who: &Actor<'_>,
) -> Result<Vec<StoredDeclaration>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let declarations = stored(&mut tx, whose).await?;
    let references: Vec<&str> = declarations
        .iter()
        .map(|d| d.declaration.reference.as_str())
        .collect();
    let by = match whose {
        Whose::Reference(_) => "reference",
        Whose::Cin(_) => "cin",
    };
    audit(
        &mut tx,
        who,
        "show",
        serde_json::json!({"by": by, "references": references}),
    )
    .await?;
    tx.commit().await?;
    Ok(declarations)
}

/// Everything stored about `whose`, without an audit entry: for an
/// answer to an action that is audited itself (a decision, a correction).
pub async fn read(pool: &AnyPool, whose: &Whose) -> Result<Vec<StoredDeclaration>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let declarations = stored(&mut tx, whose).await?;
    tx.commit().await?;
    Ok(declarations)
}

/// What became of a correction.
pub enum Corrected {
    Done(Box<StoredDeclaration>),
    UnknownReference,
    /// The same student has a declaration with these details already.
    Duplicate,
}

/// Sets the checked columns of a declaration (rectification), records
/// each corrected field, and judges again the identity of the CIN's
/// declarations (the old CIN's too, when it changed): a correction that
/// makes two declarations agree clears their `identity_conflict`.
pub async fn correct(
    pool: &AnyPool,
    reference: &str,
    changes: &Checked,
    who: &Actor<'_>,
) -> Result<Corrected, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let Some((old_cin, year)) = lock_for_rights(&mut tx, reference).await? else {
        return Ok(Corrected::UnknownReference);
    };
    let new_cin = changes
        .iter()
        .find(|(column, _)| *column == "cin")
        .and_then(|(_, value)| value.clone())
        .unwrap_or_else(|| old_cin.clone());
    let mut cins = vec![old_cin.clone(), new_cin.clone()];
    cins.sort();
    cins.dedup();
    if new_cin != old_cin {
        lock_cin(&mut tx, &new_cin, &year).await?;
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
    let updated = match update.execute(&mut *tx).await {
        Ok(_) if identity => sqlx::query(
            "UPDATE declarations SET vouched_by = '' WHERE reference = $1 AND vouched_by <> ''",
        )
        .bind(reference)
        .execute(&mut *tx)
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
        Err(e) if super::declarations::is_unique_violation(&e) => {
            tx.rollback().await?;
            return Ok(Corrected::Duplicate);
        }
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
        .fetch_one(&mut *tx)
        .await?;
        let folded = super::names::folded_name(
            &row.try_get::<String, _>("last_name")?,
            &row.try_get::<String, _>("first_name")?,
        );
        sqlx::query("UPDATE declarations SET name_folded = $1 WHERE reference = $2")
            .bind(&folded)
            .bind(reference)
            .execute(&mut *tx)
            .await?;
        let received_at: String = row.try_get("received_at")?;
        super::names::index_name(&mut tx, reference, &received_at, &folded).await?;
    }
    let changes = &changes;
    let mut position: i64 = sqlx::query(
        "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM declaration_corrections \
         WHERE reference = $1",
    )
    .bind(reference)
    .fetch_one(&mut *tx)
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
        .execute(&mut *tx)
        .await?;
        position += 1;
    }
    if identity {
        for cin in &cins {
            judge_again(&mut tx, cin).await?;
        }
        forget_cin(&mut tx, &old_cin, &year).await?;
    }
    // Mails not sent yet go to the corrected address.
    if let Some((_, Some(email))) = changes.iter().find(|(column, _)| *column == "email") {
        let prefix = format!("{reference}.");
        sqlx::query(
            "UPDATE outbox SET recipient = $1 \
             WHERE substr(id, 1, CAST($3 AS INTEGER)) = $2 AND sent_at IS NULL",
        )
        .bind(email)
        .bind(&prefix)
        .bind(prefix.len() as i64)
        .execute(&mut *tx)
        .await?;
    }
    let fields: Vec<&str> = changes.iter().map(|(column, _)| *column).collect();
    audit(
        &mut tx,
        who,
        "correct",
        serde_json::json!({"reference": reference, "fields": fields}),
    )
    .await?;
    let mut declarations = stored(&mut tx, &Whose::Reference(reference.to_owned())).await?;
    tx.commit().await?;
    Ok(match declarations.pop() {
        Some(declaration) => Corrected::Done(Box::new(declaration)),
        None => Corrected::UnknownReference,
    })
}

/// Sets the `identity_conflict` flag of each declaration of `cin`, as
/// judging them in the order they arrived would have left it.
pub(super) async fn judge_again(
    tx: &mut Transaction<'_, Any>,
    cin: &str,
) -> Result<(), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT reference, academic_year, massar, birth_date, vouched_by, identity_conflict \
         FROM declarations WHERE cin = $1 ORDER BY received_at, reference",
    )
    .bind(cin)
    .fetch_all(&mut **tx)
    .await?;
    let rows: Vec<(String, String, String, String, String, i64)> = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get("reference")?,
                row.try_get("academic_year")?,
                row.try_get("massar")?,
                row.try_get("birth_date")?,
                row.try_get("vouched_by")?,
                row.try_get("identity_conflict")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let stored: Vec<Stored<'_>> = rows
        .iter()
        .map(|(_, year, massar, birth_date, vouched_by, _)| Stored {
            claim: Claim {
                massar,
                birth_date,
                vouched_by,
            },
            academic_year: year,
        })
        .collect();
    for ((reference, .., was), flagged) in rows.iter().zip(flags(&stored)) {
        if (*was != 0) != flagged {
            sqlx::query("UPDATE declarations SET identity_conflict = $1 WHERE reference = $2")
                .bind(i64::from(flagged))
                .bind(reference)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Removes a CIN's row for `year` once no declaration uses it.
pub(super) async fn forget_cin(
    tx: &mut Transaction<'_, Any>,
    cin: &str,
    year: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM cin_years WHERE cin = $1 AND academic_year = $2 \
         AND NOT EXISTS (SELECT 1 FROM declarations WHERE cin = $1 AND academic_year = $2)",
    )
    .bind(cin)
    .bind(year)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Locks a declaration's row (after its CIN's, the order every writer
/// takes them in) and reads its CIN and year; `None` if it is gone.
async fn lock_declaration(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query("UPDATE declarations SET status = status WHERE reference = $1")
        .bind(reference)
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query("SELECT cin, academic_year FROM declarations WHERE reference = $1")
        .bind(reference)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| Ok((row.try_get("cin")?, row.try_get("academic_year")?)))
        .transpose()
}

/// Reads a declaration's CIN and year without a lock, then locks its
/// CIN's row and its own, and reads them again; a CIN changed meanwhile
/// (another correction) starts over.
pub(super) async fn lock_for_rights(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    for _ in 0..3 {
        let Some(row) =
            sqlx::query("SELECT cin, academic_year FROM declarations WHERE reference = $1")
                .bind(reference)
                .fetch_optional(&mut **tx)
                .await?
        else {
            return Ok(None);
        };
        let (cin, year): (String, String) = (row.try_get("cin")?, row.try_get("academic_year")?);
        lock_cin(tx, &cin, &year).await?;
        match lock_declaration(tx, reference).await? {
            Some(locked) if locked == (cin.clone(), year.clone()) => return Ok(Some(locked)),
            Some(_) => continue,
            None => return Ok(None),
        }
    }
    Err(sqlx::Error::Protocol(
        "the declaration's CIN kept changing".into(),
    ))
}
