//! The audit log as operators read it.

use super::{Actor, Fund};
use crate::error::Error;
use amoe_domain::messages::operator::AuditResponse;

/// The newest entries read at once.
const LATEST: i64 = 1_000;

/// The audit log, newest first ([`LATEST`] entries at most): the fund's
/// whole log, for operators only.
pub async fn latest(fund: Fund<'_>, actor: &Actor) -> Result<AuditResponse, Error> {
    actor.operator_only()?;
    let entries = crate::db::audit::latest(&fund.db.pool, LATEST).await?;
    Ok(AuditResponse { entries })
}
