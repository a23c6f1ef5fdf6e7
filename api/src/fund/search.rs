//! The back office's search: a search as typed becomes criteria (a
//! university's staff kept to their own university), and the newest
//! declarations found.

use super::{Actor, Fund, field_error};
use crate::db::declarations::{self, criteria::Criteria};
use crate::error::Error;
use amoe_domain::Day;
use amoe_domain::declaration::{AcademicYear, Reference, UniversityId};
use amoe_domain::messages::back_office::{SearchRequest, SearchResponse};
use amoe_domain::student::Cin;

/// A search as typed, checked; an actor who sees one university's
/// declarations only is kept to them.
pub fn criteria(request: &SearchRequest, actor: &Actor) -> Result<Criteria, Error> {
    let mut errors = Vec::new();
    let mut criteria = Criteria {
        status: request.status,
        identity_conflict: request.identity_conflict,
        vouched: request.vouched,
        set_aside: request.set_aside.then_some(true),
        enrolled: request.enrolled,
        not_on_roster: request.not_on_roster.then_some(true),
        ..Criteria::default()
    };
    let typed = request.query.trim();
    if typed.chars().count() > 200 {
        errors.push(field_error("query", "query_too_long"));
    } else if let Ok(reference) = Reference::parse(typed) {
        criteria.reference = Some(reference.to_string());
    } else if let Ok(cin) = Cin::parse(typed) {
        criteria.cin = Some(cin.as_str().to_owned());
    } else {
        criteria.words = amoe_domain::search::fold(typed)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect();
    }
    if let Some(id) = request.university.as_deref().filter(|v| !v.is_empty()) {
        match UniversityId::parse(id) {
            Ok(id) => criteria.university = Some(id.as_str().to_owned()),
            Err(e) => errors.push(field_error("university", e.code())),
        }
    }
    if let Some(year) = request.academic_year.as_deref().filter(|v| !v.is_empty()) {
        match AcademicYear::parse(year) {
            Ok(year) => criteria.academic_year = Some(year.to_string()),
            Err(_) => errors.push(field_error("academic_year", "academic_year_invalid")),
        }
    }
    for (name, value, slot) in [
        ("since", &request.since, &mut criteria.since),
        ("until", &request.until, &mut criteria.until),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            match Day::parse(v) {
                Ok(day) => *slot = Some(day.to_string()),
                Err(_) => errors.push(field_error(name, "date_invalid")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidFields(errors));
    }
    if let Some(own) = actor.university() {
        criteria.university = Some(own.as_str().to_owned());
    }
    Ok(criteria)
}

/// The newest declarations a search finds, and how many in all; the
/// search is in the audit log (how, its filters, how many were found).
pub async fn search(
    fund: Fund<'_>,
    actor: &Actor,
    request: &SearchRequest,
) -> Result<SearchResponse, Error> {
    let criteria = criteria(request, actor)?;
    let at = fund.now()?;
    let (found, total) =
        declarations::search::search(&fund.db.pool, &criteria, &fund.stamped(actor, &at)).await?;
    Ok(SearchResponse { found, total })
}
