//! The API over HTTP, as a client sees it.

mod app;
mod declarations;
mod errors;
mod helpers;
mod operator;
mod process;
mod reference;
mod status;
