//! What operators do: export declarations to verify, record decisions.

use crate::mail::Mail;
use amoe_domain::declaration::{Decision, Outcome, Status};
use amoe_domain::messages::operator::{AuditEntry, ExportedDeclaration, RowError};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyPool, Row, Transaction};

/// Who acts, and when: the audit log's first columns.
pub struct Actor<'a> {
    pub actor: &'a str,
    pub at: &'a str,
}

/// Appends an entry to the audit log, in the transaction of what it
/// records.
pub(super) async fn audit(
    tx: &mut Transaction<'_, Any>,
    who: &Actor<'_>,
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
pub async fn audit_log(pool: &AnyPool, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
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

/// Takes the write lock at once (SQLite otherwise fails a transaction that
/// reads, then writes, while another writes). Harmless on PostgreSQL.
pub(crate) async fn lock_for_writing(tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE declarations SET status = status WHERE 1 = 0")
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub(super) async fn next_position(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM declaration_events WHERE reference = $1")
        .bind(reference)
        .fetch_one(&mut **tx)
        .await?
        .try_get("next")
}

pub(crate) async fn record_event(
    tx: &mut Transaction<'_, Any>,
    reference: &str,
    status: Status,
    at: &str,
) -> Result<(), sqlx::Error> {
    let position = next_position(tx, reference).await?;
    sqlx::query(
        "INSERT INTO declaration_events (reference, position, status, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(reference)
    .bind(position)
    .bind(status.as_str())
    .bind(at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub(super) fn exported(row: &AnyRow) -> Result<ExportedDeclaration, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(ExportedDeclaration {
        reference: row.try_get("reference")?,
        academic_year: row.try_get("academic_year")?,
        cin: row.try_get("cin")?,
        massar: row.try_get("massar")?,
        last_name: row.try_get("last_name")?,
        first_name: row.try_get("first_name")?,
        birth_date: row.try_get("birth_date")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        university: row.try_get("university_id")?,
        establishment: row.try_get("establishment")?,
        status: Status::parse(&status).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "status".into(),
            source: format!("unknown status {status:?}").into(),
        })?,
        received_at: row.try_get("received_at")?,
        identity_conflict: row.try_get::<i64, _>("identity_conflict")? != 0,
        vouched_by: Some(row.try_get::<String, _>("vouched_by")?).filter(|v| !v.is_empty()),
    })
}

/// Whom a decision's mail goes to, and in which language.
pub struct Student {
    pub email: String,
    pub lang: String,
    pub academic_year: String,
}

/// What applying a file did.
pub struct Applied {
    pub applied: usize,
    pub unchanged: usize,
}

/// Records every decision in one transaction, or none: a row about an
/// unknown reference, or a declaration already decided otherwise, rejects
/// the whole file. A decision recorded identically before is unchanged, so
/// importing the same file twice changes nothing. `rows[i]` is the file's
/// row number of `decisions[i]`. With `dry_run`, nothing is kept.
pub async fn apply(
    pool: &AnyPool,
    decisions: &[(usize, Decision)],
    dry_run: bool,
    who: &Actor<'_>,
    cap: &super::outbox::Cap<'_>,
    mail_for: impl Fn(&Decision, &Student) -> Mail,
) -> Result<Result<Applied, Vec<RowError>>, sqlx::Error> {
    let now = who.at;
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    let mut errors = Vec::new();
    let mut applied = Applied {
        applied: 0,
        unchanged: 0,
    };
    // Rows are changed in the order of their references, as an export
    // marks them: two transactions that change the same rows then wait for
    // each other, never on each other (no deadlock on PostgreSQL).
    let mut in_order: Vec<&(usize, Decision)> = decisions.iter().collect();
    in_order.sort_by_key(|(_, d)| d.reference.to_string());
    // The mails are queued once every row is changed, in the order of
    // their recipients' buckets: locks are always taken rows first, then
    // buckets, each in one order.
    let mut mails = Vec::new();
    for (row, decision) in in_order {
        let reference = decision.reference.to_string();
        let error = |column: &str, code: &str| RowError {
            row: *row,
            column: column.into(),
            code: code.into(),
        };
        let reason = match &decision.outcome {
            Outcome::Covered => None,
            Outcome::Refused { reason } => {
                Some(serde_json::to_string(reason).expect("serialisable"))
            }
        };
        let date = decision.date.to_string();
        // Read, judge, then change the row only if it is still as read: a
        // decision recorded meanwhile by another import (or a mark by an
        // export) is never replaced; the row is read again and judged anew.
        // On PostgreSQL the update waits for the other transaction first.
        let mut attempts = 0;
        loop {
            attempts += 1;
            let current = sqlx::query(
                "SELECT status, decided_on, refusal_reason, email, lang, academic_year \
                 FROM declarations WHERE reference = $1",
            )
            .bind(&reference)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(current) = current else {
                errors.push(error("reference", "unknown_reference"));
                break;
            };
            let status_text: String = current.try_get("status")?;
            let status = Status::parse(&status_text).unwrap_or(Status::Refused);
            let same = status == decision.status()
                && current
                    .try_get::<Option<String>, _>("decided_on")?
                    .as_deref()
                    == Some(date.as_str())
                && current.try_get::<Option<String>, _>("refusal_reason")? == reason;
            if same {
                applied.unchanged += 1;
                break;
            }
            if status.then(decision.status()).is_err() {
                errors.push(error("decision", "not_pending"));
                break;
            }
            let changed = sqlx::query(
                "UPDATE declarations SET status = $1, decided_on = $2, refusal_reason = $3 \
                 WHERE reference = $4 AND status = $5",
            )
            .bind(decision.status().as_str())
            .bind(&date)
            .bind(reason.clone())
            .bind(&reference)
            .bind(&status_text)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                if attempts < 3 {
                    continue;
                }
                errors.push(error("decision", "changed_meanwhile"));
                break;
            }
            record_event(&mut tx, &reference, decision.status(), now).await?;
            let detail = match &decision.outcome {
                Outcome::Covered => {
                    serde_json::json!({"reference": reference, "decision": "covered"})
                }
                Outcome::Refused { reason } => serde_json::json!({
                    "reference": reference, "decision": "refused", "reason": reason.code(),
                }),
            };
            audit(&mut tx, who, "decision", detail).await?;
            let student = Student {
                email: current.try_get("email")?,
                lang: current.try_get("lang")?,
                academic_year: current.try_get("academic_year")?,
            };
            mails.push(mail_for(decision, &student));
            applied.applied += 1;
            break;
        }
    }
    let mut mails: Vec<(String, Mail)> = mails
        .into_iter()
        .map(|mail| (super::outbox::recipient_bucket(&mail, cap.secret), mail))
        .collect();
    mails.sort_by(|a, b| a.0.cmp(&b.0));
    if errors.is_empty() && !dry_run {
        for (_, mail) in &mails {
            super::outbox::enqueue(&mut tx, mail, cap).await?;
        }
        let detail = serde_json::json!({
            "rows": decisions.len(), "applied": applied.applied, "unchanged": applied.unchanged,
        });
        audit(&mut tx, who, "import", detail).await?;
    }
    errors.sort_by_key(|e| e.row);
    if !errors.is_empty() || dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(if errors.is_empty() {
        Ok(applied)
    } else {
        Err(errors)
    })
}
