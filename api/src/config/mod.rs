//! Configuration, read once from the environment at start-up, grouped by
//! what it configures. Each part is handed whole to what needs it.

mod env;
mod safety;
mod variables;

pub use env::Env;

use crate::clock::Clock;
use crate::limits::Limits;
use crate::portal::Portals;
use crate::secret::Secret;
use amoe_domain::declaration::Rules;
use amoe_domain::declaration::UniversityId;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct Config {
    pub server: Server,
    pub database: Database,
    /// Eligibility rules and the academic calendar.
    pub rules: Rules,
    /// Every rate limit and cap (see `limits`).
    pub limits: Limits,
    pub mail: Mail,
    pub portals: PortalAccess,
    pub privacy: Privacy,
    pub back_office: BackOffice,
    /// Keys the hashes in rate-limit buckets (HMAC-SHA256), so the table
    /// holds no CIN, address or e-mail, nor a hash a dictionary reverses.
    pub secret: Secret,
    /// The API's time: the system's, or a test's manual clock. Never read
    /// from the environment.
    pub clock: Clock,
}

/// How the service listens and what it serves.
#[derive(Clone, Debug)]
pub struct Server {
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The built app (Trunk's `dist/`); `None` serves the API alone.
    pub dist_dir: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest query string accepted, in bytes.
    pub query_limit: usize,
    /// Header-read timeout, connection cap, shutdown deadline.
    pub connections: crate::listener::Limits,
    /// How many reverse proxies stand in front of the API (0: clients
    /// connect directly, and `X-Forwarded-For` is ignored).
    pub trusted_proxy_hops: usize,
    /// The address students open (links in e-mails, the passkeys'
    /// relying party; `https://` marks a public service).
    pub public_url: String,
    /// The bearer token that opens `/metrics` (none: no `/metrics`).
    pub metrics_token: Option<String>,
}

/// Where declarations are stored.
#[derive(Clone, Debug)]
pub struct Database {
    /// `sqlite://PATH` (default) or `postgres://…`.
    pub url: String,
}

/// How mails leave.
#[derive(Clone, Debug)]
pub struct Mail {
    /// `smtp://…` or `smtps://…` (lettre's URL syntax); none writes `.eml`
    /// files into `outbox_dir` instead.
    pub smtp_url: Option<String>,
    pub from: String,
    pub outbox_dir: PathBuf,
    /// How often the outbox worker looks for mails to send (it is also
    /// woken when one is queued); `None` starts no worker.
    pub poll: Option<Duration>,
    /// How long a worker holds the mails it claimed: if its replica dies,
    /// another one sends them once the lease ends.
    pub lease: Duration,
}

/// The university portals that embed the app and vouch for students.
#[derive(Clone, Debug, Default)]
pub struct PortalAccess {
    /// The portals' keys: who may vouch for a student's identity.
    pub keys: Portals,
    /// The portals allowed to frame the app (embed mode), as origins
    /// (`https://ent.um5.ac.ma`): the app's `frame-ancestors`.
    pub origins: Vec<String>,
}

/// What the personal-data notice names, and how long data is kept.
#[derive(Clone, Debug)]
pub struct Privacy {
    /// How long declarations, sent mails and audit entries are kept.
    pub retention: crate::retention::Retention,
    /// Named in the personal-data notice (law 09-08).
    pub controller: String,
    pub cndp_authorisation: String,
    /// The journal of erasures and revocations, which a restore applies
    /// again (`journal`): to keep beside the backups.
    pub journal: PathBuf,
}

/// Who may act for the fund.
#[derive(Clone, Debug)]
pub struct BackOffice {
    /// SHA-256 hashes of the operators' bearer tokens (none: the operator
    /// routes refuse everyone).
    pub operator_tokens: Vec<[u8; 32]>,
    /// Each university's registrar tokens (SHA-256 hashes): they give the
    /// university's roster of enrolled students, and nothing else.
    pub registrar_tokens: Vec<(UniversityId, [u8; 32])>,
    /// How long a back-office session may sit unused before it ends.
    pub agent_idle: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid {
        name: String,
        value: String,
        reason: String,
    },
    #[error("{0}")]
    Unsafe(String),
}

impl Config {
    /// Reads the process's environment (every variable is listed in
    /// `docs/operating.md`), then refuses what must never reach students.
    pub fn from_env() -> Result<Config, ConfigError> {
        let config = Config::read(&Env::process())?;
        config.check()?;
        Ok(config)
    }

    /// A service on a free port of this machine over `database_url`,
    /// writing its mails as files into `outbox_dir` and its journal beside
    /// it: what the tests and the project's tools start.
    pub fn local(database_url: impl Into<String>, outbox_dir: PathBuf) -> Config {
        let mut config = Config::default();
        config.server.addr = SocketAddr::from(([127, 0, 0, 1], 0));
        config.database.url = database_url.into();
        config.privacy.journal = outbox_dir.with_file_name("amoe.journal");
        config.mail.outbox_dir = outbox_dir;
        config
    }
}

impl Default for Server {
    fn default() -> Self {
        Server {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist_dir: None,
            body_limit: 64 * 1024,
            query_limit: 1024,
            connections: crate::listener::Limits::default(),
            trusted_proxy_hops: 0,
            public_url: "http://localhost:8080".into(),
            metrics_token: None,
        }
    }
}

impl Default for Database {
    fn default() -> Self {
        Database {
            url: crate::db::DEFAULT_DATABASE_URL.into(),
        }
    }
}

impl Default for Mail {
    fn default() -> Self {
        Mail {
            smtp_url: None,
            from: "AMOE <no-reply@amoe.invalid>".into(),
            outbox_dir: PathBuf::from("data/outbox"),
            poll: Some(Duration::from_secs(5)),
            lease: Duration::from_secs(120),
        }
    }
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            retention: crate::retention::Retention::default(),
            controller: amoe_domain::messages::DEFAULT_CONTROLLER.into(),
            cndp_authorisation: String::new(),
            journal: PathBuf::from("data/amoe.journal"),
        }
    }
}

impl Default for BackOffice {
    fn default() -> Self {
        BackOffice {
            operator_tokens: Vec::new(),
            registrar_tokens: Vec::new(),
            agent_idle: Duration::from_secs(30 * 60),
        }
    }
}
