//! Identity across declarations of one CIN. Anyone can type anyone's CIN,
//! so a CIN does not identify a student by itself: a declaration is the
//! student's whose Massar code and birth date it carries. Declarations of
//! one CIN that disagree on those are all kept, each seen only with its own
//! details, and flagged `identity_conflict` for the fund; a university
//! portal's word (`vouched_by`), or its university's roster of enrolled
//! students (`enrolled`), wins over a declaration neither attests.
//!
//! Nothing caps a CIN's declarations: a cap is filled by whoever types the
//! CIN first, and bars the student. A second declaration of a CIN in a year
//! is stored, and flagged when its details differ. The fund may set a
//! declaration aside: it then counts towards nothing of its CIN (no flag,
//! no status page), and only its very details stay declared.

/// What a declaration of a CIN says about who the student is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim<'a> {
    pub massar: &'a str,
    pub birth_date: &'a str,
    /// The university whose portal vouched for it; `""` for none.
    pub vouched_by: &'a str,
    /// Its university's roster of enrolled students for its year holds
    /// its CIN, Massar code and birth date.
    pub enrolled: bool,
}

impl Claim<'_> {
    fn same_person(&self, other: &Claim<'_>) -> bool {
        self.massar == other.massar && self.birth_date == other.birth_date
    }

    fn vouched(&self) -> bool {
        !self.vouched_by.is_empty()
    }

    /// Vouched for by a portal, or on its university's roster: the
    /// university's word.
    fn attested(&self) -> bool {
        self.vouched() || self.enrolled
    }

    /// Whether `self` is contradicted by `other`: another person, unless
    /// the university attests `self` and not `other`.
    fn contradicted_by(&self, other: &Claim<'_>) -> bool {
        !self.same_person(other) && (!self.attested() || other.attested())
    }
}

/// An earlier declaration of the same CIN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earlier<'a> {
    pub claim: Claim<'a>,
    /// In the academic year of the new declaration.
    pub this_year: bool,
    /// Set aside by the fund.
    pub set_aside: bool,
}

/// What becomes of a new declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Judgement {
    /// The same details (and, for a vouched one, a vouched one) are
    /// declared already this year; a declaration set aside keeps only its
    /// very details (and voucher) declared.
    AlreadyDeclared,
    /// Stored; flagged or not, and which earlier ones (their indexes) to
    /// flag now.
    Accepted {
        conflict: bool,
        flag_earlier: Vec<usize>,
    },
}

/// Judges `new` against the CIN's `earlier` declarations.
pub fn judge(new: &Claim<'_>, earlier: &[Earlier<'_>]) -> Judgement {
    let counted = || earlier.iter().enumerate().filter(|(_, e)| !e.set_aside);
    let this_year = || counted().filter(|(_, e)| e.this_year);
    let declared = this_year()
        .any(|(_, e)| new.same_person(&e.claim) && (!new.vouched() || e.claim.vouched()));
    // The very details and voucher; whether a roster holds them says
    // nothing here (else the answer would tell it).
    let set_aside_twin = earlier.iter().any(|e| {
        e.set_aside
            && e.this_year
            && e.claim.same_person(new)
            && e.claim.vouched_by == new.vouched_by
    });
    if declared || set_aside_twin {
        return Judgement::AlreadyDeclared;
    }
    let conflict = counted().any(|(_, e)| new.contradicted_by(&e.claim));
    let flag_earlier = this_year()
        .filter(|(_, e)| e.claim.contradicted_by(new) || (new.attested() && !e.claim.attested()))
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
    pub set_aside: bool,
}

