//! Which environment variable sets what (each one is described in
//! `docs/operating.md`).

use super::{BackOffice, Config, ConfigError, Database, Env, Mail, PortalAccess, Privacy, Server};
use crate::portal::Portals;
use crate::secret::Secret;
use amoe_domain::declaration::UniversityId;
use amoe_domain::declaration::{Rules, YearStart};
use std::path::PathBuf;

/// Any whole number above 0.
const POSITIVE: std::ops::RangeInclusive<i64> = 1..=i64::MAX;

impl Config {
    /// Reads every variable from `env`; unset ones keep their defaults.
    pub fn read(env: &Env) -> Result<Config, ConfigError> {
        let defaults = Config::default();
        Ok(Config {
            server: server(env, defaults.server)?,
            database: Database {
                url: env.text("DATABASE_URL").unwrap_or(defaults.database.url),
            },
            rules: rules(env)?,
            limits: limits(env, defaults.limits)?,
            mail: mail(env, defaults.mail)?,
            portals: PortalAccess {
                keys: env
                    .checked("AMOE_PORTAL_KEYS", Portals::parse)?
                    .unwrap_or_default(),
                origins: env
                    .checked("AMOE_PORTAL_ORIGINS", crate::portal::parse_origins)?
                    .unwrap_or_default(),
            },
            privacy: privacy(env, defaults.privacy)?,
            back_office: BackOffice {
                operator_tokens: env
                    .secret(
                        "AMOE_OPERATOR_TOKEN_SHA256",
                        "expected comma-separated SHA-256 hashes, 64 hex digits each \
                         (sha256sum of the token), none of the empty token",
                        parse_token_hashes,
                    )?
                    .unwrap_or_default(),
                registrar_tokens: env
                    .secret(
                        "AMOE_REGISTRAR_TOKEN_SHA256",
                        "expected comma-separated UNIVERSITY:SHA256 pairs (a university's id, \
                         then the sha256sum of its registrar's token, 64 hex digits)",
                        parse_registrar_tokens,
                    )?
                    .unwrap_or_default(),
                agent_idle: env.seconds(
                    "AMOE_AGENT_IDLE_SECS",
                    defaults.back_office.agent_idle,
                    60..=43_200,
                )?,
            },
            secret: env
                .text("AMOE_SECRET")
                .map_or(defaults.secret, |s| Secret::new(&s)),
            clock: defaults.clock,
        })
    }
}

fn server(env: &Env, defaults: Server) -> Result<Server, ConfigError> {
    let connections = crate::listener::Limits {
        header_timeout: env.seconds(
            "AMOE_HEADER_TIMEOUT_SECS",
            defaults.connections.header_timeout,
            1..=86_400,
        )?,
        max_connections: env.whole(
            "AMOE_MAX_CONNECTIONS",
            defaults.connections.max_connections as i64,
            1..=1_000_000,
        )? as usize,
        shutdown_deadline: env.seconds(
            "AMOE_SHUTDOWN_SECS",
            defaults.connections.shutdown_deadline,
            1..=3_600,
        )?,
    };
    Ok(Server {
        addr: env
            .checked("AMOE_ADDR", |text| {
                text.parse()
                    .map_err(|e| format!("{e}; expected HOST:PORT such as 127.0.0.1:8080"))
            })?
            .unwrap_or(defaults.addr),
        // Unset serves `dist`; set but empty serves no app.
        dist_dir: match env.raw("AMOE_DIST") {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(PathBuf::from(v)),
            None => Some(PathBuf::from("dist")),
        },
        connections,
        trusted_proxy_hops: env.whole("AMOE_TRUSTED_PROXY_HOPS", 0, 0..=10)? as usize,
        public_url: env.text("AMOE_PUBLIC_URL").unwrap_or(defaults.public_url),
        metrics_token: env.text("AMOE_METRICS_TOKEN"),
        body_limit: defaults.body_limit,
        query_limit: defaults.query_limit,
    })
}

fn rules(env: &Env) -> Result<Rules, ConfigError> {
    let defaults = Rules::default();
    Ok(Rules {
        age_limit: env
            .parsed(
                "AMOE_AGE_LIMIT",
                "expected the oldest age covered, such as 30",
                |text| text.parse().ok().filter(|a| (18..=99).contains(a)),
            )?
            .unwrap_or(defaults.age_limit),
        year_start: env
            .parsed(
                "AMOE_YEAR_START",
                "expected MM-DD, such as 09-01",
                parse_year_start,
            )?
            .unwrap_or(defaults.year_start),
    })
}

