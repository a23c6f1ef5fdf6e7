//! `GET /api/config`: the date, the academic year and the rules the wizard
//! applies before sending, and what the personal-data notice names.

use super::ApiContext;
use amoe_domain::declaration::AcademicYear;
use amoe_domain::messages::PublicConfig;
use axum::Json;
use axum::extract::State;

/// `GET /api/config`: today in Morocco, the academic year, the age limit
/// and the data controller, for the wizard.
#[utoipa::path(get, path = "/config", tag = "service",
    responses((status = 200, description = "What the wizard needs from the server", body = PublicConfig)))]
pub async fn get(State(ctx): State<ApiContext>) -> Json<PublicConfig> {
    let today = ctx.clock().today();
    Json(PublicConfig {
        today,
        academic_year: AcademicYear::containing(today.date(), ctx.config.rules.year_start),
        age_limit: ctx.config.rules.age_limit,
        controller: ctx.config.privacy.controller.to_string(),
        cndp_authorisation: ctx.config.privacy.cndp_authorisation.to_string(),
    })
}
