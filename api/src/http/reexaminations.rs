//! `POST /api/reexaminations`: a refused student asks the fund, once per
//! decision, to look at their declaration again. The declaration is found
//! as the status page finds it, under the same limits (a wrong
//! combination is `no_match`, as for an unknown student, and costs the
//! CIN's allowance), so the request tells a guesser nothing a lookup
//! would not.

use super::ApiContext;
use super::extract::{ClientIp, Json};
use crate::db::audit::Stamp;
use crate::db::declarations::reexamine::{self, Requested};
use crate::db::outbox::Outgoing;
use crate::db::rate_limits::{self, Verdict};
use crate::error::Error;
use crate::limits::Buckets;
use crate::mail::render::{Event, render};
use amoe_domain::Lang;
use amoe_domain::declaration::ReexaminationForm;
use amoe_domain::messages::DeclarationStatus;
use axum::extract::State;
use axum::http::HeaderMap;

/// `POST /api/reexaminations`: asks for a refused declaration to be
/// examined again, with the reason and any corrected detail.
#[utoipa::path(post, path = "/reexaminations", tag = "student",
    request_body(content = ReexaminationForm, description = "The lookup that finds the declaration (never in a URL), its reference, why, and the details as they should read"),
    params(
        ("AMOE-Proof" = Option<String>, Header, description = "As for `POST /status`: the answer to a `428`'s puzzle"),
    ),
    responses(
        (status = 200, description = "Recorded: the declaration, now under re-examination", body = DeclarationStatus),
        (status = 404, description = "`no_match`: the lookup finds no declaration with this reference (the same answer whatever is wrong)", body = amoe_domain::messages::ErrorBody),
        (status = 409, description = "`not_refused` (accepted, or waiting for a decision), `reexamination_already_requested` (once per decision), or `already_declared` (the corrected details are another declaration's)", body = amoe_domain::messages::ErrorBody),
        (status = 422, description = "`invalid_fields`: each field's code, as the declaration form's", body = amoe_domain::messages::ErrorBody),
        (status = 428, description = "`proof_required`: as for `POST /status`", body = amoe_domain::messages::ErrorBody,
            headers(("AMOE-Challenge" = String, description = "The puzzle, as for `POST /status`"))),
        (status = 429, description = "`too_many_requests`: wait `Retry-After` seconds", body = amoe_domain::messages::ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
pub async fn request(
    State(ctx): State<ApiContext>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Json(form): Json<ReexaminationForm>,
) -> Result<axum::Json<DeclarationStatus>, Error> {
    let request = form
        .parse(ctx.clock().today().date())
        .map_err(Error::InvalidFields)?;
    let own = super::status::own(&ctx, client, &headers, &request.lookup).await?;
    let Some(declaration) = own.into_iter().find(|d| d.reference == request.reference) else {
        return Err(Error::NoMatch);
    };
    let pool = &ctx.db.pool;
    let reference = request.reference.to_string();
    // Most refusals need no lock; the rest costs the CIN's allowance of
    // requests first, so that nobody holding a student's details can keep
    // the CIN's lock busy.
    if let Some(refused) = reexamine::precheck(pool, &reference).await? {
        return Err(refusal(refused));
    }
    let now_ms = ctx.clock().now_ms();
    let bucket = Buckets(&ctx.config.secret).reexaminations_cin(request.lookup.cin.as_str());
    if let Verdict::Refused { retry_after } = rate_limits::take(
        pool,
        &bucket,
        ctx.config.limits.reexaminations_per_cin,
        now_ms,
    )
    .await?
    {
        return Err(Error::TooManyRequests {
            retry_after,
            limit: "reexaminations-cin",
            field: None,
        });
    }
    let at = crate::clock::rfc3339(ctx.clock().now()).map_err(|_| Error::Internal)?;
    let who = Stamp {
        actor: "student",
        at: &at,
    };
    let mailed = request.reference.clone();
    let year = declaration.academic_year;
    let public_url = ctx.config.server.public_url.clone();
    let secret = &ctx.config.secret;
    let mail_of = move |round: i64, email: &str, lang: &str| {
        let lang = Lang::from_tag(lang).unwrap_or(Lang::FALLBACK);
        let mut mail = render(
            &Event::Reexamination,
            &mailed,
            year,
            lang,
            email,
            &public_url,
        );
        mail.id = crate::mail::round_id(&mail.id, round);
        Outgoing {
            bucket: Buckets(secret).mails_to(&mail.recipient),
            mail,
        }
    };
    let requested = reexamine::request(
        pool,
        &request,
        &who,
        &mail_of,
        ctx.config.limits.mails_per_recipient,
        now_ms,
    )
    .await?;
    let Requested::Done { round } = requested else {
        return Err(refusal(requested));
    };
    tracing::info!(round, reason = request.reason.code(), "reexamination");
    ctx.outbox_wake.notify_one();
    // As the status page now shows it (the details are as they were: the
    // corrections wait for the fund).
    let now = crate::db::declarations::status::by_cin(pool, request.lookup.cin.as_str())
        .await?
        .into_iter()
        .map(|found| found.status)
        .find(|d| d.reference == request.reference);
    Ok(axum::Json(now.unwrap_or(DeclarationStatus {
        status: amoe_domain::declaration::Status::UnderReexamination,
        ..declaration
    })))
}

fn refusal(requested: Requested) -> Error {
    match requested {
        Requested::AlreadyRequested => Error::ReexaminationAlreadyRequested,
        Requested::NotRefused | Requested::Done { .. } => Error::NotRefused,
    }
}
