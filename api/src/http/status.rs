//! `POST /api/status`: a student's declarations and their timelines, found
//! with CIN + Massar code + date of birth. A POST, so that CIN and birth
//! date never appear in a URL or a log.
//!
//! An unknown student and a wrong combination take the same path (the same
//! query, then the same constant-time comparison, against a dummy when there
//! is nothing to compare with) and get the same answer. Guessing is limited
//! per client IP and, for failures, per CIN; the counters live in the
//! database so they hold across replicas.

use super::ApiContext;
use super::extract::{ClientIp, Json};
use crate::db::declarations::{self, Found};
use crate::db::rate_limits;
use crate::error::Error;
use amoe_domain::api::StatusResponse;
use amoe_domain::declaration::LookupForm;
use axum::extract::State;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

pub async fn lookup(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    Json(form): Json<LookupForm>,
) -> Result<axum::Json<StatusResponse>, Error> {
    let now = OffsetDateTime::now_utc();
    let seconds = now.unix_timestamp();
    let pool = &ctx.db.pool;

    let per_ip = ctx.status_per_ip;
    let ip_bucket = format!("ip:{client}");
    if rate_limits::hit(pool, &ip_bucket, per_ip.window(seconds)).await? > per_ip.max {
        return Err(Error::TooManyRequests {
            retry_after: per_ip.retry_after(seconds),
        });
    }

    let today = now.to_offset(super::declarations::MOROCCO).date();
    let lookup = form.parse(today).map_err(Error::InvalidFields)?;

    let per_cin = ctx.status_failures_per_cin;
    let cin_bucket = format!("cin:{}", keyed_hash(&ctx.secret, &[lookup.cin.as_str()]));
    let cin_window = per_cin.window(seconds);
    if rate_limits::hits(pool, &cin_bucket, cin_window).await? >= per_cin.max {
        return Err(Error::TooManyRequests {
            retry_after: per_cin.retry_after(seconds),
        });
    }

    let found = declarations::by_cin(pool, lookup.cin.as_str()).await?;
    let presented = proof(lookup.massar.as_str(), &lookup.birth_date.to_string());
    // The newest declaration carries the student's Massar code and birth
    // date; with none, compare with a dummy all the same.
    let expected = found
        .first()
        .map_or_else(|| proof("", ""), |f| proof(&f.massar, &f.birth_date));
    let matches: bool = presented.ct_eq(&expected).into();
    if !matches || found.is_empty() {
        rate_limits::hit(pool, &cin_bucket, cin_window).await?;
        return Err(Error::NoMatch);
    }

    let mut declarations = Vec::with_capacity(found.len());
    for Found { mut status, .. } in found {
        status.events = declarations::events(pool, &status.reference).await?;
        declarations.push(status);
    }
    Ok(axum::Json(StatusResponse { declarations }))
}

/// What a lookup must present: a digest of the Massar code and birth date.
fn proof(massar: &str, birth_date: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(massar.as_bytes())
        .chain_update([0])
        .chain_update(birth_date.as_bytes())
        .finalize()
        .into()
}

/// A hex SHA-256 of the parts keyed with the server's secret.
fn keyed_hash(secret: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new().chain_update(secret.as_bytes());
    for part in parts {
        hasher.update([0]);
        hasher.update(part.as_bytes());
    }
    format!("{:x}", hasher.finalize())
}
