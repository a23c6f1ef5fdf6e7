//! Every limit of the service, with its default and why: a whole campus
//! or a mobile operator's carrier-grade NAT puts thousands of students
//! behind one IPv4 address, so limits per address are sized for 5,000
//! students in a busy hour, and the real work is done per CIN and per
//! e-mail address. Each kind of request has buckets of its own: no limit
//! of one kind ever blocks a request of another kind.

use crate::db::rate_limits::Limit;
use crate::secret::Secret;
use amoe_domain::student::Email;
use std::net::IpAddr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Failed status lookups per address (IPv4, or IPv6 /64), in bursts
    /// of 2,000: a lookup that finds the student never counts, nor is
    /// refused here, so a campus behind one NAT always sees its own
    /// status, whoever there guesses.
    pub status_per_address: Limit,
    /// Failed status lookups per CIN from one network (an IPv4 address, an
    /// IPv6 /48): the guessing limit.
    /// A lookup takes a token before it looks, and one that finds the
    /// student gives it back.
    pub status_failures_per_cin: Limit,
    /// Failed status lookups per CIN from all addresses: a ceiling that
    /// guesses spread over many addresses meet, and that one address alone
    /// cannot reach (it would lock the student's status page).
    pub status_failures_per_cin_total: Limit,
    /// Declarations per address under a CIN that has one this academic
    /// year already (where squatting and guessing happen), in bursts of
    /// 100. A CIN's first declaration of the year, and one a portal vouches
    /// for, are never counted nor refused here: a campus behind one NAT
    /// always declares.
    pub declarations_per_address: Limit,
    /// Unvouched declarations under a CIN, per CIN from one network (an
    /// IPv4 address, an IPv6 /48): past it, each costs a proof of work,
    /// twice as large for each further one from that network. Nothing caps
    /// a CIN's declarations, so this is what keeps guesses through
    /// declarations (a `201` for wrong details, a `409` for right ones) as
    /// dear as guesses through the status page. The first counts too, so
    /// that when the puzzles start does not tell whether the CIN declared.
    pub further_declarations_per_cin: Limit,
    /// The same from all addresses: past it, each costs a proof of work,
    /// larger with each, up to a ceiling a student solves in seconds.
    pub further_declarations_per_cin_total: Limit,
    /// Declarations stored per e-mail mailbox (`name+x@` and Gmail's dots
    /// count as one) per day: a family may share an address, a bot may
    /// not use one to mail-bomb it.
    pub declarations_per_email: Limit,
    /// `409 already_declared` answers per CIN: each says that a CIN,
    /// Massar code and birth date declared this year.
    pub conflicts_per_cin: Limit,
    /// Mails queued per recipient mailbox per day, whatever causes them.
    pub mails_per_recipient: Limit,
    /// Passkey ceremonies started (enrolment, sign-in) per address: each
    /// keeps a challenge on the server for a few minutes.
    pub passkeys_per_address: Limit,
    /// Roster uploads (dry runs too) per university: each reads a file of
    /// up to hundreds of thousands of rows.
    pub roster_uploads: Limit,
    /// Requests for a re-examination that found their declaration, per
    /// CIN: a refused student asks once per decision, and each request
    /// takes a write transaction under the CIN's lock.
    pub reexaminations_per_cin: Limit,
    /// The puzzles a status lookup solves once its CIN's allowance of
    /// failures is spent, instead of being refused.
    pub proofs: crate::proof::Puzzles,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            status_per_address: Limit {
                max: 20_000,
                window_secs: 3600,
                burst: 2_000,
            },
            status_failures_per_cin: Limit::per(5, 3600),
            status_failures_per_cin_total: Limit {
                max: 30,
                window_secs: 3600,
                burst: 15,
            },
            declarations_per_address: Limit {
                max: 1_000,
                window_secs: 3600,
                burst: 100,
            },
            declarations_per_email: Limit::per(3, 86_400),
            further_declarations_per_cin: Limit::per(5, 86_400),
            further_declarations_per_cin_total: Limit {
                max: 10,
                window_secs: 86_400,
                burst: 5,
            },
            conflicts_per_cin: Limit::per(10, 3600),
            mails_per_recipient: Limit::per(10, 86_400),
            passkeys_per_address: Limit {
                max: 600,
                window_secs: 3600,
                burst: 60,
            },
            roster_uploads: Limit {
                max: 30,
                window_secs: 86_400,
                burst: 10,
            },
            reexaminations_per_cin: Limit::per(5, 3600),
            proofs: crate::proof::Puzzles::default(),
        }
    }
}

/// Where a limit sits in [`Limits`].
pub type Field = fn(&mut Limits) -> &mut Limit;

/// The environment variables of each limit: `<PREFIX>_MAX`,
/// `<PREFIX>_WINDOW_SECS` and `<PREFIX>_BURST`.
pub const VARIABLES: [(&str, Field); 12] = [
    ("AMOE_STATUS_ADDRESS", |l| &mut l.status_per_address),
    ("AMOE_STATUS_CIN", |l| &mut l.status_failures_per_cin),
    ("AMOE_STATUS_CIN_TOTAL", |l| {
        &mut l.status_failures_per_cin_total
    }),
    ("AMOE_DECLARE_ADDRESS", |l| &mut l.declarations_per_address),
    ("AMOE_DECLARE_EMAIL", |l| &mut l.declarations_per_email),
    ("AMOE_DECLARE_CIN", |l| &mut l.further_declarations_per_cin),
    ("AMOE_DECLARE_CIN_TOTAL", |l| {
        &mut l.further_declarations_per_cin_total
    }),
    ("AMOE_CONFLICTS_CIN", |l| &mut l.conflicts_per_cin),
    ("AMOE_MAILS_RECIPIENT", |l| &mut l.mails_per_recipient),
    ("AMOE_PASSKEY_ADDRESS", |l| &mut l.passkeys_per_address),
    ("AMOE_ROSTER_UPLOADS", |l| &mut l.roster_uploads),
    ("AMOE_REEXAMINATIONS_CIN", |l| &mut l.reexaminations_per_cin),
];

