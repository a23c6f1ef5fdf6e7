//! Exports as a stream: CSV or JSON written a page after another while the
//! database is read, so the first bytes leave at once and the server holds
//! one page in memory, whatever the export's size. With marking, a page is
//! marked `under_verification` once the connection has taken it (when the
//! next one is queued, or the last one drained): an export cut short has
//! marked exactly the pages it handed over. The audit log records each
//! export when it ends, with how many were handed over and marked and
//! whether it went to its end.

use super::{Actor, Fund, field_error};
use crate::db::audit::Stamp;
use crate::db::declarations::criteria::Criteria;
use crate::db::declarations::export::{self, After};
use crate::error::Error;
use amoe_domain::Day;
use amoe_domain::declaration::{Status, UniversityId};
use amoe_domain::messages::operator::{
    EXPORT_COLUMNS, ExportRequest, ExportedDeclaration, spreadsheet_cell,
};
use bytes::Bytes;
use futures_util::Stream;
use sqlx::AnyPool;
use tokio::sync::mpsc;

/// How an export is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 with a BOM (spreadsheets then show Arabic names right),
    /// every cell one that a spreadsheet opens as text, never a formula.
    Csv,
    /// `{"declarations": [...], "marked": N}` (`ExportResponse`).
    Json,
}

impl Format {
    /// The `Content-Type` of what it writes.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// An operator's export request, checked: its criteria (the pending
/// declarations without a status), its format and whether it marks.
pub fn operators(request: &ExportRequest) -> Result<(Criteria, Format), Error> {
    let mut errors = Vec::new();
    if let Some(id) = &request.university
        && let Err(e) = UniversityId::parse(id)
    {
        errors.push(field_error("university", e.code()));
    }
    for (name, value) in [("since", &request.since), ("until", &request.until)] {
        if value.as_deref().is_some_and(|v| Day::parse(v).is_err()) {
            errors.push(field_error(name, "date_invalid"));
        }
    }
    let format = match request.format.as_deref() {
        None | Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some(_) => {
            errors.push(field_error("format", "format_unknown"));
            Format::Json
        }
    };
    if !errors.is_empty() {
        return Err(Error::InvalidFields(errors));
    }
    let criteria = Criteria {
        status: request.status,
        university: request.university.clone(),
        since: request.since.clone(),
        until: request.until.clone(),
        pending: true,
        // What the fund set aside is not handed over to be verified.
        set_aside: Some(false),
        ..Criteria::default()
    };
    Ok((criteria, format))
}

/// One export under way.
struct Export {
    pool: AnyPool,
    selection: export::Selection,
    format: Format,
    /// Mark the `received` declarations handed over `under_verification`.
    mark: bool,
    actor: String,
    at: String,
    /// The audit entry's detail (what it selected); counts are added at
    /// the end.
    audit: serde_json::Value,
}

/// The declarations `criteria` select, written in `format` by a task of
/// its own as the client reads; with `mark`, the `received` ones handed
/// over are marked `under_verification` (by an actor who may decide).
pub fn export(
    fund: Fund<'_>,
    actor: &Actor,
    criteria: &Criteria,
    format: Format,
    mark: bool,
) -> Result<impl Stream<Item = Result<Bytes, std::io::Error>> + use<>, Error> {
    if mark {
        actor.may_decide()?;
    }
    let (selection, criteria) = criteria.selection();
    let audit = serde_json::json!({"by": actor.kind(), "criteria": criteria});
    let export = Export {
        pool: fund.db.pool.clone(),
        selection,
        format,
        mark,
        actor: actor.label().to_owned(),
        at: fund.now()?,
        audit,
    };
    // One page waiting at most: a slow client slows the reading.
    let (sender, mut receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(1);
    tokio::spawn(run(export, sender));
    // A closed channel keeps answering `None`: the stream may be polled
    // after its end (a compressing layer does).
    Ok(futures_util::stream::poll_fn(move |cx| {
        receiver.poll_recv(cx)
    }))
}

/// A page handed to the channel, not yet known to be taken.
struct Handed {
    rows: usize,
    to_mark: Vec<String>,
}

async fn run(export: Export, sender: mpsc::Sender<Result<Bytes, std::io::Error>>) {
    let mut after: After = None;
    let mut exported = 0;
    let mut marked = 0;
    let mut handed: Option<Handed> = None;
    let mut pages_sent = 0;
    let mut complete = false;
    let mut failed = false;
    let prelude = match export.format {
        Format::Csv => csv_rows(&[], true),
        Format::Json => b"{\"declarations\":[".to_vec(),
    };
    if sender.send(Ok(prelude.into())).await.is_ok() {
        loop {
            let mut page = match export::page(&export.pool, &export.selection, &after).await {
                Ok(page) => page,
                Err(e) => {
                    tracing::error!(error = %e, "an export cannot read its next page");
                    failed = true;
                    break;
                }
            };
            let Some(last) = page.last() else {
                complete = true;
                break;
            };
            after = Some((last.received_at.clone(), last.reference.clone()));
            let mut to_mark = Vec::new();
            if export.mark {
                for d in page.iter_mut().filter(|d| d.status == Status::Received) {
                    to_mark.push(d.reference.clone());
                    d.status = Status::UnderVerification;
                }
            }
            let bytes = match export.format {
                Format::Csv => csv_rows(&page, false),
                Format::Json => json_rows(&page, pages_sent > 0),
            };
            if sender.send(Ok(bytes.into())).await.is_err() {
                break;
            }
            pages_sent += 1;
            // The page before has been taken by the connection.
            if let Some(previous) = handed.replace(Handed {
                rows: page.len(),
                to_mark,
            }) {
                match take(&export, previous, &mut exported, &mut marked).await {
                    Ok(()) => {}
                    Err(()) => {
                        failed = true;
                        break;
                    }
                }
            }
        }
        // The last page counts once the connection has taken it too.
        if complete && let Some(last) = handed.take() {
            match sender.reserve().await {
                Ok(permit) => {
                    drop(permit);
                    if take(&export, last, &mut exported, &mut marked)
                        .await
                        .is_err()
                    {
                        failed = true;
                        complete = false;
                    }
                }
                Err(_) => complete = false,
            }
        }
        if complete && export.format == Format::Json {
            let end = format!("],\"marked\":{marked}}}");
            complete = sender.send(Ok(end.into_bytes().into())).await.is_ok();
        }
    }
    if failed {
        // Cut the response: the client sees an error, not a short file.
        let _ = sender
            .send(Err(std::io::Error::other("the export stopped")))
            .await;
        complete = false;
    }
    drop(sender);
    let who = Stamp {
        actor: &export.actor,
        at: &export.at,
    };
    let marked_count = export.mark.then_some(marked);
    if let Err(e) = export::audited(
        &export.pool,
        &who,
        export.audit,
        exported,
        marked_count,
        complete,
    )
    .await
    {
        tracing::error!(error = %e, "an export cannot be written in the audit log");
    }
    tracing::info!(count = exported, marked, complete, "export");
}

/// Counts a page the connection has taken, and marks it.
async fn take(
    export: &Export,
    page: Handed,
    exported: &mut usize,
    marked: &mut usize,
) -> Result<(), ()> {
    *exported += page.rows;
    match export::mark(&export.pool, &page.to_mark, &export.at).await {
        Ok(n) => {
            *marked += n;
            Ok(())
        }
        Err(e) => {
            tracing::error!(error = %e, "an export cannot mark what it handed over");
            Err(())
        }
    }
}

/// Declarations as CSV rows, after the BOM and the header with `header`.
pub fn csv_rows(declarations: &[ExportedDeclaration], header: bool) -> Vec<u8> {
    let start = if header {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut writer = csv::Writer::from_writer(start);
    let written = (|| {
        if header {
            writer.write_record(EXPORT_COLUMNS)?;
        }
        for d in declarations {
            writer.write_record(
                [
                    d.reference.as_str(),
                    &d.academic_year,
                    &d.cin,
                    &d.massar,
                    &d.last_name,
                    &d.first_name,
                    &d.birth_date,
                    &d.email,
                    d.phone.as_deref().unwrap_or_default(),
                    &d.university,
                    d.establishment.as_deref().unwrap_or_default(),
                    d.status.as_str(),
                    &d.received_at,
                    if d.identity_conflict { "yes" } else { "no" },
                    d.vouched_by.as_deref().unwrap_or_default(),
                    if d.set_aside { "yes" } else { "no" },
                    if d.enrolled { "yes" } else { "no" },
                    if d.not_on_roster { "yes" } else { "no" },
                ]
                .map(|cell| spreadsheet_cell(cell).into_owned()),
            )?;
        }
        writer.flush()
    })();
    // Writing into memory fails only if memory does.
    written.expect("CSV rows are written into memory");
    writer
        .into_inner()
        .expect("CSV rows are written into memory")
}

/// Declarations as the elements of a JSON array, after a comma if `more`.
fn json_rows(declarations: &[ExportedDeclaration], more: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(declarations.len() * 400);
    for (i, d) in declarations.iter().enumerate() {
        if more || i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, d).expect("a declaration serialises");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_opens_with_a_bom_and_the_header_once() {
        let header = csv_rows(&[], true);
        assert!(header.starts_with(b"\xEF\xBB\xBFreference,academic_year,"));
        assert!(csv_rows(&[], false).is_empty());
    }
}
