//! `/api/operator/…`: the fund's operators export declarations to verify
//! and import decisions, with `Authorization: Bearer <token>`. Tokens are
//! configured as SHA-256 hashes and compared in constant time; without a
//! right token the answer is a bare 401.

use super::ApiContext;
use super::extract::{Json, Query};
use crate::error::Error;
use crate::fund::{self, Actor};
use amoe_domain::declaration::DecisionRecord;
use amoe_domain::messages::operator::{
    AuditResponse, CorrectRequest, EraseRequest, EraseResponse, ExportRequest, ExportResponse,
    ImportReport, SetAside, ShowRequest, ShowResponse,
};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The largest decision file accepted (about 20,000 rows).
pub const IMPORT_LIMIT: usize = 2 * 1024 * 1024;

/// Proof that the request carries an operator's token: the actor it is
/// (`Actor::Operator`).
pub struct Operator(pub Actor);

impl FromRequestParts<ApiContext> for Operator {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let presented = presented(parts)?;
        if matches_any(&ctx.config.back_office.operator_tokens, &presented) {
            Ok(Operator(Actor::Operator {
                token: named(&presented),
            }))
        } else {
            Err(Error::Unauthorized)
        }
    }
}

/// The SHA-256 of the request's bearer token.
pub(super) fn presented(parts: &Parts) -> Result<[u8; 32], Error> {
    let token = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(Error::Unauthorized)?;
    Ok(Sha256::digest(token.trim().as_bytes()).into())
}

/// Whether `presented` is one of `hashes`, compared with every one of
/// them whatever the outcome, so the time taken says nothing about which
/// one nearly matched.
pub(super) fn matches_any<'h>(
    hashes: impl IntoIterator<Item = &'h [u8; 32]>,
    presented: &[u8; 32],
) -> bool {
    hashes
        .into_iter()
        .fold(subtle::Choice::from(0), |any, hash| {
            any | hash.ct_eq(presented)
        })
        .into()
}

/// How the audit log names a token: the first 12 hex digits of its
/// SHA-256 (the configured hash's own beginning, never the token).
pub(super) fn named(presented: &[u8; 32]) -> String {
    presented[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// `POST /api/operator/export`.
#[utoipa::path(post, path = "/operator/export", tag = "operator", security(("operator_token" = [])),
    request_body = ExportRequest,
    responses(
        (status = 200, description = "The declarations, oldest first, streamed as they are read: JSON (`marked` closes the document), or CSV with `format: csv` (the count marked is in the audit log). With `mark`, the `received` ones handed over are marked `under_verification`; a stream cut short has marked only what it handed over, and ends without its closing `]` (JSON) or with a broken chunked encoding",
            content((ExportResponse = "application/json"), (String = "text/csv"))),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn export(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<ExportRequest>,
) -> Result<Response, Error> {
    let (criteria, format) = fund::export::operators(&request)?;
    let stream = fund::export::export(ctx.fund(), &actor, &criteria, format, request.mark)?;
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type()),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

#[derive(serde::Deserialize)]
pub struct ImportOptions {
    #[serde(default)]
    dry_run: bool,
}

/// `POST /api/operator/decisions[?dry_run=true]`: a JSON array of
/// decisions, or a CSV file (`Content-Type: text/csv`) with a header row.
#[utoipa::path(post, path = "/operator/decisions", tag = "operator", security(("operator_token" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Report without recording anything")),
    request_body(description = "A JSON array of decisions, or a CSV file with a header row (`,` or `;`)",
        content((Vec<DecisionRecord> = "application/json"), (String = "text/csv"))),
    responses(
        (status = 200, description = "Every row applied (or, in a dry run, would be)", body = ImportReport),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_file`: nothing applied; `rows` names each wrong cell", body = amoe_domain::messages::operator::FileErrorBody),
    ))]
pub async fn import(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Query(options): Query<ImportOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<ImportReport>, Error> {
    fund::decide::import(
        ctx.fund(),
        &actor,
        content_type(&headers),
        &body,
        options.dry_run,
    )
    .await
    .map(axum::Json)
}

/// A request's `Content-Type`, empty when there is none.
pub(super) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// `GET /api/operator/audit`: the audit log, newest first (1,000 at most).
#[utoipa::path(get, path = "/operator/audit", tag = "operator", security(("operator_token" = [])),
    responses(
        (status = 200, description = "The audit log, newest first (1,000 entries at most)", body = AuditResponse),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn audit(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
) -> Result<axum::Json<AuditResponse>, Error> {
    fund::audit::latest(ctx.fund(), &actor)
        .await
        .map(axum::Json)
}

/// `POST /api/operator/show`: everything stored about one declaration
/// (`reference`) or a CIN's declarations (`cin`, an empty list when none).
#[utoipa::path(post, path = "/operator/show", tag = "operator", security(("operator_token" = [])),
    request_body = ShowRequest,
    responses(
        (status = 200, description = "Everything stored (an empty list for a CIN nobody declared)", body = ShowResponse),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn show(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<ShowRequest>,
) -> Result<axum::Json<ShowResponse>, Error> {
    let declarations = fund::read::show(ctx.fund(), &actor, &request).await?;
    Ok(axum::Json(ShowResponse { declarations }))
}

/// `POST /api/operator/correct`: rectifies fields of a declaration.
#[utoipa::path(post, path = "/operator/correct", tag = "operator", security(("operator_token" = [])),
    request_body = CorrectRequest,
    responses(
        (status = 200, description = "The declaration as corrected", body = ShowResponse),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 409, description = "`already_declared`: the same details are declared already; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`; nothing changed", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn correct(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<CorrectRequest>,
) -> Result<axum::Json<ShowResponse>, Error> {
    let declaration =
        fund::correct::correct(ctx.fund(), &actor, &request.reference, &request.changes).await?;
    Ok(axum::Json(ShowResponse {
        declarations: vec![declaration],
    }))
}

/// `POST /api/operator/set-aside`: sets a declaration aside, or puts it
/// back (audited).
#[utoipa::path(post, path = "/operator/set-aside", tag = "operator", security(("operator_token" = [])),
    request_body = SetAside,
    responses(
        (status = 200, description = "The declaration now (set aside or put back, or so already)", body = ShowResponse),
        (status = 409, description = "`invalid_fields` with `under_verification`: with the operators, decided first; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_json`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn set_aside(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<SetAside>,
) -> Result<axum::Json<ShowResponse>, Error> {
    let (declaration, _) =
        fund::set_aside::set_aside(ctx.fund(), &actor, &request.reference, request.set_aside)
            .await?;
    Ok(axum::Json(ShowResponse {
        declarations: vec![declaration],
    }))
}

/// `POST /api/operator/erase`: erases a declaration and its mails.
#[utoipa::path(post, path = "/operator/erase", tag = "operator", security(("operator_token" = [])),
    request_body = EraseRequest,
    responses(
        (status = 200, description = "Erased, with what went with it", body = EraseResponse),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn erase(
    Operator(actor): Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<EraseRequest>,
) -> Result<axum::Json<EraseResponse>, Error> {
    fund::erase::erase(ctx.fund(), &actor, &request)
        .await
        .map(axum::Json)
}
