//! A declaration: what the student typed ([`DeclarationForm`], kept by the
//! browser and sent to the API as it is) and what it means once parsed
//! ([`Declaration`]). Both sides call the same [`DeclarationForm::parse`],
//! so the browser and the server cannot disagree on what is valid.

pub mod academic_year;
pub mod coverage;
pub mod decision;
pub mod eligibility;
pub mod identity;
pub mod lookup;
pub mod reexamination;
pub mod reference_number;
pub mod status;
pub mod university;

pub use academic_year::{AcademicYear, YearStart};
pub use coverage::{Coverage, Scheme};
pub use decision::{Decision, DecisionRecord, Outcome};
pub use eligibility::{Ineligibility, Rules};
pub use lookup::{Lookup, LookupForm};
pub use reexamination::{CorrectedDetail, Reexamination, ReexaminationForm, ReexaminationReason};
pub use reference_number::Reference;
pub use status::{IllegalTransition, RefusalReason, Status};
pub use university::{Establishment, UniversityId};

use crate::Lang;
use crate::field::FieldError;
use crate::student::{BirthDate, Cin, Email, MassarCode, PersonName, Phone};
use serde::{Deserialize, Serialize};
use time::Date;

/// The answers as typed, one string per input (the wizard's state and the
/// body of `POST /api/declarations`). Unknown fields are refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "covered": "no", "cin": "AB123456", "massar": "R130123456", "last_name": "El Amrani",
    "first_name": "Salma", "birth_day": "7", "birth_month": "3", "birth_year": "2005",
    "email": "salma@example.ma", "phone": "06 12 34 56 78", "university": "um5",
    "establishment": "", "sworn": true, "lang": "fr"
})))]
pub struct DeclarationForm {
    /// `"no"` or `"yes"`.
    pub covered: String,
    /// With `covered = "yes"`: `cnops`, `cnss`, `ramed`, `far` or `other`.
    pub scheme: String,
    pub other_scheme: String,
    pub cin: String,
    pub massar: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub email: String,
    pub phone: String,
    pub university: String,
    pub establishment: String,
    /// The sworn statement ("I declare on my honour…") was accepted.
    pub sworn: bool,
    /// The language the student used (mails are written in it).
    pub lang: Option<Lang>,
}

/// A declaration that may be stored: every field valid, the student
/// eligible, the statement sworn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub academic_year: AcademicYear,
    pub cin: Cin,
    pub massar: MassarCode,
    pub last_name: PersonName,
    pub first_name: PersonName,
    pub birth_date: BirthDate,
    pub email: Email,
    pub phone: Option<Phone>,
    pub university: UniversityId,
    pub establishment: Option<Establishment>,
    pub lang: Lang,
}

/// Why a form is not a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Fields to correct, each with its error code, in the form's order.
    Invalid(Vec<FieldError>),
    /// Valid, but the scheme does not cover this student.
    NotEligible(Ineligibility),
}

/// Every error code a field of the form or of a status lookup can get;
/// the app shows the message `error-<code>` beside the field.
pub fn field_error_codes() -> Vec<&'static str> {
    use crate::student::{
        birth_date::BirthDateError, cin::CinError, email::EmailError, massar::MassarError,
        name::NameError, phone::PhoneError,
    };
    let mut codes: Vec<&'static str> = Vec::new();
    codes.extend(CinError::ALL.map(CinError::code));
    codes.extend(MassarError::ALL.map(MassarError::code));
    codes.extend(NameError::ALL.map(NameError::code));
    codes.extend(EmailError::ALL.map(EmailError::code));
    codes.extend(PhoneError::ALL.map(PhoneError::code));
    codes.extend(BirthDateError::ALL.map(BirthDateError::code));
    codes.extend(coverage::SchemeError::ALL.map(coverage::SchemeError::code));
    codes.extend(university::UniversityError::ALL.map(university::UniversityError::code));
    codes.extend(["establishment_too_long", "covered_missing", "sworn_missing"]);
    codes
}

