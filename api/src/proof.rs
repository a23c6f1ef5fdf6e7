//! Proofs of work: what a status lookup for a CIN under attack costs
//! instead of a lockout. Once a CIN's allowance of failed lookups is spent,
//! a lookup for it must bring the answer to a puzzle the server set, in
//! the spirit of ALTCHA: the number `n` (at most `max`) whose SHA-256 of
//! `salt ‖ n` is the challenge. The browser tries each `n` in turn, off
//! the main thread; the server checks one hash and one HMAC.
//!
//! Nothing is kept of a puzzle the server sets: the challenge carries its
//! expiry in its salt, and an HMAC over the CIN, the salt, `max` and the
//! challenge, so a puzzle is good for one CIN only, for a few minutes, and
//! cannot be made easier. A solved puzzle is spent (`spent_proofs`) until
//! it expires. Puzzles grow with every failure past the allowance that is
//! still in the window, up to a ceiling that keeps the student's own
//! lookup to seconds.
//!
//! Both travel in headers (`AMOE-Challenge` on the `428`, `AMOE-Proof`
//! on the lookup sent again): the lookup's body stays the three details.

use crate::secret::Secret;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The header of a `428 proof_required` that carries the puzzle.
pub const CHALLENGE_HEADER: &str = "amoe-challenge";
/// The header of a lookup that carries its solution.
pub const PROOF_HEADER: &str = "amoe-proof";

/// The largest puzzle ever set: a number JavaScript counts to exactly.
pub const LARGEST: u64 = (1 << 52) - 1;

/// How long a puzzle may be solved in, in seconds: a slow phone's worst
/// case, and then some.
pub const LIFETIME_SECS: i64 = 300;

/// How hard the puzzles are: `base` numbers to try at most for the first;
/// one more `base` for each failure past the CIN's allowance from all
/// addresses still in the window, `steps` of them at most, so that a
/// student coming from elsewhere solves one in seconds however many
/// guessed; and twice as many for each failure past the allowance from the
/// lookup's own address (up to 2^`doublings`): guessing from one address
/// soon costs hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Puzzles {
    pub base: u64,
    pub steps: u64,
    pub doublings: u32,
}

impl Default for Puzzles {
    /// About a second for a mid-range phone's browser on average at the
    /// first step (see `docs/operating.md` for the figures measured).
    fn default() -> Self {
        Puzzles {
            base: 50_000,
            steps: 8,
            doublings: 24,
        }
    }
}

impl Puzzles {
    /// The largest number of the puzzle set after `here` failures past
    /// the allowance from the lookup's address and `everywhere` from all
    /// addresses.
    pub fn max_number(&self, here: u64, everywhere: u64) -> u64 {
        let steps = everywhere.saturating_add(1).min(self.steps.max(1));
        let doublings = u32::try_from(here).unwrap_or(u32::MAX).min(self.doublings);
        self.base
            .saturating_mul(steps)
            .saturating_mul(1u64 << doublings.min(52))
            .min(LARGEST)
    }
}

/// A puzzle as the `AMOE-Challenge` header carries it:
/// `<salt>.<max>.<challenge>.<signature>`, the salt `<expires>-<random>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub salt: String,
    pub max: u64,
    pub challenge: String,
    pub signature: String,
}

impl std::fmt::Display for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}.{}.{}.{}",
            self.salt, self.max, self.challenge, self.signature
        )
    }
}

/// What a puzzle is for: it proves for that only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A status lookup.
    Status,
    /// A further declaration under a CIN.
    Declare,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Status => "status",
            Purpose::Declare => "declare",
        }
    }
}

/// Sets a puzzle for `purpose` under `cin` at `now` (Unix seconds),
/// `number` (at most `max`) its answer.
pub fn set(
    secret: &Secret,
    purpose: Purpose,
    cin: &str,
    max: u64,
    number: u64,
    now: i64,
) -> Challenge {
    let mut random = [0u8; 12];
    getrandom::fill(&mut random).expect("the operating system provides randomness");
    let salt = format!("{}-{}", now + LIFETIME_SECS, hex(&random));
    let challenge = digest(&salt, number.min(max));
    let signature = sign(secret, purpose, cin, &salt, max, &challenge);
    Challenge {
        salt,
        max,
        challenge,
        signature,
    }
}

/// A random answer in `0..=max`.
pub fn draw(max: u64) -> u64 {
    getrandom::u64().expect("the operating system provides randomness") % max.saturating_add(1)
}

/// A solution as the `AMOE-Proof` header carries it:
/// `<salt>.<max>.<number>.<signature>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    pub salt: String,
    pub max: u64,
    pub number: u64,
    pub signature: String,
}

