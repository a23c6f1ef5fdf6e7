//! `/api/operator/…`: the fund's operators export declarations to verify
//! and import decisions, with `Authorization: Bearer <token>`. Tokens are
//! configured as SHA-256 hashes and compared in constant time; without a
//! right token the answer is a bare 401.

use super::ApiContext;
use super::decision_file;
use super::export::Format;
use crate::db::export::Filters;
use crate::db::operator::{self, Student};
use crate::db::outbox::Cap;
use crate::db::rights;
use crate::error::Error;
use crate::mail::render::{Event, render};
use amoe_domain::Day;
use amoe_domain::Lang;
use amoe_domain::declaration::{AcademicYear, Outcome};
use amoe_domain::declaration::{Decision, DecisionRecord, UniversityId};
use amoe_domain::messages::FieldError;
use amoe_domain::messages::operator::{
    AuditResponse, CorrectRequest, EraseRequest, EraseResponse, ExportRequest, ExportResponse,
    ImportReport, RowError, ShowRequest, ShowResponse, StoredDeclaration,
};
use amoe_domain::student::Cin;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::extract::{Json, Query};

/// The largest decision file accepted (about 20,000 rows).
pub const IMPORT_LIMIT: usize = 2 * 1024 * 1024;

/// Proof that the request carries an operator's token, and who it is in
/// the audit log: the first 12 hex digits of the token's SHA-256 (the
/// configured hashes' own beginning, never the token).
pub struct Operator {
    pub actor: String,
}

impl FromRequestParts<ApiContext> for Operator {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(Error::Unauthorized)?;
        let presented: [u8; 32] = Sha256::digest(token.trim().as_bytes()).into();
        // Compare with every configured hash, whatever the outcome, so the
        // time taken says nothing about which one nearly matched.
        let matched = ctx
            .config
            .back_office
            .operator_tokens
            .iter()
            .fold(subtle::Choice::from(0), |any, hash| {
                any | hash.ct_eq(&presented)
            });
        if bool::from(matched) {
            let actor = presented[..6].iter().map(|b| format!("{b:02x}")).collect();
            Ok(Operator { actor })
        } else {
            Err(Error::Unauthorized)
        }
    }
}

pub(super) fn now(ctx: &ApiContext) -> Result<String, Error> {
    crate::clock::rfc3339(ctx.clock().now()).map_err(|_| Error::Internal)
}

fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
    }
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
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<ExportRequest>,
) -> Result<Response, Error> {
    let mut errors = Vec::new();
    if let Some(id) = &request.university
        && let Err(e) = UniversityId::parse(id)
    {
        errors.push(field_error("university", e.code()));
    }
    for (name, value) in [("since", &request.since), ("until", &request.until)] {
        if value.as_deref().is_some_and(|v| Day::parse(v).is_err()) {
            errors.push(field_error(name, "date_invalid"));
        }
    }
    let csv = match request.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            errors.push(field_error("format", "format_unknown"));
            false
        }
    };
    if !errors.is_empty() {
        return Err(Error::InvalidFields(errors));
    }
    let format = if csv { Format::Csv } else { Format::Json };
    let (selection, audit) = Filters {
        status: request.status,
        university: request.university,
        since: request.since,
        until: request.until,
    }
    .selection();
    let body = super::export::body(super::export::Export {
        pool: ctx.db.pool.clone(),
        selection,
        format,
        mark: request.mark,
        actor: caller.actor,
        at: now(&ctx)?,
        audit,
    });
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Json => "application/json",
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
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
    caller: Operator,
    State(ctx): State<ApiContext>,
    Query(options): Query<ImportOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<ImportReport>, Error> {
    import_as(&ctx, &caller.actor, options.dry_run, &headers, &body)
        .await
        .map(axum::Json)
}

