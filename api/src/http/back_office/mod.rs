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
//!
//! `session` holds the passkeys, the sessions and the extractors that sign
//! an agent in; `cases` the searches, cases, decisions, corrections and
//! decision files; `dashboard` the year at a glance; `rosters` the
//! universities' rosters of enrolled students; `agents` the
//! operators' routes that invite, list and revoke agents.

mod agents;
mod cases;
mod dashboard;
mod rosters;
mod session;

pub use agents::*;
pub use cases::*;
pub use dashboard::*;
pub use rosters::*;
pub use session::*;

use amoe_domain::messages::FieldError;

/// An error about one field of a request.
fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
    }
}
