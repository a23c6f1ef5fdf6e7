//! What is stored about declarations, as the fund reads it: everything
//! about a declaration or a CIN's declarations (the student's right of
//! access, served by operators), and a case as the back office shows it.
//! Each reading is in the audit log.

use super::{Actor, Fund, field_error};
use crate::db::declarations::{self, read::Whose};
use crate::error::Error;
use amoe_domain::messages::back_office::Case;
use amoe_domain::messages::operator::{ShowRequest, StoredDeclaration};
use amoe_domain::student::Cin;

/// Everything stored about one declaration (`reference`) or a CIN's
/// declarations (`cin`, none when nobody declared with it): the fund's
/// whole view, for an operator answering a student.
pub async fn show(
    fund: Fund<'_>,
    actor: &Actor,
    request: &ShowRequest,
) -> Result<Vec<StoredDeclaration>, Error> {
    actor.operator_only()?;
    let whose = match (&request.reference, &request.cin) {
        (Some(typed), None) => {
            Whose::Reference(super::reference(typed).map_err(|e| Error::InvalidFields(vec![e]))?)
        }
        (None, Some(typed)) => Whose::Cin(
            Cin::parse(typed)
                .map_err(|e| Error::InvalidFields(vec![field_error("cin", e.code())]))?
                .as_str()
                .to_owned(),
        ),
        _ => {
            return Err(Error::InvalidFields(vec![field_error(
                "reference",
                "reference_or_cin",
            )]));
        }
    };
    let at = fund.now()?;
    let found = declarations::read::show(&fund.db.pool, &whose, &fund.stamped(actor, &at)).await?;
    if found.is_empty() && matches!(whose, Whose::Reference(_)) {
        return Err(Error::UnknownReference);
    }
    tracing::info!(count = found.len(), "show");
    Ok(found)
}

/// The reference of a case as typed, if the actor may see it: an unknown
/// reference and one of another university are the same 404.
pub async fn visible(fund: Fund<'_>, actor: &Actor, typed: &str) -> Result<String, Error> {
    let reference = super::reference(typed).map_err(|_| Error::UnknownReference)?;
    match declarations::university_of(&fund.db.pool, &reference).await? {
        Some(university) if actor.sees(&university) => Ok(reference),
        _ => Err(Error::UnknownReference),
    }
}

/// How a case is read.
#[derive(Clone, Copy)]
pub enum View {
    /// Read by the agent: the reading is in the audit log.
    Read,
    /// The answer to a decision or a correction, audited themselves.
    After,
}

/// A case (the declaration, its timeline, mails and audit entries) of a
/// reference the actor may see (see [`visible`]).
pub async fn case(
    fund: Fund<'_>,
    actor: &Actor,
    reference: &str,
    view: View,
) -> Result<Case, Error> {
    let whose = Whose::Reference(reference.to_owned());
    let mut found = match view {
        View::Read => {
            let at = fund.now()?;
            declarations::read::show(&fund.db.pool, &whose, &fund.stamped(actor, &at)).await?
        }
        View::After => declarations::read::read(&fund.db.pool, &whose).await?,
    };
    let declaration = found.pop().ok_or(Error::UnknownReference)?;
    let audit = crate::db::audit::of_declaration(&fund.db.pool, reference).await?;
    Ok(Case { declaration, audit })
}
