//! University portals that vouch for their logged-in student: a short-lived
//! token the portal signs (a JWT, EdDSA with Ed25519 or ES256 with P-256)
//! carrying the student's CIN, Massar code, names, birth date and
//! university. Each portal is configured by its origin (the token's `iss`),
//! its university and its public key (`AMOE_PORTAL_KEYS`); a token is for
//! this service only (`aud` is its public address), lives ten minutes at
//! most and is used once (its `jti`, recorded with the declaration).

use amoe_domain::declaration::UniversityId;
use amoe_domain::messages::PortalIdentity;
use amoe_domain::student::{BirthDate, Cin, MassarCode, PersonName};
use amoe_domain::{Day, declaration::DeclarationForm};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use std::sync::Arc;

/// The longest life a token may have (`exp - iat`), in seconds.
pub const MAX_LIFETIME_SECS: i64 = 600;
/// Clock difference tolerated between a portal and this service.
const LEEWAY_SECS: u64 = 30;

#[derive(Clone)]
pub struct Portal {
    /// `https://ent.um5.ac.ma`: the token's issuer.
    pub origin: String,
    /// The only university this portal vouches for.
    pub university: UniversityId,
    algorithm: Algorithm,
    key: DecodingKey,
}

impl std::fmt::Debug for Portal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Portal")
            .field("origin", &self.origin)
            .field("university", &self.university.as_str())
            .field("algorithm", &self.algorithm)
            .finish()
    }
}

/// The configured portals.
#[derive(Clone, Debug, Default)]
pub struct Portals(pub Arc<[Portal]>);

/// What a valid token vouches for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vouched {
    pub identity: PortalIdentity,
    /// The university whose portal vouched (`vouched_by`).
    pub university: String,
    /// Names the token for its single use: the issuer and its `jti`.
    pub token_id: String,
    pub expires_at: i64,
}

impl Vouched {
    /// The declaration's identity fields become the vouched ones, whatever
    /// the browser sent.
    pub fn apply(&self, form: &mut DeclarationForm) {
        form.take_identity(&self.identity.form());
    }
}

/// Why a token is refused (logged; the client only hears
/// `invalid_portal_token`).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("not a JWT")]
    Malformed,
    #[error("no portal is configured for this issuer")]
    UnknownIssuer,
    #[error("the signature, audience, issuer or expiry does not verify: {0}")]
    Invalid(String),
    #[error("the token lives longer than {MAX_LIFETIME_SECS} seconds")]
    TooLong,
    #[error("the claims are not a valid identity ({0})")]
    Claims(&'static str),
    #[error("the token is for another university than its portal's")]
    WrongUniversity,
}

#[derive(serde::Deserialize)]
struct Issuer {
    iss: String,
}

#[derive(serde::Deserialize)]
struct Claims {
    iat: i64,
    exp: i64,
    jti: String,
    cin: String,
    massar: String,
    last_name: String,
    first_name: String,
    birth_date: String,
    university: String,
}

