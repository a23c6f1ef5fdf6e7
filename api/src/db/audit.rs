//! The audit log: who did what to which declarations, and when. Each
//! entry is written in the transaction of what it records, and the
//! references its detail names are indexed (`audit_references`) so that a
//! case's entries are one range of an index.

use amoe_domain::messages::operator::AuditEntry;
use sqlx::{Any, AnyPool, Row, Transaction};

/// Who acts, and when: the audit log's first columns.
pub struct Stamp<'a> {
    pub actor: &'a str,
    pub at: &'a str,
}

/// Appends an entry to the audit log, in the transaction of what it
/// records.
pub(crate) async fn record(
    tx: &mut Transaction<'_, Any>,
    who: &Stamp<'_>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    let id: String = getrandom::u64()
        .map(|n| format!("{n:016x}"))
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(who.at)
    .bind(who.actor)
    .bind(action)
    .bind(detail.to_string())
    .execute(&mut **tx)
    .await?;
    for reference in named_references(&detail) {
        sqlx::query("INSERT INTO audit_references (reference, audit_id) VALUES ($1, $2)")
            .bind(reference)
            .bind(&id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The declarations' references that an audit entry's detail names,
/// wherever they are in it, each once.
fn named_references(detail: &serde_json::Value) -> std::collections::BTreeSet<&str> {
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![detail];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(text)
                if text.starts_with("AMOE-")
                    && amoe_domain::declaration::reference_number::Reference::parse(text)
                        .is_ok_and(|r| r.to_string() == *text) =>
            {
                found.insert(text.as_str());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(fields) => stack.extend(fields.values()),
            _ => {}
        }
    }
    found
}

/// The newest `limit` entries of the audit log, newest first.
pub async fn latest(pool: &AnyPool, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT at, actor, action, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let detail: String = row.try_get("detail")?;
            Ok(AuditEntry {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
            })
        })
        .collect()
}

/// The newest 500 audit entries that name `reference`, oldest first,
/// each with its action and who, not its detail: an entry's detail can
/// name other declarations (an operator's lookup by CIN lists all of a
/// student's), which this case's readers may not see.
pub async fn of_declaration(
    pool: &AnyPool,
    reference: &str,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.at, a.actor, a.action FROM audit_references r \
         JOIN audit_log a ON a.id = r.audit_id WHERE r.reference = $1 \
         ORDER BY a.at DESC, a.id DESC LIMIT 500",
    )
    .bind(reference)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .rev()
        .map(|row| {
            Ok(AuditEntry {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                detail: serde_json::Value::Null,
            })
        })
        .collect()
}
