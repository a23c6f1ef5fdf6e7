//! Search, read, decide and correct: the cases an agent may see, a
//! university's kept to its own, and the fund's decision files.

use crate::db::cases::{self, Criteria};
use crate::db::operator::Actor;
use crate::error::Error;
use crate::http::ApiContext;
use crate::http::extract::{Json, Query};
use crate::http::operator as operator_routes;
use amoe_domain::Day;
use amoe_domain::declaration::{AcademicYear, DecisionRecord, Reference};
use amoe_domain::messages::back_office::{Case, DecideRequest, SearchRequest, SearchResponse};
use amoe_domain::messages::operator::{Changes, CorrectRequest, ImportReport};
use amoe_domain::student::Cin;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::field_error;
use super::session::{Acting, SignedIn, no_store};

/// A search as typed, checked; a university agent's is kept to its own
/// university.
fn criteria(request: &SearchRequest, signed_in: &SignedIn) -> Result<Criteria, Error> {
    let mut errors = Vec::new();
    let mut criteria = Criteria {
        status: request.status,
        identity_conflict: request.identity_conflict,
        vouched: request.vouched,
        ..Criteria::default()
    };
    let typed = request.query.trim();
    if typed.chars().count() > 200 {
        errors.push(field_error("query", "query_too_long"));
    } else if let Ok(reference) = Reference::parse(typed) {
        criteria.reference = Some(reference.to_string());
    } else if let Ok(cin) = Cin::parse(typed) {
        criteria.cin = Some(cin.as_str().to_owned());
    } else {
        criteria.words = amoe_domain::search::fold(typed)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect();
    }
    if let Some(id) = request.university.as_deref().filter(|v| !v.is_empty()) {
        match amoe_domain::declaration::UniversityId::parse(id) {
            Ok(id) => criteria.university = Some(id.as_str().to_owned()),
            Err(e) => errors.push(field_error("university", e.code())),
        }
    }
    if let Some(year) = request.academic_year.as_deref().filter(|v| !v.is_empty()) {
        match AcademicYear::parse(year) {
            Ok(year) => criteria.academic_year = Some(year.to_string()),
            Err(_) => errors.push(field_error("academic_year", "academic_year_invalid")),
        }
    }
    for (name, value, slot) in [
        ("since", &request.since, &mut criteria.since),
        ("until", &request.until, &mut criteria.until),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            match Day::parse(v) {
                Ok(day) => *slot = Some(day.to_string()),
                Err(_) => errors.push(field_error(name, "date_invalid")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFields(errors));
    }
    if let Some(own) = signed_in.role.university() {
        criteria.university = Some(own.as_str().to_owned());
    }
    Ok(criteria)
}

/// `POST /api/back-office/search` (a POST: a CIN stays out of URLs and
/// logs).
#[utoipa::path(post, path = "/back-office/search", tag = "back-office", security(("agent_session" = [])),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "The newest 100 found, and how many in all", body = SearchResponse),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn search(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Json(request): Json<SearchRequest>,
) -> Result<axum::Json<SearchResponse>, Error> {
    let criteria = criteria(&request, &signed_in)?;
    let (found, total) = cases::search(
        &ctx.db.pool,
        &criteria,
        &Actor {
            actor: &signed_in.actor(),
            at: &operator_routes::now(&ctx)?,
        },
    )
    .await?;
    Ok(axum::Json(SearchResponse { found, total }))
}

