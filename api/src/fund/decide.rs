//! The fund's decisions: a file of them (JSON or CSV) or one from a case,
//! recorded all together with their mails, or not at all.

use super::decision_file;
use super::{Actor, Fund, field_error};
use crate::db::declarations::decide::{self, Decided, Source, Student};
use crate::db::outbox::{self, Outgoing};
use crate::error::Error;
use crate::limits::Buckets;
use crate::mail::render::{Event, render};
use amoe_domain::Day;
use amoe_domain::Lang;
use amoe_domain::declaration::{AcademicYear, Decision, DecisionRecord, Outcome};
use amoe_domain::messages::back_office::DecideRequest;
use amoe_domain::messages::operator::{ImportReport, RowError};

/// A decision file's format, as its `Content-Type` names it.
enum FileFormat {
    Json,
    Csv,
}

impl FileFormat {
    /// The format a `Content-Type` names; another is refused.
    fn of(content_type: &str) -> Result<FileFormat, Error> {
        if content_type.starts_with("application/json") {
            Ok(FileFormat::Json)
        } else if content_type.starts_with("text/csv") {
            Ok(FileFormat::Csv)
        } else {
            Err(Error::UnsupportedMediaType)
        }
    }
}

/// Reads a decision file (JSON or CSV, by its `Content-Type`) and records it, all or nothing; with `dry_run`,
/// reports what it would do and keeps nothing.
pub async fn import(
    fund: Fund<'_>,
    actor: &Actor,
    content_type: &str,
    body: &[u8],
    dry_run: bool,
) -> Result<ImportReport, Error> {
    actor.may_decide()?;
    let format = FileFormat::of(content_type)?;
    let records: decision_file::Rows = match format {
        FileFormat::Json => serde_json::from_slice::<Vec<DecisionRecord>>(body)
            .map_err(|e| Error::InvalidJson {
                message: e.to_string(),
            })?
            .into_iter()
            .enumerate()
            .map(|(i, record)| (i + 1, Ok(record)))
            .collect(),
        FileFormat::Csv => decision_file::read_csv(body)?,
    };
    let mut errors = Vec::new();
    let mut decisions: Vec<(usize, Decision)> = Vec::new();
    for (row, record) in records {
        match record.map(|r| r.parse()) {
            Ok(Ok(decision)) => decisions.push((row, decision)),
            Ok(Err(columns)) => errors.extend(columns.into_iter().map(|(column, code)| RowError {
                row,
                column: column.into(),
                code: code.into(),
            })),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFile(errors));
    }
    record_all(fund, actor, &decisions, dry_run, None, Source::File).await
}

/// Records the decision on one case (`typed`, a reference the actor may
/// see), dated today: the reference, and whether it was recorded
/// identically before (then nothing changed and no mail goes). A
/// declaration decided otherwise meanwhile is refused, saying so.
pub async fn one(
    fund: Fund<'_>,
    actor: &Actor,
    typed: &str,
    request: DecideRequest,
) -> Result<(String, bool), Error> {
    actor.may_decide()?;
    let reference = &super::read::visible(fund, actor, typed).await?;
    let today = Day::in_morocco(fund.config.clock.now());
    let record = DecisionRecord {
        reference: reference.to_owned(),
        decision: request.decision,
        reason_code: request.reason_code,
        reason_text: request.reason_text,
        decision_date: today.to_string(),
    };
    let decision = record.parse().map_err(|columns| {
        Error::InvalidFields(
            columns
                .into_iter()
                .map(|(column, code)| field_error(column, code))
                .collect(),
        )
    })?;
    let report = record_all(fund, actor, &[(1, decision)], false, None, Source::Case)
        .await
        .map_err(|e| match e {
            Error::InvalidFile(rows) => match rows.first().map(|r| r.code.as_str()) {
                Some("unknown_reference") => Error::UnknownReference,
                Some("changed_meanwhile") => Error::DecisionRefused("changed_meanwhile"),
                Some("set_aside") => Error::DecisionRefused("set_aside"),
                Some("correction_duplicate") => Error::DecisionRefused("correction_duplicate"),
                _ => Error::DecisionRefused("already_decided"),
            },
            other => other,
        })?;
    Ok((reference.clone(), report.unchanged > 0))
}

