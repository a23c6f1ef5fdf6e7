//! The e-mail address the fund writes to with its decision (required).

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

/// An address as `email_address` (RFC 5321/5322) accepts it, with a domain
/// that has a dot (`name@gmail` is a typo here, not an intranet), no display
/// name, no IP literal; trimmed, the domain lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

pub const MAX_CHARS: usize = 254;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address is too long")]
    TooLong,
    #[error("the e-mail address is not valid")]
    Invalid,
}

impl EmailError {
    /// Every variant (the locale test checks each has a message).
    pub const ALL: [EmailError; 3] = [EmailError::Empty, EmailError::TooLong, EmailError::Invalid];

    pub fn code(self) -> &'static str {
        match self {
            EmailError::Empty => "email_empty",
            EmailError::TooLong => "email_too_long",
            EmailError::Invalid => "email_invalid",
        }
    }
}

impl Email {
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(EmailError::Empty);
        }
        if input.chars().count() > MAX_CHARS {
            return Err(EmailError::TooLong);
        }
        let options = Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
            ..Options::default()
        };
        let address =
            EmailAddress::parse_with_options(input, options).map_err(|_| EmailError::Invalid)?;
        Ok(Email(format!(
            "{}@{}",
            address.local_part(),
            address.domain().to_lowercase()
        )))
    }
}

crate::text::parsed_text!(Email, EmailError);

impl Email {
    /// The mailbox this address reaches, for counting mails and
    /// declarations per recipient: case folded, a `+tag` dropped (most
    /// providers deliver `name+x@` to `name@`), and Gmail's dots, which it
    /// ignores, removed. Never used to send.
    pub fn mailbox_key(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or(("", &self.0));
        let local = local.to_lowercase();
        let local = local.split('+').next().unwrap_or_default();
        match domain {
            "gmail.com" | "googlemail.com" => format!("{}@gmail.com", local.replace('.', "")),
            _ => format!("{local}@{domain}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(
            Email::parse(" Amina.B@Gmail.COM ").unwrap().as_str(),
            "Amina.B@gmail.com"
        );
        assert!(Email::parse("etudiant+amoe@um5.ac.ma").is_ok());
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        assert_eq!(Email::parse("  "), Err(EmailError::Empty));
        assert_eq!(Email::parse("amina.gmail.com"), Err(EmailError::Invalid));
        assert_eq!(Email::parse("amina@gmail"), Err(EmailError::Invalid));
        assert_eq!(
            Email::parse("Amina <amina@gmail.com>"),
            Err(EmailError::Invalid)
        );
        assert_eq!(Email::parse("amina@[127.0.0.1]"), Err(EmailError::Invalid));
        assert_eq!(Email::parse("a b@gmail.com"), Err(EmailError::Invalid));
        let long = format!("{}@gmail.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn one_mailbox_however_the_address_is_dressed() {
        let key = |text: &str| Email::parse(text).unwrap().mailbox_key();
        assert_eq!(key("Amina.B+amoe1@Gmail.com"), "aminab@gmail.com");
        assert_eq!(key("aminab@googlemail.com"), "aminab@gmail.com");
        assert_eq!(key("A.Mina+x@um5.ac.ma"), "a.mina@um5.ac.ma");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(input in "[a-zA-Z0-9._+@-]{0,30}") {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
        }
    }
}