fn limits(
    env: &Env,
    mut limits: crate::limits::Limits,
) -> Result<crate::limits::Limits, ConfigError> {
    env.refuse_renamed(&crate::limits::RENAMED)?;
    env.refuse_removed(&crate::limits::REMOVED)?;
    for (prefix, of) in crate::limits::VARIABLES {
        let limit = of(&mut limits);
        let default = *limit;
        limit.max = env.whole(&format!("{prefix}_MAX"), default.max, POSITIVE)?;
        limit.window_secs = env.whole(
            &format!("{prefix}_WINDOW_SECS"),
            default.window_secs,
            POSITIVE,
        )?;
        // A new maximum without a burst keeps the default's shape: all at
        // once when the default allows all at once, else no more at once
        // than the default (nor than the maximum).
        let burst = if default.burst == default.max {
            limit.max
        } else {
            default.burst.min(limit.max)
        };
        limit.burst = env.whole(&format!("{prefix}_BURST"), burst, 1..=limit.max)?;
    }
    // The first puzzle of a student coming from elsewhere, at its
    // largest, stays within a few million numbers: seconds, not hours.
    let base = i64::try_from(limits.proofs.base).unwrap_or(i64::MAX);
    limits.proofs.base = env
        .whole("AMOE_PROOF_BASE", base, 1..=1_000_000)?
        .unsigned_abs();
    let steps = i64::try_from(limits.proofs.steps).unwrap_or(i64::MAX);
    limits.proofs.steps = env.whole("AMOE_PROOF_STEPS", steps, 1..=64)?.unsigned_abs();
    let doublings = i64::from(limits.proofs.doublings);
    limits.proofs.doublings =
        u32::try_from(env.whole("AMOE_PROOF_DOUBLINGS", doublings, 0..=32)?).unwrap_or(0);
    Ok(limits)
}

fn mail(env: &Env, defaults: Mail) -> Result<Mail, ConfigError> {
    Ok(Mail {
        smtp_url: env.text("AMOE_SMTP_URL"),
        from: env.text("AMOE_MAIL_FROM").unwrap_or(defaults.from),
        outbox_dir: env
            .text("AMOE_OUTBOX_DIR")
            .map_or(defaults.outbox_dir, PathBuf::from),
        lease: env.seconds("AMOE_OUTBOX_LEASE_SECS", defaults.lease, 1..=3_600)?,
        ..defaults
    })
}

fn privacy(env: &Env, defaults: Privacy) -> Result<Privacy, ConfigError> {
    Ok(Privacy {
        retention: crate::retention::Retention {
            academic_years: env.whole(
                "AMOE_KEEP_ACADEMIC_YEARS",
                defaults.retention.academic_years.into(),
                1..=100,
            )? as i32,
            mail_days: env.whole(
                "AMOE_KEEP_MAIL_DAYS",
                defaults.retention.mail_days,
                POSITIVE,
            )?,
            audit_days: env.whole(
                "AMOE_KEEP_AUDIT_DAYS",
                defaults.retention.audit_days,
                1..=36_500,
            )?,
        },
        controller: env.text("AMOE_CONTROLLER").unwrap_or(defaults.controller),
        cndp_authorisation: env
            .text("AMOE_CNDP_AUTHORISATION")
            .unwrap_or(defaults.cndp_authorisation),
        journal: env
            .text("AMOE_JOURNAL")
            .map_or(defaults.journal, PathBuf::from),
    })
}

/// The SHA-256 of the empty string: an empty bearer token, never a token.
const EMPTY_TOKEN_SHA256: [u8; 32] = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

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

/// `UNIVERSITY:HASH` pairs, comma-separated: each university's registrar
/// tokens.
fn parse_registrar_tokens(text: &str) -> Option<Vec<(UniversityId, [u8; 32])>> {
    text.split(',')
        .map(|pair| {
            let (university, hash) = pair.trim().split_once(':')?;
            let university = UniversityId::parse(university.trim()).ok()?;
            let hash = parse_token_hashes(hash)?.pop()?;
            Some((university, hash))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

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

    fn read(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::read(&Env::from_fn(|name| vars.get(name).cloned()))
    }

    #[test]
    fn each_variable_sets_its_part() {
        let config = read(&[
            ("AMOE_ADDR", "0.0.0.0:9000"),
            ("AMOE_DIST", ""),
            ("AMOE_STATUS_ADDRESS_MAX", "100"),
            ("AMOE_KEEP_ACADEMIC_YEARS", "4"),
            ("AMOE_AGENT_IDLE_SECS", "600"),
            ("AMOE_YEAR_START", "10-01"),
            ("AMOE_OUTBOX_LEASE_SECS", "30"),
        ])
        .unwrap();
        assert_eq!(config.server.addr.port(), 9000);
        assert_eq!(config.server.dist_dir, None);
        let status = config.limits.status_per_address;
        assert_eq!((status.max, status.burst), (100, 100));
        assert_eq!(config.privacy.retention.academic_years, 4);
        assert_eq!(config.back_office.agent_idle.as_secs(), 600);
        assert_eq!(config.rules.year_start.day, 1);
        assert_eq!(config.mail.lease.as_secs(), 30);
        assert_eq!(read(&[]).unwrap().server.dist_dir, Some("dist".into()));
    }

    #[test]
    fn a_wrong_renamed_or_removed_variable_is_refused_by_name() {
        for (name, value) in [
            ("AMOE_ADDR", "not-an-address"),
            ("AMOE_STATUS_ADDRESS_BURST", "999999"),
            ("AMOE_TRUSTED_PROXY_HOPS", "11"),
            ("AMOE_KEEP_ACADEMIC_YEARS", "0"),
            ("AMOE_STATUS_IP_MAX", "5"),
            ("AMOE_DECLARATIONS_PER_CIN_YEAR", "3"),
            ("AMOE_PROOF_BASE", "0"),
            ("AMOE_PROOF_DOUBLINGS", "60"),
        ] {
            let error = read(&[(name, value)]).unwrap_err().to_string();
            assert!(error.starts_with(name), "{error}");
        }
    }
}