/// The `identity_conflict` flag of each of a CIN's declarations, given in
/// the order they arrived, judged again all together (after the fund
/// corrected, erased, set aside or put back one): the flags [`judge`]
/// would have left had they arrived as they are now. A declaration is
/// flagged when an earlier one (of any year) contradicts it, or a later one
/// of its own year contradicts it or is attested while it is not. A
/// declaration set aside is never flagged, and flags none.
pub fn flags(stored: &[Stored<'_>]) -> Vec<bool> {
    stored
        .iter()
        .enumerate()
        .map(|(i, this)| {
            if this.set_aside {
                return false;
            }
            let by_earlier = stored[..i]
                .iter()
                .any(|earlier| !earlier.set_aside && this.claim.contradicted_by(&earlier.claim));
            let by_later = stored[i + 1..].iter().any(|later| {
                !later.set_aside
                    && later.academic_year == this.academic_year
                    && (this.claim.contradicted_by(&later.claim)
                        || (later.claim.attested() && !this.claim.attested()))
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
        enrolled: false,
    };
    const SQUATTER: Claim = Claim {
        massar: "X999999999",
        birth_date: "2000-01-01",
        vouched_by: "",
        enrolled: false,
    };

    fn earlier(claim: Claim<'static>, this_year: bool) -> Earlier<'static> {
        Earlier {
            claim,
            this_year,
            set_aside: false,
        }
    }

    fn set_aside(claim: Claim<'static>) -> Earlier<'static> {
        Earlier {
            claim,
            this_year: true,
            set_aside: true,
        }
    }

    fn accepted(conflict: bool, flag_earlier: Vec<usize>) -> Judgement {
        Judgement::Accepted {
            conflict,
            flag_earlier,
        }
    }

    #[test]
    fn a_first_declaration_is_clean_and_the_same_again_is_declared() {
        assert_eq!(judge(&STUDENT, &[]), accepted(false, vec![]));
        assert_eq!(
            judge(&STUDENT, &[earlier(STUDENT, true)]),
            Judgement::AlreadyDeclared
        );
        // Renewal: the same details, an earlier year.
        assert_eq!(
            judge(&STUDENT, &[earlier(STUDENT, false)]),
            accepted(false, vec![])
        );
    }

    #[test]
    fn other_details_under_the_same_cin_are_accepted_and_flagged() {
        // The squat across years: the new one is flagged, the old year stays.
        assert_eq!(
            judge(&SQUATTER, &[earlier(STUDENT, false)]),
            accepted(true, vec![])
        );
        // Within a year, both are flagged and the student is not locked out.
        assert_eq!(
            judge(&STUDENT, &[earlier(SQUATTER, true)]),
            accepted(true, vec![0])
        );
    }

    #[test]
    fn no_number_of_squatters_bars_the_student() {
        let squatters: Vec<Earlier<'static>> = ["X1", "X2", "X3", "X4"]
            .into_iter()
            .map(|massar| earlier(Claim { massar, ..SQUATTER }, true))
            .collect();
        // Stored, flagged, and the squatters with it.
        assert_eq!(
            judge(&STUDENT, &squatters),
            accepted(true, vec![0, 1, 2, 3])
        );
    }

    #[test]
    fn a_declaration_set_aside_counts_towards_nothing_but_its_own_details() {
        // The squatter set aside: the student's declaration is clean.
        assert_eq!(
            judge(&STUDENT, &[set_aside(SQUATTER)]),
            accepted(false, vec![])
        );
        // Its very details stay declared (they are stored, once a year).
        assert_eq!(
            judge(&SQUATTER, &[set_aside(SQUATTER)]),
            Judgement::AlreadyDeclared
        );
        // A portal's word on the same details is another declaration.
        let vouched = Claim {
            vouched_by: "um5",
            ..SQUATTER
        };
        assert_eq!(
            judge(&vouched, &[set_aside(SQUATTER)]),
            accepted(false, vec![])
        );
        let year = "2026-2027";
        let kept = |claim: Claim<'static>, set_aside: bool| Stored {
            claim,
            academic_year: year,
            set_aside,
        };
        assert_eq!(
            flags(&[kept(SQUATTER, true), kept(STUDENT, false)]),
            [false, false]
        );
        assert_eq!(
            flags(&[kept(SQUATTER, false), kept(STUDENT, false)]),
            [true, true]
        );
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
        assert_eq!(judge(&vouched, &full), accepted(false, vec![0, 1, 2]));
        // An unvouched one beside a vouched one loses; the vouched one stays.
        assert_eq!(
            judge(&SQUATTER, &[earlier(vouched.clone(), true)]),
            accepted(true, vec![])
        );
        assert_eq!(
            judge(&STUDENT, &[earlier(vouched.clone(), true)]),
            Judgement::AlreadyDeclared
        );
        assert_eq!(
            judge(&vouched, &[earlier(vouched.clone(), true)]),
            Judgement::AlreadyDeclared
        );
        // Two portals vouching different people: both flagged.
        let other = Claim {
            vouched_by: "uit",
            ..SQUATTER
        };
        assert_eq!(
            judge(&other, &[earlier(vouched, true)]),
            accepted(true, vec![0])
        );
    }

    #[test]
    fn a_declaration_on_the_roster_wins_over_made_up_ones() {
        let enrolled = Claim {
            enrolled: true,
            ..STUDENT
        };
        let squatters = [
            earlier(SQUATTER, true),
            earlier(
                Claim {
                    massar: "X2",
                    ..SQUATTER
                },
                true,
            ),
        ];
        // The student's is clean; the squatters' are flagged.
        assert_eq!(judge(&enrolled, &squatters), accepted(false, vec![0, 1]));
        // A made-up one after the student's is flagged, the student's not.
        assert_eq!(
            judge(&SQUATTER, &[earlier(enrolled.clone(), true)]),
            accepted(true, vec![])
        );
        // Judged again: the flags stay on the squatters only.
        let year = "2026-2027";
        assert_eq!(
            flags(&[stored(&SQUATTER, year), stored(&enrolled, year)]),
            [true, false]
        );
        // On the roster and vouched for are the same word: two such
        // people under one CIN are both flagged.
        let vouched_other = Claim {
            vouched_by: "um5",
            ..SQUATTER
        };
        assert_eq!(
            judge(&vouched_other, &[earlier(enrolled, true)]),
            accepted(true, vec![0])
        );
    }

    fn stored<'a>(claim: &Claim<'a>, academic_year: &'a str) -> Stored<'a> {
        Stored {
            claim: claim.clone(),
            academic_year,
            set_aside: false,
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

    /// A claim attested by nobody (0), a portal (1) or a roster (2).
    fn attested_claim(massar: &'static str, attested: usize) -> Claim<'static> {
        Claim {
            massar,
            birth_date: "2004-03-07",
            vouched_by: if attested == 1 { "um5" } else { "" },
            enrolled: attested == 2,
        }
    }

    proptest::proptest! {
        /// Judging again gives the flags that judging each declaration as
        /// it arrived left.
        #[test]
        fn flags_are_what_judging_one_by_one_leaves(
            arrivals in proptest::collection::vec((0..3usize, 0..2usize, 0..3usize), 0..12)
        ) {
            const MASSARS: [&str; 3] = ["R1", "R2", "R3"];
            const YEARS: [&str; 2] = ["2025-2026", "2026-2027"];
            let mut kept: Vec<(Stored<'_>, bool)> = Vec::new();
            // Years arrive in order: sort by year, keep the rest's order.
            let mut arrivals = arrivals;
            arrivals.sort_by_key(|(_, year, _)| *year);
            for (massar, year, attested) in arrivals {
                let claim = attested_claim(MASSARS[massar], attested);
                let earlier: Vec<Earlier<'_>> = kept
                    .iter()
                    .map(|(s, _)| Earlier {
                        claim: s.claim.clone(),
                        this_year: s.academic_year == YEARS[year],
                        set_aside: false,
                    })
                    .collect();
                if let Judgement::Accepted { conflict, flag_earlier } = judge(&claim, &earlier) {
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

        /// A declaration set aside changes the others' flags as if it
        /// were not there.
        #[test]
        fn a_declaration_set_aside_is_as_if_it_were_not_there(
            stored_ in proptest::collection::vec((0..3usize, 0..2usize, 0..3usize, proptest::bool::ANY), 0..10)
        ) {
            const MASSARS: [&str; 3] = ["R1", "R2", "R3"];
            const YEARS: [&str; 2] = ["2025-2026", "2026-2027"];
            let all: Vec<Stored<'_>> = stored_
                .iter()
                .map(|&(massar, year, attested, set_aside)| Stored {
                    claim: attested_claim(MASSARS[massar], attested),
                    academic_year: YEARS[year],
                    set_aside,
                })
                .collect();
            let kept: Vec<Stored<'_>> = all.iter().filter(|s| !s.set_aside).cloned().collect();
            let mut without = flags(&kept).into_iter();
            let expected: Vec<bool> = all
                .iter()
                .map(|s| !s.set_aside && without.next().unwrap_or(false))
                .collect();
            proptest::prop_assert_eq!(flags(&all), expected);
        }
    }
}