/// Field names, as the form, the API's errors and the wizard's inputs use
/// them.
pub mod field {
    pub const COVERED: &str = "covered";
    pub const SCHEME: &str = "scheme";
    pub const OTHER_SCHEME: &str = "other_scheme";
    pub const CIN: &str = "cin";
    pub const MASSAR: &str = "massar";
    pub const LAST_NAME: &str = "last_name";
    pub const FIRST_NAME: &str = "first_name";
    pub const BIRTH_DATE: &str = "birth_date";
    pub const EMAIL: &str = "email";
    pub const PHONE: &str = "phone";
    pub const UNIVERSITY: &str = "university";
    pub const ESTABLISHMENT: &str = "establishment";
    pub const SWORN: &str = "sworn";

    /// Every field, in the form's order.
    pub const ALL: [&str; 13] = [
        COVERED,
        SCHEME,
        OTHER_SCHEME,
        CIN,
        MASSAR,
        LAST_NAME,
        FIRST_NAME,
        BIRTH_DATE,
        EMAIL,
        PHONE,
        UNIVERSITY,
        ESTABLISHMENT,
        SWORN,
    ];
}

impl DeclarationForm {
    /// The coverage answer (`covered`, `scheme`, `other_scheme`), the first
    /// question of the wizard.
    pub fn coverage(&self) -> Result<Coverage, FieldError> {
        let error = |field: &str, code: &str| FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
        };
        match self.covered.as_str() {
            "no" => Ok(Coverage::No),
            "yes" => Scheme::parse(&self.scheme, &self.other_scheme)
                .map(|by| Coverage::Yes { by })
                .map_err(|e| {
                    let field = match e {
                        coverage::SchemeError::Missing => field::SCHEME,
                        _ => field::OTHER_SCHEME,
                    };
                    error(field, e.code())
                }),
            _ => Err(error(field::COVERED, "covered_missing")),
        }
    }

    /// The error of one field, if it has one: the one place that says
    /// which parser checks which field (the wizard checks each page's fields
    /// with it, and [`DeclarationForm::parse`] all of them).
    pub fn field_error(&self, name: &str, today: Date) -> Option<FieldError> {
        fn code<T, E>(result: Result<T, E>, code: fn(E) -> &'static str) -> Option<&'static str> {
            result.err().map(code)
        }
        let code = match name {
            field::COVERED | field::SCHEME | field::OTHER_SCHEME => {
                return self.coverage().err().filter(|e| e.field == name);
            }
            field::CIN => code(Cin::parse(&self.cin), |e| e.code()),
            field::MASSAR => code(MassarCode::parse(&self.massar), |e| e.code()),
            field::LAST_NAME => code(PersonName::parse(&self.last_name), |e| e.code()),
            field::FIRST_NAME => code(PersonName::parse(&self.first_name), |e| e.code()),
            field::BIRTH_DATE => code(self.birth_date(today), |e| e.code()),
            field::EMAIL => code(Email::parse(&self.email), |e| e.code()),
            field::PHONE => code(Phone::parse_optional(&self.phone), |e| e.code()),
            field::UNIVERSITY => code(UniversityId::parse(&self.university), |e| e.code()),
            field::ESTABLISHMENT => code(Establishment::parse_optional(&self.establishment), |e| {
                e.code()
            }),
            field::SWORN => (!self.sworn).then_some("sworn_missing"),
            _ => None,
        };
        code.map(|code| FieldError {
            field: name.to_owned(),
            code: code.to_owned(),
        })
    }

    /// The errors of `fields`, in their order.
    pub fn errors_in(&self, fields: &[&str], today: Date) -> Vec<FieldError> {
        fields
            .iter()
            .filter_map(|name| self.field_error(name, today))
            .collect()
    }

    /// Takes the identity fields (CIN, Massar code, names, birth date,
    /// university) of `vouched`, a portal's word for who the student is.
    pub fn take_identity(&mut self, vouched: &DeclarationForm) {
        self.cin.clone_from(&vouched.cin);
        self.massar.clone_from(&vouched.massar);
        self.last_name.clone_from(&vouched.last_name);
        self.first_name.clone_from(&vouched.first_name);
        self.birth_day.clone_from(&vouched.birth_day);
        self.birth_month.clone_from(&vouched.birth_month);
        self.birth_year.clone_from(&vouched.birth_year);
        self.university.clone_from(&vouched.university);
    }

    /// The form without what [`Self::take_identity`] takes but the
    /// university: what a device may keep of answers whose identity a
    /// portal vouched for (the portal hands it again when the frame
    /// reloads).
    pub fn without_identity(&self) -> DeclarationForm {
        DeclarationForm {
            cin: String::new(),
            massar: String::new(),
            last_name: String::new(),
            first_name: String::new(),
            birth_day: String::new(),
            birth_month: String::new(),
            birth_year: String::new(),
            ..self.clone()
        }
    }

    fn birth_date(
        &self,
        today: Date,
    ) -> Result<BirthDate, crate::student::birth_date::BirthDateError> {
        BirthDate::parse(&self.birth_day, &self.birth_month, &self.birth_year, today)
    }

    /// The declaration this form makes on `today`, or every reason it does
    /// not: all field errors at once, else the first reason of
    /// ineligibility (coverage before age).
    pub fn parse(&self, today: Date, rules: &Rules) -> Result<Declaration, Rejection> {
        let invalid = || Rejection::Invalid(self.errors_in(&field::ALL, today));
        let coverage = self.coverage().map_err(|_| invalid())?;
        if !self.sworn {
            return Err(invalid());
        }
        let declaration = Declaration {
            academic_year: AcademicYear::containing(today, rules.year_start),
            cin: Cin::parse(&self.cin).map_err(|_| invalid())?,
            massar: MassarCode::parse(&self.massar).map_err(|_| invalid())?,
            last_name: PersonName::parse(&self.last_name).map_err(|_| invalid())?,
            first_name: PersonName::parse(&self.first_name).map_err(|_| invalid())?,
            birth_date: self.birth_date(today).map_err(|_| invalid())?,
            email: Email::parse(&self.email).map_err(|_| invalid())?,
            phone: Phone::parse_optional(&self.phone).map_err(|_| invalid())?,
            university: UniversityId::parse(&self.university).map_err(|_| invalid())?,
            establishment: Establishment::parse_optional(&self.establishment)
                .map_err(|_| invalid())?,
            lang: self.lang.unwrap_or(Lang::FALLBACK),
        };
        rules
            .check_coverage(&coverage)
            .map_err(Rejection::NotEligible)?;
        rules
            .check_age(&declaration.birth_date, today)
            .map_err(Rejection::NotEligible)?;
        Ok(declaration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25);

    fn valid() -> DeclarationForm {
        DeclarationForm {
            covered: "no".into(),
            cin: "ab123456".into(),
            massar: "R130123456".into(),
            last_name: "El Amrani".into(),
            first_name: "Salma".into(),
            birth_day: "7".into(),
            birth_month: "3".into(),
            birth_year: "2004".into(),
            email: "salma@example.ma".into(),
            university: "um5".into(),
            sworn: true,
            lang: Some(Lang::Ar),
            ..DeclarationForm::default()
        }
    }

    fn codes(rejection: Rejection) -> Vec<(String, String)> {
        match rejection {
            Rejection::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_form_is_a_declaration_for_the_current_year() {
        let declaration = valid().parse(TODAY, &Rules::default()).unwrap();
        assert_eq!(declaration.academic_year.to_string(), "2026-2027");
        assert_eq!(declaration.cin.as_str(), "AB123456");
        assert_eq!(declaration.phone, None);
        assert_eq!(declaration.lang, Lang::Ar);
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let fields: Vec<_> = codes(
            DeclarationForm::default()
                .parse(TODAY, &Rules::default())
                .unwrap_err(),
        )
        .into_iter()
        .map(|(field, _)| field)
        .collect();
        assert_eq!(
            fields,
            [
                "covered",
                "cin",
                "massar",
                "last_name",
                "first_name",
                "birth_date",
                "email",
                "university",
                "sworn"
            ]
        );
    }

    #[test]
    fn each_field_error_has_its_code() {
        let form = DeclarationForm {
            cin: "12".into(),
            phone: "+33 6 12 34 56 78".into(),
            birth_month: "".into(),
            ..valid()
        };
        assert_eq!(
            codes(form.parse(TODAY, &Rules::default()).unwrap_err()),
            [
                ("cin".into(), "cin_missing_letters".into()),
                ("birth_date".into(), "birth_date_missing_month".into()),
                ("phone".into(), "phone_not_moroccan".into()),
            ]
        );
    }

    #[test]
    fn covered_elsewhere_is_not_eligible() {
        let form = DeclarationForm {
            covered: "yes".into(),
            scheme: "far".into(),
            ..valid()
        };
        assert_eq!(
            form.parse(TODAY, &Rules::default()),
            Err(Rejection::NotEligible(Ineligibility::CoveredElsewhere {
                by: Scheme::Far
            }))
        );
        let no_scheme = DeclarationForm {
            covered: "yes".into(),
            ..valid()
        };
        assert_eq!(
            codes(no_scheme.parse(TODAY, &Rules::default()).unwrap_err()),
            [("scheme".into(), "scheme_missing".into())]
        );
    }

    #[test]
    fn over_the_age_limit_is_not_eligible() {
        let form = DeclarationForm {
            birth_year: "1990".into(),
            ..valid()
        };
        assert_eq!(
            form.parse(TODAY, &Rules::default()),
            Err(Rejection::NotEligible(Ineligibility::OverAge { limit: 30 }))
        );
    }

    #[test]
    fn unknown_fields_are_refused_in_json() {
        let json = r#"{"cin":"AB123456","admin":true}"#;
        assert!(serde_json::from_str::<DeclarationForm>(json).is_err());
        let partial: DeclarationForm = serde_json::from_str(r#"{"cin":"AB123456"}"#).unwrap();
        assert_eq!(partial.cin, "AB123456");
    }

    fn any_valid_form() -> impl Strategy<Value = DeclarationForm> {
        (
            "[a-zA-Z]{1,2}[0-9]{3,8}",
            "[a-zA-Z][0-9]{9}",
            "[A-Z][a-z]{1,20}( [A-Z][a-z]{1,20})?",
            "[ء-ي]{2,12}",
            1u32..=28,
            1u32..=12,
            1996i32..=2010,
            "[a-z]{1,10}\\.[a-z]{1,10}@[a-z]{2,10}\\.ma",
            proptest::option::of((5u8..=8, "[0-9]{8}")),
            0usize..12,
        )
            .prop_map(
                |(cin, massar, last, first, day, month, year, email, phone, university)| {
                    DeclarationForm {
                        covered: "no".into(),
                        cin,
                        massar,
                        last_name: last,
                        first_name: first,
                        birth_day: day.to_string(),
                        birth_month: month.to_string(),
                        birth_year: year.to_string(),
                        email,
                        phone: phone
                            .map(|(first, rest)| format!("0{first}{rest}"))
                            .unwrap_or_default(),
                        university: university::UNIVERSITY_IDS[university].into(),
                        sworn: true,
                        ..DeclarationForm::default()
                    }
                },
            )
    }

    proptest! {
        /// What the wizard accepts, the server accepts: the parsed
        /// declaration, written back as a form and sent as JSON, parses
        /// again to the same declaration.
        #[test]
        fn valid_forms_survive_the_trip_to_the_server(form in any_valid_form()) {
            let declaration = form.parse(TODAY, &Rules::default()).unwrap();
            let json = serde_json::to_string(&form).unwrap();
            let received: DeclarationForm = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(received.parse(TODAY, &Rules::default()).unwrap(), declaration.clone());
            let stored = serde_json::to_string(&declaration).unwrap();
            prop_assert_eq!(serde_json::from_str::<Declaration>(&stored).unwrap(), declaration);
        }

        /// No form, however garbled, makes the parser panic.
        #[test]
        fn any_form_parses_or_is_rejected(
            cin in "\\PC{0,12}", massar in "\\PC{0,12}", day in "\\PC{0,3}", email in "\\PC{0,20}",
        ) {
            let form = DeclarationForm { cin, massar, birth_day: day, email, ..DeclarationForm::default() };
            let _ = form.parse(TODAY, &Rules::default());
        }
    }
}
