//! `POST /api/declarations`: a student's declaration for the current
//! academic year, stored once per `Idempotency-Key`, optionally vouched for
//! by a university portal (`AMOE-Portal-Token`).
//!
//! Limits, each in buckets of its own: further declarations under a CIN
//! per address (a CIN's first of the year never counts there), stored
//! declarations per e-mail mailbox per day, mails per recipient and `409`s
//! per CIN. Nothing caps a CIN's declarations: the attacker would fill the
//! cap. The address's and the mailbox's tokens are taken in the
//! transaction that stores, before the declaration is judged against the
//! CIN's others (no answer tells wrong details from right ones but the
//! `409`, which the right details alone get), and go back with its
//! rollback when nothing is stored.

use super::ApiContext;
use super::extract::{ClientIp, IdempotencyKey, Json};
use crate::db::declarations::submit::{self as declarations, Outcome, Submission};
use crate::db::outbox::Outgoing;
use crate::db::rate_limits::{self, Bucket, Verdict};
use crate::error::Error;
use crate::limits::Buckets;
use crate::mail::render::{Event, render};
use crate::proof::Purpose;
use amoe_domain::declaration::{DeclarationForm, Reference, field};
use amoe_domain::messages::{FieldError, Receipt};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use sha2::{Digest, Sha256};

/// The header that carries a university portal's signed identity token.
pub const PORTAL_TOKEN_HEADER: &str = "amoe-portal-token";

