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
