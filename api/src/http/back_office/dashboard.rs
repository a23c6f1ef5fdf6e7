//! The current academic year at a glance.

use crate::error::Error;
use crate::http::ApiContext;
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
    crate::fund::dashboard::dashboard(ctx.fund(), &signed_in.actor())
        .await
        .map(axum::Json)
}
