//! Identity across declarations of one CIN. Anyone can type anyone's CIN,
//! so a CIN does not identify a student by itself: a declaration is the
//! student's whose Massar code and birth date it carries. Declarations of
//! one CIN that disagree on those are all kept, each seen only with its own
//! details, and flagged `identity_conflict` for the fund; a university
//! portal's word (`vouched_by`) wins over a declaration nobody vouched for.

/// What a declaration of a CIN says about who the student is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim<'a> {
    pub massar: &'a str,
    pub birth_date: &'a str,
    /// The university whose portal vouched for it; `""` for none.
    pub vouched_by: &'a str,
}

impl Claim<'_> {
    fn same_person(&self, other: &Claim<'_>) -> bool {
        self.massar == other.massar && self.birth_date == other.birth_date
    }

    fn vouched(&self) -> bool {
        !self.vouched_by.is_empty()
    }
}

/// An earlier declaration of the same CIN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earlier<'a> {
    pub claim: Claim<'a>,
    /// In the academic year of the new declaration.
    pub this_year: bool,
}

/// What becomes of a new declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Judgement {
    /// The same details (and, for a vouched one, a vouched one) are
    /// declared already this year.
    AlreadyDeclared,
    /// This CIN has `cap` declarations this year already; only a vouched
    /// one gets in now.
    TooMany,
    /// Stored; flagged or not, and which earlier ones (their indexes) to
    /// flag now.
    Accepted {
        conflict: bool,
        flag_earlier: Vec<usize>,
    },
}

/// Judges `new` against the CIN's `earlier` declarations, with `cap`
/// declarations per CIN and year (the new one included). The cap comes
/// before the rest, so that once it is reached every unvouched attempt
/// gets the same answer, right details or not: the answers cannot be used
/// to guess a student's Massar code or birth date.
pub fn judge(new: &Claim<'_>, earlier: &[Earlier<'_>], cap: usize) -> Judgement {
    let this_year = || earlier.iter().enumerate().filter(|(_, e)| e.this_year);
    if !new.vouched() && this_year().count() >= cap {
        return Judgement::TooMany;
    }
    let declared = this_year()
        .any(|(_, e)| new.same_person(&e.claim) && (!new.vouched() || e.claim.vouched()));
    if declared {
        return Judgement::AlreadyDeclared;
    }
    // A declaration contradicted by another is flagged, unless it is
    // vouched for and the other is not.
    let contradicts =
        |a: &Claim<'_>, b: &Claim<'_>| !a.same_person(b) && (!a.vouched() || b.vouched());
    let conflict = earlier.iter().any(|e| contradicts(new, &e.claim));
    let flag_earlier = this_year()
        .filter(|(_, e)| contradicts(&e.claim, new) || (new.vouched() && !e.claim.vouched()))
        .map(|(i, _)| i)
        .collect();
    Judgement::Accepted {
        conflict,
        flag_earlier,
    }
}

/// A stored declaration of a CIN, for [`flags`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored<'a> {
    pub claim: Claim<'a>,
    pub academic_year: &'a str,
}

