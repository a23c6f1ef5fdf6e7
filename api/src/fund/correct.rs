//! The rectification of a declaration's details (law 09-08), each field
//! checked as the form checks it.

use super::{Actor, Fund};
use crate::db::declarations::correct::{self, Corrected};
use crate::error::Error;
use amoe_domain::Day;
use amoe_domain::messages::FieldError;
use amoe_domain::messages::operator::{Changes, StoredDeclaration};

/// Checks and records `changes` to the declaration `typed` (a reference
/// the actor may see): the declaration as corrected.
pub async fn correct(
    fund: Fund<'_>,
    actor: &Actor,
    typed: &str,
    changes: &Changes,
) -> Result<StoredDeclaration, Error> {
    actor.may_decide()?;
    let today = Day::in_morocco(fund.config.clock.now()).date();
    let reference = super::reference(typed);
    let checked = changes.check(today);
    let (reference, checked) = match (reference, checked) {
        (Ok(reference), Ok(checked)) => (reference, checked),
        (reference, checked) => {
            let mut errors: Vec<FieldError> = reference.err().into_iter().collect();
            errors.extend(checked.err().unwrap_or_default());
            return Err(Error::InvalidFields(errors));
        }
    };
    let reference = super::read::visible(fund, actor, &reference).await?;
    let at = fund.now()?;
    let corrected = correct::correct(
        &fund.db.pool,
        &fund.config.secret,
        &reference,
        &checked,
        &fund.stamped(actor, &at),
    )
    .await?;
    match corrected {
        Corrected::Done(declaration) => {
            tracing::info!(fields = checked.len(), "correct");
            Ok(*declaration)
        }
        Corrected::UnknownReference => Err(Error::UnknownReference),
        Corrected::Duplicate => Err(Error::AlreadyDeclared),
    }
}
