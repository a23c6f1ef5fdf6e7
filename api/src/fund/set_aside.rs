//! Setting aside a declaration made up under someone's CIN, and putting
//! it back: the fund's answer to a squatter, since nothing caps a CIN's
//! declarations. A declaration set aside stays visible to the fund but
//! counts towards nothing of its CIN: no flag on the student's own, no
//! status page.

use super::{Actor, Fund};
use crate::db::declarations::set_aside::{self, Outcome};
use crate::error::Error;
use amoe_domain::messages::operator::StoredDeclaration;

/// Sets aside (`aside`) or puts back the declaration `typed` (a reference
/// the actor may see): the declaration now, and whether anything changed.
pub async fn set_aside(
    fund: Fund<'_>,
    actor: &Actor,
    typed: &str,
    aside: bool,
) -> Result<(StoredDeclaration, bool), Error> {
    actor.may_decide()?;
    let reference = super::read::visible(fund, actor, typed).await?;
    let at = fund.now()?;
    let outcome =
        set_aside::set_aside(&fund.db.pool, &reference, aside, &fund.stamped(actor, &at)).await?;
    let (declaration, changed) = done(outcome)?;
    tracing::info!(aside, changed, "set aside");
    Ok((declaration, changed > 0))
}

/// Sets aside every other unvouched declaration of the CIN and year of
/// `typed` (a reference the actor may see, judged the student's): the
/// declaration now, and how many were set aside.
pub async fn set_aside_others(
    fund: Fund<'_>,
    actor: &Actor,
    typed: &str,
) -> Result<(StoredDeclaration, u64), Error> {
    actor.may_decide()?;
    let reference = super::read::visible(fund, actor, typed).await?;
    let at = fund.now()?;
    let outcome =
        set_aside::set_aside_others(&fund.db.pool, &reference, &fund.stamped(actor, &at)).await?;
    let (declaration, count) = done(outcome)?;
    tracing::info!(count, "set aside the others");
    Ok((declaration, count))
}

/// The declaration and how many changed, or why nothing was done: one
/// under verification is decided first (the operators' file names it),
/// and a step from a declaration set aside itself (a stale page) does
/// nothing.
fn done(outcome: Outcome) -> Result<(StoredDeclaration, u64), Error> {
    match outcome {
        Outcome::Done {
            declaration,
            changed,
        } => Ok((*declaration, changed)),
        Outcome::UnknownReference => Err(Error::UnknownReference),
        Outcome::UnderVerification => Err(Error::DecisionRefused("under_verification")),
        Outcome::KeptSetAside => Err(Error::DecisionRefused("set_aside")),
    }
}
