//! One module per screen.

pub mod declare;
pub mod home;
pub mod learn;
pub mod not_found;
pub mod offices;
pub mod reexamination;
pub mod status;
pub mod universities;

/// The pages drawn at build time, by address, and the file each becomes
/// under `pages/<lang>/`; the last is any unknown address. Every other
/// address is a step of a journey, which shows personal data (each is a
/// route of the app: `tests/pages.rs`).
pub const DRAWN: [(&str, &str); 10] = [
    ("/", "index"),
    ("/learn/who-declares", "learn/who-declares"),
    ("/learn/steps", "learn/steps"),
    ("/learn/good-to-know", "learn/good-to-know"),
    ("/learn/claim-forms", "learn/claim-forms"),
    ("/universities", "universities"),
    ("/offices", "offices"),
    ("/declare", "declare"),
    ("/status", "status"),
    ("/not-a-page", "404"),
];
