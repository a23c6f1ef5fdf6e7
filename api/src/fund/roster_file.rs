//! A roster as a registrar's spreadsheet exports it (CSV: UTF-8 with or
//! without a BOM, `,` `;` or tab, any column order, other columns left
//! unread), read row by row into the digests the service keeps: the file
//! itself is never stored.

use crate::error::Error;
use crate::secret::Secret;
use amoe_domain::messages::operator::{RowError, read_spreadsheet_cell};
use amoe_domain::roster::{Column, Enrolment};
use std::collections::{HashMap, HashSet};
use time::Date;

/// The most row errors reported: past it, the registrar fixes those first.
pub const MAX_ERRORS: usize = 1_000;

/// A roster file, read.
pub struct Read {
    /// Its rows, after the header.
    pub rows: usize,
    /// Its students' digests (a row repeated counts once).
    pub students: HashSet<u128>,
}

/// Whom the digests are made for.
pub struct For<'a> {
    pub secret: &'a Secret,
    pub university: &'a str,
    pub year: &'a str,
    /// Birth dates are judged as the form judges them on this day.
    pub today: Date,
}

/// Reads a roster file; every wrong cell (the form's own codes), a
/// missing or repeated column, or a CIN given twice with other details,
/// is an `invalid_file`.
pub fn read(body: &[u8], whom: &For<'_>) -> Result<Read, Error> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let header_line = body.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(body);
    let file_error = |column: &str, code: &str| {
        Error::InvalidFile(vec![RowError {
            row: 0,
            column: column.to_owned(),
            code: code.to_owned(),
        }])
    };
    let header = reader
        .headers()
        .map_err(|_| file_error("", "header_unreadable"))?
        .clone();
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if let Some(column) = Column::of_header(name)
            && at.insert(column.name(), i).is_some()
        {
            errors.push(header_error(column.name(), "column_twice"));
        }
    }
    for column in Column::ALL {
        if !at.contains_key(column.name()) {
            errors.push(header_error(column.name(), "column_missing"));
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFile(errors));
    }
    let [cin_at, massar_at, birth_at] = Column::ALL.map(|c| at[c.name()]);
    let mut students = HashSet::new();
    let mut by_cin: HashMap<String, u128> = HashMap::new();
    let mut rows = 0;
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        rows = row;
        if errors.len() >= MAX_ERRORS {
            continue;
        }
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let code = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "not_utf8",
                    _ => "row_unreadable",
                };
                errors.push(row_error(row, "", code));
                continue;
            }
        };
        // A blank line (a spreadsheet's last) is no student.
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |at: usize| read_spreadsheet_cell(record.get(at).unwrap_or_default());
        match Enrolment::parse(cell(cin_at), cell(massar_at), cell(birth_at), whom.today) {
            Ok(student) => {
                let birth_date = student.birth_date.to_string();
                let digest = whom.secret.enrolment(
                    whom.university,
                    whom.year,
                    [student.cin.as_str(), student.massar.as_str(), &birth_date],
                );
                match by_cin.insert(student.cin.as_str().to_owned(), digest) {
                    Some(earlier) if earlier != digest => {
                        errors.push(row_error(row, Column::Cin.name(), "cin_twice"));
                    }
                    _ => {
                        students.insert(digest);
                    }
                }
            }
            Err(cells) => errors.extend(
                cells
                    .into_iter()
                    .map(|(column, code)| row_error(row, column.name(), code)),
            ),
        }
    }
    if !errors.is_empty() {
        errors.truncate(MAX_ERRORS);
        return Err(Error::InvalidFile(errors));
    }
    Ok(Read { rows, students })
}

fn header_error(column: &str, code: &str) -> RowError {
    row_error(0, column, code)
}

fn row_error(row: usize, column: &str, code: &str) -> RowError {
    RowError {
        row,
        column: column.to_owned(),
        code: code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whom(secret: &Secret) -> For<'_> {
        For {
            secret,
            university: "um5",
            year: "2026-2027",
            today: Date::from_calendar_date(2026, time::Month::December, 6).unwrap(),
        }
    }

    fn codes(result: Result<Read, Error>) -> Vec<(usize, String, String)> {
        match result {
            Err(Error::InvalidFile(rows)) => rows
                .into_iter()
                .map(|r| (r.row, r.column, r.code))
                .collect(),
            Err(other) => panic!("{other:?}"),
            Ok(read) => panic!("read {} rows", read.rows),
        }
    }

    #[test]
    fn a_registrars_export_reads_whatever_its_columns() {
        let secret = Secret::default();
        let french = "\u{feff}Nom;Prénom;Date de naissance;CNE;N° CIN;Filière\r\n\
             ALAOUI;Sara;07/03/2004;R130123456;ab123456;SMA\r\n\
             BENNANI;Omar;2003-11-30;S140000001;CD654321;SMP\r\n\
             ;;;;;\r\n";
        let arabic = "رقم البطاقة الوطنية,رمز مسار,تاريخ الازدياد\n\
             AB123456,R130123456,2004-03-07\n\
             CD654321,S140000001,30/11/2003\n\
             CD654321,S140000001,30/11/2003\n";
        let one = read(french.as_bytes(), &whom(&secret)).unwrap();
        let other = read(arabic.as_bytes(), &whom(&secret)).unwrap();
        assert_eq!((one.rows, one.students.len()), (3, 2));
        assert_eq!((other.rows, other.students.len()), (3, 2));
        // The same students, whatever the file's spelling.
        assert_eq!(one.students, other.students);
        let student =
            secret.enrolment("um5", "2026-2027", ["AB123456", "R130123456", "2004-03-07"]);
        assert!(one.students.contains(&student));
    }

    #[test]
    fn every_wrong_cell_is_named_and_nothing_is_read() {
        let secret = Secret::default();
        let file = "cin,massar,birth_date\n\
             AB123456,R130123456,2004-03-07\n\
             X,R130123457,2004-03-07\n\
             AB123456,R999999999,2004-03-07\n\
             EF111111,R130123458,31/02/2004\n";
        assert_eq!(
            codes(read(file.as_bytes(), &whom(&secret))),
            [
                (2, "cin".into(), "cin_too_short".into()),
                (3, "cin".into(), "cin_twice".into()),
                (4, "birth_date".into(), "birth_date_not_a_real_date".into()),
            ]
        );
        assert_eq!(
            codes(read(b"Nom,CNE,Code Massar\nA,R1,R1\n", &whom(&secret))),
            [
                (0, "massar".into(), "column_twice".into()),
                (0, "cin".into(), "column_missing".into()),
                (0, "birth_date".into(), "column_missing".into()),
            ]
        );
    }
}
