//! The server's secret (`AMOE_SECRET`) and the keyed hashes made with it:
//! HMAC-SHA256, so that the rate-limit table holds neither a CIN, an
//! e-mail address nor an IP address, nor anything a dictionary of them
//! could reverse without the secret.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

/// The development value, used when `AMOE_SECRET` is not set: the server
/// warns at start-up, and refuses it with an `https://` public address.
pub const DEVELOPMENT_SECRET: &str = "amoe-development-secret: set AMOE_SECRET in production";

/// The shortest secret accepted for a public (`https://`) deployment.
pub const MIN_PRODUCTION_BYTES: usize = 32;

#[derive(Clone)]
pub struct Secret(Arc<[u8]>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// The development value: a service that was given no secret.
impl Default for Secret {
    fn default() -> Self {
        Secret::new(DEVELOPMENT_SECRET)
    }
}

impl Secret {
    pub fn new(value: &str) -> Secret {
        Secret(value.as_bytes().into())
    }

    pub fn is_development(&self) -> bool {
        &*self.0 == DEVELOPMENT_SECRET.as_bytes()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Hex HMAC-SHA256 of `parts`, each followed by a zero byte: a
    /// signature only the server can make.
    pub fn sign(&self, parts: &[&str]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// The digest a roster keeps of a student (its first 128 bits): the
    /// university, the academic year and the CIN, Massar code and birth
    /// date as the declaration stores them. Only the server can make one,
    /// so a roster's table reveals no one, even to a dictionary of CINs.
    pub fn enrolment(&self, university: &str, year: &str, student: [&str; 3]) -> u128 {
        let [cin, massar, birth_date] = student;
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in ["roster", university, year, cin, massar, birth_date] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        let digest = mac.finalize().into_bytes();
        let mut first = [0; 16];
        first.copy_from_slice(&digest[..16]);
        u128::from_be_bytes(first)
    }

    /// `kind:<hex HMAC-SHA256 of kind ‖ 0 ‖ value>`: a rate-limit bucket
    /// or any other name that must not reveal `value`.
    pub fn bucket(&self, kind: &str, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut name = String::with_capacity(kind.len() + 1 + 64);
        name.push_str(kind);
        name.push(':');
        for byte in digest {
            name.push_str(&format!("{byte:02x}"));
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_keyed_and_typed() {
        let one = Secret::new("one secret of enough length, 32+ bytes");
        let other = Secret::new("another secret of enough length, 32+");
        let a = one.bucket("cin", "AB123456");
        assert!(a.starts_with("cin:") && a.len() == 4 + 64, "{a}");
        assert!(!a.contains("AB123456"));
        assert_eq!(a, one.bucket("cin", "AB123456"));
        assert_ne!(a, other.bucket("cin", "AB123456"));
        assert_ne!(a, one.bucket("email", "AB123456"));
        // RFC 4231, test case 2: the hash is HMAC-SHA256, not a plain digest.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            format!("{:x}", mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
