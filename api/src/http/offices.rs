//! `GET /api/offices[?university=ID]`: the ONOUSC reception offices.

use super::ApiContext;
use super::extract::Query;
use crate::db::leaflet;
use crate::error::Error;
use amoe_domain::messages::OfficesResponse;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    university: Option<String>,
}

#[utoipa::path(get, path = "/offices", tag = "reference",
    params(("university" = Option<String>, Query, description = "Only the offices this university serves (e.g. `um5`)")),
    responses(
        (status = 200, description = "The ONOUSC reception offices", body = OfficesResponse),
        (status = 404, description = "`unknown_university`: no university has this id", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn list(
    State(ctx): State<ApiContext>,
    Query(filter): Query<Filter>,
) -> Result<Json<OfficesResponse>, Error> {
    let university = filter.university.as_deref().filter(|id| !id.is_empty());
    // An id of the wrong shape is no university's, and never reaches the
    // database (PostgreSQL refuses a NUL in text).
    let known = match university {
        None => true,
        Some(id) => {
            amoe_domain::declaration::UniversityId::parse(id).is_ok()
                && leaflet::university_exists(&ctx.db.pool, id).await?
        }
    };
    if !known {
        return Err(Error::UnknownUniversity {
            field: "university",
        });
    }
    let offices = leaflet::offices(&ctx.db.pool, university).await?;
    Ok(Json(OfficesResponse { offices }))
}
