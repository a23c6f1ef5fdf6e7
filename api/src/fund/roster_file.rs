//! A roster as a registrar's spreadsheet exports it (CSV in UTF-8, UTF-16
//! or Windows-1252, `,` `;` or tab, any column order, other columns left
//! unread, a title above the header or none), read row by row into the
//! digests the service keeps: the file itself is never stored.

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

/// The text of a file: UTF-8 (a BOM or none), UTF-16 with its BOM, the
/// charset its `Content-Type` names, or else Windows-1252 (what Excel's
/// "CSV (séparateur : point-virgule)" writes; the three columns read are
/// ASCII in any of them).
pub fn text<'a>(body: &'a [u8], content_type: &str) -> std::borrow::Cow<'a, str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(body) {
        return encoding.decode_with_bom_removal(body).0;
    }
    let named = content_type
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("charset="))
        .find_map(|label| encoding_rs::Encoding::for_label(label.trim_matches('"').as_bytes()));
    if let Some(encoding) = named {
        return encoding.decode_without_bom_handling(body).0;
    }
    match std::str::from_utf8(body) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
        }
    }
}

/// The delimiter a line uses most: `;`, `,` or a tab.
fn delimiter(line: &str) -> u8 {
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| (line.bytes().filter(|b| b == d).count(), *d == b';'))
        .unwrap_or(b',')
}

/// Where each column the roster needs is in a header line, or what is
/// wrong with it.
fn columns(line: &str, delimiter: u8) -> Result<[usize; 3], Vec<RowError>> {
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    let mut errors = Vec::new();
    let names = line.split(char::from(delimiter));
    for (i, name) in names.enumerate() {
        if let Some(column) = Column::of_header(name.trim().trim_matches('"'))
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
    if errors.is_empty() {
        Ok(Column::ALL.map(|c| at[c.name()]))
    } else {
        Err(errors)
    }
}

/// Lines a title may take above the header.
const TITLE_LINES: usize = 20;

/// Reads a roster file; every wrong cell (the form's own codes), a
/// missing or repeated column, a CIN given twice with other details, or a
/// file with no student is an `invalid_file`. The header is the first line
/// that names the three columns (a title may stand above it); rows are
/// counted from it, as a spreadsheet shows them.
pub fn read(text: &str, whom: &For<'_>) -> Result<Read, Error> {
    let mut offset = 0;
    let mut found = None;
    let mut first_errors = None;
    for line in text.split_inclusive('\n').take(TITLE_LINES) {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if !trimmed.trim().is_empty() {
            let delimiter = delimiter(trimmed);
            match columns(trimmed, delimiter) {
                Ok(at) => {
                    found = Some((at, delimiter));
                    break;
                }
                Err(errors) => {
                    first_errors.get_or_insert(errors);
                }
            }
        }
        offset += line.len();
    }
    let Some(([cin_at, massar_at, birth_at], delimiter)) = found else {
        return Err(Error::InvalidFile(
            first_errors.unwrap_or_else(|| vec![header_error("", "header_unreadable")]),
        ));
    };
    let bytes = &text.as_bytes()[offset..];
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes);
    let mut errors = Vec::new();
    let mut students = HashSet::new();
    let mut by_cin: HashMap<String, u128> = HashMap::new();
    let mut rows = 0;
    let mut more = false;
    let mut record = csv::StringRecord::new();
    // A row is counted from the header, blank lines included, as a
    // spreadsheet shows it: the line breaks before the record's start
    // (which, after a CRLF, is its LF).
    let (mut counted, mut breaks) = (0, 0);
    loop {
        let row = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(counted, |p| p.byte() as usize);
                let end = (start + 1).min(bytes.len()).max(counted);
                breaks += bytes[counted..end].iter().filter(|b| **b == b'\n').count();
                counted = end;
                breaks
            }
            Err(_) => {
                rows += 1;
                errors.push(row_error(rows, "", "row_unreadable"));
                continue;
            }
        };
        rows += 1;
        if errors.len() >= MAX_ERRORS {
            more = true;
            continue;
        }
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
        if more {
            errors.push(row_error(0, "", "more_errors"));
        }
        return Err(Error::InvalidFile(errors));
    }
    if students.is_empty() {
        return Err(Error::InvalidFile(vec![row_error(0, "", "no_students")]));
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

    #[test]
    fn excel_exports_read_whatever_their_encoding_and_title() {
        let secret = Secret::default();
        let student =
            secret.enrolment("um5", "2026-2027", ["AB123456", "R130123456", "2004-03-07"]);
        // Excel's "CSV (point-virgule)": Windows-1252, a title line above.
        let mut latin = b"Liste des inscrits 2026-2027;;;\r\n".to_vec();
        latin.extend(b"Nom;Pr\xe9nom;C.N.E;Date naiss.;N\xb0 C.I.N\r\n");
        latin.extend(b"ALAOUI;Sara;R130123456;07/03/2004;AB123456\r\n");
        let read_latin = read(&text(&latin, "text/csv"), &whom(&secret)).unwrap();
        assert_eq!(read_latin.students, HashSet::from([student]));
        // "Texte Unicode": UTF-16 with its BOM, tabs.
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "cin\tmassar\tbirth_date\r\nAB123456\tR130123456\t2004-03-07\r\n".encode_utf16()
        {
            utf16.extend(unit.to_le_bytes());
        }
        let read_utf16 = read(&text(&utf16, "text/csv"), &whom(&secret)).unwrap();
        assert_eq!(read_utf16.students, HashSet::from([student]));
        // A charset named by the request.
        let arabic = encoding_rs::WINDOWS_1256
            .encode("رقم البطاقة الوطنية;رقم مسار;تاريخ الميلاد\nAB123456;R130123456;07/03/2004\n")
            .0;
        let named = read(
            &text(&arabic, "text/csv; charset=windows-1256"),
            &whom(&secret),
        )
        .unwrap();
        assert_eq!(named.students, HashSet::from([student]));
        // Rows count from the header, blank lines included, whatever the
        // line breaks.
        for file in [
            "cin;massar;birth_date\n\nAB123456;R130123456;07/03/2004\nX;R1;2004\n",
            "cin;massar;birth_date\r\n\r\nAB123456;R130123456;07/03/2004\r\nX;R1;2004\r\n",
        ] {
            assert_eq!(
                codes(read(file, &whom(&secret)))[0],
                (3, "cin".into(), "cin_too_short".into()),
                "{file:?}"
            );
        }
        let crlf = "cin;massar;birth_date\r\nAB123456;R130123456;07/03/2004\r\nX;R1;2004\r\n";
        assert_eq!(codes(read(crlf, &whom(&secret)))[0].0, 2);
        // A file with no student replaces nothing.
        assert_eq!(
            codes(read("cin;massar;birth_date\r\n;;\r\n", &whom(&secret))),
            [(0, "".into(), "no_students".into())]
        );
    }

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
        let one = read(&text(french.as_bytes(), "text/csv"), &whom(&secret)).unwrap();
        let other = read(arabic, &whom(&secret)).unwrap();
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
            codes(read(file, &whom(&secret))),
            [
                (2, "cin".into(), "cin_too_short".into()),
                (3, "cin".into(), "cin_twice".into()),
                (4, "birth_date".into(), "birth_date_not_a_real_date".into()),
            ]
        );
        assert_eq!(
            codes(read("Nom,CNE,Code Massar\nA,R1,R1\n", &whom(&secret))),
            [
                (0, "massar".into(), "column_twice".into()),
                (0, "cin".into(), "column_missing".into()),
                (0, "birth_date".into(), "column_missing".into()),
            ]
        );
    }
}
