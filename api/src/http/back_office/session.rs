//! Passkeys and sessions: enrolment from a one-time link, sign-in, the
//! session's cookie and CSRF token, and the extractors that every other
//! back-office route signs its agent in with.

use crate::db::agents::{self, Lifetime, NewSession};
use crate::error::Error;
use crate::fund::Actor;
use crate::http::ApiContext;
use crate::http::extract::{ClientIp, Json};
use amoe_domain::messages::back_office::{Agent, Challenge, EnrolStart, Finish, Role, Session};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid,
};

use webauthn_rs::{Webauthn, WebauthnBuilder};

/// The session cookie. `__Host-`: set by this origin only, for every path,
/// never over plain HTTP (browsers treat `localhost` as secure).
const COOKIE: &str = "__Host-amoe_agent";

/// The longest a session lasts, however busy.
const LONGEST_SESSION_SECS: i64 = 12 * 3600;

/// How long a session lasts on this service.
pub(super) fn lifetime(ctx: &ApiContext) -> Lifetime {
    Lifetime {
        idle: ctx.config.back_office.agent_idle.as_secs() as i64,
        longest: LONGEST_SESSION_SECS,
    }
}

/// How long a WebAuthn ceremony may take.
const CEREMONY_SECS: i64 = 300;

/// The relying party for `public_url`: its host is the passkeys' scope.
/// `None` (with a warning) when it cannot be one, such as an IP address.
pub fn relying_party(public_url: &str) -> Option<Webauthn> {
    let origin = Url::parse(public_url).ok()?;
    let host = origin.host_str()?.to_owned();
    let built =
        WebauthnBuilder::new(&host, &origin).and_then(|builder| builder.rp_name("AMOE").build());
    match built {
        Ok(webauthn) => Some(webauthn),
        Err(e) => {
            tracing::warn!(%public_url, error = %e, "AMOE_PUBLIC_URL cannot host passkeys: the back office is closed");
            None
        }
    }
}

/// A passkey ceremony may start: an address starts at most
/// `AMOE_PASSKEY_ADDRESS` (each keeps a challenge on the server).
async fn may_start(ctx: &ApiContext, client: std::net::IpAddr) -> Result<(), Error> {
    let bucket = crate::limits::Buckets(&ctx.config.secret).passkey_address(client);
    let verdict = crate::db::rate_limits::take(
        &ctx.db.pool,
        &bucket,
        ctx.config.limits.passkeys_per_address,
        ctx.clock().now_ms(),
    )
    .await?;
    match verdict {
        crate::db::rate_limits::Verdict::Refused { retry_after } => Err(Error::TooManyRequests {
            retry_after,
            limit: "passkey-address",
            field: None,
        }),
        _ => Ok(()),
    }
}

fn webauthn(ctx: &ApiContext) -> Result<&Webauthn, Error> {
    ctx.webauthn
        .as_deref()
        .ok_or(Error::NotAllowed("passkeys_unavailable"))
}

/// 32 random bytes, base64url: a secret a browser holds.
pub(super) fn secret() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| Error::Internal)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a secret.
pub(super) fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn cookie_value(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then_some(value)
        })
}

fn set_cookie(value: &str, max_age: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict"
    ))
    .expect("base64url is a valid header value")
}

/// A signed-in agent: the session cookie names a session still open.
pub struct SignedIn {
    pub agent: Agent,
    pub role: Role,
    csrf: String,
    id_hash: String,
}

impl SignedIn {
    /// The actor the fund's operations know.
    pub(super) fn actor(&self) -> Actor {
        Actor::Agent {
            label: agents::label(&self.agent),
            role: self.role.clone(),
        }
    }
}

impl FromRequestParts<ApiContext> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let value = cookie_value(&parts.headers).ok_or(Error::SignedOut)?;
        let id_hash = hash(value);
        let (agent, csrf) = agents::session(
            &ctx.db.pool,
            &id_hash,
            ctx.clock().now_secs(),
            lifetime(ctx),
        )
        .await?
        .ok_or(Error::SignedOut)?;
        let role = agents::role_of(&agent).ok_or(Error::Forbidden)?;
        Ok(SignedIn {
            agent,
            role,
            csrf,
            id_hash,
        })
    }
}

/// A signed-in agent's state-changing request: it carries the session's
/// CSRF token in `X-CSRF-Token`.
pub struct Acting(pub SignedIn);

impl FromRequestParts<ApiContext> for Acting {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let signed_in = SignedIn::from_request_parts(parts, ctx).await?;
        let presented = parts
            .headers
            .get("x-csrf-token")
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if bool::from(presented.ct_eq(signed_in.csrf.as_bytes())) {
            Ok(Acting(signed_in))
        } else {
            Err(Error::CsrfToken)
        }
    }
}

