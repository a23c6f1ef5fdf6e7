//! `/api/back-office/…`: the fund's agents and the universities' staff,
//! signed in with passkeys (WebAuthn, webauthn-rs). An operator invites an
//! agent (`/api/operator/agents`), which prints a one-time enrolment link;
//! the agent's browser makes a passkey there and is signed in. Sessions
//! live on the server, named by an `HttpOnly; Secure; SameSite=Strict`
//! cookie; they end after `AMOE_AGENT_IDLE_SECS` unused, after 12 hours
//! in all, at sign-out, or when the agent is revoked. Every
//! state-changing request carries the session's token in `X-CSRF-Token`.
//! Roles are enforced here, on every route: a university's staff read
//! their own university's declarations and counts, nothing else.

use super::ApiContext;
use super::extract::{ClientIp, Json, Query};
use super::operator::{self as operator_routes, Operator};
use crate::db::agents::{self, Lifetime, NewSession};
use crate::db::cases::{self, Criteria};
use crate::db::operator::Actor;
use crate::error::Error;
use amoe_domain::Day;
use amoe_domain::api::FieldError;
use amoe_domain::back_office::{
    Agent, AgentList, Case, Challenge, Dashboard, DecideRequest, EnrolStart, Finish,
    INVITATION_HOURS, Invitation, InviteRequest, RevokeRequest, Revoked, Role, SearchRequest,
    SearchResponse, Session, agent_name,
};
use amoe_domain::declaration::{AcademicYear, DecisionRecord, Reference};
use amoe_domain::operator::{Changes, CorrectRequest, ImportReport};
use amoe_domain::student::Cin;
use axum::extract::{FromRequestParts, Path, State};
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
fn lifetime(ctx: &ApiContext) -> Lifetime {
    Lifetime {
        idle: ctx.agent_idle_secs,
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
    let bucket = crate::limits::Buckets(&ctx.secret).passkey_address(client);
    let verdict = crate::db::rate_limits::take(
        &ctx.db.pool,
        &bucket,
        ctx.limits.passkeys_per_address,
        ctx.clock.now_ms(),
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
fn secret() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| Error::Internal)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a secret.
fn hash(secret: &str) -> String {
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
    /// Who the audit log names.
    fn actor(&self) -> String {
        agents::label(&self.agent)
    }

    /// Fund agents only.
    fn deciding(&self) -> Result<(), Error> {
        if self.role.may_decide() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// Whether the agent may see a declaration of `university`.
    fn sees(&self, university: &str) -> bool {
        self.role
            .university()
            .is_none_or(|own| own.as_str() == university)
    }
}

impl FromRequestParts<ApiContext> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let value = cookie_value(&parts.headers).ok_or(Error::SignedOut)?;
        let id_hash = hash(value);
        let (agent, csrf) =
            agents::session(&ctx.db.pool, &id_hash, ctx.clock.now_secs(), lifetime(ctx))
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

fn no_store(mut response: Response) -> Response {
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
#[utoipa::path(post, path = "/api/back-office/enrol/start", tag = "back-office",
    request_body = EnrolStart,
    responses(
        (status = 200, description = "The options for `navigator.credentials.create`", body = Challenge),
        (status = 401, description = "`unauthorized` with `invitation_invalid`: an unknown, used, expired or revoked link", body = amoe_domain::api::ErrorBody),
        (status = 429, description = "`too_many_requests`: this address started too many passkey ceremonies", body = amoe_domain::api::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn enrol_start(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    Json(request): Json<EnrolStart>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    may_start(&ctx, client).await?;
    let now = ctx.clock.now_secs();
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
#[utoipa::path(post, path = "/api/back-office/enrol/finish", tag = "back-office",
    request_body = Finish,
    responses(
        (status = 200, description = "Enrolled and signed in (`Set-Cookie`)", body = Session),
        (status = 401, description = "`unauthorized`: `ceremony_expired`, `invitation_invalid` or `passkey_rejected`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn enrol_finish(
    State(ctx): State<ApiContext>,
    Json(request): Json<Finish>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    let now = ctx.clock.now_secs();
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
#[utoipa::path(post, path = "/api/back-office/sign-in/start", tag = "back-office",
    responses(
        (status = 200, description = "The options for `navigator.credentials.get`", body = Challenge),
        (status = 401, description = "`unauthorized` with `passkeys_unavailable`: the service's address cannot host passkeys", body = amoe_domain::api::ErrorBody),
        (status = 429, description = "`too_many_requests`: this address started too many passkey ceremonies", body = amoe_domain::api::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn sign_in_start(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    may_start(&ctx, client).await?;
    let now = ctx.clock.now_secs();
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
#[utoipa::path(post, path = "/api/back-office/sign-in/finish", tag = "back-office",
    request_body = Finish,
    responses(
        (status = 200, description = "Signed in (`Set-Cookie`)", body = Session),
        (status = 401, description = "`unauthorized`: `ceremony_expired` or `passkey_rejected`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn sign_in_finish(
    State(ctx): State<ApiContext>,
    Json(request): Json<Finish>,
) -> Result<Response, Error> {
    let webauthn = webauthn(&ctx)?;
    let now = ctx.clock.now_secs();
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
#[utoipa::path(get, path = "/api/back-office/session", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 200, description = "The signed-in agent and the session's CSRF token", body = Session),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`: the agent's role is not one this version knows", body = amoe_domain::api::ErrorBody),
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
#[utoipa::path(post, path = "/api/back-office/sign-out", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`: no `X-CSRF-Token`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn sign_out(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
) -> Result<Response, Error> {
    agents::sign_out(
        &ctx.db.pool,
        &signed_in.id_hash,
        &signed_in.agent,
        ctx.clock.now_secs(),
    )
    .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie("", 0));
    Ok(response)
}

fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

/// A search as typed, checked; a university agent's is kept to its own
/// university.
fn criteria(request: &SearchRequest, signed_in: &SignedIn) -> Result<Criteria, Error> {
    let mut errors = Vec::new();
    let mut criteria = Criteria {
        status: request.status,
        identity_conflict: request.identity_conflict,
        vouched: request.vouched,
        ..Criteria::default()
    };
    let typed = request.query.trim();
    if typed.chars().count() > 200 {
        errors.push(field_error("query", "query_too_long"));
    } else if let Ok(reference) = Reference::parse(typed) {
        criteria.reference = Some(reference.to_string());
    } else if let Ok(cin) = Cin::parse(typed) {
        criteria.cin = Some(cin.as_str().to_owned());
    } else {
        criteria.words = amoe_domain::search::fold(typed)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect();
    }
    if let Some(id) = request.university.as_deref().filter(|v| !v.is_empty()) {
        match amoe_domain::declaration::UniversityId::parse(id) {
            Ok(id) => criteria.university = Some(id.as_str().to_owned()),
            Err(e) => errors.push(field_error("university", e.code())),
        }
    }
    if let Some(year) = request.academic_year.as_deref().filter(|v| !v.is_empty()) {
        match AcademicYear::parse(year) {
            Ok(year) => criteria.academic_year = Some(year.to_string()),
            Err(_) => errors.push(field_error("academic_year", "academic_year_invalid")),
        }
    }
    for (name, value, slot) in [
        ("since", &request.since, &mut criteria.since),
        ("until", &request.until, &mut criteria.until),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            match Day::parse(v) {
                Ok(day) => *slot = Some(day.to_string()),
                Err(_) => errors.push(field_error(name, "date_invalid")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFields(errors));
    }
    if let Some(own) = signed_in.role.university() {
        criteria.university = Some(own.as_str().to_owned());
    }
    Ok(criteria)
}

/// `POST /api/back-office/search` (a POST: a CIN stays out of URLs and
/// logs).
#[utoipa::path(post, path = "/api/back-office/search", tag = "back-office", security(("agent_session" = [])),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "The newest 100 found, and how many in all", body = SearchResponse),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn search(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Json(request): Json<SearchRequest>,
) -> Result<axum::Json<SearchResponse>, Error> {
    let criteria = criteria(&request, &signed_in)?;
    let (found, total) = cases::search(
        &ctx.db.pool,
        &criteria,
        &Actor {
            actor: &signed_in.actor(),
            at: &operator_routes::now(&ctx)?,
        },
    )
    .await?;
    Ok(axum::Json(SearchResponse { found, total }))
}

/// `POST /api/back-office/export`: the search's declarations as CSV.
#[utoipa::path(post, path = "/api/back-office/export", tag = "back-office", security(("agent_session" = [])),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "Every declaration found, as the operators' CSV export", content_type = "text/csv", body = String),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn export(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Json(request): Json<SearchRequest>,
) -> Result<Response, Error> {
    let criteria = criteria(&request, &signed_in)?;
    let (selection, audit) = criteria.selection();
    let body = super::export::body(super::export::Export {
        pool: ctx.db.pool.clone(),
        selection,
        format: super::export::Format::Csv,
        mark: false,
        actor: signed_in.actor(),
        at: operator_routes::now(&ctx)?,
        audit,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"amoe-declarations.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The reference of a case's address, if the agent may see it: an
/// unknown reference and one of another university are the same 404.
async fn visible(ctx: &ApiContext, typed: &str, signed_in: &SignedIn) -> Result<String, Error> {
    let reference = operator_routes::reference(typed).map_err(|_| Error::UnknownReference)?;
    match cases::university_of(&ctx.db.pool, &reference).await? {
        Some(university) if signed_in.sees(&university) => Ok(reference),
        _ => Err(Error::UnknownReference),
    }
}

/// A case as the agent reads it; `View::Read` is recorded in the audit
/// log, `View::After` (the answer to a decision or a correction, audited
/// themselves) is not.
async fn case(
    ctx: &ApiContext,
    reference: &str,
    signed_in: &SignedIn,
    view: View,
) -> Result<Case, Error> {
    let whose = crate::db::rights::Whose::Reference(reference.to_owned());
    let mut declarations = match view {
        View::Read => {
            crate::db::rights::show(
                &ctx.db.pool,
                &whose,
                &Actor {
                    actor: &signed_in.actor(),
                    at: &operator_routes::now(ctx)?,
                },
            )
            .await?
        }
        View::After => crate::db::rights::read(&ctx.db.pool, &whose).await?,
    };
    let declaration = declarations.pop().ok_or(Error::UnknownReference)?;
    let audit = cases::audit_of(&ctx.db.pool, reference).await?;
    Ok(Case { declaration, audit })
}

#[derive(Clone, Copy)]
enum View {
    Read,
    After,
}

/// `GET /api/back-office/cases/{reference}`: the declaration, its
/// timeline, mails and audit entries (the reading is audited too).
#[utoipa::path(get, path = "/api/back-office/cases/{reference}", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    responses(
        (status = 200, description = "The declaration, its timeline, mails and audit entries", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::api::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn show(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
    Path(typed): Path<String>,
) -> Result<Response, Error> {
    let reference = visible(&ctx, &typed, &signed_in).await?;
    Ok(no_store(
        axum::Json(case(&ctx, &reference, &signed_in, View::Read).await?).into_response(),
    ))
}

/// `POST /api/back-office/cases/{reference}/decision`: the fund's
/// decision, dated today, with the same rules and mails as an import.
/// A declaration decided otherwise meanwhile (by another agent, or a
/// file) is a 409 that says so, and no second mail goes.
#[utoipa::path(post, path = "/api/back-office/cases/{reference}/decision", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    request_body = DecideRequest,
    responses(
        (status = 200, description = "Recorded (or, with `X-AMOE-Unchanged`, recorded identically before): the case", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::api::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::api::ErrorBody),
        (status = 409, description = "`invalid_fields` with `already_decided` or `changed_meanwhile` on `decision`: nothing changed, no mail", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn decide(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
    Json(request): Json<DecideRequest>,
) -> Result<Response, Error> {
    signed_in.deciding()?;
    let reference = visible(&ctx, &typed, &signed_in).await?;
    let today = Day::in_morocco(ctx.clock.now());
    let record = DecisionRecord {
        reference: reference.clone(),
        decision: request.decision,
        reason_code: request.reason_code,
        reason_text: request.reason_text,
        decision_date: today.to_string(),
    };
    let decision = record.parse().map_err(|columns| {
        Error::InvalidFields(
            columns
                .into_iter()
                .map(|(column, code)| field_error(column, code))
                .collect(),
        )
    })?;
    let report =
        operator_routes::record_decisions(&ctx, &signed_in.actor(), &[(1, decision)], false)
            .await
            .map_err(|e| match e {
                Error::InvalidFile(rows) => match rows.first().map(|r| r.code.as_str()) {
                    Some("unknown_reference") => Error::UnknownReference,
                    Some("changed_meanwhile") => Error::DecisionRefused("changed_meanwhile"),
                    _ => Error::DecisionRefused("already_decided"),
                },
                other => other,
            })?;
    let mut response =
        axum::Json(case(&ctx, &reference, &signed_in, View::After).await?).into_response();
    if report.unchanged > 0 {
        // The same decision was recorded before (another agent's, at the
        // same moment): nothing was changed, no mail was queued.
        response
            .headers_mut()
            .insert("x-amoe-unchanged", HeaderValue::from_static("1"));
    }
    Ok(no_store(response))
}

/// `POST /api/back-office/cases/{reference}/correction`: rectifies fields
/// (audited), each checked as the form checks it.
#[utoipa::path(post, path = "/api/back-office/cases/{reference}/correction", tag = "back-office", security(("agent_session" = [])),
    params(("reference" = String, Path, description = "`AMOE-XXXX-XXX`")),
    request_body = Changes,
    responses(
        (status = 200, description = "Corrected: the case", body = Case),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::api::ErrorBody),
        (status = 404, description = "`not_found` with `unknown_reference`: no such declaration, or another university's", body = amoe_domain::api::ErrorBody),
        (status = 409, description = "`already_declared`: the same details are declared already; nothing changed", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn correct(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Path(typed): Path<String>,
    Json(changes): Json<Changes>,
) -> Result<Response, Error> {
    signed_in.deciding()?;
    let reference = visible(&ctx, &typed, &signed_in).await?;
    operator_routes::correct_as(
        &ctx,
        &signed_in.actor(),
        &CorrectRequest {
            reference: reference.clone(),
            changes,
        },
    )
    .await?;
    Ok(no_store(
        axum::Json(case(&ctx, &reference, &signed_in, View::After).await?).into_response(),
    ))
}

#[derive(serde::Deserialize)]
pub struct ImportOptions {
    #[serde(default)]
    dry_run: bool,
}

/// `POST /api/back-office/decisions[?dry_run=true]`: a decision file, as
/// `amoe-operator import` sends it.
#[utoipa::path(post, path = "/api/back-office/decisions", tag = "back-office", security(("agent_session" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Report without recording anything")),
    request_body(description = "A decision file, as `POST /api/operator/decisions` takes it",
        content((Vec<DecisionRecord> = "application/json"), (String = "text/csv"))),
    responses(
        (status = 200, description = "Every row applied (or, in a dry run, would be)", body = ImportReport),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`: the role does not allow it, or no `X-CSRF-Token`", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_file`: nothing applied; `rows` names each wrong cell", body = amoe_domain::operator::FileErrorBody),
    ))]
pub async fn import(
    State(ctx): State<ApiContext>,
    Acting(signed_in): Acting,
    Query(options): Query<ImportOptions>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<axum::Json<ImportReport>, Error> {
    signed_in.deciding()?;
    operator_routes::import_as(&ctx, &signed_in.actor(), options.dry_run, &headers, &body)
        .await
        .map(axum::Json)
}

/// `GET /api/back-office/dashboard`: the current academic year.
#[utoipa::path(get, path = "/api/back-office/dashboard", tag = "back-office", security(("agent_session" = [])),
    responses(
        (status = 200, description = "The current academic year's counts", body = Dashboard),
        (status = 401, description = "`unauthorized`: not signed in, or the session has ended", body = amoe_domain::api::ErrorBody),
        (status = 403, description = "`forbidden`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn dashboard(
    State(ctx): State<ApiContext>,
    signed_in: SignedIn,
) -> Result<axum::Json<Dashboard>, Error> {
    let today = Day::in_morocco(ctx.clock.now());
    let year = AcademicYear::containing(today.date(), ctx.rules.year_start).to_string();
    let university = signed_in.role.university().map(|u| u.as_str());
    let [per_day, by_status, by_university, refusals] =
        cases::dashboard(&ctx.db.pool, &year, university).await?;
    let outbox = if signed_in.role.may_decide() {
        Some(cases::outbox(&ctx.db.pool, ctx.clock.now_secs()).await?)
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

/// `POST /api/operator/agents`: invites an agent; the answer holds the
/// one-time enrolment link, shown once.
#[utoipa::path(post, path = "/api/operator/agents", tag = "operator", security(("operator_token" = [])),
    request_body = InviteRequest,
    responses(
        (status = 200, description = "The agent and its one-time enrolment link (24 h)", body = Invitation),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
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
    let now = ctx.clock.now_secs();
    let expires_at = now + INVITATION_HOURS * 3600;
    agents::invite(
        &ctx.db.pool,
        &agent,
        &hash(&token),
        now,
        expires_at,
        &Actor {
            actor: &caller.actor,
            at: &operator_routes::now(&ctx)?,
        },
    )
    .await?;
    // The secret rides in the fragment: browsers never send it to a
    // server, so it stays out of every log.
    let link = format!(
        "{}/back-office/enrol#{token}",
        ctx.public_url.trim_end_matches('/')
    );
    Ok(axum::Json(Invitation {
        agent,
        link,
        expires_at,
    }))
}

/// `GET /api/operator/agents`.
#[utoipa::path(get, path = "/api/operator/agents", tag = "operator", security(("operator_token" = [])),
    responses(
        (status = 200, description = "Every agent, the newest first", body = AgentList),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn list(
    _: Operator,
    State(ctx): State<ApiContext>,
) -> Result<axum::Json<AgentList>, Error> {
    Ok(axum::Json(AgentList {
        agents: agents::list(&ctx.db.pool, ctx.clock.now_secs(), lifetime(&ctx)).await?,
    }))
}

/// `POST /api/operator/agents/revoke`: the agent's sessions end now.
#[utoipa::path(post, path = "/api/operator/agents/revoke", tag = "operator", security(("operator_token" = [])),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "Revoked: its sessions ended now", body = Revoked),
        (status = 401, description = "`unauthorized`: no operator token, or a wrong one", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields` with `agent_unknown`", body = amoe_domain::api::ErrorBody),
    ))]
pub async fn revoke(
    caller: Operator,
    State(ctx): State<ApiContext>,
    Json(request): Json<RevokeRequest>,
) -> Result<axum::Json<Revoked>, Error> {
    let revoked = agents::revoke(
        &ctx.db.pool,
        request.agent.trim(),
        ctx.clock.now_secs(),
        &Actor {
            actor: &caller.actor,
            at: &operator_routes::now(&ctx)?,
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
