//! `POST /api/declarations`: a student's declaration for the current
//! academic year, stored once per `Idempotency-Key`.

use super::ApiContext;
use super::extract::{ClientIp, IdempotencyKey, Json};
use crate::db::declarations::{self, Outcome};
use crate::db::rate_limits;
use crate::error::Error;
use crate::mail::render::{Event, render};
use amoe_domain::api::Receipt;
use amoe_domain::declaration::{DeclarationForm, Reference};
use axum::extract::State;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Morocco's civil time (UTC+1; the Ramadan switch to UTC+0 moves the
/// date at most one hour, around midnight).
pub const MOROCCO: UtcOffset = match UtcOffset::from_hms(1, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("a valid offset"),
};

pub async fn submit(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    IdempotencyKey(key): IdempotencyKey,
    Json(form): Json<DeclarationForm>,
) -> Result<(StatusCode, axum::Json<Receipt>), Error> {
    let now = OffsetDateTime::now_utc();
    // A 409 tells that a CIN has declared this year: a client that keeps
    // getting them is probing, and waits.
    let limit = ctx.conflicts_per_ip;
    let seconds = now.unix_timestamp();
    let conflicts = format!("conflict-ip:{client}");
    if rate_limits::hits(&ctx.db.pool, &conflicts, limit.window(seconds)).await? >= limit.max {
        return Err(Error::TooManyRequests {
            retry_after: limit.retry_after(seconds),
        });
    }
    let today = now.to_offset(MOROCCO).date();
    let declaration = form.parse(today, &ctx.rules)?;
    // What the key stands for: the declaration as parsed, so a retry that
    // differs only in spacing or case is the same submission.
    let canonical = serde_json::to_vec(&declaration).map_err(|_| Error::Internal)?;
    let request_hash = format!("{:x}", Sha256::digest(&canonical));
    let received_at = now.format(&Rfc3339).map_err(|_| Error::Internal)?;
    let outcome = declarations::submit(
        &ctx.db.pool,
        &declaration,
        &key,
        &request_hash,
        &received_at,
        new_reference,
        |reference| {
            render(
                &Event::Received,
                reference,
                declaration.academic_year,
                declaration.lang,
                declaration.email.as_str(),
                &ctx.public_url,
            )
        },
    )
    .await?;
    match outcome {
        Outcome::Created(receipt) => {
            ctx.outbox_wake.notify_one();
            Ok((StatusCode::CREATED, axum::Json(receipt)))
        }
        Outcome::Replayed(receipt) => Ok((StatusCode::CREATED, axum::Json(receipt))),
        Outcome::KeyReused => Err(Error::IdempotencyKeyReused),
        Outcome::AlreadyDeclared => {
            rate_limits::hit(&ctx.db.pool, &conflicts, limit.window(seconds)).await?;
            Err(Error::AlreadyDeclared)
        }
    }
}

fn new_reference() -> Reference {
    let bits = getrandom::u32().expect("the operating system provides randomness");
    Reference::from_random(bits)
}