fn session_response(agent: Agent, session_secret: &str, csrf: String) -> Response {
    let mut response = axum::Json(Session { agent, csrf }).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(session_secret, LONGEST_SESSION_SECS),
    );
    response
}

pub(super) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Enrolment {
    token_hash: String,
    state: PasskeyRegistration,
}

/// `POST /api/back-office/enrol/start`: the options for the agent's
/// browser to make a passkey, for a working enrolment link.
#[utoipa::path(post, path = "/back-office/enrol/start", tag = "back-office",
    request_body = EnrolStart,
    responses(
        (status = 200, description = "The options for `navigator.credentials.create`", body = Challenge),
        (status = 401, description = "`unauthorized` with `invitation_invalid`: an unknown, used, expired or revoked link", body = amoe_domain::messages::ErrorBody),
        (status = 429, description = "`too_many_requests`: this address started too many passkey ceremonies", body = amoe_domain::messages::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn enrol_start(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    Json(request): Json<EnrolStart>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    may_start(&ctx, client).await?;
    let now = ctx.clock().now_secs();
    let token_hash = hash(request.token.trim());
    let agent = agents::invited(&ctx.db.pool, &token_hash, now)
        .await?
        .ok_or(Error::NotAllowed("invitation_invalid"))?;
    let user = Uuid::parse_str(&agent.id).map_err(|_| Error::Internal)?;
    let (options, state) = webauthn
        .start_passkey_registration(user, &agent.name, &agent.name, None)
        .map_err(|_| Error::Internal)?;
    let mut options = serde_json::to_value(&options).map_err(|_| Error::Internal)?;
    // A discoverable passkey: sign-in then needs no name, only the
    // passkey (the server's checks are the same either way).
    if let Some(selection) = options
        .pointer_mut("/publicKey/authenticatorSelection")
        .and_then(serde_json::Value::as_object_mut)
    {
        selection.insert("residentKey".into(), "required".into());
        selection.insert("requireResidentKey".into(), true.into());
    }
    let ceremony = secret()?;
    let state =
        serde_json::to_string(&Enrolment { token_hash, state }).map_err(|_| Error::Internal)?;
    agents::save_ceremony(
        &ctx.db.pool,
        &hash(&ceremony),
        "enrol",
        Some(&agent.id),
        &state,
        (now, now + CEREMONY_SECS),
    )
    .await?;
    Ok(no_store(
        axum::Json(Challenge {
            ceremony,
            options,
            name: Some(agent.name),
        })
        .into_response(),
    ))
}

fn credential<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| Error::InvalidJson {
        message: format!("credential: {e}"),
    })
}