/// Limits no longer kept, each with why: start-up refuses them, rather
/// than let an operator believe they hold.
pub const REMOVED: [(&str, &str); 1] = [(
    "AMOE_DECLARATIONS_PER_CIN_YEAR",
    "nothing caps a CIN's declarations any more (the cap barred the student once someone filled it); the fund sets made-up ones aside",
)];

/// Variables of earlier limits, refused at start-up rather than ignored.
pub const RENAMED: [(&str, &str); 4] = [
    ("AMOE_STATUS_IP_MAX", "AMOE_STATUS_ADDRESS_MAX"),
    (
        "AMOE_STATUS_IP_WINDOW_SECS",
        "AMOE_STATUS_ADDRESS_WINDOW_SECS",
    ),
    ("AMOE_CONFLICTS_IP_MAX", "AMOE_CONFLICTS_CIN_MAX"),
    (
        "AMOE_CONFLICTS_IP_WINDOW_SECS",
        "AMOE_CONFLICTS_CIN_WINDOW_SECS",
    ),
];

/// What an address is counted as: an IPv4 address alone (the NAT's one
/// address stands for everyone behind it), an IPv6 client by its /64 (one
/// subscriber's whole network, which hands it 2^64 addresses).
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// What a network is counted as, for guesses at one CIN: an IPv4 address
/// alone, an IPv6 client by its /48 (what a site, or a hosting customer,
/// is given): a guesser handed a /48 has 65,536 /64s, and they share one
/// allowance and one doubling puzzle at a CIN.
pub fn network_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
        _ => address_key(ip),
    }
}

/// The bucket names, keyed with the secret: the table holds no address,
/// CIN or e-mail address.
pub struct Buckets<'a>(pub &'a Secret);

impl Buckets<'_> {
    pub fn status_address(&self, ip: IpAddr) -> String {
        self.0.bucket("status-address", &address_key(ip))
    }
    pub fn status_cin(&self, cin: &str, ip: IpAddr) -> String {
        self.0
            .bucket("status-cin", &format!("{cin}\u{0}{}", network_key(ip)))
    }
    pub fn status_cin_total(&self, cin: &str) -> String {
        self.0.bucket("status-cin-total", cin)
    }
    pub fn declare_address(&self, ip: IpAddr) -> String {
        self.0.bucket("declare-address", &address_key(ip))
    }
    pub fn declare_cin(&self, cin: &str, ip: IpAddr) -> String {
        self.0
            .bucket("declare-cin", &format!("{cin}\u{0}{}", network_key(ip)))
    }
    pub fn declare_cin_total(&self, cin: &str) -> String {
        self.0.bucket("declare-cin-total", cin)
    }
    pub fn declare_email(&self, mailbox: &str) -> String {
        self.0.bucket("declare-email", mailbox)
    }
    pub fn conflicts_cin(&self, cin: &str) -> String {
        self.0.bucket("conflicts-cin", cin)
    }
    /// The bucket of the mailbox a mail goes to (`name+x@` and Gmail's
    /// dots count as one mailbox).
    pub fn mails_to(&self, recipient: &str) -> String {
        let mailbox = Email::parse(recipient)
            .map(|email| email.mailbox_key())
            .unwrap_or_else(|_| recipient.to_lowercase());
        self.0.bucket("mails-recipient", &mailbox)
    }
    pub fn passkey_address(&self, ip: IpAddr) -> String {
        self.0.bucket("passkey-address", &address_key(ip))
    }
    pub fn roster_uploads(&self, university: &str) -> String {
        self.0.bucket("roster-uploads", university)
    }
    pub fn reexaminations_cin(&self, cin: &str) -> String {
        self.0.bucket("reexaminations-cin", cin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_counts_per_64_and_mapped_ipv4_as_ipv4() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(address_key(ip("41.250.3.7")), "41.250.3.7");
        assert_eq!(address_key(ip("::ffff:41.250.3.7")), "41.250.3.7");
        assert_eq!(
            address_key(ip("2a01:cb00:1:2:aaaa:bbbb:cccc:dddd")),
            "2a01:cb00:1:2::/64"
        );
        assert_eq!(
            address_key(ip("2a01:cb00:1:2::1")),
            address_key(ip("2a01:cb00:1:2:ffff::9"))
        );
        assert_ne!(
            address_key(ip("2a01:cb00:1:2::1")),
            address_key(ip("2a01:cb00:1:3::1"))
        );
    }

    #[test]
    fn guesses_at_a_cin_count_per_48() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(network_key(ip("2a01:cb00:1:2::1")), "2a01:cb00:1::/48");
        assert_eq!(
            network_key(ip("2a01:cb00:1:2::1")),
            network_key(ip("2a01:cb00:1:ffff::9"))
        );
        assert_ne!(
            network_key(ip("2a01:cb00:1:2::1")),
            network_key(ip("2a01:cb00:2:2::1"))
        );
        assert_eq!(network_key(ip("41.250.3.7")), "41.250.3.7");
        assert_eq!(network_key(ip("::ffff:41.250.3.7")), "41.250.3.7");
    }
}