/// `POST /api/declarations`: a student's declaration for the current
/// academic year.
#[utoipa::path(post, path = "/declarations", tag = "student",
    request_body(content = DeclarationForm, description = "The wizard's answers as typed"),
    params(
        ("Idempotency-Key" = String, Header, pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$", description = "A UUID v4 chosen by the client: a retry with the same key and body gets the same answer, and stores nothing twice"),
        ("AMOE-Portal-Token" = Option<String>, Header, description = "A university portal's signed identity token (see docs/embedding.md)"),
        ("AMOE-Proof" = Option<String>, Header, description = "The answer to the puzzle of a `428`'s `AMOE-Challenge` (see `POST /api/status`)"),
    ),
    responses(
        (status = 201, description = "Stored (or stored before under this key)", body = Receipt),
        (status = 401, description = "`invalid_portal_token`: the portal's token is forged, expired, used or not for this service; nothing stored", body = amoe_domain::messages::ErrorBody),
        (status = 409, description = "`already_declared`: these details, this year", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`, `not_eligible` or `idempotency_key_reused`", body = amoe_domain::messages::ErrorBody),
        (status = 428, description = "`proof_required`: a further declaration under a CIN past its allowance; solve the puzzle and send it again, same key, with `AMOE-Proof`", body = amoe_domain::messages::ErrorBody,
            headers(("AMOE-Challenge" = String, description = "`<salt>.<max>.<challenge>.<signature>`, as `POST /api/status` sets it"))),
        (status = 429, description = "`too_many_requests`: wait `Retry-After` seconds", body = amoe_domain::messages::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn submit(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    IdempotencyKey(key): IdempotencyKey,
    headers: HeaderMap,
    Json(mut form): Json<DeclarationForm>,
) -> Result<(StatusCode, axum::Json<Receipt>), Error> {
    let now = ctx.clock().now();
    let now_ms = ctx.clock().now_ms();
    let vouched = match headers.get(PORTAL_TOKEN_HEADER) {
        None => None,
        Some(value) => {
            let token = value.to_str().map_err(|_| Error::InvalidPortalToken)?;
            Some(super::portal::verify(&ctx, token)?)
        }
    };
    if let Some(vouched) = &vouched {
        vouched.apply(&mut form);
    }
    let declaration = form.parse(ctx.clock().today().date(), &ctx.config.rules)?;
    // What the key stands for: the declaration as parsed, so a retry that
    // differs only in spacing or case is the same submission.
    let canonical = serde_json::to_vec(&declaration).map_err(|_| Error::Internal)?;
    let request_hash = format!("{:x}", Sha256::digest(&canonical));
    // A retry of what was stored is answered before any limit counts it.
    if let Some(outcome) = declarations::replay(&ctx.db.pool, &key, &request_hash).await? {
        return answer(outcome);
    }

    let pool = &ctx.db.pool;
    let limits = ctx.config.limits;
    let buckets = Buckets(&ctx.config.secret);
    let address = buckets.declare_address(client);
    let email = buckets.declare_email(&declaration.email.mailbox_key());
    let cin = declaration.cin.as_str();
    let (cin_here, cin_total) = (
        buckets.declare_cin(cin, client),
        buckets.declare_cin_total(cin),
    );
    let proof = headers
        .get(crate::proof::PROOF_HEADER)
        .and_then(|value| value.to_str().ok())
        .and_then(crate::proof::Proof::parse)
        .filter(|p| p.solves(&ctx.config.secret, Purpose::Declare, cin, now_ms / 1000));
    let received_at = crate::clock::rfc3339(now).map_err(|_| Error::Internal)?;
    let submission = Submission {
        declaration: &declaration,
        vouched: vouched.as_ref(),
        key: &key,
        request_hash: &request_hash,
        received_at: &received_at,
        address: Bucket {
            name: &address,
            limit: limits.declarations_per_address,
        },
        email: Bucket {
            name: &email,
            limit: limits.declarations_per_email,
        },
        cin_here: Bucket {
            name: &cin_here,
            limit: limits.further_declarations_per_cin,
        },
        cin_total: Bucket {
            name: &cin_total,
            limit: limits.further_declarations_per_cin_total,
        },
        proof: proof.as_ref(),
        puzzles: limits.proofs,
        enrolment: ctx.config.secret.enrolment(
            declaration.university.as_str(),
            &declaration.academic_year.to_string(),
            [
                declaration.cin.as_str(),
                declaration.massar.as_str(),
                &declaration.birth_date.to_string(),
            ],
        ),
        mails: limits.mails_per_recipient,
        now_ms,
    };
    let mut outcome = Outcome::ReferenceTaken;
    for draw in 1..=REFERENCE_TRIES {
        let reference = new_reference();
        let mail = render(
            &Event::Received,
            &reference,
            declaration.academic_year,
            declaration.lang,
            declaration.email.as_str(),
            &ctx.config.server.public_url,
        );
        let mail = Outgoing {
            bucket: buckets.mails_to(&mail.recipient),
            mail,
        };
        outcome = declarations::submit(pool, &submission, &reference, &mail).await?;
        if outcome != Outcome::ReferenceTaken {
            break;
        }
        if draw < REFERENCE_TRIES {
            tracing::warn!("a reference was taken meanwhile, drawing another");
        } else {
            tracing::error!("no free reference after {REFERENCE_TRIES} draws");
        }
    }
    match outcome {
        Outcome::Created(_) => ctx.outbox_wake.notify_one(),
        Outcome::ProofRequired { max } => {
            return Err(Error::ProofRequired(crate::proof::set(
                &ctx.config.secret,
                Purpose::Declare,
                cin,
                max,
                crate::proof::draw(max),
                now_ms / 1000,
            )));
        }
        Outcome::AlreadyDeclared => {
            // Each 409 tells that these details declared: rationed per CIN.
            let bucket = buckets.conflicts_cin(declaration.cin.as_str());
            if let Verdict::Refused { retry_after } =
                rate_limits::take(pool, &bucket, limits.conflicts_per_cin, now_ms).await?
            {
                return Err(Error::TooManyRequests {
                    retry_after,
                    limit: "conflicts-cin",
                    field: None,
                });
            }
        }
        _ => {}
    }
    answer(outcome)
}

fn answer(outcome: Outcome) -> Result<(StatusCode, axum::Json<Receipt>), Error> {
    match outcome {
        Outcome::Created(receipt) | Outcome::Replayed(receipt) => {
            Ok((StatusCode::CREATED, axum::Json(receipt)))
        }
        Outcome::KeyReused => Err(Error::IdempotencyKeyReused),
        Outcome::AlreadyDeclared => Err(Error::AlreadyDeclared),
        Outcome::TokenUsed => Err(Error::InvalidPortalToken),
        // Five references taken in a row: a broken generator (and a
        // puzzle is answered before).
        Outcome::ReferenceTaken | Outcome::ProofRequired { .. } => Err(Error::Internal),
        Outcome::Limited { retry_after, email } => Err(Error::TooManyRequests {
            retry_after,
            limit: if email {
                "declare-email"
            } else {
                "declare-address"
            },
            field: email.then(|| FieldError {
                field: field::EMAIL.to_owned(),
                code: "email_too_many_declarations".to_owned(),
            }),
        }),
    }
}

/// How many fresh references to draw when one is taken (a billion values:
/// more than one draw is rare, five in a row would mean a broken
/// generator).
const REFERENCE_TRIES: usize = 5;

fn new_reference() -> Reference {
    let bits = getrandom::u32().expect("the operating system provides randomness");
    Reference::from_random(bits)
}
