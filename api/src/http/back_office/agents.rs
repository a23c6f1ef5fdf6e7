//! The operators' routes that invite, list and revoke the back office's
//! agents (`/api/operator/agents`).

use crate::db::agents;
use crate::db::audit::Stamp;
use crate::error::Error;
use crate::http::ApiContext;
use crate::http::extract::Json;
use crate::http::operator::Operator;
use amoe_domain::messages::back_office::{
    Agent, AgentList, INVITATION_HOURS, Invitation, InviteRequest, RevokeRequest, Revoked, Role,
    agent_name,
};
use axum::extract::State;

use super::field_error;
use super::session::{hash, lifetime, secret};

/// `POST /api/operator/agents`: invites an agent; the answer holds the
/// one-time enrolment link, shown once.
#[utoipa::path(post, path = "/operator/agents", tag = "operator", security(("operator_token" = [])),
    request_body = InviteRequest,
    responses(
        (status = 200, description = "The agent and its one-time enrolment link (24 h)", body = Invitation),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn invite(
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<InviteRequest>,
) -> Result<axum::Json<Invitation>, Error> {
    let mut errors = Vec::new();
    let name = agent_name(&request.name)
        .map_err(|code| errors.push(field_error("name", code)))
        .ok();
    let role = Role::parse(&request.role)
        .map_err(|e| errors.push(field_error("role", e.code())))
        .ok();
    let (Some(name), Some(role)) = (name, role) else {
        return Err(Error::InvalidFields(errors));
    };
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| Error::Internal)?;
    let (role_name, university) = role.parts();
    let agent = Agent {
        id: uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string(),
        name,
        role: role_name.to_owned(),
        university: university.map(str::to_owned),
    };
    let token = secret()?;
    let now = ctx.clock().now_secs();
    let expires_at = now + INVITATION_HOURS * 3600;
    agents::invite(
        &ctx.db.pool,
        &agent,
        &hash(&token),
        now,
        expires_at,
        &Stamp {
            actor: caller.0.label(),
            at: &ctx.fund().now()?,
        },
    )
    .await?;
    // The secret rides in the fragment: browsers never send it to a
    // server, so it stays out of every log.
    let link = format!(
        "{}/back-office/enrol#{token}",
        ctx.config.server.public_url.trim_end_matches('/')
    );
    Ok(axum::Json(Invitation {
        agent,
        link,
        expires_at,
    }))
}

/// `GET /api/operator/agents`.
#[utoipa::path(get, path = "/operator/agents", tag = "operator", security(("operator_token" = [])),
    responses(
        (status = 200, description = "Every agent, the newest first", body = AgentList),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn list(
    _: Operator,
    State(ctx): State<ApiContext>,
) -> Result<axum::Json<AgentList>, Error> {
    Ok(axum::Json(AgentList {
        agents: agents::list(&ctx.db.pool, ctx.clock().now_secs(), lifetime(&ctx)).await?,
    }))
}

/// `POST /api/operator/agents/revoke`: the agent's sessions end now.
#[utoipa::path(post, path = "/operator/agents/revoke", tag = "operator", security(("operator_token" = [])),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "Revoked: its sessions ended now", body = Revoked),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields` with `agent_unknown`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn revoke(
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<RevokeRequest>,
) -> Result<axum::Json<Revoked>, Error> {
    crate::fund::journal(
        ctx.fund(),
        &crate::journal::Entry::revoked(request.agent.trim()),
    )?;
    let revoked = agents::revoke(
        &ctx.db.pool,
        request.agent.trim(),
        ctx.clock().now_secs(),
        &Stamp {
            actor: caller.0.label(),
            at: &ctx.fund().now()?,
        },
    )
    .await?
    .ok_or(Error::InvalidFields(vec![field_error(
        "agent",
        "agent_unknown",
    )]))?;
    tracing::info!(sessions = revoked.1, "an agent was revoked");
    Ok(axum::Json(Revoked {
        agent: revoked.0,
        sessions_ended: revoked.1,
    }))
}
