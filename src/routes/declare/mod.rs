//! Journey 1, "Declare": one question per page, GOV.UK style.

pub mod check;
pub mod confirmation;
pub mod contact;
pub mod coverage;
pub mod identity;
pub mod not_eligible;
pub mod question;
pub mod saved;
pub mod scheme;
pub mod start;
pub mod state;
pub mod steps;
pub mod university;
