//! Everything stored about a declaration or a CIN's declarations (the
//! student's right of access), audited or not.

use super::ROSTER_COLUMNS;
use super::{exported, lock_for_writing};
use crate::db::audit::{self, Stamp};
use amoe_domain::declaration::{RefusalReason, Status};
use amoe_domain::messages::operator::{
    StoredCorrection, StoredDeclaration, StoredEvent, StoredMail,
};
use sqlx::{Any, AnyPool, Row, Transaction};

/// Whose data.
pub enum Whose {
    Reference(String),
    Cin(String),
}

const COLUMNS: &str = "reference, academic_year, cin, massar, last_name, first_name, \
    birth_date, email, phone, university_id, establishment, status, received_at, \
    identity_conflict, vouched_by, set_aside_at, lang, decided_on, refusal_reason";

pub(crate) async fn stored(
    tx: &mut Transaction<'_, Any>,
    whose: &Whose,
) -> Result<Vec<StoredDeclaration>, sqlx::Error> {
    let (condition, value) = match whose {
        Whose::Reference(reference) => ("reference", reference.as_str()),
        Whose::Cin(cin) => ("cin", cin.as_str()),
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, {ROSTER_COLUMNS} FROM declarations WHERE {condition} = $1 ORDER BY received_at, reference"
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
        let rounds = super::reexamine::rounds(&mut *tx, &reference).await?;
        let ids = crate::mail::ids_of(&reference, rounds);
        let sql = format!(
            "SELECT id, recipient, subject, body_text, created_at, sent_at, attempts \
             FROM outbox WHERE id IN ({}) ORDER BY created_at, id",
            crate::db::placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        let mails = query
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
            reexaminations: super::reexamine::of_declaration(&mut *tx, &reference).await?,
        });
    }
    Ok(declarations)
}

/// Everything stored about `whose` (access), recorded in the audit log
/// with the references shown (never the CIN asked for).
pub async fn show(
    pool: &AnyPool,
    whose: &Whose,
    who: &Stamp<'_>,
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
    audit::record(
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
