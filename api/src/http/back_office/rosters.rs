//! The universities' rosters in the back office: a university's staff give
//! their roster (a dry run first, which names the wrong rows) and say when
//! it is complete; the fund's agents see where each stands, and refuse in
//! one step the declarations a final roster does not hold.

use crate::error::Error;
use crate::fund;
use crate::http::ApiContext;
use crate::http::extract::{Json, Query};
use crate::http::rosters::UploadOptions;
use amoe_domain::messages::roster::{
    RefuseNotEnrolled, RefusedNotEnrolled, RosterFinal, RosterReport, RosterState,
};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;

use super::session::{Acting, SignedIn};

/// `PUT /api/back-office/rosters/{university}/{year}[?dry_run=true]`.
#[utoipa::path(put, path = "/back-office/rosters/{university}/{year}", tag = "back-office", security(("agent_session" = [])),
    params(
        ("university" = String, Path, description = "The agent's university"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
        ("dry_run" = Option<bool>, Query, description = "Read the file and say what it would change, keeping nothing"),
    ),
    request_body(description = "The roster, as `PUT /api/rosters/{university}/{year}` takes it", content((String = "text/csv"))),
    responses(
        (status = 200, description = "The roster replaced, no longer said complete, its declarations matched right after (or, in a dry run, what would change)", body = RosterReport),
        (status = 409, description = "`invalid_fields` with `roster_busy`: another upload of this roster is under way", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: not this university's staff, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 413, description = "`payload_too_large`: over 64 MiB", body = amoe_domain::messages::ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not `text/csv`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_file`: nothing changed; `rows` names each wrong cell", body = amoe_domain::messages::roster::RosterRefusal),
        (status = 429, description = "`too_many_requests`: the university's uploads for the day", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn roster_upload(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path((university, year)): Path<(String, String)>,
    Query(options): Query<UploadOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<RosterReport>, Error> {
    fund::roster::upload(
        ctx.fund(),
        &signed_in.actor(),
        (&university, &year),
        crate::http::operator::content_type(&headers),
        body,
        options.dry_run,
    )
    .await
    .map(axum::Json)
}

/// `GET /api/back-office/rosters/{university}/{year}`.
#[utoipa::path(get, path = "/back-office/rosters/{university}/{year}", tag = "back-office", security(("agent_session" = [])),
    params(
        ("university" = String, Path, description = "A university the agent sees"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
    ),
    responses(
        (status = 200, description = "Where the roster stands", body = RosterState),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: another university's", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found`: no university has this id", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `academic_year_not_open`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn roster_state(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Path((university, year)): Path<(String, String)>,
) -> Result<axum::Json<RosterState>, Error> {
    fund::roster::state(ctx.fund(), &signed_in.actor(), (&university, &year))
        .await
        .map(axum::Json)
}

/// `PUT /api/back-office/rosters/{university}/{year}/final`.
#[utoipa::path(put, path = "/back-office/rosters/{university}/{year}/final", tag = "back-office", security(("agent_session" = [])),
    params(
        ("university" = String, Path, description = "The agent's university"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
    ),
    request_body = RosterFinal,
    responses(
        (status = 200, description = "The roster now", body = RosterState),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: not this university's staff, or no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `no_roster`; or `invalid_json`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn roster_final(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path((university, year)): Path<(String, String)>,
    Json(request): Json<RosterFinal>,
) -> Result<axum::Json<RosterState>, Error> {
    fund::roster::mark_final(
        ctx.fund(),
        &signed_in.actor(),
        (&university, &year),
        request.complete,
    )
    .await
    .map(axum::Json)
}

/// `POST /api/back-office/rosters/{university}/{year}/refuse-not-enrolled`.
#[utoipa::path(post, path = "/back-office/rosters/{university}/{year}/refuse-not-enrolled", tag = "back-office", security(("agent_session" = [])),
    params(
        ("university" = String, Path, description = "The university whose final roster decides"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
    ),
    request_body = RefuseNotEnrolled,
    responses(
        (status = 200, description = "Refused as `not_enrolled`, one mail each: the declarations not on the final roster, not set aside, awaiting a decision and received before it was said complete, 5,000 at most a step (`remaining`: those left)", body = RefusedNotEnrolled),
        (status = 409, description = "`invalid_fields` on `roster`: `roster_matching` (its marks do not follow it yet) or `roster_changed` (not the count `expected`); nothing refused", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the fund's agents only, with `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `roster_not_final`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn refuse_not_enrolled(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path((university, year)): Path<(String, String)>,
    Json(request): Json<RefuseNotEnrolled>,
) -> Result<axum::Json<RefusedNotEnrolled>, Error> {
    fund::roster::refuse_not_enrolled(
        ctx.fund(),
        &signed_in.actor(),
        (&university, &year),
        request.expected,
    )
    .await
    .map(axum::Json)
}
