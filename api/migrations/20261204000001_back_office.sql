-- The back office: the fund's agents and the universities' staff, who sign
-- in with passkeys (WebAuthn). Times are Unix seconds.

-- An agent, invited by an operator. `id` is a UUID, the WebAuthn user
-- handle; a revoked agent keeps its row (the audit log names it) but
-- can neither sign in nor keep a session.
CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- `fund` (sees and decides everything) or `university` (reads its own
    -- university's declarations and counts).
    role TEXT NOT NULL,
    university_id TEXT REFERENCES universities (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- One-time enrolment links: the SHA-256 of the link's secret, never the
-- secret.
CREATE TABLE agent_invitations (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- An agent's passkeys: webauthn-rs's `Passkey` as JSON (public key and
-- counter; no secret).
CREATE TABLE agent_passkeys (
    credential_id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    passkey TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Sessions, server-side: the SHA-256 of the cookie's value, the CSRF
-- token every state-changing request carries, and when it was last used
-- (a session idle for too long has ended).
CREATE TABLE agent_sessions (
    id_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);

CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);

-- A WebAuthn ceremony under way (enrolment or sign-in): webauthn-rs's
-- state, kept on the server so that a challenge is answered once, on any
-- replica.
CREATE TABLE webauthn_ceremonies (
    id_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    agent_id TEXT,
    state TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The declarations' names as searches compare them (`amoe_domain::search::fold`
-- of "last first"), written by the API with each declaration.
ALTER TABLE declarations ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
