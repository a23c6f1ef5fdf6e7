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

/// The ids every mail of `reference` can have, after `rounds`
/// re-examinations (each has its request's mail, and may end in another
/// refusal): looked up one by one in the outbox's primary key, never by
/// scanning it for a prefix.
pub fn ids_of(reference: &str, rounds: i64) -> Vec<String> {
    let mut ids: Vec<String> = KINDS
        .iter()
        .map(|kind| format!("{reference}.{kind}"))
        .collect();
    for round in 1..=rounds {
        ids.push(round_id(&format!("{reference}.reexamination"), round));
        ids.push(round_id(&format!("{reference}.refused"), round));
        ids.push(round_id(&format!("{reference}.covered"), round));
    }
    ids
}

/// The id of a mail of the `round`-th re-examination (0: before any).
pub fn round_id(id: &str, round: i64) -> String {
    match round {
        0 => id.to_owned(),
        round => format!("{id}-{round}"),
    }
}
