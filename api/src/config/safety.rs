//! What a configuration must not do in public, and what start-up warns
//! about.

use super::{Config, ConfigError};
use crate::secret::{DEVELOPMENT_SECRET, MIN_PRODUCTION_BYTES};

impl Config {
    /// Refuses what must never reach students: a public (`https://`)
    /// service keyed with the development secret, or a short one.
    pub fn check(&self) -> Result<(), ConfigError> {
        let public = self.is_https();
        let smtp = self.mail.smtp_url.is_some();
        if (public || smtp) && self.secret.is_development() {
            return Err(ConfigError::Unsafe(format!(
                "AMOE_PUBLIC_URL is {} and AMOE_SMTP_URL is {}, a public service, but \
                 AMOE_SECRET is not set: set it to a random value of at least \
                 {MIN_PRODUCTION_BYTES} bytes (openssl rand -base64 48)",
                self.server.public_url,
                if smtp { "set" } else { "not set" },
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
        if public && self.privacy.cndp_authorisation.is_empty() {
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
        self.server
            .public_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    }

    /// Why the PostgreSQL connection could be read or redirected on the
    /// network, if it could: a host other than this machine without
    /// `sslmode=verify-full` (or `verify-ca`), which alone check who
    /// answers; `prefer`, the default, falls back to clear text when told.
    fn unverified_database(&self) -> Option<String> {
        let url = &self.database.url;
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
        if self.privacy.cndp_authorisation.is_empty() {
            warnings.push(
                "AMOE_CNDP_AUTHORISATION is not set: the personal-data notice leaves out \
                 the CNDP's authorisation number; set it in production"
                    .into(),
            );
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Database, Mail, Privacy, Server};
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn a_remote_database_must_be_verified() {
        let with = |url: &str| Config {
            database: Database { url: url.into() },
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
            server: Server {
                public_url: "HTTPS://amoe.example.ma".into(),
                ..Server::default()
            },
            ..Config::default()
        };
        assert!(matches!(public.check(), Err(ConfigError::Unsafe(_))));
        let mailing = Config {
            mail: Mail {
                smtp_url: Some("smtps://mail.example.ma".into()),
                ..Mail::default()
            },
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
            privacy: Privacy {
                cndp_authorisation: "A-GC-123/2026".into(),
                ..Privacy::default()
            },
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
