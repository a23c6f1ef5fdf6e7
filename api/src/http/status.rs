//! `POST /api/status`: a student's declarations and their timelines, found
//! with CIN + Massar code + date of birth. A POST, so that CIN and birth
//! date never appear in a URL or a log.
//!
//! Only the declarations whose own Massar code and birth date match what
//! was typed are shown: anyone can type anyone's CIN, and a declaration
//! made under it with other details belongs to whoever made it. An unknown
//! student and a wrong combination take the same path (the same query,
//! then a constant-time comparison with each declaration) and get the same
//! answer. Guessing is limited per CIN and address, under a ceiling per
//! CIN, and lookups per address are sized for a campus behind one address.
//! Form errors count against none.

use super::ApiContext;
use super::extract::{ClientIp, Json};
use crate::db::declarations::{self, Found};
use crate::db::rate_limits::{self, Verdict};
use crate::error::Error;
use crate::limits::Buckets;
use amoe_domain::api::StatusResponse;
use amoe_domain::declaration::LookupForm;
use axum::extract::State;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `POST /api/status`: a student's declarations, found with their CIN,
/// Massar code and birth date.
#[utoipa::path(post, path = "/api/status", tag = "student",
    request_body(content = LookupForm, description = "The three details as typed (never in a URL)"),
    responses(
        (status = 200, description = "The declarations whose own Massar code and birth date these are", body = StatusResponse),
        (status = 404, description = "`no_match`: the same answer for an unknown student and a wrong combination", body = amoe_domain::api::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::api::ErrorBody),
        (status = 429, description = "`too_many_requests`: wait `Retry-After` seconds", body = amoe_domain::api::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn lookup(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    Json(form): Json<LookupForm>,
) -> Result<axum::Json<StatusResponse>, Error> {
    let now_ms = ctx.clock.now_ms();
    let pool = &ctx.db.pool;
    let limits = ctx.limits;
    let buckets = Buckets(&ctx.secret);

    let lookup = form
        .parse(ctx.clock.today().date())
        .map_err(Error::InvalidFields)?;

    let found = declarations::by_cin(pool, lookup.cin.as_str()).await?;
    let presented = proof(lookup.massar.as_str(), &lookup.birth_date.to_string());
    // Compare with every declaration of the CIN, each in constant time.
    let mut mine = Vec::new();
    for Found {
        massar,
        birth_date,
        status,
    } in found
    {
        let matches: bool = proof(&massar, &birth_date).ct_eq(&presented).into();
        if matches {
            mine.push(status);
        }
    }

    // The CIN's buckets first: guesses at one CIN stop there, and never
    // empty the bucket of the address that a whole campus shares. One
    // address gets the CIN's allowance; all addresses together a ceiling.
    // A failure takes a token from each (one atomic statement each, so
    // parallel guesses cannot overrun them); a match takes none, but waits
    // while either is empty, like a guess, and runs the very same
    // statements: otherwise the answer or its time would tell the guesser
    // when they are right.
    let failed = mine.is_empty();
    let per_cin = [
        (
            buckets.status_cin(lookup.cin.as_str(), client),
            limits.status_failures_per_cin,
            "status-cin",
        ),
        (
            buckets.status_cin_total(lookup.cin.as_str()),
            limits.status_failures_per_cin_total,
            "status-cin-total",
        ),
    ];
    for (taken, (bucket, limit, name)) in per_cin.iter().enumerate() {
        let verdict = rate_limits::take_as(pool, bucket, *limit, now_ms, failed).await?;
        if let Verdict::Refused { retry_after } = verdict {
            for (bucket, limit, _) in &per_cin[..taken] {
                rate_limits::give_back(pool, bucket, *limit, failed).await?;
            }
            return Err(Error::TooManyRequests {
                retry_after,
                limit: name,
                field: None,
            });
        }
    }
    let address = buckets.status_address(client);
    if let Verdict::Refused { retry_after } =
        rate_limits::take(pool, &address, limits.status_per_address, now_ms).await?
    {
        for (bucket, limit, _) in &per_cin {
            rate_limits::give_back(pool, bucket, *limit, failed).await?;
        }
        return Err(Error::TooManyRequests {
            retry_after,
            limit: "status-address",
            field: None,
        });
    }
    if mine.is_empty() {
        return Err(Error::NoMatch);
    }

    let mut declarations = Vec::with_capacity(mine.len());
    for mut status in mine {
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
