//! `POST /api/portal-identity`: reads a university portal's identity token
//! for the wizard, which fills in and locks what it vouches for. The token
//! is checked here (signature, issuer, audience, expiry, claims, not used
//! yet) but used only by the declaration it is sent with.

use super::ApiContext;
use super::extract::Json;
use crate::error::Error;
use crate::portal::Vouched;
use amoe_domain::messages::{PortalIdentity, PortalTokenRequest};
use axum::extract::State;

/// `POST /api/portal-identity`: what a portal's token vouches for.
#[utoipa::path(post, path = "/portal-identity", tag = "student",
    request_body = PortalTokenRequest,
    responses(
        (status = 200, description = "The identity the token vouches for (reading a token does not use it)", body = PortalIdentity),
        (status = 401, description = "`invalid_portal_token`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn identity(
    State(ctx): State<ApiContext>,
    Json(request): Json<PortalTokenRequest>,
) -> Result<axum::Json<PortalIdentity>, Error> {
    let vouched = verify(&ctx, &request.token)?;
    if crate::db::portal_tokens::token_used(&ctx.db.pool, &vouched.token_id).await? {
        tracing::info!("portal token refused: already used");
        return Err(Error::InvalidPortalToken);
    }
    Ok(axum::Json(vouched.identity))
}

/// Checks a token against the configured portals and this service's
/// public address, at the API's time.
pub fn verify(ctx: &ApiContext, token: &str) -> Result<Vouched, Error> {
    ctx.config
        .portals
        .keys
        .verify(
            token.trim(),
            &ctx.config.server.public_url,
            ctx.clock().now_secs(),
        )
        .map_err(|reason| {
            tracing::info!(%reason, "portal token refused");
            Error::InvalidPortalToken
        })
}
