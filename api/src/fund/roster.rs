//! A university's roster of enrolled students for an academic year: given
//! by the university (its staff in the back office, its registrar's token,
//! or an operator), kept as keyed digests only, replaced all at once, and
//! matched against the year's declarations. Once the university says it is
//! complete, the fund may refuse in one step the declarations it does not
//! hold, as `not_enrolled`, one mail each.

use super::roster_file::{self, For};
use super::{Actor, Fund, field_error};
use crate::db::audit::Stamp;
use crate::db::rate_limits::{self, Verdict};
use crate::db::rosters::{self, matching, upload};
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

/// Declarations refused per step (each with its mail), and per
/// transaction within it: a step ends well within a request's time.
const REFUSALS_PER_STEP: usize = 5_000;
const REFUSALS_PER_TRANSACTION: usize = 1_000;

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
    let content_type = content_type.to_owned();
    let read = tokio::task::spawn_blocking(move || {
        roster_file::read(
            &roster_file::text(&body, &content_type),
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
    let pool = &fund.db.pool;
    let secret = &fund.config.secret;
    let id = university.as_str();
    let enrolled = matching::projected(pool, secret, id, &year, &read.students).await?;
    let (rows, on_roster) = (read.rows, read.students.len());
    let before = upload::current(pool, id, &year).await?;
    let given = if dry_run {
        upload::Given {
            added: read.students.difference(&before).count(),
            removed: before.difference(&read.students).count(),
        }
    } else {
        if !upload::claim(pool, id, &year, fund.config.clock.now_secs()).await? {
            return Err(Error::RosterBusy("roster_busy"));
        }
        let at = fund.now()?;
        let label = actor.label().to_owned();
        let (pool, secret, clock) = (pool.clone(), secret.clone(), fund.config.clock.clone());
        let (id, of_year, students) = (id.to_owned(), year.clone(), read.students);
        // The switch, then the matching, run to their end even when the
        // request is dropped (a client gone, its time up): the claim is
        // never left held, nor a roster half switched.
        let task = tokio::spawn(async move {
            let who = Stamp {
                actor: &label,
                at: &at,
            };
            let given = upload::give(&pool, &id, &of_year, &students, &before, &who).await;
            if given.is_err() {
                let _ = upload::release(&pool, &id, &of_year).await;
            }
            let given = given?;
            drop(students);
            // The declarations' marks follow, off the request.
            tokio::spawn(async move {
                let now = clock.now_secs();
                match matching::match_roster(&pool, &secret, &id, &of_year, now).await {
                    Ok(changed) => tracing::info!(university = %id, ?changed, "roster matched"),
                    Err(e) => {
                        tracing::warn!(university = %id, error = %e, "roster matching failed")
                    }
                }
            });
            Ok::<_, sqlx::Error>(given)
        });
        task.await.map_err(|_| Error::Internal)??
    };
    tracing::info!(
        university = id,
        academic_year = %year,
        rows,
        students = on_roster,
        added = given.added,
        removed = given.removed,
        dry_run,
        "roster"
    );
    Ok(RosterReport {
        university: id.to_owned(),
        academic_year: year,
        rows,
        students: on_roster,
        added: given.added,
        removed: given.removed,
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

/// Refuses, as `not_enrolled`, the declarations of the university and
/// year that its final roster does not hold, that are not set aside, await
/// a decision and were received before the roster was said complete: one
/// mail each, in the student's language, as any decision; a few thousand
/// a step, the rest left for the next. The fund's alone, and only when the
/// count is the one the agent was shown and the roster's marks follow it.
pub async fn refuse_not_enrolled(
    fund: Fund<'_>,
    actor: &Actor,
    (university, year): (&str, &str),
    expected: u64,
) -> Result<RefusedNotEnrolled, Error> {
    let (university, year) = roster_of(fund, university, year)?;
    actor.may_decide()?;
    if actor.university().is_some() {
        return Err(Error::Forbidden);
    }
    let pool = &fund.db.pool;
    let id = university.as_str();
    let state = rosters::state(pool, id, &year).await?;
    if state.final_at.is_none() {
        return Err(Error::InvalidFields(vec![field_error(
            "roster",
            "roster_not_final",
        )]));
    }
    if state.matching {
        return Err(Error::RosterBusy("roster_matching"));
    }
    if state.not_on_roster_pending != expected {
        return Err(Error::RosterBusy("roster_changed"));
    }
    let Some(references) = rosters::unmatched_pending(pool, id, &year, REFUSALS_PER_STEP).await?
    else {
        return Err(Error::RosterBusy("roster_matching"));
    };
    let date = Day::in_morocco(fund.config.clock.now()).date();
    let mut refused = 0;
    for part in references.chunks(REFUSALS_PER_TRANSACTION) {
        let decisions: Vec<(usize, Decision)> = part
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
        match super::decide::refuse_off_roster(fund, actor, decisions, (id, &year)).await {
            Ok(n) => refused += n,
            Err(e) => {
                // What was refused before stays refused, and audited.
                let at = fund.now()?;
                rosters::audit_refusal(pool, &fund.stamped(actor, &at), id, &year, refused).await?;
                return Err(e);
            }
        }
    }
    let at = fund.now()?;
    rosters::audit_refusal(pool, &fund.stamped(actor, &at), id, &year, refused).await?;
    let remaining = rosters::state(pool, id, &year).await?.not_on_roster_pending;
    tracing::info!(university = id, refused, remaining, "refuse not enrolled");
    Ok(RefusedNotEnrolled { refused, remaining })
}
