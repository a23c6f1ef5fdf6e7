//! The messages the API exchanges, defined once for both sides: here the
//! students' (the app's), in `back_office` the fund's agents' and the
//! universities' staff's, in `operator` the fund's operators'.

#[cfg(feature = "back-office")]
pub mod back_office;
pub mod operator;
pub mod roster;

use crate::declaration::{AcademicYear, Reference, RefusalReason, Status};
use crate::{Office, University};

pub use crate::field::FieldError;
use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `"ok"` when the answer is 200.
    pub status: String,
    /// The server's version (the workspace version).
    pub version: String,
    /// `"sqlite"` or `"postgres"`.
    pub database: String,
}

/// `GET /api/config`: what the wizard needs to know from the server.
/// The data controller named to students when the deployment names none
/// (`AMOE_CONTROLLER`): the fund that manages the insurance.
pub const DEFAULT_CONTROLLER: &str = "CNOPS";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicConfig {
    /// Today in Morocco: the server's date decides ages and the academic
    /// year, whatever the phone's clock says.
    pub today: crate::Day,
    pub academic_year: AcademicYear,
    /// The oldest age covered.
    pub age_limit: i32,
    /// The data controller named in the personal-data notice.
    pub controller: String,
    /// The CNDP authorisation number of the processing (law 09-08); empty
    /// when the server has none, and the notice then leaves it out.
    pub cndp_authorisation: String,
}

/// `POST /api/portal-identity`: a university portal's signed token, to
/// read before the wizard uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalTokenRequest {
    pub token: String,
}

/// What a portal's token vouches for, as the wizard's fields (they are
/// filled in and locked). Its fields are a subset of
/// [`DeclarationForm`](crate::declaration::DeclarationForm)'s, named alike,
/// so the app reads it straight into a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalIdentity {
    pub cin: String,
    pub massar: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub university: String,
}

impl PortalIdentity {
    /// The vouched identity as (the identity fields of) a form.
    pub fn form(&self) -> crate::declaration::DeclarationForm {
        crate::declaration::DeclarationForm {
            cin: self.cin.clone(),
            massar: self.massar.clone(),
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            birth_day: self.birth_day.clone(),
            birth_month: self.birth_month.clone(),
            birth_year: self.birth_year.clone(),
            university: self.university.clone(),
            ..Default::default()
        }
    }
}

/// `GET /api/universities`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UniversitiesResponse {
    pub universities: Vec<University>,
}

/// `GET /api/offices[?university=ID]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficesResponse {
    pub offices: Vec<Office>,
}

/// `201` answer of `POST /api/declarations` (and of every retry with the
/// same `Idempotency-Key`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    pub reference: Reference,
    pub academic_year: AcademicYear,
    pub status: Status,
    /// RFC 3339, UTC.
    pub received_at: String,
}

/// One step of a declaration's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusEvent {
    pub status: Status,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A student's declaration as the status page shows it (to the student
/// only: the lookup proved CIN, Massar code and birth date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclarationStatus {
    pub reference: Reference,
    pub academic_year: AcademicYear,
    pub university: String,
    pub status: Status,
    /// Oldest first.
    pub events: Vec<StatusEvent>,
    /// For the attestation of coverage.
    pub last_name: String,
    pub first_name: String,
    /// The day of the decision (`YYYY-MM-DD`): services open that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<RefusalReason>,
}

/// `200` answer of `POST /api/status`: the student's declarations, the
/// current academic year's first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusResponse {
    pub declarations: Vec<DeclarationStatus>,
}

