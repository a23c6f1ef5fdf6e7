//! Configuration, read once from the environment at start-up.

use crate::clock::Clock;
use crate::limits::Limits;
use crate::portal::Portals;
use crate::secret::{DEVELOPMENT_SECRET, MIN_PRODUCTION_BYTES, Secret};
use amoe_domain::declaration::{Rules, YearStart};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Where the SQLite file goes when `DATABASE_URL` is not set.

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://PATH` (default) or `postgres://…`.
    pub database_url: String,
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The built app (Trunk's `dist/`); `None` serves the API alone.
    pub dist_dir: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest query string accepted, in bytes.
    pub query_limit: usize,
    /// Eligibility rules and the academic calendar.
    pub rules: Rules,
    /// Every rate limit and cap (see `limits`).
    pub limits: Limits,
    /// Keys the hashes in rate-limit buckets (HMAC-SHA256), so the table
    /// holds no CIN, address or e-mail, nor a hash a dictionary reverses.
    pub secret: Secret,
    /// The API's time: the system's, or a test's manual clock. Never read
    /// from the environment.
    pub clock: Clock,
    /// University portals that may vouch for a student's identity.
    pub portals: Portals,
    /// Header-read timeout, connection cap, shutdown deadline.
    pub connections: crate::listener::Limits,
    /// The bearer token that opens `/metrics` (none: no `/metrics`).
    pub metrics_token: Option<String>,
    /// How long declarations and sent mails are kept.
    pub retention: crate::retention::Retention,
    /// SHA-256 hashes of the operators' bearer tokens (none: the operator
    /// routes refuse everyone).
    pub operator_tokens: Vec<[u8; 32]>,
    /// `smtp://…` or `smtps://…` (lettre's URL syntax); none writes `.eml`
    /// files into `outbox_dir` instead.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: PathBuf,
    /// The address students open (links in e-mails).
    pub public_url: String,
    /// How often the outbox worker looks for mails to send (it is also
    /// woken when one is queued); `None` starts no worker.
    pub outbox_poll: Option<std::time::Duration>,
    /// How long a worker holds the mails it claimed: if its replica dies,
    /// another one sends them once the lease ends.
    pub outbox_lease: std::time::Duration,
    /// How many reverse proxies stand in front of the API (0: clients
    /// connect directly, and `X-Forwarded-For` is ignored).
    pub trusted_proxy_hops: usize,
    /// The university portals allowed to frame the app (embed mode), as
    /// origins (`https://ent.um5.ac.ma`): the app's `frame-ancestors`.
    pub portal_origins: Vec<String>,
    /// How long a back-office session may sit unused before it ends.
    pub agent_idle: std::time::Duration,
    /// Named in the personal-data notice (law 09-08).
    pub controller: String,
    pub cndp_authorisation: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
    #[error("{0}")]
    Unsafe(String),
}

/// The SHA-256 of the empty string: an empty bearer token, never a token.
const EMPTY_TOKEN_SHA256: [u8; 32] = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

