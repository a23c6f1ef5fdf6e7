//! A re-examination: a refused student asks the fund, once per decision,
//! to look at their declaration again. They find it as the status page
//! does (CIN, Massar code, date of birth), say why, and may correct what a
//! typing mistake affects (Massar code, date of birth, names, e-mail)
//! through the declaration form's own parsers.

use super::field;
use super::lookup::{Lookup, LookupForm};
use super::reference_number::Reference;
use crate::field::FieldError;
use crate::student::{BirthDate, Email, MassarCode, PersonName};
use serde::{Deserialize, Serialize};
use time::Date;

/// The explanation's length at most, in characters.
pub const EXPLANATION_MAX_CHARS: usize = 500;

/// The field names of a request that are its own (the corrected details
/// take the declaration form's names).
pub const LOOKUP: &str = "lookup";
pub const REFERENCE: &str = "reference";
pub const REASON: &str = "reason";
pub const EXPLANATION: &str = "explanation";

/// Why the student asks: the common reasons, then any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReexaminationReason {
    /// "I am enrolled at this university."
    Enrolled,
    /// "I made a typing mistake in my Massar code, date of birth or name."
    Typo,
    /// "My other health cover has ended."
    CoverEnded,
    /// Another reason, in the explanation.
    Other,
}

impl ReexaminationReason {
    pub const ALL: [ReexaminationReason; 4] = [
        ReexaminationReason::Enrolled,
        ReexaminationReason::Typo,
        ReexaminationReason::CoverEnded,
        ReexaminationReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReexaminationReason::Enrolled => "enrolled",
            ReexaminationReason::Typo => "typo",
            ReexaminationReason::CoverEnded => "cover_ended",
            ReexaminationReason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<ReexaminationReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The request as typed (the body of `POST /api/reexaminations`): the
/// lookup that found the declaration, its reference, why, and the details
/// as they should read (the ones stored, unless a typing mistake is
/// corrected; an empty e-mail keeps the one given).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "lookup": {"cin": "AB123456", "massar": "R130123456", "birth_day": "7", "birth_month": "3",
        "birth_year": "2005"},
    "reference": "AMOE-7000-00S", "reason": "typo", "explanation": "",
    "massar": "R130123465", "birth_day": "7", "birth_month": "3", "birth_year": "2005",
    "last_name": "El Amrani", "first_name": "Salma", "email": ""
})))]
pub struct ReexaminationForm {
    pub lookup: LookupForm,
    pub reference: String,
    /// `enrolled`, `typo`, `cover_ended` or `other`.
    pub reason: String,
    /// At most 500 characters; may be empty.
    pub explanation: String,
    pub massar: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub last_name: String,
    pub first_name: String,
    /// Empty: the e-mail address given with the declaration stays.
    pub email: String,
}

/// A request whose every part is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reexamination {
    pub lookup: Lookup,
    pub reference: Reference,
    pub reason: ReexaminationReason,
    pub explanation: String,
    pub massar: MassarCode,
    pub birth_date: BirthDate,
    pub last_name: PersonName,
    pub first_name: PersonName,
    pub email: Option<Email>,
}