/// Reads a decision file (JSON or CSV, by `Content-Type`) and records it,
/// all or nothing, as `actor`.
pub(super) async fn import_as(
    ctx: &ApiContext,
    actor: &str,
    dry_run: bool,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<ImportReport, Error> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let records: decision_file::Rows = if content_type.starts_with("application/json") {
        serde_json::from_slice::<Vec<DecisionRecord>>(body)
            .map_err(|e| Error::InvalidJson {
                message: e.to_string(),
            })?
            .into_iter()
            .enumerate()
            .map(|(i, record)| (i + 1, Ok(record)))
            .collect()
    } else if content_type.starts_with("text/csv") {
        decision_file::read_csv(body)?
    } else {
        return Err(Error::UnsupportedMediaType);
    };
    let mut errors = Vec::new();
    let mut decisions: Vec<(usize, Decision)> = Vec::new();
    for (row, record) in records {
        match record.map(|r| r.parse()) {
            Ok(Ok(decision)) => decisions.push((row, decision)),
            Ok(Err(columns)) => errors.extend(columns.into_iter().map(|(column, code)| RowError {
                row,
                column: column.into(),
                code: code.into(),
            })),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFile(errors));
    }
    record_decisions(ctx, actor, &decisions, dry_run).await
}

/// Records parsed decisions (`(row, decision)`), all or nothing, with
/// their mails, as `actor`; a row the domain refuses (an unknown
/// reference, a declaration decided otherwise) is an `invalid_file`.
pub(super) async fn record_decisions(
    ctx: &ApiContext,
    actor: &str,
    decisions: &[(usize, Decision)],
    dry_run: bool,
) -> Result<ImportReport, Error> {
    let rows = decisions.len();
    let mail_for = |decision: &Decision, student: &Student| {
        let lang = Lang::from_tag(&student.lang).unwrap_or(Lang::FALLBACK);
        let year = AcademicYear::parse(&student.academic_year).unwrap_or_else(|_| {
            AcademicYear::containing(decision.date, ctx.config.rules.year_start)
        });
        let event = match &decision.outcome {
            Outcome::Covered => Event::Covered { on: decision.date },
            Outcome::Refused { reason } => Event::Refused {
                reason: reason.clone(),
            },
        };
        render(
            &event,
            &decision.reference,
            year,
            lang,
            &student.email,
            &ctx.config.server.public_url,
        )
    };
    let cap = Cap {
        secret: &ctx.config.secret,
        limit: ctx.config.limits.mails_per_recipient,
        now_ms: ctx.clock().now_ms(),
    };
    let result = operator::apply(
        &ctx.db.pool,
        decisions,
        dry_run,
        &operator::Actor {
            actor,
            at: &now(ctx)?,
        },
        &cap,
        mail_for,
    )
    .await?;
    match result {
        Ok(applied) => {
            if applied.applied > 0 && !dry_run {
                ctx.outbox_wake.notify_one();
            }
            tracing::info!(rows, applied = applied.applied, dry_run = dry_run, "import");
            Ok(ImportReport {
                rows,
                applied: applied.applied,
                unchanged: applied.unchanged,
                dry_run,
            })
        }
        Err(errors) => Err(Error::InvalidFile(errors)),
    }
}

