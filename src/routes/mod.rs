//! One module per screen.

pub mod declare;
pub mod home;
pub mod learn;
pub mod not_found;
pub mod offices;
pub mod status;
pub mod universities;
