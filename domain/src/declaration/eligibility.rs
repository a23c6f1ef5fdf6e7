//! Who the scheme covers (law 116-12 and its decree): regularly enrolled
//! students aged 30 or under with no other basic coverage, in their own name
//! or as a dependant. The age limit is configuration, not a constant.

use super::academic_year::YearStart;
use super::coverage::{Coverage, Scheme};
use crate::student::BirthDate;
use serde::{Deserialize, Serialize};
use time::Date;

/// The rules in force, from configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The oldest age covered (30: "aged 30 or under").
    pub age_limit: i32,
    /// The first day of an academic year.
    pub year_start: YearStart,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            age_limit: 30,
            year_start: YearStart::default(),
        }
    }
}

/// Why a student cannot be covered; each has a page that says so and what
/// to do (`not-eligible-<code>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Ineligibility {
    CoveredElsewhere { by: Scheme },
    OverAge { limit: i32 },
}

impl Ineligibility {
    pub fn code(&self) -> &'static str {
        match self {
            Ineligibility::CoveredElsewhere { .. } => "covered_elsewhere",
            Ineligibility::OverAge { .. } => "over_age",
        }
    }
}

impl Rules {
    pub fn check_coverage(&self, coverage: &Coverage) -> Result<(), Ineligibility> {
        match coverage {
            Coverage::No => Ok(()),
            Coverage::Yes { by } => Err(Ineligibility::CoveredElsewhere { by: by.clone() }),
        }
    }

    /// Over the limit on `today` (a student turns 31 on their birthday).
    pub fn check_age(&self, birth: &BirthDate, today: Date) -> Result<(), Ineligibility> {
        if birth.age_on(today) > self.age_limit {
            return Err(Ineligibility::OverAge {
                limit: self.age_limit,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25);

    fn born(day: &str, month: &str, year: &str) -> BirthDate {
        BirthDate::parse(day, month, year, TODAY).unwrap()
    }

    #[test]
    fn thirty_is_covered_thirty_one_is_not() {
        let rules = Rules::default();
        assert_eq!(rules.check_age(&born("26", "11", "1995"), TODAY), Ok(()));
        assert_eq!(
            rules.check_age(&born("25", "11", "1995"), TODAY),
            Err(Ineligibility::OverAge { limit: 30 })
        );
    }

    #[test]
    fn the_limit_is_configuration() {
        let rules = Rules {
            age_limit: 35,
            ..Rules::default()
        };
        assert_eq!(rules.check_age(&born("1", "1", "1993"), TODAY), Ok(()));
    }

    #[test]
    fn another_coverage_is_not_eligible_and_says_which() {
        let rules = Rules::default();
        assert_eq!(rules.check_coverage(&Coverage::No), Ok(()));
        let cnss = Coverage::Yes { by: Scheme::Cnss };
        assert_eq!(
            rules.check_coverage(&cnss),
            Err(Ineligibility::CoveredElsewhere { by: Scheme::Cnss })
        );
    }
}
