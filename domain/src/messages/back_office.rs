//! Messages of the back office (`/api/back-office/…`), where the fund's
//! agents and the universities' staff work in the browser, signed in with
//! passkeys; and of the operators' routes that invite and revoke them.
//! The back office's app and the API compile them; the students' app never
//! does.

use crate::declaration::{Status, UniversityId};
use crate::messages::operator::{AuditEntry, StoredDeclaration};
use serde::{Deserialize, Serialize};

/// What an agent may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The fund's agents: see and decide everything.
    Fund,
    /// A university's staff: its own declarations, read-only, and its
    /// counts.
    University(UniversityId),
}

/// Why a role as typed is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("a role is `fund` or `university:<id>`")]
    Unknown,
    #[error("no university has this id")]
    UnknownUniversity,
}

impl RoleError {
    pub fn code(self) -> &'static str {
        match self {
            RoleError::Unknown => "role_unknown",
            RoleError::UnknownUniversity => "unknown_university",
        }
    }
}

impl Role {
    /// `fund` or `university:<id>` (the command line's spelling).
    pub fn parse(typed: &str) -> Result<Role, RoleError> {
        match typed.trim() {
            "fund" => Ok(Role::Fund),
            other => {
                let id = other
                    .strip_prefix("university:")
                    .ok_or(RoleError::Unknown)?;
                UniversityId::parse(id)
                    .map(Role::University)
                    .map_err(|_| RoleError::UnknownUniversity)
            }
        }
    }

    /// The stored form: the role's name, and its university.
    pub fn parts(&self) -> (&'static str, Option<&str>) {
        match self {
            Role::Fund => ("fund", None),
            Role::University(id) => ("university", Some(id.as_str())),
        }
    }

    /// The role of stored parts, if they are one.
    pub fn from_parts(role: &str, university: Option<&str>) -> Option<Role> {
        match (role, university) {
            ("fund", None) => Some(Role::Fund),
            ("university", Some(id)) => UniversityId::parse(id).ok().map(Role::University),
            _ => None,
        }
    }

    /// The university whose declarations alone this role sees.
    pub fn university(&self) -> Option<&UniversityId> {
        match self {
            Role::Fund => None,
            Role::University(id) => Some(id),
        }
    }

    pub fn may_decide(&self) -> bool {
        matches!(self, Role::Fund)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Role::Fund => f.write_str("fund"),
            Role::University(id) => write!(f, "university:{}", id.as_str()),
        }
    }
}

/// An agent as the back office shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agent {
    pub id: String,
    pub name: String,
    /// `fund` or `university`.
    pub role: String,
    /// The university of a `university` agent.
    pub university: Option<String>,
}

/// The signed-in agent and the token every state-changing request of the
/// session carries in `X-CSRF-Token`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub agent: Agent,
    pub csrf: String,
}

/// `POST /api/back-office/enrol/start`: the secret of an enrolment link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolStart {
    pub token: String,
}

/// The options to pass to `navigator.credentials.create` or `.get` (in
/// WebAuthn's JSON form, `publicKey` inside), and the ceremony they
/// belong to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Challenge {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
    /// At enrolment: the name the agent was invited under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST /api/back-office/enrol/finish` and `…/sign-in/finish`: the
/// browser's credential (`PublicKeyCredential.toJSON()`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finish {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}

/// `POST /api/back-office/search`: what an agent typed and chose. Every
/// filter is optional; a university agent sees its own university's
/// declarations whatever `university` says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchRequest {
    /// A reference, a CIN, or words of a name (accents, case and the
    /// Arabic letters' forms forgiven).
    pub query: String,
    pub status: Option<Status>,
    pub university: Option<String>,
    /// `YYYY-YYYY`.
    pub academic_year: Option<String>,
    /// Received on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    pub identity_conflict: Option<bool>,
    pub vouched: Option<bool>,
    /// Only the declarations the fund set aside.
    pub set_aside: bool,
    /// On their university's roster, or not.
    #[serde(default)]
    pub enrolled: Option<bool>,
    /// Only those not on their university's roster once it is final.
    #[serde(default)]
    pub not_on_roster: bool,
}

/// One declaration found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Found {
    pub reference: String,
    pub academic_year: String,
    pub last_name: String,
    pub first_name: String,
    pub university: String,
    pub status: Status,
    pub received_at: String,
    pub identity_conflict: bool,
    pub vouched: bool,
    #[serde(default)]
    pub set_aside: bool,
    /// On its university's roster of enrolled students.
    #[serde(default)]
    pub enrolled: bool,
    /// Not on its university's roster, once that roster is final.
    #[serde(default)]
    pub not_on_roster: bool,
}

/// The newest declarations found first, [`SEARCH_LIMIT`] at most; `total`
/// counts them all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub found: Vec<Found>,
    pub total: i64,
}

/// How many declarations a search lists.
pub const SEARCH_LIMIT: i64 = 100;

/// `GET /api/back-office/cases/{reference}`: everything about one
/// declaration, and what agents and operators did with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Case {
    pub declaration: StoredDeclaration,
    pub audit: Vec<AuditEntry>,
}

