//! The current academic year at a glance: a university's staff see their
//! own university's counts, the fund's agents everyone's and the outbox.

use super::{Actor, Fund};
use crate::error::Error;
use amoe_domain::Day;
use amoe_domain::declaration::AcademicYear;
use amoe_domain::messages::back_office::Dashboard;

pub async fn dashboard(fund: Fund<'_>, actor: &Actor) -> Result<Dashboard, Error> {
    let today = Day::in_morocco(fund.config.clock.now());
    let year = AcademicYear::containing(today.date(), fund.config.rules.year_start).to_string();
    let university = actor.university().map(|u| u.as_str());
    let pool = &fund.db.pool;
    let [per_day, by_status, by_university, refusals] =
        crate::db::declarations::counts::dashboard(pool, &year, university).await?;
    let enrolled = crate::db::declarations::counts::enrolled(pool, &year, university).await?;
    let outbox = match actor.may_decide() {
        Ok(()) => Some(crate::db::outbox::health(pool, fund.config.clock.now_secs()).await?),
        Err(_) => None,
    };
    let (reexaminations, reexaminations_waiting) =
        crate::db::declarations::reexamine::waiting(pool, university).await?;
    Ok(Dashboard {
        reexaminations,
        reexaminations_waiting,
        academic_year: year,
        per_day,
        by_status,
        by_university,
        refusals,
        enrolled,
        outbox,
    })
}
