//! The back office's agents: invitations, passkeys, sessions and the
//! WebAuthn ceremonies under way. Secrets (enrolment links, session
//! cookies, ceremony ids) are stored as their SHA-256, never as they are.

use super::audit::{self, Stamp};
use amoe_domain::messages::back_office::{Agent, ListedAgent, Role};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

fn agent(row: &AnyRow) -> Result<Agent, sqlx::Error> {
    Ok(Agent {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: row.try_get("role")?,
        university: row.try_get("university_id")?,
    })
}

/// An agent's role as stored (checked when it was written).
pub fn role_of(agent: &Agent) -> Option<Role> {
    Role::from_parts(&agent.role, agent.university.as_deref())
}

/// Creates an agent and its enrolment link (by the hash of its secret).
pub async fn invite(
    pool: &AnyPool,
    agent: &Agent,
    token_hash: &str,
    now: i64,
    expires_at: i64,
    who: &Stamp<'_>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO agents (id, name, role, university_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&agent.id)
    .bind(&agent.name)
    .bind(&agent.role)
    .bind(agent.university.clone())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO agent_invitations (token_hash, agent_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(&agent.id)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        who,
        "invite",
        serde_json::json!({"agent": agent.id, "name": agent.name, "role": agent.role,
            "university": agent.university}),
    )
    .await?;
    tx.commit().await
}

/// Every agent, the newest first, with what it holds.
pub async fn list(
    pool: &AnyPool,
    now: i64,
    lifetime: Lifetime,
) -> Result<Vec<ListedAgent>, sqlx::Error> {
    let (seen_after, created_after) = lifetime.bounds(now);
    let rows = sqlx::query(&format!(
        "SELECT id, name, role, university_id, revoked_at, \
           (SELECT COUNT(*) FROM agent_passkeys p WHERE p.agent_id = agents.id) AS passkeys, \
           (SELECT COUNT(*) FROM agent_sessions s WHERE s.agent_id = agents.id AND {}) \
             AS sessions \
         FROM agents ORDER BY created_at DESC, id",
        Lifetime::OPEN
    ))
    .bind(seen_after)
    .bind(created_after)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ListedAgent {
                agent: agent(row)?,
                passkeys: row.try_get("passkeys")?,
                sessions: row.try_get("sessions")?,
                revoked_at: row.try_get("revoked_at")?,
            })
        })
        .collect()
}