impl ReexaminationForm {
    /// Every field parsed as the declaration form parses it, or every
    /// error at once. A lookup that does not parse is one error on
    /// `lookup` (the status page found the declaration with it).
    pub fn parse(&self, today: Date) -> Result<Reexamination, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |name: &str, code: &str| {
            errors.push(FieldError {
                field: name.to_owned(),
                code: code.to_owned(),
            })
        };
        let lookup = self
            .lookup
            .parse(today)
            .map_err(|e| error(LOOKUP, e.first().map_or("invalid", |e| e.code.as_str())))
            .ok();
        let reference = Reference::parse(&self.reference)
            .map_err(|e| error(REFERENCE, e.code()))
            .ok();
        let reason = ReexaminationReason::parse(&self.reason);
        if reason.is_none() {
            error(REASON, "reexam_reason_missing");
        }
        let explanation = self.explanation.trim();
        if explanation.chars().count() > EXPLANATION_MAX_CHARS {
            error(EXPLANATION, "reexam_explanation_too_long");
        } else if explanation
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            error(EXPLANATION, "reexam_explanation_invalid_characters");
        }
        let massar = MassarCode::parse(&self.massar)
            .map_err(|e| error(field::MASSAR, e.code()))
            .ok();
        let birth_date =
            BirthDate::parse(&self.birth_day, &self.birth_month, &self.birth_year, today)
                .map_err(|e| error(field::BIRTH_DATE, e.code()))
                .ok();
        let last_name = PersonName::parse(&self.last_name)
            .map_err(|e| error(field::LAST_NAME, e.code()))
            .ok();
        let first_name = PersonName::parse(&self.first_name)
            .map_err(|e| error(field::FIRST_NAME, e.code()))
            .ok();
        let email = match self.email.trim() {
            "" => Some(None),
            typed => Email::parse(typed)
                .map(Some)
                .map_err(|e| error(field::EMAIL, e.code()))
                .ok(),
        };
        match (
            lookup, reference, reason, massar, birth_date, last_name, first_name, email,
        ) {
            (
                Some(lookup),
                Some(reference),
                Some(reason),
                Some(massar),
                Some(birth_date),
                Some(last_name),
                Some(first_name),
                Some(email),
            ) if errors.is_empty() => Ok(Reexamination {
                lookup,
                reference,
                reason,
                explanation: explanation.to_owned(),
                massar,
                birth_date,
                last_name,
                first_name,
                email,
            }),
            _ => Err(errors),
        }
    }
}

/// A detail the student corrected: which, as it was, as it now reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectedDetail {
    /// `massar`, `birth_date`, `last_name`, `first_name` or `email`.
    pub field: String,
    pub before: String,
    pub after: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn form() -> ReexaminationForm {
        ReexaminationForm {
            lookup: LookupForm {
                cin: "AB123456".into(),
                massar: "R130123456".into(),
                birth_day: "7".into(),
                birth_month: "3".into(),
                birth_year: "2005".into(),
            },
            reference: Reference::from_random(7).to_string(),
            reason: "typo".into(),
            explanation: " ".into(),
            massar: "r130123465".into(),
            birth_day: "7".into(),
            birth_month: "3".into(),
            birth_year: "2005".into(),
            last_name: "El  Amrani".into(),
            first_name: "Salma".into(),
            email: String::new(),
        }
    }

    #[test]
    fn parses_with_the_forms_parsers() {
        let parsed = form().parse(date!(2026 - 11 - 25)).unwrap();
        assert_eq!(parsed.reason, ReexaminationReason::Typo);
        assert_eq!(parsed.massar.as_str(), "R130123465");
        assert_eq!(parsed.last_name.as_str(), "El Amrani");
        assert_eq!(parsed.explanation, "");
        assert_eq!(parsed.email, None);
    }

    #[test]
    fn names_every_bad_field() {
        let mut bad = form();
        bad.lookup.cin.clear();
        bad.reason = "because".into();
        bad.explanation = "é".repeat(501);
        bad.massar = "R13".into();
        bad.birth_day = "31".into();
        bad.birth_month = "2".into();
        bad.first_name.clear();
        bad.email = "salma@".into();
        let errors = bad.parse(date!(2026 - 11 - 25)).unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .map(|e| format!("{}:{}", e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                "lookup:cin_empty",
                "reason:reexam_reason_missing",
                "explanation:reexam_explanation_too_long",
                "massar:massar_wrong_length",
                "birth_date:birth_date_not_a_real_date",
                "first_name:name_empty",
                "email:email_invalid",
            ]
        );
        let mut control = form();
        control.explanation = "a\u{0}b".into();
        assert_eq!(
            control.parse(date!(2026 - 11 - 25)).unwrap_err()[0].code,
            "reexam_explanation_invalid_characters"
        );
    }

    #[test]
    fn a_reason_reads_back() {
        for reason in ReexaminationReason::ALL {
            assert_eq!(ReexaminationReason::parse(reason.code()), Some(reason));
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason.code()));
        }
    }
}
