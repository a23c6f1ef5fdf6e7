//! `GET /api/config`: the date, the academic year and the rules the wizard
//! applies before sending, and what the personal-data notice names.

use super::ApiContext;
use amoe_domain::api::PublicConfig;
use amoe_domain::declaration::AcademicYear;
use axum::Json;
use axum::extract::State;

pub async fn get(State(ctx): State<ApiContext>) -> Json<PublicConfig> {
    let today = time::OffsetDateTime::now_utc()
        .to_offset(super::declarations::MOROCCO)
        .date();
    Json(PublicConfig {
        today: format!(
            "{:04}-{:02}-{:02}",
            today.year(),
            today.month() as u8,
            today.day()
        ),
        academic_year: AcademicYear::containing(today, ctx.rules.year_start),
        age_limit: ctx.rules.age_limit,
        controller: ctx.controller.to_string(),
        cndp_authorisation: ctx.cndp_authorisation.to_string(),
    })
}
