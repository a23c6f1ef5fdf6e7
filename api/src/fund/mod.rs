//! What the fund does with declarations, whoever asks: an operator with a
//! token (`/api/operator/…`, `amoe-operator`) or an agent signed in to the
//! back office (`/api/back-office/…`). Each operation takes the `Actor`
//! that asks, checks what it may do and see, and records it in the audit
//! log under its name; the HTTP routes only read requests and write
//! answers.
//!
//! `decide` records decisions (one from a case, or a file, with their
//! mails); `correct` rectifies a declaration's details; `read` shows what
//! is stored (the student's right of access) and a back-office case;
//! `search` and `export` select declarations; `erase` erases one at the
//! student's request; `set_aside` sets a made-up declaration aside;
//! `dashboard` counts the year; `audit` reads the log; `roster` takes a
//! university's roster of enrolled students (read by `roster_file`) and
//! refuses, in one step, the declarations a final roster does not hold.

pub mod audit;
pub mod correct;
pub mod dashboard;
pub mod decide;
pub mod decision_file;
pub mod erase;
pub mod export;
pub mod read;
pub mod roster;
pub mod roster_file;
pub mod search;
pub mod set_aside;

use crate::config::Config;
use crate::db::Db;
use crate::db::audit::Stamp;
use crate::error::Error;
use amoe_domain::declaration::UniversityId;
use amoe_domain::messages::FieldError;
use amoe_domain::messages::back_office::Role;

/// What the fund's work reaches: the database, the configuration, and the
/// bell that wakes the outbox's worker when mails are queued.
#[derive(Clone, Copy)]
pub struct Fund<'a> {
    pub db: &'a Db,
    pub config: &'a Config,
    pub outbox_wake: &'a tokio::sync::Notify,
}

/// Who asks.
#[derive(Clone, Debug)]
pub enum Actor {
    /// An operator, named by the first 12 hex digits of its token's
    /// SHA-256 (the configured hash's own beginning, never the token).
    Operator { token: String },
    /// An agent signed in to the back office: its name and id's start as
    /// the audit log writes them, and its role.
    Agent { label: String, role: Role },
    /// A university's registrar, with a token: gives the university's
    /// roster, nothing else. Named as an operator is.
    Registrar {
        university: UniversityId,
        token: String,
    },
}

impl Actor {
    /// Who the audit log names.
    pub fn label(&self) -> &str {
        match self {
            Actor::Operator { token } | Actor::Registrar { token, .. } => token,
            Actor::Agent { label, .. } => label,
        }
    }

    /// The university whose declarations alone the actor may see (a
    /// university's staff), if any.
    pub fn university(&self) -> Option<&UniversityId> {
        match self {
            Actor::Operator { .. } => None,
            Actor::Agent { role, .. } => role.university(),
            Actor::Registrar { university, .. } => Some(university),
        }
    }

    /// Whether the actor may see a declaration of `university`.
    pub fn sees(&self, university: &str) -> bool {
        self.university()
            .is_none_or(|own| own.as_str() == university)
    }

    /// Refuses anyone but an operator: what only the fund's operators do
    /// (a student's whole record by CIN, the whole audit log, an erasure).
    pub fn operator_only(&self) -> Result<(), Error> {
        match self {
            Actor::Operator { .. } => Ok(()),
            Actor::Agent { .. } | Actor::Registrar { .. } => Err(Error::Forbidden),
        }
    }

    /// What the audit log keeps of who asked: `operator` or
    /// `back_office`.
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Operator { .. } => "operator",
            Actor::Agent { .. } => "back_office",
            Actor::Registrar { .. } => "registrar",
        }
    }

    /// Refuses an actor who may not decide or change: a university's
    /// staff read only.
    pub fn may_decide(&self) -> Result<(), Error> {
        match self {
            Actor::Agent { role, .. } if !role.may_decide() => Err(Error::Forbidden),
            Actor::Registrar { .. } => Err(Error::Forbidden),
            _ => Ok(()),
        }
    }
}

impl Fund<'_> {
    /// Now, as the audit log writes time.
    pub fn now(&self) -> Result<String, Error> {
        crate::clock::rfc3339(self.config.clock.now()).map_err(|_| Error::Internal)
    }

    /// The audit log's first columns for `actor` at `at`.
    fn stamped<'s>(&self, actor: &'s Actor, at: &'s str) -> Stamp<'s> {
        Stamp {
            actor: actor.label(),
            at,
        }
    }
}

/// Appends `entry` to the journal of erasures and revocations; a journal
/// that cannot be written stops the operation (a 500), which is retried.
pub fn journal(fund: Fund<'_>, entry: &crate::journal::Entry) -> Result<(), Error> {
    crate::journal::Journal::at(&fund.config.privacy.journal)
        .record(entry)
        .map_err(|e| {
            tracing::error!(error = %e, "the journal cannot be written");
            Error::Internal
        })
}

/// An error about one field of a request.
pub fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

/// A reference as typed (spaces and case forgiven), or the field's error.
pub fn reference(typed: &str) -> Result<String, FieldError> {
    amoe_domain::declaration::Reference::parse(typed)
        .map(|r| r.to_string())
        .map_err(|e| field_error("reference", e.code()))
}