/// The stable code of an API error. The app turns each into a translated
/// message (Fluent key `api-error-<code>`); clients must not parse `message`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    /// No such route or resource.
    NotFound,
    /// The route exists but not for this HTTP method.
    MethodNotAllowed,
    /// A query string that is not valid (not UTF-8, wrong type, …).
    InvalidQuery,
    /// A query string longer than the server accepts.
    QueryTooLong,
    /// A request body larger than the server accepts.
    PayloadTooLarge,
    /// A `university` that is not one of the 12.
    UnknownUniversity,
    /// A body that is not the JSON the route takes (syntax, types, unknown
    /// fields).
    InvalidJson,
    /// A body that is not `application/json`.
    UnsupportedMediaType,
    /// Fields to correct: `fields` has each one's code.
    InvalidFields,
    /// Valid, but the scheme does not cover the student: `fields` names
    /// why (`covered_elsewhere` on `covered`, `over_age` on `birth_date`).
    NotEligible,
    /// A declaration with this CIN, Massar code and birth date exists this
    /// academic year: the status page shows it.
    AlreadyDeclared,
    /// A university portal's identity token that is forged, expired,
    /// already used, meant for another service, or from a portal that is
    /// not configured; nothing was stored.
    InvalidPortalToken,
    /// No `Idempotency-Key` header, or not a UUID v4.
    IdempotencyKeyMissing,
    /// This `Idempotency-Key` was used for a different declaration.
    IdempotencyKeyReused,
    /// No declaration matches this CIN, Massar code and birth date (the
    /// same answer whether the student is unknown or a part is wrong).
    NoMatch,
    /// Too many attempts: wait the `Retry-After` seconds.
    TooManyRequests,
    /// A re-examination asked for a declaration that is not refused
    /// (accepted, or still waiting for a decision).
    NotRefused,
    /// A re-examination of this decision was asked for already: the fund
    /// answers it once.
    ReexaminationAlreadyRequested,
    /// Wrong details were typed for this CIN too often: send the lookup
    /// again with the answer (`AMOE-Proof`) to the puzzle of the
    /// `AMOE-Challenge` header.
    ProofRequired,
    /// No operator token, or a wrong one; in the back office, no session
    /// (or one that has ended) or a passkey that does not verify.
    Unauthorized,
    /// Signed in, but not allowed: the agent's role does not allow it, or a
    /// state-changing request without the session's CSRF token. (Only the
    /// back office's routes answer it: the students' app, built without
    /// the `back-office` feature, reads it as `Unknown`.)
    #[cfg(feature = "back-office")]
    Forbidden,
    /// An imported file with errors (`rows` lists them); nothing applied.
    InvalidFile,
    /// Any other client error.
    BadRequest,
    /// The database cannot be reached.
    ServiceUnavailable,
    /// A fault on the server; details are in its logs, never in the answer.
    Internal,
    /// A code this version of the app does not know yet (newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::QueryTooLong => "query_too_long",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnknownUniversity => "unknown_university",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidFields => "invalid_fields",
            ErrorCode::NotEligible => "not_eligible",
            ErrorCode::AlreadyDeclared => "already_declared",
            ErrorCode::InvalidPortalToken => "invalid_portal_token",
            ErrorCode::IdempotencyKeyMissing => "idempotency_key_missing",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::NoMatch => "no_match",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::NotRefused => "not_refused",
            ErrorCode::ReexaminationAlreadyRequested => "reexamination_already_requested",
            ErrorCode::ProofRequired => "proof_required",
            ErrorCode::Unauthorized => "unauthorized",
            #[cfg(feature = "back-office")]
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::InvalidFile => "invalid_file",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Unknown => "unknown",
        }
    }
}

/// The JSON body of every API error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// A short English explanation for developers; the app shows its own
    /// translated text for `code`.
    pub message: String,
    /// The request fields the error is about (query parameters or body
    /// fields) with each one's error code; empty when it is about the
    /// request as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_names() {
        for code in [
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::InvalidQuery,
            ErrorCode::QueryTooLong,
            ErrorCode::PayloadTooLarge,
            ErrorCode::UnknownUniversity,
            ErrorCode::InvalidJson,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::InvalidFields,
            ErrorCode::NotEligible,
            ErrorCode::AlreadyDeclared,
            ErrorCode::InvalidPortalToken,
            ErrorCode::IdempotencyKeyMissing,
            ErrorCode::IdempotencyKeyReused,
            ErrorCode::NoMatch,
            ErrorCode::TooManyRequests,
            ErrorCode::ProofRequired,
            ErrorCode::Unauthorized,
            #[cfg(feature = "back-office")]
            ErrorCode::Forbidden,
            ErrorCode::InvalidFile,
            ErrorCode::BadRequest,
            ErrorCode::ServiceUnavailable,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn an_unknown_code_from_a_newer_server_still_parses() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"brand_new","message":"x"}"#).unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
        assert!(body.fields.is_empty());
    }
}
