//! The universities' rosters of enrolled students: what an upload did (or,
//! in a dry run, would do), and where a university's roster stands.

use serde::{Deserialize, Serialize};

/// What an upload did, or with `dry_run` would do: the roster of
/// `university` for `academic_year` replaced by the file's, all at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterReport {
    pub university: String,
    pub academic_year: String,
    /// The file's rows, after its header.
    pub rows: usize,
    /// Students on the roster now (a row repeated counts once).
    pub students: usize,
    /// Students that were not on the roster before, and those no longer
    /// on it.
    pub added: usize,
    pub removed: usize,
    /// The year's declarations of the university whose details the file
    /// holds: on the roster once it is matched (in a dry run, would be).
    pub enrolled: u64,
    pub dry_run: bool,
}

/// Where a university's roster for a year stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterState {
    pub university: String,
    pub academic_year: String,
    /// Students on the roster; 0 and `uploaded_at` null when none was
    /// given.
    pub students: u64,
    pub uploaded_at: Option<String>,
    /// When the university said the roster is complete: from then, its
    /// declarations not on it are flagged `not_on_roster`. A new roster
    /// is not complete until the university says so again.
    pub final_at: Option<String>,
    /// The declarations' marks do not follow the roster yet: its matching
    /// is under way (seconds to minutes after an upload).
    #[serde(default)]
    pub matching: bool,
    /// The year's declarations of the university, those on the roster, and
    /// (once final) those not on it and still awaiting a decision.
    pub declarations: u64,
    pub enrolled: u64,
    pub not_on_roster_pending: u64,
}

/// `POST …/rosters/{university}/{year}/final`: the roster is complete, or
/// not any more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterFinal {
    #[serde(rename = "final")]
    pub complete: bool,
}

/// `POST …/refuse-not-enrolled`: refuse the declarations not on the final
/// roster, as many as the agent was shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefuseNotEnrolled {
    /// `not_on_roster_pending` as the agent saw it: another count now
    /// (a roster given, a declaration decided meanwhile) refuses nothing.
    pub expected: u64,
}

/// What refusing the declarations not on a final roster did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusedNotEnrolled {
    /// Declarations refused now, each with its mail.
    pub refused: usize,
    /// Those left for the next step (a step refuses a few thousand).
    #[serde(default)]
    pub remaining: u64,
}

/// A roster's `422`: the file's wrong cells (`invalid_file`), or a field
/// of the request (`invalid_fields`, such as an academic year not open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RosterRefusal {
    File(crate::messages::operator::FileErrorBody),
    Fields(crate::messages::ErrorBody),
}