impl Config {
    /// Reads `DATABASE_URL`, `AMOE_ADDR` (default `127.0.0.1:8080`) and
    /// `AMOE_DIST` (default `dist`, or empty to serve no app).
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr_text = var("AMOE_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr = addr_text.parse().map_err(|e| ConfigError::Invalid {
            name: "AMOE_ADDR",
            value: addr_text.clone(),
            reason: format!("{e}; expected HOST:PORT such as 127.0.0.1:8080"),
        })?;
        let dist_dir = match std::env::var("AMOE_DIST") {
            Ok(v) if v.trim().is_empty() => None,
            Ok(v) => Some(PathBuf::from(v)),
            Err(_) => Some(PathBuf::from("dist")),
        };
        let mut rules = Rules::default();
        if let Some(text) = var("AMOE_AGE_LIMIT") {
            rules.age_limit = text
                .parse()
                .ok()
                .filter(|a| (18..=99).contains(a))
                .ok_or_else(|| ConfigError::Invalid {
                    name: "AMOE_AGE_LIMIT",
                    value: text.clone(),
                    reason: "expected the oldest age covered, such as 30".into(),
                })?;
        }
        if let Some(text) = var("AMOE_YEAR_START") {
            rules.year_start = parse_year_start(&text).ok_or_else(|| ConfigError::Invalid {
                name: "AMOE_YEAR_START",
                value: text.clone(),
                reason: "expected MM-DD, such as 09-01".into(),
            })?;
        }
        let defaults = Config::default();
        let number = |name: String, default: i64| -> Result<i64, ConfigError> {
            match var(&name) {
                None => Ok(default),
                Some(text) => text
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(ConfigError::Invalid {
                        name: name.leak(),
                        value: text,
                        reason: "expected a whole number above 0".into(),
                    }),
            }
        };
        for (old, new) in crate::limits::RENAMED {
            if var(old).is_some() {
                return Err(ConfigError::Invalid {
                    name: old,
                    value: "(set)".into(),
                    reason: format!(
                        "it is no longer read: set {new} instead (see docs/operating.md, \"Limits\")"
                    ),
                });
            }
        }
        let mut limits = defaults.limits;
        for (prefix, of) in crate::limits::VARIABLES {
            let limit = of(&mut limits);
            let default = *limit;
            limit.max = number(format!("{prefix}_MAX"), default.max)?;
            limit.window_secs = number(format!("{prefix}_WINDOW_SECS"), default.window_secs)?;
            // A new maximum without a burst keeps the default's shape: all
            // at once when the default allows all at once, else no more
            // at once than the default (nor than the maximum).
            let burst = if default.burst == default.max {
                limit.max
            } else {
                default.burst.min(limit.max)
            };
            limit.burst = number(format!("{prefix}_BURST"), burst)?;
            if limit.burst > limit.max {
                return Err(ConfigError::Invalid {
                    name: format!("{prefix}_BURST").leak(),
                    value: limit.burst.to_string(),
                    reason: format!("a burst cannot be larger than {prefix}_MAX ({})", limit.max),
                });
            }
        }
        limits.declarations_per_cin_year = number(
            "AMOE_DECLARATIONS_PER_CIN_YEAR".into(),
            limits.declarations_per_cin_year,
        )?;
        let bounded = |name: &'static str, default: i64, max: i64| -> Result<i64, ConfigError> {
            let value = number(name.into(), default)?;
            if value > max {
                return Err(ConfigError::Invalid {
                    name,
                    value: value.to_string(),
                    reason: format!("expected at most {max}"),
                });
            }
            Ok(value)
        };
        let connections = crate::listener::Limits {
            header_timeout: std::time::Duration::from_secs(bounded(
                "AMOE_HEADER_TIMEOUT_SECS",
                defaults.connections.header_timeout.as_secs() as i64,
                86_400,
            )? as u64),
            max_connections: bounded(
                "AMOE_MAX_CONNECTIONS",
                defaults.connections.max_connections as i64,
                1_000_000,
            )? as usize,
            shutdown_deadline: std::time::Duration::from_secs(bounded(
                "AMOE_SHUTDOWN_SECS",
                defaults.connections.shutdown_deadline.as_secs() as i64,
                3_600,
            )? as u64),
        };
        let outbox_lease = std::time::Duration::from_secs(
            bounded(
                "AMOE_OUTBOX_LEASE_SECS",
                defaults.outbox_lease.as_secs() as i64,
                3_600,
            )?
            .max(1) as u64,
        );
        let config = Config {
            outbox_lease,
            connections,
            metrics_token: var("AMOE_METRICS_TOKEN"),
            retention: crate::retention::Retention {
                academic_years: number(
                    "AMOE_KEEP_ACADEMIC_YEARS".into(),
                    defaults.retention.academic_years.into(),
                )?
                .min(100) as i32,
                mail_days: number("AMOE_KEEP_MAIL_DAYS".into(), defaults.retention.mail_days)?,
                audit_days: bounded(
                    "AMOE_KEEP_AUDIT_DAYS",
                    defaults.retention.audit_days,
                    36_500,
                )?
                .max(1),
            },
            limits,
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| crate::db::DEFAULT_DATABASE_URL.into()),
            addr,
            dist_dir,
            rules,
            secret: var("AMOE_SECRET").map_or(defaults.secret.clone(), |s| Secret::new(&s)),
            portals: match var("AMOE_PORTAL_KEYS") {
                None => Portals::default(),
                Some(text) => Portals::parse(&text).map_err(|reason| ConfigError::Invalid {
                    name: "AMOE_PORTAL_KEYS",
                    value: text.chars().take(60).collect(),
                    reason,
                })?,
            },
            trusted_proxy_hops: match var("AMOE_TRUSTED_PROXY_HOPS") {
                None => 0,
                Some(text) => {
                    text.parse()
                        .ok()
                        .filter(|n| *n <= 10)
                        .ok_or(ConfigError::Invalid {
                            name: "AMOE_TRUSTED_PROXY_HOPS",
                            value: text,
                            reason: "expected how many reverse proxies stand in front, 0 to 10"
                                .into(),
                        })?
                }
            },
            portal_origins: match var("AMOE_PORTAL_ORIGINS") {
                None => Vec::new(),
                Some(text) => {
                    crate::portal::parse_origins(&text).map_err(|reason| ConfigError::Invalid {
                        name: "AMOE_PORTAL_ORIGINS",
                        value: text.clone(),
                        reason,
                    })?
                }
            },
            agent_idle: match var("AMOE_AGENT_IDLE_SECS") {
                None => defaults.agent_idle,
                Some(text) => text
                    .parse()
                    .ok()
                    .filter(|n| (60..=43_200).contains(n))
                    .map(std::time::Duration::from_secs)
                    .ok_or_else(|| ConfigError::Invalid {
                        name: "AMOE_AGENT_IDLE_SECS",
                        value: text.clone(),
                        reason: "expected seconds from 60 to 43200".into(),
                    })?,
            },
            controller: var("AMOE_CONTROLLER").unwrap_or(defaults.controller.clone()),
            cndp_authorisation: var("AMOE_CNDP_AUTHORISATION")
                .unwrap_or(defaults.cndp_authorisation.clone()),
            smtp_url: var("AMOE_SMTP_URL"),
            mail_from: var("AMOE_MAIL_FROM").unwrap_or(defaults.mail_from.clone()),
            outbox_dir: var("AMOE_OUTBOX_DIR").map_or(defaults.outbox_dir.clone(), PathBuf::from),
            public_url: var("AMOE_PUBLIC_URL").unwrap_or(defaults.public_url.clone()),
            operator_tokens: match var("AMOE_OPERATOR_TOKEN_SHA256") {
                None => Vec::new(),
                Some(text) => parse_token_hashes(&text).ok_or(ConfigError::Invalid {
                    name: "AMOE_OPERATOR_TOKEN_SHA256",
                    value: "(hidden)".into(),
                    reason: "expected comma-separated SHA-256 hashes, 64 hex digits each \
                             (sha256sum of the token), none of the empty token"
                        .into(),
                })?,
            },
            ..defaults
        };
        config.check()?;
        Ok(config)
    }

    /// Refuses what must never reach students: a public (`https://`)
    /// service keyed with the development secret, or a short one.
    pub fn check(&self) -> Result<(), ConfigError> {
        let public = self.is_https();
        if (public || self.smtp_url.is_some()) && self.secret.is_development() {
            return Err(ConfigError::Unsafe(format!(
                "AMOE_PUBLIC_URL is {} and AMOE_SMTP_URL is {}, a public service, but \
                 AMOE_SECRET is not set: set it to a random value of at least \
                 {MIN_PRODUCTION_BYTES} bytes (openssl rand -base64 48)",
                self.public_url,
                if self.smtp_url.is_some() {
                    "set"
                } else {
                    "not set"
                },
            )));
        }
        if public && self.secret.len() < MIN_PRODUCTION_BYTES {
            return Err(ConfigError::Unsafe(format!(
                "AMOE_SECRET is shorter than {MIN_PRODUCTION_BYTES} bytes"
            )));
        }
        if public && let Some(problem) = self.unverified_database() {
            return Err(ConfigError::Unsafe(problem));
        }
        if public && self.cndp_authorisation.is_empty() {
            return Err(ConfigError::Unsafe(
                "AMOE_PUBLIC_URL is https:// but AMOE_CNDP_AUTHORISATION is not set: law 09-08 \
                 wants the personal-data notice to give the CNDP's authorisation number"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Whether students reach the service over HTTPS (its public address
    /// says so, in any case): a public deployment.
    pub fn is_https(&self) -> bool {
        self.public_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    }

    /// Why the PostgreSQL connection could be read or redirected on the
    /// network, if it could: a host other than this machine without
    /// `sslmode=verify-full` (or `verify-ca`), which alone check who
    /// answers; `prefer`, the default, falls back to clear text when told.
    fn unverified_database(&self) -> Option<String> {
        let url = &self.database_url;
        if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
            return None;
        }
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let host = host_port
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .map_or_else(
                || host_port.split(':').next().unwrap_or_default(),
                |(h, _)| h,
            );
        let local = matches!(host, "" | "localhost" | "127.0.0.1" | "::1") || host.starts_with('/');
        let verified = url.split_once('?').is_some_and(|(_, query)| {
            query
                .split('&')
                .any(|p| p == "sslmode=verify-full" || p == "sslmode=verify-ca")
        });
        (!local && !verified).then(|| {
            format!(
                "DATABASE_URL names the PostgreSQL host {host} without sslmode=verify-full: \
                 the connection could be read or redirected on the network; add \
                 ?sslmode=verify-full (and sslrootcert=PATH for a private CA)"
            )
        })
    }

    /// What start-up should warn about (the service runs, but not as it
    /// should in production).
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if let Some(problem) = self.unverified_database() {
            warnings.push(problem);
        }
        if self.secret.is_development() {
            warnings.push(format!(
                "AMOE_SECRET is not set: rate-limit buckets are keyed with the public \
                 development value {DEVELOPMENT_SECRET:?}; set it in production"
            ));
        }
        if self.cndp_authorisation.is_empty() {
            warnings.push(
                "AMOE_CNDP_AUTHORISATION is not set: the personal-data notice leaves out \
                 the CNDP's authorisation number; set it in production"
                    .into(),
            );
        }
        warnings
    }
}

/// Comma-separated hex SHA-256 hashes.
fn parse_token_hashes(text: &str) -> Option<Vec<[u8; 32]>> {
    text.split(',')
        .map(|hex| {
            let hex = hex.trim();
            if hex.len() != 64 {
                return None;
            }
            let mut hash = [0u8; 32];
            for (i, byte) in hash.iter_mut().enumerate() {
                *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
            }
            (hash != EMPTY_TOKEN_SHA256).then_some(hash)
        })
        .collect()
}

/// `MM-DD`, a day that exists in every year.
fn parse_year_start(text: &str) -> Option<YearStart> {
    let (month, day) = text.trim().split_once('-')?;
    let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
    let day: u8 = day.parse().ok()?;
    (day >= 1 && day <= month.length(2001)).then_some(YearStart { month, day })
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: crate::db::DEFAULT_DATABASE_URL.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist_dir: None,
            body_limit: 64 * 1024,
            query_limit: 1024,
            rules: Rules::default(),
            limits: Limits::default(),
            secret: Secret::new(DEVELOPMENT_SECRET),
            clock: Clock::System,
            portals: Portals::default(),
            connections: crate::listener::Limits::default(),
            metrics_token: None,
            retention: crate::retention::Retention::default(),
            operator_tokens: Vec::new(),
            smtp_url: None,
            mail_from: "AMOE <no-reply@amoe.invalid>".into(),
            outbox_dir: PathBuf::from("data/outbox"),
            public_url: "http://localhost:8080".into(),
            outbox_poll: Some(std::time::Duration::from_secs(5)),
            outbox_lease: std::time::Duration::from_secs(120),
            trusted_proxy_hops: 0,
            portal_origins: Vec::new(),
            agent_idle: std::time::Duration::from_secs(30 * 60),
            controller: amoe_domain::api::DEFAULT_CONTROLLER.into(),
            cndp_authorisation: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_token_is_no_token() {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            EMPTY_TOKEN_SHA256.map(|b| format!("{b:02x}")).concat(),
            empty
        );
        assert!(parse_token_hashes(empty).is_none());
        let other = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert!(parse_token_hashes(other).is_some());
        assert!(parse_token_hashes(&format!("{other},{empty}")).is_none());
    }

    #[test]
    fn a_remote_database_must_be_verified() {
        let with = |url: &str| Config {
            database_url: url.into(),
            ..Config::default()
        };
        for unverified in [
            "postgres://amoe:pw@db.example.ma:5432/amoe",
            "postgres://amoe:pw@db.example.ma/amoe?sslmode=require",
            "postgresql://10.0.0.5/amoe?sslmode=prefer",
        ] {
            let problem = with(unverified).unverified_database().unwrap();
            assert!(!problem.contains("pw"), "{problem}");
        }
        for fine in [
            "postgres://amoe:pw@db.example.ma/amoe?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "postgres://amoe@127.0.0.1:5432/amoe",
            "postgres://amoe@[::1]:5432/amoe",
            "sqlite://data/amoe.db",
        ] {
            assert_eq!(with(fine).unverified_database(), None, "{fine}");
        }
    }

    #[test]
    fn a_public_service_needs_its_own_secret() {
        let public = Config {
            public_url: "HTTPS://amoe.example.ma".into(),
            ..Config::default()
        };
        assert!(matches!(public.check(), Err(ConfigError::Unsafe(_))));
        let mailing = Config {
            smtp_url: Some("smtps://mail.example.ma".into()),
            ..Config::default()
        };
        assert!(matches!(mailing.check(), Err(ConfigError::Unsafe(_))));
        let short = Config {
            secret: Secret::new("too short"),
            ..public.clone()
        };
        assert!(short.check().is_err());
        let keyed = Config {
            secret: Secret::new("a random secret of more than thirty-two bytes"),
            ..public.clone()
        };
        assert!(
            matches!(keyed.check(), Err(ConfigError::Unsafe(_))),
            "no CNDP number"
        );
        let keyed = Config {
            secret: Secret::new("a random secret of more than thirty-two bytes"),
            cndp_authorisation: "A-GC-123/2026".into(),
            ..public
        };
        assert!(keyed.check().is_ok());
        assert!(keyed.warnings().is_empty());
        let local = Config::default();
        assert!(local.check().is_ok());
        assert!(local.warnings()[0].contains("AMOE_SECRET"));
        assert!(local.warnings()[1].contains("AMOE_CNDP_AUTHORISATION"));
    }
}
