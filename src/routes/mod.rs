//! One module per screen.

pub mod declare;
pub mod home;
pub mod not_found;
pub mod status;
pub mod universities;
