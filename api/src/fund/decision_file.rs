//! A decision file as spreadsheets write it (CSV), read into rows the
//! import judges one by one.

use crate::error::Error;
use amoe_domain::declaration::DecisionRecord;
use amoe_domain::messages::operator::{RowError, read_spreadsheet_cell};

/// A file's rows, numbered from 1 after the header, each read or not.
pub type Rows = Vec<(usize, Result<DecisionRecord, RowError>)>;

/// Reads a CSV file as spreadsheets write it: UTF-8 with or without a BOM,
/// `,` or `;` (whichever the header uses), quoted fields, CRLF.
pub fn read_csv(body: &[u8]) -> Result<Rows, Error> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let header_line = body.split(|&b| b == b'\n').next().unwrap_or_default();
    let semicolons = header_line.iter().filter(|&&b| b == b';').count();
    let commas = header_line.iter().filter(|&&b| b == b',').count();
    let delimiter = if semicolons > commas { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(body);
    let header = reader
        .headers()
        .map_err(|_| {
            Error::InvalidFile(vec![RowError {
                row: 0,
                column: String::new(),
                code: "header_unreadable".into(),
            }])
        })?
        .clone();
    let unknown: Vec<RowError> = header
        .iter()
        .filter(|name| !amoe_domain::declaration::decision::COLUMNS.contains(name))
        .map(|name| RowError {
            row: 0,
            column: name.to_owned(),
            code: "column_unknown".into(),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::InvalidFile(unknown));
    }
    // A cell marked as text by a spreadsheet (or by our export) reads as
    // the text it marks.
    Ok(reader
        .records()
        .map(|record| {
            record.and_then(|record| {
                let cells: Vec<&str> = record.iter().map(read_spreadsheet_cell).collect();
                csv::StringRecord::from(cells).deserialize::<DecisionRecord>(Some(&header))
            })
        })
        .enumerate()
        .map(|(i, record)| {
            let row = i + 1;
            let code = |e: &csv::Error| match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "not_utf8",
                csv::ErrorKind::UnequalLengths { .. } => "wrong_number_of_columns",
                _ => "row_unreadable",
            };
            (
                row,
                record.map_err(|e| RowError {
                    row,
                    column: String::new(),
                    code: code(&e).into(),
                }),
            )
        })
        .collect())
}
