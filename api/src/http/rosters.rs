//! `/api/rosters/{university}/{year}…`: a university's registrar gives its
//! roster of enrolled students for an academic year, with
//! `Authorization: Bearer <token>`: a registrar's token, which
//! `AMOE_REGISTRAR_TOKEN_SHA256` scopes to one university, or an
//! operator's. Without a right token the answer is a bare 401; a
//! registrar's token for another university, a 403.

use super::ApiContext;
use super::extract::{Json, Query};
use super::operator::{content_type, matches_any, named, presented};
use crate::error::Error;
use crate::fund::{self, Actor};
use amoe_domain::messages::roster::{RosterFinal, RosterReport, RosterState};
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;

/// Proof that the request carries a registrar's token (`Actor::Registrar`,
/// its university's) or an operator's (`Actor::Operator`).
pub struct Giver(pub Actor);

impl FromRequestParts<ApiContext> for Giver {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let presented = presented(parts)?;
        let back_office = &ctx.config.back_office;
        if matches_any(&back_office.operator_tokens, &presented) {
            return Ok(Giver(Actor::Operator {
                token: named(&presented),
            }));
        }
        // Each university's hashes compared in full, whichever matches.
        let mut university = None;
        for (own, hash) in &back_office.registrar_tokens {
            if matches_any([hash], &presented) {
                university = Some(own.clone());
            }
        }
        match university {
            Some(university) => Ok(Giver(Actor::Registrar {
                token: format!("registrar:{}:{}", university.as_str(), named(&presented)),
                university,
            })),
            None => Err(Error::Unauthorized),
        }
    }
}

#[derive(serde::Deserialize)]
pub struct UploadOptions {
    #[serde(default)]
    pub dry_run: bool,
}

/// `PUT /api/rosters/{university}/{year}[?dry_run=true]`: the roster, a
/// CSV file as the registrar exports it.
#[utoipa::path(put, path = "/rosters/{university}/{year}", tag = "rosters", security(("registrar_token" = []), ("operator_token" = [])),
    params(
        ("university" = String, Path, description = "The university's id (`um5`)"),
        ("year" = String, Path, description = "`YYYY-YYYY`: the year before the current one, the current one or the next"),
        ("dry_run" = Option<bool>, Query, description = "Read the file and say what it would change, keeping nothing"),
    ),
    request_body(description = "A CSV file (UTF-8, with or without a BOM; `,` `;` or tab) with a header row naming, in any order, the CIN (`CIN`, `CNIE`, `رقم البطاقة الوطنية`), the Massar code (`Code Massar`, `CNE`, `رمز مسار`) and the birth date (`Date de naissance`, `تاريخ الازدياد`: `YYYY-MM-DD` or `DD/MM/YYYY`); other columns are not read",
        content((String = "text/csv"))),
    responses(
        (status = 200, description = "The roster replaced, no longer said complete, its declarations matched right after (or, in a dry run, what would change)", body = RosterReport),
        (status = 409, description = "`invalid_fields` with `roster_busy`: another upload of this roster is under way", body = amoe_domain::messages::ErrorBody),
        (status = 401, description = "`unauthorized`: no registrar's or operator's token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: another university's registrar", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found`: no university has this id", body = amoe_domain::messages::ErrorBody),
        (status = 413, description = "`payload_too_large`: over 64 MiB", body = amoe_domain::messages::ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not `text/csv`", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_file`: nothing changed; `rows` names each wrong cell (1,000 at most); or `invalid_fields` with `academic_year_not_open`", body = amoe_domain::messages::roster::RosterRefusal),
        (status = 429, description = "`too_many_requests`: the university's uploads for the day", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn upload(
    Giver(actor): Giver,
    State(ctx): State<ApiContext>,
    Path((university, year)): Path<(String, String)>,
    Query(options): Query<UploadOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<RosterReport>, Error> {
    fund::roster::upload(
        ctx.fund(),
        &actor,
        (&university, &year),
        content_type(&headers),
        body,
        options.dry_run,
    )
    .await
    .map(axum::Json)
}

/// `GET /api/rosters/{university}/{year}`: where the roster stands.
#[utoipa::path(get, path = "/rosters/{university}/{year}", tag = "rosters", security(("registrar_token" = []), ("operator_token" = [])),
    params(
        ("university" = String, Path, description = "The university's id"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
    ),
    responses(
        (status = 200, description = "The roster's size and dates, and the year's declarations on it and off it", body = RosterState),
        (status = 401, description = "`unauthorized`", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: another university's registrar", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found`: no university has this id", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `academic_year_not_open`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn state(
    Giver(actor): Giver,
    State(ctx): State<ApiContext>,
    Path((university, year)): Path<(String, String)>,
) -> Result<axum::Json<RosterState>, Error> {
    fund::roster::state(ctx.fund(), &actor, (&university, &year))
        .await
        .map(axum::Json)
}

/// `PUT /api/rosters/{university}/{year}/final`: the roster is complete
/// (`{"final": true}`), or not any more.
#[utoipa::path(put, path = "/rosters/{university}/{year}/final", tag = "rosters", security(("registrar_token" = []), ("operator_token" = [])),
    params(
        ("university" = String, Path, description = "The university's id"),
        ("year" = String, Path, description = "`YYYY-YYYY`"),
    ),
    request_body = RosterFinal,
    responses(
        (status = 200, description = "The roster now", body = RosterState),
        (status = 401, description = "`unauthorized`", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: another university's registrar", body = amoe_domain::messages::ErrorBody),
        (status = 404, description = "`not_found`: no university has this id", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `no_roster` (none given yet) or `academic_year_not_open`; or `invalid_json`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn mark_final(
    Giver(actor): Giver,
    State(ctx): State<ApiContext>,
    Path((university, year)): Path<(String, String)>,
    Json(request): Json<RosterFinal>,
) -> Result<axum::Json<RosterState>, Error> {
    fund::roster::mark_final(ctx.fund(), &actor, (&university, &year), request.complete)
        .await
        .map(axum::Json)
}