/// `GET /api/operator/audit`: the audit log, newest first (1,000 at most).
#[utoipa::path(get, path = "/operator/audit", tag = "operator", security(("operator_token" = [])),
    responses(
        (status = 200, description = "The audit log, newest first (1,000 entries at most)", body = AuditResponse),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn audit(
    _: Operator,
    State(ctx): State<ApiContext>,
) -> Result<axum::Json<AuditResponse>, Error> {
    let entries = operator::audit_log(&ctx.db.pool, 1_000).await?;
    Ok(axum::Json(AuditResponse { entries }))
}

/// A reference as typed (spaces and case forgiven), or the field's error.
pub(super) fn reference(typed: &str) -> Result<String, FieldError> {
    amoe_domain::declaration::Reference::parse(typed)
        .map(|r| r.to_string())
        .map_err(|e| field_error("reference", e.code()))
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
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<ShowRequest>,
) -> Result<axum::Json<ShowResponse>, Error> {
    let whose = match (&request.reference, &request.cin) {
        (Some(typed), None) => {
            rights::Whose::Reference(reference(typed).map_err(|e| Error::InvalidFields(vec![e]))?)
        }
        (None, Some(typed)) => rights::Whose::Cin(
            Cin::parse(typed)
                .map_err(|e| Error::InvalidFields(vec![field_error("cin", e.code())]))?
                .as_str()
                .to_owned(),
        ),
        _ => {
            return Err(Error::InvalidFields(vec![field_error(
                "reference",
                "reference_or_cin",
            )]));
        }
    };
    let declarations = rights::show(
        &ctx.db.pool,
        &whose,
        &operator::Actor {
            actor: &caller.actor,
            at: &now(&ctx)?,
        },
    )
    .await?;
    if declarations.is_empty() && matches!(whose, rights::Whose::Reference(_)) {
        return Err(Error::UnknownReference);
    }
    tracing::info!(count = declarations.len(), "show");
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
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<CorrectRequest>,
) -> Result<axum::Json<ShowResponse>, Error> {
    correct_as(&ctx, &caller.actor, &request)
        .await
        .map(|declaration| {
            axum::Json(ShowResponse {
                declarations: vec![declaration],
            })
        })
}

/// Checks and records a correction as `actor`: the corrected declaration.
pub(super) async fn correct_as(
    ctx: &ApiContext,
    actor: &str,
    request: &CorrectRequest,
) -> Result<StoredDeclaration, Error> {
    let today = Day::in_morocco(ctx.clock().now()).date();
    let reference = reference(&request.reference);
    let changes = request.changes.check(today);
    let (reference, changes) = match (reference, changes) {
        (Ok(reference), Ok(changes)) => (reference, changes),
        (reference, changes) => {
            let mut errors: Vec<FieldError> = reference.err().into_iter().collect();
            errors.extend(changes.err().unwrap_or_default());
            return Err(Error::InvalidFields(errors));
        }
    };
    let corrected = rights::correct(
        &ctx.db.pool,
        &reference,
        &changes,
        &operator::Actor {
            actor,
            at: &now(ctx)?,
        },
    )
    .await?;
    match corrected {
        rights::Corrected::Done(declaration) => {
            tracing::info!(fields = changes.len(), "correct");
            Ok(*declaration)
        }
        rights::Corrected::UnknownReference => Err(Error::UnknownReference),
        rights::Corrected::Duplicate => Err(Error::AlreadyDeclared),
    }
}

/// The shortest and longest reason an erasure accepts, in characters.
const ERASE_REASON_CHARS: std::ops::RangeInclusive<usize> = 3..=500;

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
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<EraseRequest>,
) -> Result<axum::Json<EraseResponse>, Error> {
    let reason = request
        .reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut errors = Vec::new();
    let reference = reference(&request.reference)
        .map_err(|e| errors.push(e))
        .ok();
    if !ERASE_REASON_CHARS.contains(&reason.chars().count()) {
        errors.push(field_error("reason", "reason_length"));
    }
    let Some(reference) = reference.filter(|_| errors.is_empty()) else {
        return Err(Error::InvalidFields(errors));
    };
    let erased = crate::db::erasure::erase(
        &ctx.db.pool,
        &reference,
        &reason,
        &operator::Actor {
            actor: &caller.actor,
            at: &now(&ctx)?,
        },
    )
    .await?;
    let (erased, mail_ids) = match erased {
        crate::db::erasure::Erased::Done(erased, mail_ids) => (erased, mail_ids),
        crate::db::erasure::Erased::UnknownReference => return Err(Error::UnknownReference),
        crate::db::erasure::Erased::ReasonIsPersonal => {
            return Err(Error::InvalidFields(vec![field_error(
                "reason",
                "reason_is_personal",
            )]));
        }
    };
    for id in mail_ids {
        // Absent when sent over SMTP, or never written yet.
        let _ = std::fs::remove_file(ctx.config.mail.outbox_dir.join(format!("{id}.eml")));
    }
    tracing::info!(mails = erased.mails, "erase");
    Ok(axum::Json(erased))
}