impl Portals {
    /// `ORIGIN UNIVERSITY KEY` entries separated by `;` or new lines, KEY
    /// being the base64 of the public key's DER (the lines of its PEM
    /// between BEGIN and END, joined).
    pub fn parse(text: &str) -> Result<Portals, String> {
        let mut portals = Vec::new();
        for entry in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let parts: Vec<&str> = entry.split_whitespace().collect();
            let [origin, university, key] = parts[..] else {
                return Err(format!(
                    "{entry:?} is not ORIGIN UNIVERSITY PUBLIC-KEY (base64 of its DER)"
                ));
            };
            let origin = parse_origins(origin)?
                .pop()
                .ok_or_else(|| format!("{entry:?} names no origin"))?;
            let university = UniversityId::parse(university)
                .map_err(|_| format!("{university:?} is not a university id (um5, uit, …)"))?;
            let der = STANDARD
                .decode(key)
                .map_err(|_| format!("the key of {origin} is not base64"))?;
            let pem = format!(
                "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
                STANDARD.encode(&der)
            );
            let (algorithm, key) = if contains(&der, &[0x06, 0x03, 0x2b, 0x65, 0x70]) {
                (Algorithm::EdDSA, DecodingKey::from_ed_pem(pem.as_bytes()))
            } else if contains(&der, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]) {
                (Algorithm::ES256, DecodingKey::from_ec_pem(pem.as_bytes()))
            } else {
                return Err(format!(
                    "the key of {origin} is neither Ed25519 nor P-256 (ES256)"
                ));
            };
            let key = key.map_err(|e| format!("the key of {origin} cannot be read: {e}"))?;
            portals.push(Portal {
                origin,
                university,
                algorithm,
                key,
            });
        }
        Ok(Portals(portals.into()))
    }

    /// Checks `token` at `now` (Unix seconds) for this service's
    /// `audience`. Single use is the database's part.
    pub fn verify(&self, token: &str, audience: &str, now: i64) -> Result<Vouched, TokenError> {
        let payload = token.split('.').nth(1).ok_or(TokenError::Malformed)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| TokenError::Malformed)?;
        let issuer: Issuer = serde_json::from_slice(&payload).map_err(|_| TokenError::Malformed)?;
        let portal = self
            .0
            .iter()
            .find(|p| p.origin == issuer.iss)
            .ok_or(TokenError::UnknownIssuer)?;
        let mut validation = Validation::new(portal.algorithm);
        validation.set_audience(&[audience.trim_end_matches('/')]);
        validation.set_issuer(&[portal.origin.as_str()]);
        validation.set_required_spec_claims(&["exp", "iat", "aud", "iss"]);
        validation.leeway = LEEWAY_SECS;
        // Expiry is checked below against the service's own clock.
        validation.validate_exp = false;
        let claims = jsonwebtoken::decode::<Claims>(token, &portal.key, &validation)
            .map_err(|e| TokenError::Invalid(e.to_string()))?
            .claims;
        let leeway = LEEWAY_SECS as i64;
        if claims.exp + leeway < now || claims.iat - leeway > now {
            return Err(TokenError::Invalid(
                "expired or issued in the future".into(),
            ));
        }
        if claims.exp - claims.iat > MAX_LIFETIME_SECS {
            return Err(TokenError::TooLong);
        }
        if claims.jti.trim().is_empty() || claims.jti.len() > 200 {
            return Err(TokenError::Claims("jti"));
        }
        if claims.university != portal.university.as_str() {
            return Err(TokenError::WrongUniversity);
        }
        let cin = Cin::parse(&claims.cin).map_err(|_| TokenError::Claims("cin"))?;
        let massar = MassarCode::parse(&claims.massar).map_err(|_| TokenError::Claims("massar"))?;
        let last_name =
            PersonName::parse(&claims.last_name).map_err(|_| TokenError::Claims("last_name"))?;
        let first_name =
            PersonName::parse(&claims.first_name).map_err(|_| TokenError::Claims("first_name"))?;
        let birth = Day::parse(&claims.birth_date).map_err(|_| TokenError::Claims("birth_date"))?;
        BirthDate::try_from(birth.to_string()).map_err(|_| TokenError::Claims("birth_date"))?;
        let (day, month, year) = birth.parts();
        Ok(Vouched {
            identity: PortalIdentity {
                cin: cin.as_str().to_owned(),
                massar: massar.as_str().to_owned(),
                last_name: last_name.as_str().to_owned(),
                first_name: first_name.as_str().to_owned(),
                birth_day: day.to_string(),
                birth_month: month.to_string(),
                birth_year: year.to_string(),
                university: portal.university.as_str().to_owned(),
            },
            university: portal.university.as_str().to_owned(),
            token_id: format!("{} {}", portal.origin, claims.jti.trim()),
            expires_at: claims.exp,
        })
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Origins separated by commas or spaces, each `http(s)://host[:port]`
/// with nothing after it: they go into a CSP header as they are, so
/// anything else (a path, a quote, a `;`) is refused rather than passed on.
pub fn parse_origins(text: &str) -> Result<Vec<String>, String> {
    text.split([',', ' '])
        .filter(|item| !item.is_empty())
        .map(|item| {
            let fail = || format!("{item:?} is not an origin such as https://ent.example.ac.ma");
            let uri: axum::http::Uri = item.parse().map_err(|_| fail())?;
            let scheme = uri.scheme_str().filter(|s| matches!(*s, "http" | "https"));
            let authority = uri.authority().filter(|a| {
                !a.host().is_empty()
                    && !a.as_str().contains('@')
                    && a.host().chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':')
                    })
            });
            let bare = item.trim_end_matches('/').len()
                == scheme.map_or(0, str::len) + 3 + authority.map_or(0, |a| a.as_str().len());
            match (scheme, authority) {
                (Some(scheme), Some(authority)) if bare => Ok(format!(
                    "{scheme}://{}",
                    authority.as_str().to_ascii_lowercase()
                )),
                _ => Err(fail()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_origins;

    #[test]
    fn portal_origins_are_scheme_host_and_port_only() {
        assert_eq!(
            parse_origins("https://ent.um5.ac.ma, http://127.0.0.1:8081 HTTPS://Moodle.UIT.ac.ma/")
                .unwrap(),
            [
                "https://ent.um5.ac.ma",
                "http://127.0.0.1:8081",
                "https://moodle.uit.ac.ma"
            ]
        );
        for bad in [
            "ent.um5.ac.ma",
            "ftp://ent.um5.ac.ma",
            "https://ent.um5.ac.ma/portal",
            "https://ent.um5.ac.ma?x=1",
            "https://user@ent.um5.ac.ma",
            "https://ent.um5.ac.ma;script-src",
            "'unsafe-inline'",
            "*",
        ] {
            assert!(parse_origins(bad).is_err(), "{bad}");
        }
    }
}