/// The `identity_conflict` flag of each of a CIN's declarations, given in
/// the order they arrived, judged again all together (after an operator
/// corrected or erased one): the flags [`judge`] would have left had they
/// arrived as they are now. A declaration is flagged when an earlier one
/// (of any year) contradicts it, or a later one of its own year
/// contradicts it or is vouched for while it is not.
pub fn flags(stored: &[Stored<'_>]) -> Vec<bool> {
    let contradicts =
        |a: &Claim<'_>, b: &Claim<'_>| !a.same_person(b) && (!a.vouched() || b.vouched());
    stored
        .iter()
        .enumerate()
        .map(|(i, this)| {
            let by_earlier = stored[..i]
                .iter()
                .any(|earlier| contradicts(&this.claim, &earlier.claim));
            let by_later = stored[i + 1..].iter().any(|later| {
                later.academic_year == this.academic_year
                    && (contradicts(&this.claim, &later.claim)
                        || (later.claim.vouched() && !this.claim.vouched()))
            });
            by_earlier || by_later
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUDENT: Claim = Claim {
        massar: "R130123456",
        birth_date: "2004-03-07",
        vouched_by: "",
    };
    const SQUATTER: Claim = Claim {
        massar: "X999999999",
        birth_date: "2000-01-01",
        vouched_by: "",
    };

    fn earlier(claim: Claim<'static>, this_year: bool) -> Earlier<'static> {
        Earlier { claim, this_year }
    }

    fn accepted(conflict: bool, flag_earlier: Vec<usize>) -> Judgement {
        Judgement::Accepted {
            conflict,
            flag_earlier,
        }
    }

    #[test]
    fn a_first_declaration_is_clean_and_the_same_again_is_declared() {
        assert_eq!(judge(&STUDENT, &[], 3), accepted(false, vec![]));
        assert_eq!(
            judge(&STUDENT, &[earlier(STUDENT, true)], 3),
            Judgement::AlreadyDeclared
        );
        // Renewal: the same details, an earlier year.
        assert_eq!(
            judge(&STUDENT, &[earlier(STUDENT, false)], 3),
            accepted(false, vec![])
        );
    }

    #[test]
    fn other_details_under_the_same_cin_are_accepted_and_flagged() {
        // The squat across years: the new one is flagged, the old year stays.
        assert_eq!(
            judge(&SQUATTER, &[earlier(STUDENT, false)], 3),
            accepted(true, vec![])
        );
        // Within a year, both are flagged and the student is not locked out.
        assert_eq!(
            judge(&STUDENT, &[earlier(SQUATTER, true)], 3),
            accepted(true, vec![0])
        );
    }

    #[test]
    fn the_cap_answers_the_same_whatever_the_details() {
        let full = [
            earlier(STUDENT, true),
            earlier(SQUATTER, true),
            earlier(
                Claim {
                    massar: "Y1",
                    ..SQUATTER
                },
                true,
            ),
        ];
        assert_eq!(judge(&STUDENT, &full, 3), Judgement::TooMany);
        assert_eq!(judge(&SQUATTER, &full, 3), Judgement::TooMany);
        // Earlier years do not count.
        let old = [earlier(SQUATTER, false), earlier(SQUATTER, false)];
        assert_eq!(judge(&STUDENT, &old, 1), accepted(true, vec![]));
    }

    #[test]
    fn a_vouched_declaration_wins() {
        let vouched = Claim {
            vouched_by: "um5",
            ..STUDENT
        };
        let full = [
            earlier(SQUATTER, true),
            earlier(
                Claim {
                    massar: "Y1",
                    ..SQUATTER
                },
                true,
            ),
            earlier(STUDENT, true),
        ];
        // Past the cap, over the squatters and over an unvouched twin.
        assert_eq!(judge(&vouched, &full, 3), accepted(false, vec![0, 1, 2]));
        // An unvouched one beside a vouched one loses; the vouched one stays.
        assert_eq!(
            judge(&SQUATTER, &[earlier(vouched.clone(), true)], 3),
            accepted(true, vec![])
        );
        assert_eq!(
            judge(&STUDENT, &[earlier(vouched.clone(), true)], 3),
            Judgement::AlreadyDeclared
        );
        assert_eq!(
            judge(&vouched, &[earlier(vouched.clone(), true)], 3),
            Judgement::AlreadyDeclared
        );
        // Two portals vouching different people: both flagged.
        let other = Claim {
            vouched_by: "uit",
            ..SQUATTER
        };
        assert_eq!(
            judge(&other, &[earlier(vouched, true)], 3),
            accepted(true, vec![0])
        );
    }

    fn stored<'a>(claim: &Claim<'a>, academic_year: &'a str) -> Stored<'a> {
        Stored {
            claim: claim.clone(),
            academic_year,
        }
    }

    #[test]
    fn flags_clear_once_the_details_agree_and_a_vouched_one_stands() {
        let (a, b) = (STUDENT, SQUATTER);
        let year = "2026-2027";
        assert_eq!(flags(&[stored(&a, year), stored(&b, year)]), [true, true]);
        assert_eq!(flags(&[stored(&a, year), stored(&a, year)]), [false, false]);
        assert_eq!(flags(&[stored(&a, year)]), [false]);
        let vouched = Claim {
            vouched_by: "um5",
            ..b
        };
        assert_eq!(
            flags(&[stored(&a, year), stored(&vouched, year)]),
            [true, false]
        );
        // A later year's declaration does not flag an earlier year's.
        assert_eq!(
            flags(&[stored(&a, "2025-2026"), stored(&b, year)]),
            [false, true]
        );
    }

    proptest::proptest! {
        /// Judging again gives the flags that judging each declaration as
        /// it arrived left.
        #[test]
        fn flags_are_what_judging_one_by_one_leaves(
            arrivals in proptest::collection::vec((0..3usize, 0..2usize, proptest::bool::ANY), 0..12)
        ) {
            const MASSARS: [&str; 3] = ["R1", "R2", "R3"];
            const YEARS: [&str; 2] = ["2025-2026", "2026-2027"];
            let mut kept: Vec<(Stored<'_>, bool)> = Vec::new();
            // Years arrive in order: sort by year, keep the rest's order.
            let mut arrivals = arrivals;
            arrivals.sort_by_key(|(_, year, _)| *year);
            for (massar, year, vouched) in arrivals {
                let claim = Claim {
                    massar: MASSARS[massar],
                    birth_date: "2004-03-07",
                    vouched_by: if vouched { "um5" } else { "" },
                };
                let earlier: Vec<Earlier<'_>> = kept
                    .iter()
                    .map(|(s, _)| Earlier {
                        claim: s.claim.clone(),
                        this_year: s.academic_year == YEARS[year],
                    })
                    .collect();
                if let Judgement::Accepted { conflict, flag_earlier } = judge(&claim, &earlier, 100) {
                    for i in flag_earlier {
                        kept[i].1 = true;
                    }
                    kept.push((stored(&claim, YEARS[year]), conflict));
                }
            }
            let stored: Vec<Stored<'_>> = kept.iter().map(|(s, _)| s.clone()).collect();
            let judged: Vec<bool> = kept.iter().map(|(_, flag)| *flag).collect();
            proptest::prop_assert_eq!(flags(&stored), judged);
        }
    }
}