/// A declaration waiting for the fund's new decision after a student's
/// request, as the dashboard lists them: the oldest request first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reexamining {
    pub reference: String,
    pub academic_year: String,
    pub last_name: String,
    pub first_name: String,
    pub university: String,
    pub reason: String,
    pub requested_at: String,
}

/// How many re-examinations the dashboard lists at most.
pub const REEXAMINING_LIMIT: i64 = 50;

/// `POST /api/back-office/cases/{reference}/set-aside`: set a declaration
/// aside (`true`), or put it back (`false`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetAsideRequest {
    pub set_aside: bool,
}

/// `POST /api/back-office/cases/{reference}/set-aside-others`: the case
/// kept, and how many declarations of its CIN and year were set aside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetAsideOthers {
    pub case: Case,
    pub set_aside: u64,
}

/// `POST /api/back-office/cases/{reference}/decision`: the fund's decision
/// on one declaration, dated today (Morocco's date).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecideRequest {
    /// `covered` or `refused`.
    pub decision: String,
    /// For a refusal: as in a decision file.
    pub reason_code: String,
    pub reason_text: String,
}

/// A count of something on the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    /// A day (`YYYY-MM-DD`), a status, a university id or a reason code.
    pub key: String,
    pub count: i64,
}

/// The outbox's health: mails waiting, and for how long the oldest has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxHealth {
    pub unsent: i64,
    /// Seconds; absent when nothing waits.
    pub oldest_seconds: Option<i64>,
}

/// `GET /api/back-office/dashboard`: the current academic year at a
/// glance (a university agent's: its own university's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub academic_year: String,
    /// Declarations received per day, oldest first (days with none left
    /// out).
    pub per_day: Vec<Count>,
    pub by_status: Vec<Count>,
    pub by_university: Vec<Count>,
    pub refusals: Vec<Count>,
    /// Per university that gave its roster for the year: its declarations
    /// on it (beside `by_university`, the share matched).
    #[serde(default)]
    pub enrolled: Vec<Count>,
    /// For the fund's agents only.
    pub outbox: Option<OutboxHealth>,
    /// The declarations under re-examination (of any year), the oldest
    /// request first, [`REEXAMINING_LIMIT`] at most; first on the screen.
    #[serde(default)]
    pub reexaminations: Vec<Reexamining>,
    /// How many are under re-examination in all.
    #[serde(default)]
    pub reexaminations_waiting: i64,
}

/// `POST /api/operator/agents`: invites an agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    /// 2 to 100 characters, as the agent's colleagues know them.
    pub name: String,
    /// `fund` or `university:<id>`.
    pub role: String,
}

/// The one-time enrolment link (valid [`INVITATION_HOURS`] hours), shown
/// once: only its hash is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub agent: Agent,
    pub link: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// How long an enrolment link works.
pub const INVITATION_HOURS: i64 = 24;

/// `GET /api/operator/agents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentList {
    pub agents: Vec<ListedAgent>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedAgent {
    #[serde(flatten)]
    pub agent: Agent,
    pub passkeys: i64,
    pub sessions: i64,
    /// Unix seconds, once revoked.
    pub revoked_at: Option<i64>,
}

/// `POST /api/operator/agents/revoke`: ends an agent's access at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeRequest {
    pub agent: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revoked {
    pub agent: Agent,
    pub sessions_ended: u64,
}

/// An agent's name as typed at invitation: spaces collapsed, 2 to 100
/// characters, no control character.
pub fn agent_name(typed: &str) -> Result<String, &'static str> {
    let name = crate::text::collapse_spaces(typed);
    let count = name.chars().count();
    let control = typed.chars().any(|c| c.is_control() && !c.is_whitespace());
    if !(2..=100).contains(&count) || control {
        Err("agent_name_invalid")
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_fund_or_a_known_university() {
        assert_eq!(Role::parse("fund"), Ok(Role::Fund));
        let um5 = Role::parse("university:um5").unwrap();
        assert_eq!(um5.parts(), ("university", Some("um5")));
        assert_eq!(um5.to_string(), "university:um5");
        assert_eq!(Role::from_parts("university", Some("um5")), Some(um5));
        assert_eq!(
            Role::parse("university:nowhere"),
            Err(RoleError::UnknownUniversity)
        );
        assert_eq!(Role::parse("admin"), Err(RoleError::Unknown));
        assert_eq!(Role::from_parts("fund", Some("um5")), None);
        assert!(Role::Fund.may_decide());
    }

    #[test]
    fn agent_names_are_trimmed_and_bounded() {
        assert_eq!(agent_name("  Samira   Alaoui "), Ok("Samira Alaoui".into()));
        assert_eq!(agent_name("سميرة العلوي"), Ok("سميرة العلوي".into()));
        assert!(agent_name("S").is_err());
        assert!(agent_name(&"x".repeat(101)).is_err());
        assert!(agent_name("a\u{7}b").is_err());
    }
}
