//! The fund's decisions on declarations, one at a time in a transaction
//! that holds the write lock, so that a file's decisions are recorded all
//! together, with their mails, or not at all.

use super::{lock_for_writing, record_event};
use crate::db::audit::{self, Stamp};
use amoe_domain::declaration::{Decision, Outcome, Status};
use sqlx::{Any, AnyPool, Row, Transaction};

/// Whom a decision's mail goes to, and in which language.
pub struct Student {
    pub email: String,
    pub lang: String,
    pub academic_year: String,
    /// The re-examinations the declaration has had: its mail's id counts
    /// them.
    pub round: i64,
}

/// Where a decision comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file of decisions (the operators', a roster's refusals): it may
    /// be an old one imported again.
    File,
    /// An agent on the case, as it stands now.
    Case,
}

/// What became of one decision.
pub enum Decided {
    /// Recorded: its mail goes to this student.
    Recorded(Student),
    /// Recorded identically before: nothing changed.
    Unchanged,
    /// Refused, nothing changed: the column at fault and why
    /// (`unknown_reference`, `not_pending`, `changed_meanwhile`,
    /// `set_aside`: the fund set it aside, and puts it back first).
    Refused {
        column: &'static str,
        code: &'static str,
    },
}

/// A transaction for decisions, the write lock taken. Decisions are then
/// recorded in the order of their references, as an export marks them:
/// two transactions that change the same rows wait for each other, never
/// on each other (no deadlock on PostgreSQL).
pub async fn begin(pool: &AnyPool) -> Result<Transaction<'static, Any>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock_for_writing(&mut tx).await?;
    Ok(tx)
}

/// Records `decision` in `tx`, with its event and its audit entry.
///
/// The row is read, judged, then changed only if it is still as read: a
/// decision recorded meanwhile by another import (or a mark by an
/// export) is never replaced; the row is read again and judged anew. On
/// PostgreSQL the update waits for the other transaction first.
pub async fn decide(
    tx: &mut Transaction<'_, Any>,
    secret: &crate::secret::Secret,
    decision: &Decision,
    source: Source,
    who: &Stamp<'_>,
) -> Result<Decided, sqlx::Error> {
    let reference = decision.reference.to_string();
    let reason = match &decision.outcome {
        Outcome::Covered => None,
        Outcome::Refused { reason } => Some(serde_json::to_string(reason).expect("serialisable")),
    };
    let date = decision.date.to_string();
    for _ in 0..3 {
        let current = sqlx::query(
            "SELECT status, decided_on, refusal_reason, email, lang, academic_year, set_aside_at \
             FROM declarations WHERE reference = $1",
        )
        .bind(&reference)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(current) = current else {
            return Ok(Decided::Refused {
                column: "reference",
                code: "unknown_reference",
            });
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
            return Ok(Decided::Unchanged);
        }
        if status == Status::UnderReexamination {
            // The refusal the student asked about, in a file imported
            // again: nothing changes (an agent on the case decides anew,
            // even the same refusal the same day); a decision dated before
            // the request answered an earlier state.
            let asked_about = source == Source::File
                && current
                    .try_get::<Option<String>, _>("decided_on")?
                    .as_deref()
                    == Some(date.as_str())
                && current.try_get::<Option<String>, _>("refusal_reason")? == reason;
            if asked_about {
                return Ok(Decided::Unchanged);
            }
            let requested_on = super::reexamine::requested_on(tx, &reference).await?;
            if requested_on.is_some_and(|day| date < day) {
                return Ok(Decided::Refused {
                    column: "decision_date",
                    code: "before_reexamination",
                });
            }
        }
        // Made up under someone's CIN: no decision, and no mail to
        // whoever made it up.
        if current
            .try_get::<Option<String>, _>("set_aside_at")?
            .is_some()
        {
            return Ok(Decided::Refused {
                column: "decision",
                code: "set_aside",
            });
        }
        if status.then(decision.status()).is_err() {
            return Ok(Decided::Refused {
                column: "decision",
                code: "not_pending",
            });
        }
        // Accepting a re-examination makes the corrections its student
        // asked for, as the fund's own (a savepoint: corrected details
        // that are another declaration's refuse this decision alone).
        if status == Status::UnderReexamination
            && matches!(decision.outcome, Outcome::Covered)
            && let Some((asked, changes)) =
                super::reexamine::pending_corrections(tx, &reference).await?
        {
            let Some((cin, year)) = super::lock_for_rights(tx, &reference).await? else {
                continue;
            };
            if !changes.is_empty() {
                let mut savepoint = sqlx::Connection::begin(&mut **tx).await?;
                let made = super::correct::apply(
                    &mut savepoint,
                    secret,
                    &reference,
                    (&cin, &year),
                    &changes,
                    who,
                )
                .await?;
                if !made {
                    savepoint.rollback().await?;
                    return Ok(Decided::Refused {
                        column: "decision",
                        code: "correction_duplicate",
                    });
                }
                savepoint.commit().await?;
            }
            super::reexamine::applied(tx, &reference, asked).await?;
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
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if changed == 0 {
            continue;
        }
        record_event(tx, &reference, decision.status(), who.at).await?;
        let detail = match &decision.outcome {
            Outcome::Covered => {
                serde_json::json!({"reference": reference, "decision": "covered"})
            }
            Outcome::Refused { reason } => serde_json::json!({
                "reference": reference, "decision": "refused", "reason": reason.code(),
            }),
        };
        audit::record(tx, who, "decision", detail).await?;
        let round = super::reexamine::rounds(tx, &reference).await?;
        return Ok(Decided::Recorded(Student {
            round,
            email: current.try_get("email")?,
            lang: current.try_get("lang")?,
            academic_year: current.try_get("academic_year")?,
        }));
    }
    Ok(Decided::Refused {
        column: "decision",
        code: "changed_meanwhile",
    })
}
