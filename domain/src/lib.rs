//! The AMOE domain: types and rules that the browser app and the API server
//! both compile, so the two can never disagree. No I/O lives here: no tokio,
//! no database, no browser API.

pub mod api;
pub mod day;
pub mod declaration;
pub mod lang;
pub mod operator;
pub mod reference;
pub mod search;
pub mod student;
mod text;

pub use day::Day;
pub use lang::Lang;
pub use reference::{Office, University};
