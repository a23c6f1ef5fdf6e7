//! "Check your status": the three things a student types to find their
//! declarations without an account (CIN, Massar code, date of birth).

use super::field;
use crate::field::FieldError;
use crate::student::{BirthDate, Cin, MassarCode};
use serde::{Deserialize, Serialize};
use time::Date;

/// The lookup as typed (the body of `POST /api/status`; never a URL: CIN
/// and birth date must not reach URLs or logs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "cin": "AB123456", "massar": "R130123456", "birth_day": "7", "birth_month": "3",
    "birth_year": "2005"
})))]
pub struct LookupForm {
    pub cin: String,
    pub massar: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
}

/// A lookup whose three parts are each valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    pub cin: Cin,
    pub massar: MassarCode,
    pub birth_date: BirthDate,
}

impl LookupForm {
    /// The same parsers (and error codes) as the declaration's fields.
    pub fn parse(&self, today: Date) -> Result<Lookup, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |name: &str, code: &str| {
            errors.push(FieldError {
                field: name.to_owned(),
                code: code.to_owned(),
            })
        };
        let cin = Cin::parse(&self.cin)
            .map_err(|e| error(field::CIN, e.code()))
            .ok();
        let massar = MassarCode::parse(&self.massar)
            .map_err(|e| error(field::MASSAR, e.code()))
            .ok();
        let birth_date =
            BirthDate::parse(&self.birth_day, &self.birth_month, &self.birth_year, today)
                .map_err(|e| error(field::BIRTH_DATE, e.code()))
                .ok();
        match (cin, massar, birth_date) {
            (Some(cin), Some(massar), Some(birth_date)) => Ok(Lookup {
                cin,
                massar,
                birth_date,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_like_the_declaration_does() {
        let form = LookupForm {
            cin: "ab 123456".into(),
            massar: "r130123456".into(),
            birth_day: "٧".into(),
            birth_month: "3".into(),
            birth_year: "2004".into(),
        };
        let lookup = form.parse(date!(2026 - 11 - 25)).unwrap();
        assert_eq!(lookup.cin.as_str(), "AB123456");
        assert_eq!(lookup.birth_date.to_string(), "2004-03-07");
    }

    #[test]
    fn names_every_bad_field() {
        let codes: Vec<_> = LookupForm::default()
            .parse(date!(2026 - 11 - 25))
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["cin_empty", "massar_empty", "birth_date_empty"]);
    }
}
