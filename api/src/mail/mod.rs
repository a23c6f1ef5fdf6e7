//! E-mails to students: what they say (`render`, from `locales/*/mail.ftl`)
//! and how they leave (`worker`, through the outbox table).

pub mod render;
pub mod worker;

/// A rendered e-mail, as the outbox keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// `<reference>.<kind>`: at most one mail per declaration and event.
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The kinds of mail a declaration can have, one each.
pub const KINDS: [&str; 3] = ["received", "covered", "refused"];

/// The ids every mail of `reference` can have: looked up one by one in the
/// outbox's primary key, never by scanning it for a prefix.
pub fn ids_of(reference: &str) -> [String; 3] {
    KINDS.map(|kind| format!("{reference}.{kind}"))
}
