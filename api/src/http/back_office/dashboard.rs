//! The current academic year at a glance.

use crate::db::cases;
use crate::error::Error;
use crate::http::ApiContext;
use amoe_domain::Day;
use amoe_domain::declaration::AcademicYear;
use amoe_domain::messages::back_office::Dashboard;
use axum::extract::State;

use super::session::SignedIn;

/// `GET /api/back-office/dashboard`: the current academic year.
#[utoipa::path(get, path = "/back-office/dashboard", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 200, description = "The current academic year's counts", body = Dashboard),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn dashboard(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
) -> Result<axum::Json<Dashboard>, Error> {
    let today = Day::in_morocco(ctx.clock().now());
    let year = AcademicYear::containing(today.date(), ctx.config.rules.year_start).to_string();
    let university = signed_in.role.university().map(|u| u.as_str());
    let [per_day, by_status, by_university, refusals] =
        cases::dashboard(&ctx.db.pool, &year, university).await?;
    let outbox = if signed_in.role.may_decide() {
        Some(cases::outbox(&ctx.db.pool, ctx.clock().now_secs()).await?)
    } else {
        None
    };
    Ok(axum::Json(Dashboard {
        academic_year: year,
        per_day,
        by_status,
        by_university,
        refusals,
        outbox,
    }))
}
