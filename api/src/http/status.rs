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
//! CIN; failed lookups are also limited per address, and a lookup that
//! finds the student is never refused because of its address (a campus
//! behind one NAT). Form errors count against none.
//!
//! A CIN whose allowance of failures is spent is not locked: its lookups
//! cost a proof of work instead (`crate::proof`), larger with each further
//! failure still in the window. The student solves one in seconds; a
//! guesser pays one per guess.

use super::ApiContext;
use super::extract::{ClientIp, Json};
use crate::db::declarations::status::{self as declarations, Found};
use crate::db::rate_limits::{self, Take, Taken, Verdict};
use crate::error::Error;
use crate::limits::Buckets;
use crate::proof::Purpose;
use amoe_domain::declaration::LookupForm;
use amoe_domain::messages::StatusResponse;
use axum::extract::State;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `POST /api/status`: a student's declarations, found with their CIN,
/// Massar code and birth date.
#[utoipa::path(post, path = "/status", tag = "student",
    request_body(content = LookupForm, description = "The three details as typed (never in a URL)"),
    params(
        ("AMOE-Proof" = Option<String>, Header, description = "The answer to the puzzle of a `428`'s `AMOE-Challenge`: `<salt>.<max>.<number>.<signature>`, where SHA-256 of the salt followed by the number in decimal is the challenge (see docs/api.md)"),
    ),
    responses(
        (status = 200, description = "The declarations whose own Massar code and birth date these are", body = StatusResponse),
        (status = 404, description = "`no_match`: the same answer for an unknown student and a wrong combination", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`", body = amoe_domain::messages::ErrorBody),
        (status = 428, description = "`proof_required`: this CIN's allowance of failures is spent; solve the puzzle and send the lookup again with `AMOE-Proof`", body = amoe_domain::messages::ErrorBody,
            headers(("AMOE-Challenge" = String, description = "`<salt>.<max>.<challenge>.<signature>`: find the number n, 0 ≤ n ≤ max, whose SHA-256 of salt followed by n in decimal is the challenge (hex); good for five minutes, once"))),
        (status = 429, description = "`too_many_requests`: wait `Retry-After` seconds", body = amoe_domain::messages::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn lookup(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Json(form): Json<LookupForm>,
) -> Result<axum::Json<StatusResponse>, Error> {
    let lookup = form
        .parse(ctx.clock().today().date())
        .map_err(Error::InvalidFields)?;
    let declarations = own(&ctx, client, &headers, &lookup).await?;
    Ok(axum::Json(StatusResponse { declarations }))
}

/// The declarations of `lookup`'s CIN whose own Massar code and birth date
/// are `lookup`'s, under the lookup's limits: a miss is `no_match` (or
/// costs a puzzle, or waits), whatever made it one.
pub(super) async fn own(
    ctx: &ApiContext,
    client: std::net::IpAddr,
    headers: &HeaderMap,
    lookup: &amoe_domain::declaration::Lookup,
) -> Result<Vec<amoe_domain::messages::DeclarationStatus>, Error> {
    let now_ms = ctx.clock().now_ms();
    let pool = &ctx.db.pool;
    let limits = ctx.config.limits;
    let buckets = Buckets(&ctx.config.secret);
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

    // The CIN's buckets first: guesses at one CIN stop there. One
    // address gets the CIN's allowance; all addresses together a ceiling.
    // A failure takes a token from each, a match takes none but waits
    // while either is empty, like a guess: both run the very same
    // statement, otherwise the answer or its time would tell the guesser
    // when they are right. Both buckets are taken in one atomic statement:
    // parallel guesses cannot overrun them.
    let failed = mine.is_empty();
    let cin_here = buckets.status_cin(lookup.cin.as_str(), client);
    let cin_anywhere = buckets.status_cin_total(lookup.cin.as_str());
    let takes = [
        Take {
            bucket: &cin_here,
            limit: limits.status_failures_per_cin,
            spend: failed,
        },
        Take {
            bucket: &cin_anywhere,
            limit: limits.status_failures_per_cin_total,
            spend: failed,
        },
    ];
    // A solved puzzle stands for the token, spent or not, if it is as
    // large as the CIN's failures ask (one solved early, while puzzles
    // were small, is not), and the failure still counts: the next puzzle
    // is larger.
    let now_secs = now_ms / 1000;
    let puzzle_size = |debts: &[u64]| limits.proofs.max_number(debts[0], debts[1]);
    let proven = match proven(headers, ctx, lookup.cin.as_str(), now_secs) {
        Some(proof) => charged(&ctx.db, &takes, &proof, puzzle_size, now_ms).await?,
        None => false,
    };
    if !proven && let Taken::Refused { .. } = rate_limits::take_all(&ctx.db, &takes, now_ms).await?
    {
        // The allowance is spent: not a lockout, a puzzle, the same for a
        // match and a miss.
        let debts = rate_limits::debts(&ctx.db, &takes, now_ms).await?;
        let max = puzzle_size(&debts);
        let challenge = crate::proof::set(
            &ctx.config.secret,
            Purpose::Status,
            lookup.cin.as_str(),
            max,
            crate::proof::draw(max),
            now_secs,
        );
        return Err(Error::ProofRequired(challenge));
    }
    if !failed {
        return Ok(mine);
    }
    // Then the address, for failures only: thousands of students behind
    // one campus or mobile NAT are never refused their own status because
    // someone there guessed. A failure has paid the CIN's allowances
    // already, whatever the address's state: what a refusal here tells of
    // a wrong answer is paid for from them.
    let address = buckets.status_address(client);
    if let Verdict::Refused { retry_after } =
        rate_limits::take(pool, &address, limits.status_per_address, now_ms).await?
    {
        return Err(Error::TooManyRequests {
            retry_after,
            limit: "status-address",
            field: None,
        });
    }
    Err(Error::NoMatch)
}

/// The lookup's proof of work, if it brings one that solves a puzzle set
/// for this CIN and still good (spent or not: the database says).
fn proven(
    headers: &HeaderMap,
    ctx: &ApiContext,
    cin: &str,
    now_secs: i64,
) -> Option<crate::proof::Proof> {
    let header = headers.get(crate::proof::PROOF_HEADER)?.to_str().ok()?;
    crate::proof::Proof::parse(header)
        .filter(|p| p.solves(&ctx.config.secret, Purpose::Status, cin, now_secs))
}

/// Charges the CIN's buckets for a lookup that brought `proof`, and spends
/// the proof, in one transaction: only if the proof's puzzle is as large
/// as what the buckets owed before (`size`); otherwise nothing is charged
/// or spent. Each bucket's row is locked as it is charged, so parallel
/// lookups with proofs solved at one size are judged one after the other:
/// the second finds the first's failure owed, and a larger size.
async fn charged(
    db: &crate::db::Db,
    takes: &[Take<'_>],
    proof: &crate::proof::Proof,
    size: impl Fn(&[u64]) -> u64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let mut debts = Vec::with_capacity(takes.len());
    for take in takes {
        debts.push(
            rate_limits::charge(&mut *tx, take.bucket, take.limit, take.spend, now_ms).await?,
        );
    }
    let expires = proof.expires().unwrap_or_default();
    if proof.max >= size(&debts)
        && crate::db::spent_proofs::spend(&mut *tx, &proof.salt, expires).await?
    {
        tx.commit().await?;
        Ok(true)
    } else {
        tx.rollback().await?;
        Ok(false)
    }
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