/// `POST /api/back-office/enrol/finish`: the new passkey; the link is
/// used, and the agent signed in.
#[utoipa::path(post, path = "/back-office/enrol/finish", tag = "back-office",
    request_body = Finish,
    responses(
        (status = 200, description = "Enrolled and signed in (`Set-Cookie`)", body = Session),
        (status = 401, description = "`unauthorized`: `ceremony_expired`, `invitation_invalid` or `passkey_rejected`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn enrol_finish(
    State(ctx): State<ApiContext>,
    Json(request): Json<Finish>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    let now = ctx.clock().now_secs();
    let made: RegisterPublicKeyCredential = credential(request.credential)?;
    let (agent_id, state) =
        agents::take_ceremony(&ctx.db.pool, &hash(&request.ceremony), "enrol", now)
            .await?
            .ok_or(Error::NotAllowed("ceremony_expired"))?;
    let enrolment: Enrolment = serde_json::from_str(&state).map_err(|_| Error::Internal)?;
    let agent = match agent_id {
        Some(id) => agents::active(&ctx.db.pool, &id).await?,
        None => None,
    }
    .ok_or(Error::NotAllowed("invitation_invalid"))?;
    let passkey = webauthn
        .finish_passkey_registration(&made, &enrolment.state)
        .map_err(|e| {
            tracing::info!(error = %e, "a passkey was refused at enrolment");
            Error::NotAllowed("passkey_rejected")
        })?;
    let session_secret = secret()?;
    let csrf = secret()?;
    let credential_id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(passkey.cred_id());
    let kept = agents::enrol(
        &ctx.db.pool,
        &enrolment.token_hash,
        &agent,
        &credential_id,
        &serde_json::to_string(&passkey).map_err(|_| Error::Internal)?,
        &NewSession {
            id_hash: &hash(&session_secret),
            csrf: &csrf,
            now,
            lifetime: lifetime(&ctx),
        },
    )
    .await;
    match kept {
        Ok(true) => {}
        Ok(false) => return Err(Error::NotAllowed("invitation_invalid")),
        Err(e) if crate::db::declarations::is_unique_violation(&e) => {
            return Err(Error::NotAllowed("passkey_rejected"));
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!("an agent enrolled");
    Ok(no_store(session_response(agent, &session_secret, csrf)))
}

/// `POST /api/back-office/sign-in/start`: a challenge for any of the
/// agents' passkeys (the browser offers the ones it holds).
#[utoipa::path(post, path = "/back-office/sign-in/start", tag = "back-office",
    responses(
        (status = 200, description = "The options for `navigator.credentials.get`", body = Challenge),
        (status = 401, description = "`unauthorized` with `passkeys_unavailable`: the service's address cannot host passkeys", body = amoe_domain::messages::ErrorBody),
        (status = 429, description = "`too_many_requests`: this address started too many passkey ceremonies", body = amoe_domain::messages::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn sign_in_start(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    may_start(&ctx, client).await?;
    let now = ctx.clock().now_secs();
    let (options, state) = webauthn
        .start_discoverable_authentication()
        .map_err(|_| Error::Internal)?;
    let ceremony = secret()?;
    agents::save_ceremony(
        &ctx.db.pool,
        &hash(&ceremony),
        "sign_in",
        None,
        &serde_json::to_string(&state).map_err(|_| Error::Internal)?,
        (now, now + CEREMONY_SECS),
    )
    .await?;
    Ok(no_store(
        axum::Json(Challenge {
            ceremony,
            options: serde_json::to_value(&options).map_err(|_| Error::Internal)?,
            name: None,
        })
        .into_response(),
    ))
}

/// `POST /api/back-office/sign-in/finish`: the passkey's answer; a
/// session for its agent.
#[utoipa::path(post, path = "/back-office/sign-in/finish", tag = "back-office",
    request_body = Finish,
    responses(
        (status = 200, description = "Signed in (`Set-Cookie`)", body = Session),
        (status = 401, description = "`unauthorized`: `ceremony_expired` or `passkey_rejected`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn sign_in_finish(
    State(ctx): State<ApiContext>,
    Json(request): Json<Finish>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    let now = ctx.clock().now_secs();
    let answer: PublicKeyCredential = credential(request.credential)?;
    let (_, state) = agents::take_ceremony(&ctx.db.pool, &hash(&request.ceremony), "sign_in", now)
        .await?
        .ok_or(Error::NotAllowed("ceremony_expired"))?;
    let state: DiscoverableAuthentication =
        serde_json::from_str(&state).map_err(|_| Error::Internal)?;
    let refused = || Error::NotAllowed("passkey_rejected");
    let (user, _) = webauthn
        .identify_discoverable_authentication(&answer)
        .map_err(|_| refused())?;
    let agent = agents::active(&ctx.db.pool, &user.to_string())
        .await?
        .ok_or_else(refused)?;
    let mut passkeys: Vec<Passkey> = agents::passkeys(&ctx.db.pool, &agent.id)
        .await?
        .iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    let keys: Vec<DiscoverableKey> = passkeys.iter().map(DiscoverableKey::from).collect();
    let result = webauthn
        .finish_discoverable_authentication(&answer, state, &keys)
        .map_err(|e| {
            tracing::info!(error = %e, "a passkey was refused at sign-in");
            refused()
        })?;
    let passkey = passkeys
        .iter_mut()
        .find(|p| p.cred_id() == result.cred_id())
        .ok_or_else(refused)?;
    let changed = passkey.update_credential(&result).unwrap_or(false);
    let credential_id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(passkey.cred_id());
    let passkey_json = if changed {
        Some(serde_json::to_string(passkey).map_err(|_| Error::Internal)?)
    } else {
        None
    };
    let session_secret = secret()?;
    let csrf = secret()?;
    agents::sign_in(
        &ctx.db.pool,
        &agent,
        &credential_id,
        passkey_json.as_deref(),
        &NewSession {
            id_hash: &hash(&session_secret),
            csrf: &csrf,
            now,
            lifetime: lifetime(&ctx),
        },
    )
    .await?;
    Ok(no_store(session_response(agent, &session_secret, csrf)))
}

/// `GET /api/back-office/session`: who is signed in, and the CSRF token.
#[utoipa::path(get, path = "/back-office/session", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 200, description = "The signed-in agent and the session's CSRF token", body = Session),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: the agent's role is not one this version knows", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn session(signed_in: SignedIn) -> Response {
    no_store(
        axum::Json(Session {
            agent: signed_in.agent,
            csrf: signed_in.csrf,
        })
        .into_response(),
    )
}

/// `POST /api/back-office/sign-out`: ends the session.
#[utoipa::path(post, path = "/back-office/sign-out", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::messages::ErrorBody),
        (status = 403, description = "`forbidden`: no `X-CSRF-Token`", body = amoe_domain::messages::ErrorBody),
    ))]
pub async fn sign_out(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
) -> Result<Response, Error> {
    agents::sign_out(
        &ctx.db.pool,
        &signed_in.id_hash,
        &signed_in.agent,
        ctx.clock().now_secs(),
    )
    .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie("", 0));
    Ok(response)
}