/// Revokes an agent: its sessions end now, its passkeys and unused links
/// stop working. Returns the agent and how many sessions ended, or `None`
/// for an unknown id.
pub async fn revoke(
    pool: &AnyPool,
    id: &str,
    now: i64,
    who: &Stamp<'_>,
) -> Result<Option<(Agent, u64)>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query("SELECT id, name, role, university_id FROM agents WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let found = agent(&row)?;
    sqlx::query("UPDATE agents SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let ended = sqlx::query("DELETE FROM agent_sessions WHERE agent_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    for table in ["agent_passkeys", "webauthn_ceremonies"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE agent_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE agent_invitations SET used_at = $1 WHERE agent_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        who,
        "revoke",
        serde_json::json!({"agent": id, "name": found.name, "sessions_ended": ended}),
    )
    .await?;
    tx.commit().await?;
    Ok(Some((found, ended)))
}

/// The agent an enrolment link is for, while it works: unused, unexpired,
/// the agent not revoked.
pub async fn invited(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<Agent>, sqlx::Error> {
    sqlx::query(
        "SELECT a.id, a.name, a.role, a.university_id FROM agent_invitations i \
         JOIN agents a ON a.id = i.agent_id \
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 \
           AND a.revoked_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(agent)
    .transpose()
}

/// Keeps a ceremony's state until `expires_at`. Expired ceremonies go
/// at the same time (a start is rate-limited; a finish writes nothing
/// unless it takes a ceremony).
pub async fn save_ceremony(
    pool: &AnyPool,
    id_hash: &str,
    kind: &str,
    agent_id: Option<&str>,
    state: &str,
    (now, expires_at): (i64, i64),
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM webauthn_ceremonies WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO webauthn_ceremonies (id_hash, kind, agent_id, state, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id_hash)
    .bind(kind)
    .bind(agent_id.map(str::to_owned))
    .bind(state)
    .bind(expires_at)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Takes a ceremony's state, once: the row is deleted as it is read, so a
/// challenge is answered at most once, on any replica; an expired one is
/// never answered.
pub async fn take_ceremony(
    pool: &AnyPool,
    id_hash: &str,
    kind: &str,
    now: i64,
) -> Result<Option<(Option<String>, String)>, sqlx::Error> {
    let row = sqlx::query(
        "DELETE FROM webauthn_ceremonies WHERE id_hash = $1 AND kind = $2 AND expires_at > $3 \
         RETURNING agent_id, state",
    )
    .bind(id_hash)
    .bind(kind)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    row.map(|row| Ok((row.try_get("agent_id")?, row.try_get("state")?)))
        .transpose()
}

/// A new session's secrets (hash of the cookie's value, CSRF token).
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub csrf: &'a str,
    pub now: i64,
    /// How sessions end, to clear the ended ones as a new one opens.
    pub lifetime: Lifetime,
}

/// How long a session lasts: `idle` seconds unused, `longest` in all.
#[derive(Clone, Copy, Debug)]
pub struct Lifetime {
    pub idle: i64,
    pub longest: i64,
}

impl Lifetime {
    /// The SQL condition of a session `s` still open, with `$1` and `$2`
    /// bound to `bounds(now)`.
    const OPEN: &'static str = "s.seen_at > $1 AND s.created_at > $2";

    fn bounds(self, now: i64) -> (i64, i64) {
        (now - self.idle, now - self.longest)
    }
}

async fn open_session(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agent_id: &str,
    session: &NewSession<'_>,
) -> Result<(), sqlx::Error> {
    // Sessions that have ended are cleared here, as sessions open (the
    // rate-limited path), not when an unknown cookie is presented.
    let (seen, created) = session.lifetime.bounds(session.now);
    sqlx::query("DELETE FROM agent_sessions WHERE seen_at <= $1 OR created_at <= $2")
        .bind(seen)
        .bind(created)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO agent_sessions (id_hash, agent_id, csrf, created_at, seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(session.id_hash)
    .bind(agent_id)
    .bind(session.csrf)
    .bind(session.now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Uses an enrolment link (once, even when two browsers race with it),
/// keeps the agent's first passkey and opens a session. `false`: the link
/// was used, expired or revoked meanwhile, and nothing is kept.
pub async fn enrol(
    pool: &AnyPool,
    token_hash: &str,
    agent: &Agent,
    credential_id: &str,
    passkey: &str,
    session: &NewSession<'_>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let used = sqlx::query(
        "UPDATE agent_invitations SET used_at = $1 \
         WHERE token_hash = $2 AND agent_id = $3 AND used_at IS NULL AND expires_at > $1 \
           AND agent_id IN (SELECT id FROM agents WHERE revoked_at IS NULL)",
    )
    .bind(session.now)
    .bind(token_hash)
    .bind(&agent.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO agent_passkeys (credential_id, agent_id, passkey, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(credential_id)
    .bind(&agent.id)
    .bind(passkey)
    .bind(session.now)
    .execute(&mut *tx)
    .await?;
    open_session(&mut tx, &agent.id, session).await?;
    audit::record(
        &mut tx,
        &Stamp {
            actor: &label(agent),
            at: &rfc3339(session.now),
        },
        "enrol",
        serde_json::json!({"agent": agent.id}),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// An active agent's passkeys (webauthn-rs's JSON).
pub async fn passkeys(pool: &AnyPool, agent_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(
        "SELECT p.passkey FROM agent_passkeys p JOIN agents a ON a.id = p.agent_id \
         WHERE p.agent_id = $1 AND a.revoked_at IS NULL ORDER BY p.created_at",
    )
    .bind(agent_id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| row.try_get("passkey"))
    .collect()
}

/// An active agent.
pub async fn active(pool: &AnyPool, agent_id: &str) -> Result<Option<Agent>, sqlx::Error> {
    sqlx::query(
        "SELECT id, name, role, university_id FROM agents WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(agent_id)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(agent)
    .transpose()
}

/// After a sign-in: the passkey's new state (its counter) and a session.
pub async fn sign_in(
    pool: &AnyPool,
    agent: &Agent,
    credential_id: &str,
    passkey: Option<&str>,
    session: &NewSession<'_>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let update = match passkey {
        Some(passkey) => sqlx::query(
            "UPDATE agent_passkeys SET used_at = $1, passkey = $2 WHERE credential_id = $3",
        )
        .bind(session.now)
        .bind(passkey.to_owned()),
        None => sqlx::query(
            "UPDATE agent_passkeys SET used_at = $1, passkey = passkey WHERE credential_id = $2",
        )
        .bind(session.now),
    };
    update.bind(credential_id).execute(&mut *tx).await?;
    open_session(&mut tx, &agent.id, session).await?;
    audit::record(
        &mut tx,
        &Stamp {
            actor: &label(agent),
            at: &rfc3339(session.now),
        },
        "sign_in",
        serde_json::json!({"agent": agent.id}),
    )
    .await?;
    tx.commit().await
}

/// The agent and CSRF token of a session still open: its agent not
/// revoked, used within `idle` seconds and opened within `longest`. Using
/// it keeps it open (its last use is written at most once a minute).
pub async fn session(
    pool: &AnyPool,
    id_hash: &str,
    now: i64,
    lifetime: Lifetime,
) -> Result<Option<(Agent, String)>, sqlx::Error> {
    let (seen_after, created_after) = lifetime.bounds(now);
    let row = sqlx::query(&format!(
        "SELECT a.id, a.name, a.role, a.university_id, s.csrf, s.seen_at FROM agent_sessions s \
         JOIN agents a ON a.id = s.agent_id \
         WHERE {} AND a.revoked_at IS NULL AND s.id_hash = $3",
        Lifetime::OPEN
    ))
    .bind(seen_after)
    .bind(created_after)
    .bind(id_hash)
    .fetch_optional(pool)
    .await?;
    // An unknown or ended session writes nothing: a stream of made-up
    // cookies costs reads only.
    let Some(row) = row else {
        return Ok(None);
    };
    // The last use is written at most once a minute (or once per half the
    // idle time, when that is shorter), so a busy agent stays signed in.
    let seen: i64 = row.try_get("seen_at")?;
    if now - seen >= (lifetime.idle / 2).min(60) {
        sqlx::query("UPDATE agent_sessions SET seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(pool)
            .await?;
    }
    Ok(Some((agent(&row)?, row.try_get("csrf")?)))
}

/// Ends a session.
pub async fn sign_out(
    pool: &AnyPool,
    id_hash: &str,
    agent: &Agent,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM agent_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        &Stamp {
            actor: &label(agent),
            at: &rfc3339(now),
        },
        "sign_out",
        serde_json::json!({"agent": agent.id}),
    )
    .await?;
    tx.commit().await
}

/// Who an agent is in the audit log: the name, and the start of the id
/// (two agents may share a name).
pub fn label(agent: &Agent) -> String {
    format!(
        "{} [{}]",
        agent.name,
        agent.id.get(..8).unwrap_or(&agent.id)
    )
}

/// Unix seconds as the audit log writes time (RFC 3339, UTC).
pub fn rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| crate::clock::rfc3339(t).ok())
        .unwrap_or_default()
}
