//! One error type for the whole API, mapped once to an HTTP answer whose
//! body is always JSON with a stable `code` ([`ErrorBody`]).

use amoe_domain::declaration::{Ineligibility, Rejection, field};
use amoe_domain::messages::operator::RowError;
use amoe_domain::messages::{ErrorBody, ErrorCode, FieldError};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("there is nothing at this address")]
    NotFound,
    #[error("this address does not accept this method")]
    MethodNotAllowed,
    #[error("the query string is not valid: {message}")]
    InvalidQuery { message: String },
    #[error("the query string is longer than {limit} bytes")]
    QueryTooLong { limit: usize },
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("no university has this id")]
    UnknownUniversity { field: &'static str },
    #[error("the body is not the JSON this route takes: {message}")]
    InvalidJson { message: String },
    #[error("the body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("some fields are not valid")]
    InvalidFields(Vec<FieldError>),
    #[error("the student is not eligible")]
    NotEligible(FieldError),
    #[error(
        "a declaration with these details exists this academic year: \
         its status is on the status page (POST /api/status)"
    )]
    AlreadyDeclared,
    #[error("the portal's identity token is not valid here")]
    InvalidPortalToken,
    #[error("the Idempotency-Key header must be a UUID v4")]
    IdempotencyKeyMissing,
    #[error("this Idempotency-Key was used for a different declaration")]
    IdempotencyKeyReused,
    #[error("no declaration matches these details")]
    NoMatch,
    #[error("this declaration is not refused: there is nothing to examine again")]
    NotRefused,
    #[error("a re-examination of this decision was asked for already")]
    ReexaminationAlreadyRequested,
    /// A status lookup for a CIN whose allowance of failures is spent:
    /// the puzzle to solve first.
    #[error(
        "this CIN's allowance is spent: solve the puzzle of the AMOE-Challenge header and send the request again with its answer in AMOE-Proof"
    )]
    ProofRequired(crate::proof::Challenge),
    #[error("no declaration has this reference")]
    UnknownReference,
    #[error("unauthorized")]
    Unauthorized,
    /// The back office: no session, or one that has ended.
    #[error("sign in to the back office")]
    SignedOut,
    /// The back office: a passkey or an enrolment link that does not work.
    #[error("the passkey or the enrolment link does not work here ({0})")]
    NotAllowed(&'static str),
    /// The back office: the agent's role does not allow this.
    #[error("your role does not allow this")]
    Forbidden,
    /// The back office: a state-changing request without the session's
    /// CSRF token.
    #[error("the request does not carry this session's X-CSRF-Token")]
    CsrfToken,
    /// The back office: a decision the declaration's status does not allow
    /// (`fields` says why, on `decision`).
    #[error("the declaration's status does not allow this decision")]
    DecisionRefused(&'static str),
    #[error("the file has errors; nothing was applied")]
    InvalidFile(Vec<RowError>),
    /// A roster's state does not allow this now (`fields` says why, on
    /// `roster`): another upload under way, its matching under way, or a
    /// count that changed since the agent read it.
    #[error("the roster does not allow this now")]
    RosterBusy(&'static str),
    #[error("too many attempts: try again in {retry_after} seconds")]
    TooManyRequests {
        retry_after: i64,
        /// Which limit refused (its bucket's kind, for the metrics).
        limit: &'static str,
        /// The field whose limit was reached, when it is one of the
        /// request's (the e-mail address's daily declarations).
        field: Option<FieldError>,
    },
    /// Logged in full on the server, never shown to the client.
    #[error("the database could not answer")]
    Database(#[from] sqlx::Error),
    #[error("the server failed")]
    Internal,
}

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::NotFound | Error::UnknownUniversity { .. } => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::InvalidQuery { .. }
            | Error::QueryTooLong { .. }
            | Error::InvalidJson { .. }
            | Error::IdempotencyKeyMissing => StatusCode::BAD_REQUEST,
            Error::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::InvalidFields(_) | Error::NotEligible(_) | Error::IdempotencyKeyReused => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Error::AlreadyDeclared | Error::NotRefused | Error::ReexaminationAlreadyRequested => {
                StatusCode::CONFLICT
            }
            Error::InvalidPortalToken => StatusCode::UNAUTHORIZED,
            Error::NoMatch | Error::UnknownReference => StatusCode::NOT_FOUND,
            Error::Unauthorized | Error::SignedOut | Error::NotAllowed(_) => {
                StatusCode::UNAUTHORIZED
            }
            Error::Forbidden | Error::CsrfToken => StatusCode::FORBIDDEN,
            Error::DecisionRefused(_) | Error::RosterBusy(_) => StatusCode::CONFLICT,
            Error::InvalidFile(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::ProofRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Database(e) if is_unavailable(e) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Database(_) | Error::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound => ErrorCode::NotFound,
            Error::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Error::InvalidQuery { .. } => ErrorCode::InvalidQuery,
            Error::QueryTooLong { .. } => ErrorCode::QueryTooLong,
            Error::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Error::UnknownUniversity { .. } => ErrorCode::UnknownUniversity,
            Error::InvalidJson { .. } => ErrorCode::InvalidJson,
            Error::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Error::InvalidFields(_) => ErrorCode::InvalidFields,
            Error::NotEligible(_) => ErrorCode::NotEligible,
            Error::AlreadyDeclared => ErrorCode::AlreadyDeclared,
            Error::InvalidPortalToken => ErrorCode::InvalidPortalToken,
            Error::IdempotencyKeyMissing => ErrorCode::IdempotencyKeyMissing,
            Error::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            Error::NoMatch => ErrorCode::NoMatch,
            Error::NotRefused => ErrorCode::NotRefused,
            Error::ReexaminationAlreadyRequested => ErrorCode::ReexaminationAlreadyRequested,
            Error::UnknownReference => ErrorCode::NotFound,
            Error::Unauthorized | Error::SignedOut | Error::NotAllowed(_) => {
                ErrorCode::Unauthorized
            }
            Error::Forbidden | Error::CsrfToken => ErrorCode::Forbidden,
            Error::DecisionRefused(_) | Error::RosterBusy(_) => ErrorCode::InvalidFields,
            Error::InvalidFile(_) => ErrorCode::InvalidFile,
            Error::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            Error::ProofRequired(_) => ErrorCode::ProofRequired,
            Error::Database(e) if is_unavailable(e) => ErrorCode::ServiceUnavailable,
            Error::Database(_) | Error::Internal => ErrorCode::Internal,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Error::UnknownUniversity { field } => vec![FieldError {
                field: (*field).to_owned(),
                code: ErrorCode::UnknownUniversity.as_str().to_owned(),
            }],
            Error::InvalidFields(fields) => fields.clone(),
            Error::UnknownReference => vec![FieldError {
                field: "reference".to_owned(),
                code: "unknown_reference".to_owned(),
            }],
            Error::NotEligible(reason) => vec![reason.clone()],
            Error::NotAllowed(code) => vec![FieldError {
                field: "credential".to_owned(),
                code: (*code).to_owned(),
            }],
            Error::CsrfToken => vec![FieldError {
                field: "X-CSRF-Token".to_owned(),
                code: "csrf_token".to_owned(),
            }],
            Error::DecisionRefused(code) => vec![FieldError {
                field: "decision".to_owned(),
                code: (*code).to_owned(),
            }],
            Error::RosterBusy(code) => vec![FieldError {
                field: "roster".to_owned(),
                code: (*code).to_owned(),
            }],
            Error::TooManyRequests {
                field: Some(field), ..
            } => vec![field.clone()],
            _ => Vec::new(),
        }
    }
}

impl From<Rejection> for Error {
    fn from(rejection: Rejection) -> Error {
        match rejection {
            Rejection::Invalid(fields) => Error::InvalidFields(fields),
            Rejection::NotEligible(why) => {
                let field = match why {
                    Ineligibility::CoveredElsewhere { .. } => field::COVERED,
                    Ineligibility::OverAge { .. } => field::BIRTH_DATE,
                };
                Error::NotEligible(FieldError {
                    field: field.to_owned(),
                    code: why.code().to_owned(),
                })
            }
        }
    }
}

/// A pool that cannot hand out a connection means the database is down or
/// overloaded: the client may retry later.
fn is_unavailable(e: &sqlx::Error) -> bool {
    matches!(
        e,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
    )
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::Database(e) = &self {
            tracing::error!(error = %e, "database error");
        }
        let mut response = json_error(self.status(), self.code(), self.to_string(), self.fields());
        match self {
            Error::TooManyRequests {
                retry_after, limit, ..
            } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
                response.extensions_mut().insert(RefusedBy(limit));
            }
            Error::Unauthorized => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Error::ProofRequired(challenge) => {
                if let Ok(value) = HeaderValue::from_str(&challenge.to_string()) {
                    response
                        .headers_mut()
                        .insert(crate::proof::CHALLENGE_HEADER, value);
                }
                response.extensions_mut().insert(RefusedBy("proof"));
            }
            Error::InvalidFile(rows) => {
                // The row-by-row report rides beside the usual fields.
                let body = amoe_domain::messages::operator::FileErrorBody {
                    code: ErrorCode::InvalidFile,
                    message: Error::InvalidFile(Vec::new()).to_string(),
                    rows: rows.clone(),
                };
                let status = response.status();
                response = (status, axum::Json(body)).into_response();
            }
            _ => {}
        }
        response
    }
}