impl Proof {
    pub fn parse(header: &str) -> Option<Proof> {
        let mut parts = header.trim().split('.');
        let proof = Proof {
            salt: parts.next()?.to_owned(),
            max: parts.next()?.parse().ok()?,
            number: parts.next()?.parse().ok()?,
            signature: parts.next()?.to_owned(),
        };
        (parts.next().is_none() && proof.salt.len() <= 64 && proof.signature.len() == 64)
            .then_some(proof)
    }

    /// Whether this solves a puzzle the server set for `purpose` under
    /// `cin`, still good at `now` (Unix seconds). Whether it was spent
    /// already, or is as large as the CIN's failures now ask, is the
    /// caller's to say.
    pub fn solves(&self, secret: &Secret, purpose: Purpose, cin: &str, now: i64) -> bool {
        let Some(expires) = self.expires() else {
            return false;
        };
        if expires < now || expires > now + LIFETIME_SECS || self.number > self.max {
            return false;
        }
        let challenge = digest(&self.salt, self.number);
        let expected = sign(secret, purpose, cin, &self.salt, self.max, &challenge);
        expected.as_bytes().ct_eq(self.signature.as_bytes()).into()
    }

    /// When the puzzle expires (Unix seconds), read from its salt.
    pub fn expires(&self) -> Option<i64> {
        self.salt.split_once('-')?.0.parse().ok()
    }
}

/// The challenge of `salt` and `number`: hex SHA-256 of `salt ‖ number`.
fn digest(salt: &str, number: u64) -> String {
    hex(&Sha256::new()
        .chain_update(salt.as_bytes())
        .chain_update(number.to_string().as_bytes())
        .finalize())
}

fn sign(
    secret: &Secret,
    purpose: Purpose,
    cin: &str,
    salt: &str,
    max: u64,
    challenge: &str,
) -> String {
    secret.sign(&[
        "proof",
        purpose.as_str(),
        cin,
        salt,
        &max.to_string(),
        challenge,
    ])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(challenge: &Challenge) -> u64 {
        (0..=challenge.max)
            .find(|n| digest(&challenge.salt, *n) == challenge.challenge)
            .expect("a puzzle has an answer")
    }

    fn proof(challenge: &Challenge, number: u64) -> Proof {
        Proof {
            salt: challenge.salt.clone(),
            max: challenge.max,
            number,
            signature: challenge.signature.clone(),
        }
    }

    #[test]
    fn a_solved_puzzle_proves_for_its_cin_until_it_expires() {
        let secret = Secret::new("a secret of enough length for the tests");
        let now = 1_800_000_000;
        let challenge = set(
            &secret,
            Purpose::Status,
            "AB123456",
            1_000,
            draw(1_000),
            now,
        );
        let number = solve(&challenge);
        let header = format!(
            "{}.{}.{}.{}",
            challenge.salt, challenge.max, number, challenge.signature
        );
        let solved = Proof::parse(&header).unwrap();
        assert!(solved.solves(&secret, Purpose::Status, "AB123456", now + 10));
        // Another purpose, CIN or secret, too late, or a wrong number: no.
        assert!(!solved.solves(&secret, Purpose::Declare, "AB123456", now + 10));
        assert!(!solved.solves(&secret, Purpose::Status, "AB123457", now + 10));
        let other = Secret::new("another secret of enough length, too");
        assert!(!solved.solves(&other, Purpose::Status, "AB123456", now + 10));
        assert!(!solved.solves(
            &secret,
            Purpose::Status,
            "AB123456",
            now + LIFETIME_SECS + 1
        ));
        let wrong = (number + 1) % (challenge.max + 1);
        assert!(!proof(&challenge, wrong).solves(&secret, Purpose::Status, "AB123456", now));
        // Made easier: the signature no longer holds.
        let easier = Proof {
            max: 10,
            ..proof(&challenge, number)
        };
        assert!(!easier.solves(&secret, Purpose::Status, "AB123456", now));
    }

    #[test]
    fn headers_that_are_not_proofs_are_refused() {
        for header in [
            "",
            "a.b.c.d",
            "1-ab.10.3",
            "1-ab.10.3.short",
            "1-ab.x.3.sig",
        ] {
            assert_eq!(Proof::parse(header), None, "{header}");
        }
    }

    #[test]
    fn puzzles_grow_with_each_failure_and_double_for_one_address() {
        let puzzles = Puzzles {
            base: 100,
            steps: 4,
            doublings: 3,
        };
        let from_elsewhere: Vec<u64> = (0..6).map(|f| puzzles.max_number(0, f)).collect();
        assert_eq!(from_elsewhere, [100, 200, 300, 400, 400, 400]);
        let from_here: Vec<u64> = (0..6).map(|f| puzzles.max_number(f, f)).collect();
        assert_eq!(from_here, [100, 400, 1_200, 3_200, 3_200, 3_200]);
        let huge = Puzzles {
            base: u64::MAX / 2,
            steps: 1_000,
            doublings: 64,
        };
        assert_eq!(huge.max_number(1_000, 1_000), LARGEST);
    }
}
