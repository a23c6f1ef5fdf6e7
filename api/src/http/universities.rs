//! `GET /api/universities`: the 12 public universities.

use super::ApiContext;
use crate::db::leaflet;
use crate::error::Error;
use amoe_domain::messages::UniversitiesResponse;
use axum::Json;
use axum::extract::State;

/// `GET /api/universities`: the 12 public universities.
#[utoipa::path(get, path = "/universities", tag = "reference",
    responses((status = 200, description = "The universities, in the leaflet's order", body = UniversitiesResponse)))]
pub async fn list(State(ctx): State<ApiContext>) -> Result<Json<UniversitiesResponse>, Error> {
    let universities = leaflet::universities(&ctx.db.pool).await?;
    Ok(Json(UniversitiesResponse { universities }))
}
