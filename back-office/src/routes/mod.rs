//! One module per screen.

pub mod case;
pub mod dashboard;
pub mod enrol;
pub mod import;
pub mod not_found;
pub mod roster;
pub mod search;
pub mod sign_in;