/// Which limit refused a request: read by the metrics, never sent.
#[derive(Clone, Copy, Debug)]
pub struct RefusedBy(pub &'static str);

/// The one place an error body is written.
pub fn json_error(
    status: StatusCode,
    code: ErrorCode,
    message: String,
    fields: Vec<FieldError>,
) -> Response {
    let mut response = (
        status,
        Json(ErrorBody {
            code,
            message,
            fields,
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Turns any error answer that is not JSON yet (one made by a layer, such as
/// a timeout or a body limit) into the JSON shape, keeping its status.
pub fn ensure_json(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let code = match status {
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => {
            ErrorCode::ServiceUnavailable
        }
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    };
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    json_error(status, code, message, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};

    async fn body(response: Response) -> ErrorBody {
        let bytes = to_bytes(response.into_body(), 4096).await.unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn a_plain_text_error_from_a_layer_becomes_json_with_its_status() {
        let plain = Response::builder()
            .status(StatusCode::PAYLOAD_TOO_LARGE)
            .body(Body::from("length limit exceeded"))
            .unwrap();
        let response = ensure_json(plain);
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        assert_eq!(body(response).await.code, ErrorCode::PayloadTooLarge);
    }

    #[tokio::test]
    async fn a_timeout_becomes_service_unavailable() {
        let plain = Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            body(ensure_json(plain)).await.code,
            ErrorCode::ServiceUnavailable
        );
    }

    #[tokio::test]
    async fn successes_and_json_errors_pass_through_untouched() {
        let ok = Response::new(Body::from("fine"));
        let ok = ensure_json(ok);
        assert!(ok.headers().get(header::CONTENT_TYPE).is_none());
        let json = Error::NotFound.into_response();
        assert_eq!(body(ensure_json(json)).await.code, ErrorCode::NotFound);
    }

    #[test]
    fn database_details_never_reach_the_client() {
        let error = Error::Database(sqlx::Error::Protocol("secret detail".into()));
        assert!(!error.to_string().contains("secret"));
        assert_eq!(error.code(), ErrorCode::Internal);
        assert_eq!(
            Error::Database(sqlx::Error::PoolTimedOut).status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