/// Refuses, in one transaction with their mails, the declarations of
/// `decisions` that the final roster of `roster` (university, year) still
/// does not hold, read again under the fund's lock in that transaction: a
/// declaration matched, decided, set aside or erased since it was
/// selected is left out. How many were refused.
pub(super) async fn refuse_off_roster(
    fund: Fund<'_>,
    actor: &Actor,
    decisions: Vec<(usize, Decision)>,
    roster: (&str, &str),
) -> Result<usize, Error> {
    match record_all(fund, actor, &decisions, false, Some(roster), Source::File).await {
        Ok(report) => Ok(report.applied),
        Err(Error::InvalidFile(_)) => Err(Error::RosterBusy("roster_changed")),
        Err(other) => Err(other),
    }
}

/// Records parsed decisions (`(row, decision)`), all or nothing, with
/// their mails; a row the domain refuses (an unknown reference, a
/// declaration decided otherwise) is an `invalid_file` naming it.
async fn record_all(
    fund: Fund<'_>,
    actor: &Actor,
    decisions: &[(usize, Decision)],
    dry_run: bool,
    off_roster: Option<(&str, &str)>,
    source: Source,
) -> Result<ImportReport, Error> {
    let at = fund.now()?;
    let who = fund.stamped(actor, &at);
    let mut tx = decide::begin(&fund.db.pool).await?;
    let mut in_order: Vec<&(usize, Decision)> = decisions.iter().collect();
    // Refusals of declarations off a final roster: only those it still
    // does not hold, as read now.
    if let Some((university, year)) = off_roster {
        let references: Vec<String> = in_order
            .iter()
            .map(|(_, d)| d.reference.to_string())
            .collect();
        let Some(still) =
            crate::db::rosters::still_unmatched(&mut tx, university, year, &references).await?
        else {
            return Err(Error::RosterBusy("roster_matching"));
        };
        in_order.retain(|(_, d)| still.contains(&d.reference.to_string()));
    }
    in_order.sort_by_key(|(_, d)| d.reference.to_string());
    let accepted: Vec<String> = in_order
        .iter()
        .filter(|(_, d)| matches!(d.outcome, Outcome::Covered))
        .map(|(_, d)| d.reference.to_string())
        .collect();
    crate::db::declarations::reexamine::lock_cins(&mut tx, &accepted).await?;
    let (mut applied, mut unchanged) = (0, 0);
    let mut errors = Vec::new();
    let mut mails = Vec::new();
    for (row, decision) in in_order {
        match decide::decide(&mut tx, &fund.config.secret, decision, source, &who).await? {
            Decided::Recorded(student) => {
                mails.push(mail(fund, decision, &student));
                applied += 1;
            }
            Decided::Unchanged => unchanged += 1,
            Decided::Refused { column, code } => errors.push(RowError {
                row: *row,
                column: column.into(),
                code: code.into(),
            }),
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        errors.sort_by_key(|e| e.row);
        return Err(Error::InvalidFile(errors));
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        // Mails are queued once every row is changed, in the order of
        // their recipients' buckets: locks are always taken rows first,
        // then buckets, each in one order.
        mails.sort_by(|a: &Outgoing, b: &Outgoing| a.bucket.cmp(&b.bucket));
        let now_ms = fund.config.clock.now_ms();
        for mail in &mails {
            outbox::enqueue(
                &mut tx,
                mail,
                fund.config.limits.mails_per_recipient,
                now_ms,
            )
            .await?;
        }
        let detail = serde_json::json!({
            "rows": decisions.len(), "applied": applied, "unchanged": unchanged,
        });
        crate::db::audit::record(&mut tx, &who, "import", detail).await?;
        tx.commit().await?;
        if applied > 0 {
            fund.outbox_wake.notify_one();
        }
    }
    tracing::info!(rows = decisions.len(), applied, dry_run, "import");
    Ok(ImportReport {
        rows: decisions.len(),
        applied,
        unchanged,
        dry_run,
    })
}

/// The mail that tells `student` of `decision`, in the student's language.
fn mail(fund: Fund<'_>, decision: &Decision, student: &Student) -> Outgoing {
    let lang = Lang::from_tag(&student.lang).unwrap_or(Lang::FALLBACK);
    let year = AcademicYear::parse(&student.academic_year)
        .unwrap_or_else(|_| AcademicYear::containing(decision.date, fund.config.rules.year_start));
    let event = match &decision.outcome {
        Outcome::Covered => Event::Covered { on: decision.date },
        Outcome::Refused { reason } => Event::Refused {
            reason: reason.clone(),
        },
    };
    let mut mail = render(
        &event,
        &decision.reference,
        year,
        lang,
        &student.email,
        &fund.config.server.public_url,
    );
    mail.id = crate::mail::round_id(&mail.id, student.round);
    Outgoing {
        bucket: Buckets(&fund.config.secret).mails_to(&mail.recipient),
        mail,
    }
}
