//! The API over HTTP, as a client sees it.

mod app;
mod back_office;
mod declarations;
mod errors;
mod exports;
mod helpers;
mod mail;
mod metrics;
mod operator;
mod portal;
mod process;
mod reexaminations;
mod reference;
mod replicas;
mod retention;
mod rights;
mod rosters;
mod slow_clients;
mod status;
mod tallies;
mod tls;
mod trust;
