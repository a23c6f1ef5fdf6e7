//! Search, read, decide and correct: the cases an agent may see, a
//! university's kept to its own, and the fund's decision files. Each
//! route reads its request and calls the fund's operation as the agent.

use crate::error::Error;
use crate::fund::read::View;
use crate::fund::{self, export::Format};
use crate::http::ApiContext;
use crate::http::extract::{Json, Query};
use amoe_domain::declaration::DecisionRecord;
use amoe_domain::messages::back_office::{
    Case, DecideRequest, SearchRequest, SearchResponse, SetAsideOthers, SetAsideRequest,
};
use amoe_domain::messages::operator::{Changes, ImportReport};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::session::{Acting, SignedIn, no_store};

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
    fund::search::search(ctx.fund(), &signed_in.actor(), &request)
        .await
        .map(axum::Json)
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
    let actor = signed_in.actor();
    let criteria = fund::search::criteria(&request, &actor)?;
    let stream = fund::export::export(ctx.fund(), &actor, &criteria, Format::Csv, false)?;
    Ok((
        [
            (header::CONTENT_TYPE, Format::Csv.content_type()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"amoe-declarations.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(stream),
    )
        .into_response())
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
    let actor = signed_in.actor();
    let reference = fund::read::visible(ctx.fund(), &actor, &typed).await?;
    let case = fund::read::case(ctx.fund(), &actor, &reference, View::Read).await?;
    Ok(no_store(axum::Json(case).into_response()))
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
    let actor = signed_in.actor();
    let (reference, unchanged) = fund::decide::one(ctx.fund(), &actor, &typed, request).await?;
    let case: Case = fund::read::case(ctx.fund(), &actor, &reference, View::After).await?;
    let mut response = axum::Json(case).into_response();
    if unchanged {
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
    let actor = signed_in.actor();
    // The case's address: one the agent may not see is a 404 before any
    // field is judged.
    actor.may_decide()?;
    let reference = fund::read::visible(ctx.fund(), &actor, &typed).await?;
    let corrected = fund::correct::correct(ctx.fund(), &actor, &reference, &changes).await?;
    let reference = corrected.declaration.reference;
    let case = fund::read::case(ctx.fund(), &actor, &reference, View::After).await?;
    Ok(no_store(axum::Json(case).into_response()))
}

/// `POST /api/back-office/cases/{reference}/set-aside`: sets a declaration
/// aside (made up under someone's CIN, say) or puts it back (audited): set
/// aside, it counts towards nothing of its CIN.
#[utoipa::path(post, path = "/back-office/cases/{reference}/set-aside", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    request_body = SetAsideRequest,
    responses(
        (status = 200, description = "Set aside or put back (or, with `X-AMOE-Unchanged`, so already): the case", body = Case),
        (status = 409, description = "`invalid_fields` with `under_verification` on `decision`: with the operators, decided first; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_json`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn set_aside(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
    Json(request): Json<SetAsideRequest>,
) -> Result<Response, Error> {
    let actor = signed_in.actor();
    let (declaration, changed) =
        fund::set_aside::set_aside(ctx.fund(), &actor, &typed, request.set_aside).await?;
    let reference = declaration.declaration.reference;
    let case = fund::read::case(ctx.fund(), &actor, &reference, View::After).await?;
    let mut response = axum::Json(case).into_response();
    if !changed {
        response
            .headers_mut()
            .insert("x-amoe-unchanged", HeaderValue::from_static("1"));
    }
    Ok(no_store(response))
}

/// `POST /api/back-office/cases/{reference}/set-aside-others`: sets aside
/// every other unvouched declaration of the case's CIN and academic year
/// (the fund judged this one the student's), in one step, audited.
#[utoipa::path(post, path = "/back-office/cases/{reference}/set-aside-others", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`: the declaration kept")),
    responses(
        (status = 200, description = "The case kept, and how many were set aside (none when none was left); only those still received", body = SetAsideOthers),
        (status = 409, description = "`invalid_fields` with `set_aside` on `decision`: the case kept is set aside itself; nothing changed", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn set_aside_others(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
) -> Result<Response, Error> {
    let actor = signed_in.actor();
    let (declaration, count) =
        fund::set_aside::set_aside_others(ctx.fund(), &actor, &typed).await?;
    let reference = declaration.declaration.reference;
    let case = fund::read::case(ctx.fund(), &actor, &reference, View::After).await?;
    Ok(no_store(
        axum::Json(SetAsideOthers {
            case,
            set_aside: count,
        })
        .into_response(),
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
    let content_type = crate::http::operator::content_type(&headers);
    fund::decide::import(
        ctx.fund(),
        &signed_in.actor(),
        content_type,
        &body,
        options.dry_run,
    )
    .await
    .map(axum::Json)
}
