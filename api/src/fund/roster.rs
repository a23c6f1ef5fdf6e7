//! A university's roster of enrolled students for an academic year: given
//! by the university (its staff in the back office, its registrar's token,
//! or an operator), kept as keyed digests only, replaced all at once, and
//! matched against the year's declarations. Once the university says it is
//! complete, the fund may refuse in one step the declarations it does not
//! hold, as `not_enrolled`, one mail each.

use super::roster_file::{self, For};
use super::{Actor, Fund, field_error};
use crate::db::rate_limits::{self, Verdict};
use crate::db::rosters;
use crate::error::Error;
use crate::limits::Buckets;
use amoe_domain::Day;
use amoe_domain::declaration::UniversityId;
use amoe_domain::declaration::{AcademicYear, Decision, Outcome, Reference, RefusalReason};
use amoe_domain::messages::back_office::Role;
use amoe_domain::messages::roster::{RefusedNotEnrolled, RosterReport, RosterState};

/// The largest roster file accepted: 300,000 rows of a registrar's export
/// with names and programmes fit several times over.
pub const ROSTER_LIMIT: usize = 64 * 1024 * 1024;

/// Decisions recorded per transaction when refusing in one step.
const REFUSALS_PER_STEP: usize = 1_000;

/// The university and year of a roster as a route names them, checked:
/// a year is open to rosters from the one before the current year to the
/// one after it.
fn roster_of(
    fund: Fund<'_>,
    university: &str,
    year: &str,
) -> Result<(UniversityId, String), Error> {
    let university = UniversityId::parse(university).map_err(|_| Error::UnknownUniversity {
        field: "university",
    })?;
    let current = AcademicYear::containing(
        Day::in_morocco(fund.config.clock.now()).date(),
        fund.config.rules.year_start,
    );
    let year = AcademicYear::parse(year)
        .ok()
        .filter(|y| (current.start() - 1..=current.start() + 1).contains(&y.start()))
        .ok_or_else(|| {
            Error::InvalidFields(vec![field_error("academic_year", "academic_year_not_open")])
        })?;
    Ok((university, year.to_string()))
}

/// Refuses anyone but the university itself (its staff, its registrar)
/// or an operator: a roster is the university's word.
fn may_give(actor: &Actor, university: &UniversityId) -> Result<(), Error> {
    match actor {
        Actor::Operator { .. } => Ok(()),
        Actor::Registrar {
            university: own, ..
        } if own == university => Ok(()),
        Actor::Agent {
            role: Role::University(own),
            ..
        } if own == university => Ok(()),
        _ => Err(Error::Forbidden),
    }
}

/// Reads a roster file (CSV) and replaces the university's roster for the
/// year by it, then matches the year's declarations again; with
/// `dry_run`, reads it and says what it would change, keeping nothing.
/// A file with any wrong row changes nothing (`invalid_file`).
pub async fn upload(
    fund: Fund<'_>,
    actor: &Actor,
    (university, year): (&str, &str),
    content_type: &str,
    body: bytes::Bytes,
    dry_run: bool,
) -> Result<RosterReport, Error> {
    let (university, year) = roster_of(fund, university, year)?;
    may_give(actor, &university)?;
    if !content_type.starts_with("text/csv") {
        return Err(Error::UnsupportedMediaType);
    }
    let bucket = Buckets(&fund.config.secret).roster_uploads(university.as_str());
    let limit = fund.config.limits.roster_uploads;
    if let Verdict::Refused { retry_after } =
        rate_limits::take(&fund.db.pool, &bucket, limit, fund.config.clock.now_ms()).await?
    {
        return Err(Error::TooManyRequests {
            retry_after,
            limit: "roster-uploads",
            field: None,
        });
    }
    let secret = fund.config.secret.clone();
    let today = Day::in_morocco(fund.config.clock.now()).date();
    let (id, of_year) = (university.as_str().to_owned(), year.clone());
    // Hundreds of thousands of rows and as many HMACs: off the server's
    // threads that answer students.
    let read = tokio::task::spawn_blocking(move || {
        roster_file::read(
            &body,
            &For {
                secret: &secret,
                university: &id,
                year: &of_year,
                today,
            },
        )
    })
    .await
    .map_err(|_| Error::Internal)??;
    let at = fund.now()?;
    let who = fund.stamped(actor, &at);
    let pool = &fund.db.pool;
    let replaced = rosters::replace(
        pool,
        university.as_str(),
        &year,
        &read.students,
        dry_run,
        &who,
    )
    .await?;
    if !dry_run {
        rosters::match_declarations(
            pool,
            &fund.config.secret,
            university.as_str(),
            &year,
            &read.students,
        )
        .await?;
    }
    let enrolled = rosters::state(pool, university.as_str(), &year)
        .await?
        .enrolled;
    tracing::info!(
        university = university.as_str(),
        academic_year = %year,
        rows = read.rows,
        students = read.students.len(),
        added = replaced.added,
        removed = replaced.removed,
        dry_run,
        "roster"
    );
    Ok(RosterReport {
        university: university.as_str().to_owned(),
        academic_year: year,
        rows: read.rows,
        students: read.students.len(),
        added: replaced.added,
        removed: replaced.removed,
        enrolled,
        dry_run,
    })
}

