//! The erasure of a declaration at a student's request (law 09-08).

use super::{Actor, Fund, field_error};
use crate::db::declarations::erasure::{self, Erased};
use crate::error::Error;
use amoe_domain::messages::operator::{EraseRequest, EraseResponse};

/// The shortest and longest reason an erasure accepts, in characters.
const REASON_CHARS: std::ops::RangeInclusive<usize> = 3..=500;

/// Erases a declaration, its history and its mails (their `.eml` files
/// too), leaving an anonymous count; the reason goes in the audit log,
/// so one that names the student is refused.
pub async fn erase(
    fund: Fund<'_>,
    actor: &Actor,
    request: &EraseRequest,
) -> Result<EraseResponse, Error> {
    actor.operator_only()?;
    let reason = request
        .reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut errors = Vec::new();
    let reference = super::reference(&request.reference)
        .map_err(|e| errors.push(e))
        .ok();
    if !REASON_CHARS.contains(&reason.chars().count()) {
        errors.push(field_error("reason", "reason_length"));
    }
    let Some(reference) = reference.filter(|_| errors.is_empty()) else {
        return Err(Error::InvalidFields(errors));
    };
    // Operators see every university's declarations: the precheck's read
    // alone tells an unknown reference.
    let personal = field_error("reason", "reason_is_personal");
    let Some((received_at, names_it)) =
        erasure::precheck(&fund.db.pool, &reference, &reason).await?
    else {
        return Err(Error::UnknownReference);
    };
    if names_it {
        return Err(Error::InvalidFields(vec![personal]));
    }
    // Journalled before it is done: a backup restored later erases it
    // again.
    super::journal(
        fund,
        &crate::journal::Entry::erased(&reference, &received_at),
    )?;
    let at = fund.now()?;
    let erased = erasure::erase(
        &fund.db.pool,
        &fund.config.secret,
        &reference,
        &reason,
        &fund.stamped(actor, &at),
    )
    .await?;
    let (erased, mail_ids) = match erased {
        Erased::Done(erased, mail_ids) => (erased, mail_ids),
        Erased::UnknownReference => return Err(Error::UnknownReference),
        Erased::ReasonIsPersonal => return Err(Error::InvalidFields(vec![personal])),
    };
    for id in mail_ids {
        // Absent when sent over SMTP, or never written yet.
        let _ = std::fs::remove_file(fund.config.mail.outbox_dir.join(format!("{id}.eml")));
    }
    tracing::info!(mails = erased.mails, "erase");
    Ok(erased)
}
