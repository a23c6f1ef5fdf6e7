//! A university's roster of enrolled students for an academic year, as its
//! registrar exports it: which column holds what (whatever the order, in
//! French, Arabic or English; Massar and CNE are the same code), and each
//! row's CIN, Massar code and birth date read with the declaration's own
//! parsers, so that a student on the roster matches their declaration
//! exactly.

use crate::student::{BirthDate, Cin, MassarCode};
use time::Date;

/// The columns a roster needs; any other is left unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Cin,
    Massar,
    BirthDate,
}

impl Column {
    pub const ALL: [Column; 3] = [Column::Cin, Column::Massar, Column::BirthDate];

    /// How errors name the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Cin => "cin",
            Column::Massar => "massar",
            Column::BirthDate => "birth_date",
        }
    }

    /// The column a header names, if it is one a roster needs: `CIN`,
    /// `N° CNIE`, `Code Massar`, `CNE`, `Date de naissance`, `رقم
    /// البطاقة الوطنية`, `رمز مسار`, `تاريخ الازدياد`… A place of birth is
    /// not a birth date.
    pub fn of_header(header: &str) -> Option<Column> {
        let folded = fold(header);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
        if has(&["lieu", "place", "مكان", "ville", "city"]) {
            return None;
        }
        // «الرقم الوطني للطالب»: the student's national code, Massar's.
        let national_student_code = has(&["للطالب"]) && has(&["الوطني", "الرقم", "الرمز"]);
        if has(&["massar", "cne", "مسار"]) || national_student_code {
            Some(Column::Massar)
        } else if has(&["cin", "cnie", "البطاقه", "بطاقه"])
            || folded.contains("carte nationale")
            || folded.contains("national id")
        {
            Some(Column::Cin)
        } else if has(&[
            "naissance",
            "naiss",
            "birth",
            "birthdate",
            "dob",
            "ازدياد",
            "الازدياد",
            "ميلاد",
            "الميلاد",
            "الولاده",
            "ولاده",
        ]) || words == ["ne", "le"]
            || words == ["ne", "e", "le"]
            || words == ["nee", "le"]
        {
            Some(Column::BirthDate)
        } else {
            None
        }
    }
}

/// A header as compared: lower case, French accents and Arabic vowel marks
/// and letter variants dropped, dots dropped (`C.I.N`), other punctuation
/// and `_` as spaces.
fn fold(header: &str) -> String {
    header
        .chars()
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => Some('e'),
            'î' | 'ï' | 'Î' => Some('i'),
            'ô' | 'Ô' => Some('o'),
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' => Some('u'),
            'ç' | 'Ç' => Some('c'),
            'أ' | 'إ' | 'آ' => Some('ا'),
            'ة' => Some('ه'),
            'ى' => Some('ي'),
            // Tatweel and the vowel marks.
            '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '.' => None,
            c if c.is_alphanumeric() => Some(c),
            _ => Some(' '),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A roster's row, read: the triple a declaration must carry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Enrolment {
    pub cin: Cin,
    pub massar: MassarCode,
    pub birth_date: BirthDate,
}

impl Enrolment {
    /// Reads a row's three cells on `today`; each wrong cell's column and
    /// code (the declaration form's own codes).
    pub fn parse(
        cin: &str,
        massar: &str,
        birth_date: &str,
        today: Date,
    ) -> Result<Enrolment, Vec<(Column, &'static str)>> {
        let cin = Cin::parse(cin).map_err(|e| (Column::Cin, e.code()));
        let massar = MassarCode::parse(massar).map_err(|e| (Column::Massar, e.code()));
        let birth_date = registrar_date(birth_date, today).map_err(|c| (Column::BirthDate, c));
        match (cin, massar, birth_date) {
            (Ok(cin), Ok(massar), Ok(birth_date)) => Ok(Enrolment {
                cin,
                massar,
                birth_date,
            }),
            (cin, massar, birth_date) => Err([cin.err(), massar.err(), birth_date.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// A date as registrars' spreadsheets write it: `2004-03-07`,
/// `07/03/2004`, `7-3-2004`, `07.03.2004`, with a time after it or not.
fn registrar_date(cell: &str, today: Date) -> Result<BirthDate, &'static str> {
    let date = cell.trim().split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let (day, month, year) = match parts[..] {
        [year, month, day] if year.trim().chars().count() == 4 => (day, month, year),
        [day, month, year] => (day, month, year),
        [""] => ("", "", ""),
        _ => return Err("birth_date_not_a_real_date"),
    };
    BirthDate::parse_any_age(day, month, year, today).map_err(|e| e.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_calendar_date(2026, time::Month::December, 6).unwrap()
    }

    #[test]
    fn registrars_headers_name_the_three_columns() {
        for (header, column) in [
            ("CIN", Column::Cin),
            ("N° CNIE", Column::Cin),
            ("Numéro de la carte nationale", Column::Cin),
            ("رقم البطاقة الوطنية", Column::Cin),
            ("Code Massar", Column::Massar),
            ("CNE", Column::Massar),
            ("C.N.E", Column::Massar),
            ("C.I.N.", Column::Cin),
            ("Date naiss.", Column::BirthDate),
            ("الرقم الوطني للطالب", Column::Massar),
            ("code_massar", Column::Massar),
            ("رمز مسار", Column::Massar),
            ("Date de naissance", Column::BirthDate),
            ("DATE_NAISSANCE", Column::BirthDate),
            ("Né(e) le", Column::BirthDate),
            ("birth_date", Column::BirthDate),
            ("تاريخ الازدياد", Column::BirthDate),
            ("تاريخ الميلاد", Column::BirthDate),
        ] {
            assert_eq!(Column::of_header(header), Some(column), "{header}");
        }
        for header in [
            "Nom",
            "Prénom",
            "Lieu de naissance",
            "مكان الازدياد",
            "Filière",
            "",
        ] {
            assert_eq!(Column::of_header(header), None, "{header}");
        }
    }

    #[test]
    fn a_row_reads_as_the_form_reads_it() {
        let read = Enrolment::parse(" ab123456 ", "r 130 123 456", "07/03/2004", today()).unwrap();
        assert_eq!(read.cin.as_str(), "AB123456");
        assert_eq!(read.massar.as_str(), "R130123456");
        assert_eq!(read.birth_date.to_string(), "2004-03-07");
        for date in [
            "2004-03-07",
            "7-3-2004",
            "07.03.2004",
            "2004-03-07 00:00:00",
            "٠٧/٠٣/٢٠٠٤",
        ] {
            assert_eq!(
                Enrolment::parse("AB123456", "R130123456", date, today())
                    .unwrap()
                    .birth_date,
                read.birth_date,
                "{date}"
            );
        }
    }

    #[test]
    fn each_wrong_cell_is_named() {
        let errors = Enrolment::parse("", "R13", "31/02/2004", today()).unwrap_err();
        let columns: Vec<Column> = errors.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            columns,
            [Column::Cin, Column::Massar, Column::BirthDate],
            "{errors:?}"
        );
        assert_eq!(errors[2].1, "birth_date_not_a_real_date");
        // Enrolled at 16 or at 45: on the roster all the same.
        for date in ["01/09/2010", "01/09/1981"] {
            assert!(Enrolment::parse("AB123456", "R130123456", date, today()).is_ok());
        }
        assert_eq!(
            Enrolment::parse("AB123456", "R130123456", "2004/03", today()).unwrap_err(),
            [(Column::BirthDate, "birth_date_not_a_real_date")]
        );
    }
}
