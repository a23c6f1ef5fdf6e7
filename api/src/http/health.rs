//! `GET /api/health`: the server is up and its database answers.

use super::ApiContext;
use crate::error::Error;
use amoe_domain::messages::Health;
use axum::Json;
use axum::extract::State;

/// `GET /api/health`: the server and its database answer.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, description = "The server and its database answer", body = Health)))]
pub async fn get(State(ctx): State<ApiContext>) -> Result<Json<Health>, Error> {
    ctx.db.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: ctx.db.backend.as_str().into(),
    }))
}