/// `POST /api/back-office/export`: the search's declarations as CSV.
#[utoipa::path(post, path = "/back-office/export", tag = "back-office", security(("agent_session" = [])),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "Every declaration found, as the operators' CSV export", content_type = "text/csv", body = String),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn export(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Json(request): Json<SearchRequest>,
) -> Result<Response, Error> {
    let criteria = criteria(&request, &signed_in)?;
    let (selection, audit) = criteria.selection();
    let body = crate::http::export::body(crate::http::export::Export {
        pool: ctx.db.pool.clone(),
        selection,
        format: crate::http::export::Format::Csv,
        mark: false,
        actor: signed_in.actor(),
        at: operator_routes::now(&ctx)?,
        audit,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"amoe-declarations.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The reference of a case's address, if the agent may see it: an
/// unknown reference and one of another university are the same 404.
async fn visible(ctx: &ApiContext, typed: &str, signed_in: &SignedIn) -> Result<String, Error> {
    let reference = operator_routes::reference(typed).map_err(|_| Error::UnknownReference)?;
    match cases::university_of(&ctx.db.pool, &reference).await? {
        Some(university) if signed_in.sees(&university) => Ok(reference),
        _ => Err(Error::UnknownReference),
    }
}

/// A case as the agent reads it; `View::Read` is recorded in the audit
/// log, `View::After` (the answer to a decision or a correction, audited
/// themselves) is not.
async fn case(
    ctx: &ApiContext,
    reference: &str,
    signed_in: &SignedIn,
    view: View,
) -> Result<Case, Error> {
    let whose = crate::db::rights::Whose::Reference(reference.to_owned());
    let mut declarations = match view {
        View::Read => {
            crate::db::rights::show(
                &ctx.db.pool,
                &whose,
                &Actor {
                    actor: &signed_in.actor(),
                    at: &operator_routes::now(ctx)?,
                },
            )
            .await?
        }
        View::After => crate::db::rights::read(&ctx.db.pool, &whose).await?,
    };
    let declaration = declarations.pop().ok_or(Error::UnknownReference)?;
    let audit = cases::audit_of(&ctx.db.pool, reference).await?;
    Ok(Case { declaration, audit })
}

#[derive(Clone, Copy)]
enum View {
    Read,
    After,
}

/// `GET /api/back-office/cases/{reference}`: the declaration, its
/// timeline, mails and audit entries (the reading is audited too).
#[utoipa::path(get, path = "/back-office/cases/{reference}", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    responses(
        (status = 200, description = "The declaration, its timeline, mails and audit entries", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn show(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Path(typed): Path<String>,
) -> Result<Response, Error> {
    let reference = visible(&ctx, &typed, &signed_in).await?;
    Ok(no_store(
        axum::Json(case(&ctx, &reference, &signed_in, View::Read).await?).into_response(),
    ))
}

/// `POST /api/back-office/cases/{reference}/decision`: the fund's
/// decision, dated today, with the same rules and mails as an import.
/// A declaration decided otherwise meanwhile (by another agent, or a
/// file) is a 409 that says so, and no second mail goes.
#[utoipa::path(post, path = "/back-office/cases/{reference}/decision", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    request_body = DecideRequest,
    responses(
        (status = 200, description = "Recorded (or, with `X-AMOE-Unchanged`, recorded identically before): the case", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::messages::ErrorBody),
        (status = 409, description = "`invalid_fields` with `already_decided` or `changed_meanwhile` on `decision`: nothing changed, no mail", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn decide(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
    Json(request): Json<DecideRequest>,
) -> Result<Response, Error> {
    signed_in.deciding()?;
    let reference = visible(&ctx, &typed, &signed_in).await?;
    let today = Day::in_morocco(ctx.clock().now());
    let record = DecisionRecord {
        reference: reference.clone(),
        decision: request.decision,
        reason_code: request.reason_code,
        reason_text: request.reason_text,
        decision_date: today.to_string(),
    };
    let decision = record.parse().map_err(|columns| {
        Error::InvalidFields(
            columns
                .into_iter()
                .map(|(column, code)| field_error(column, code))
                .collect(),
        )
    })?;
    let report =
        operator_routes::record_decisions(&ctx, &signed_in.actor(), &[(1, decision)], false)
            .await
            .map_err(|e| match e {
                Error::InvalidFile(rows) => match rows.first().map(|r| r.code.as_str()) {
                    Some("unknown_reference") => Error::UnknownReference,
                    Some("changed_meanwhile") => Error::DecisionRefused("changed_meanwhile"),
                    _ => Error::DecisionRefused("already_decided"),
                },
                other => other,
            })?;
    let mut response =
        axum::Json(case(&ctx, &reference, &signed_in, View::After).await?).into_response();
    if report.unchanged > 0 {
        // The same decision was recorded before (another agent's, at the
        // same moment): nothing was changed, no mail was queued.
        response
            .headers_mut()
            .insert("x-amoe-unchanged", HeaderValue::from_static("1"));
    }
    Ok(no_store(response))
}

/// `POST /api/back-office/cases/{reference}/correction`: rectifies fields
/// (audited), each checked as the form checks it.
#[utoipa::path(post, path = "/back-office/cases/{reference}/correction", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    request_body = Changes,
    responses(
        (status = 200, description = "Corrected: the case", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::messages::ErrorBody),
        (status = 409, description = "`already_declared`: the same details are declared already; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn correct(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
    Json(changes): Json<Changes>,
) -> Result<Response, Error> {
    signed_in.deciding()?;
    let reference = visible(&ctx, &typed, &signed_in).await?;
    operator_routes::correct_as(
        &ctx,
        &signed_in.actor(),
        &CorrectRequest {
            reference: reference.clone(),
            changes,
        },
    )
    .await?;
    Ok(no_store(
        axum::Json(case(&ctx, &reference, &signed_in, View::After).await?).into_response(),
    ))
}

#[derive(serde::Deserialize)]
pub struct ImportOptions {
    #[serde(default)]
    dry_run: bool,
}

/// `POST /api/back-office/decisions[?dry_run=true]`: a decision file, as
/// `amoe-operator import` sends it.
#[utoipa::path(post, path = "/back-office/decisions", tag = "back-office", security(("agent_session" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Report without recording anything")),
    request_body(description = "A decision file, as `POST /api/operator/decisions` takes it",
        content((Vec<DecisionRecord> = "application/json"), (String = "text/csv"))),
    responses(
        (status = 200, description = "Every row applied (or, in a dry run, would be)", body = ImportReport),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_file`: nothing applied; `rows` names each wrong cell", body = amoe_domain::messages::operator::FileErrorBody),
    ))]
pub async fn import(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Query(options): Query<ImportOptions>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<axum::Json<ImportReport>, Error> {
    signed_in.deciding()?;
    operator_routes::import_as(&ctx, &signed_in.actor(), options.dry_run, &headers, &body)
        .await
        .map(axum::Json)
}