/// Says the roster is complete (`complete`), or not any more: from then,
/// the university's declarations it does not hold are `not_on_roster`.
pub async fn mark_final(
    fund: Fund<'_>,
    actor: &Actor,
    (university, year): (&str, &str),
    complete: bool,
) -> Result<RosterState, Error> {
    let (university, year) = roster_of(fund, university, year)?;
    may_give(actor, &university)?;
    let at = fund.now()?;
    let pool = &fund.db.pool;
    let done = rosters::set_final(
        pool,
        university.as_str(),
        &year,
        complete,
        &fund.stamped(actor, &at),
    )
    .await?;
    if !done {
        return Err(Error::InvalidFields(vec![field_error(
            "roster",
            "no_roster",
        )]));
    }
    Ok(rosters::state(pool, university.as_str(), &year).await?)
}

/// Where a roster stands, for whoever sees the university's declarations.
pub async fn state(
    fund: Fund<'_>,
    actor: &Actor,
    (university, year): (&str, &str),
) -> Result<RosterState, Error> {
    let (university, year) = roster_of(fund, university, year)?;
    if !actor.sees(university.as_str()) {
        return Err(Error::Forbidden);
    }
    Ok(rosters::state(&fund.db.pool, university.as_str(), &year).await?)
}

/// Refuses, as `not_enrolled`, every declaration of the university and
/// year that its final roster does not hold, that is not set aside and
/// awaits a decision: one mail each, in the student's language, as any
/// decision. The fund's alone; a roster not final refuses nothing.
pub async fn refuse_not_enrolled(
    fund: Fund<'_>,
    actor: &Actor,
    (university, year): (&str, &str),
) -> Result<RefusedNotEnrolled, Error> {
    let (university, year) = roster_of(fund, university, year)?;
    actor.may_decide()?;
    if actor.university().is_some() {
        return Err(Error::Forbidden);
    }
    let pool = &fund.db.pool;
    if rosters::state(pool, university.as_str(), &year)
        .await?
        .final_at
        .is_none()
    {
        return Err(Error::InvalidFields(vec![field_error(
            "roster",
            "roster_not_final",
        )]));
    }
    let references = rosters::unmatched_pending(pool, university.as_str(), &year).await?;
    let date = Day::in_morocco(fund.config.clock.now()).date();
    let mut refused = 0;
    for step in references.chunks(REFUSALS_PER_STEP) {
        let decisions: Vec<(usize, Decision)> = step
            .iter()
            .enumerate()
            .filter_map(|(i, reference)| {
                Some((
                    i + 1,
                    Decision {
                        reference: Reference::parse(reference).ok()?,
                        outcome: Outcome::Refused {
                            reason: RefusalReason::NotEnrolled,
                        },
                        date,
                    },
                ))
            })
            .collect();
        refused += super::decide::record_all_but_changed(fund, actor, decisions).await?;
    }
    tracing::info!(
        university = university.as_str(),
        refused,
        "refuse not enrolled"
    );
    Ok(RefusedNotEnrolled { refused })
}
