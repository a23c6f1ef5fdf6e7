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

/// The `identity_conflict` flag of each of a CIN's declarations, judged
/// all together (after an operator corrected one): a declaration is
/// flagged when another one names a different student, unless it is
/// vouched for and that other is not.
pub fn flags(claims: &[Claim<'_>]) -> Vec<bool> {
    claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            claims.iter().enumerate().any(|(j, other)| {
                i != j && !claim.same_person(other) && (!claim.vouched() || other.vouched())
            })
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

    #[test]
    fn flags_clear_once_the_details_agree_and_a_vouched_one_stands() {
        let a = Claim {
            massar: "R1",
            birth_date: "2004-03-07",
            vouched_by: "",
        };
        let b = Claim {
            massar: "R2",
            birth_date: "2004-03-07",
            vouched_by: "",
        };
        assert_eq!(flags(&[a.clone(), b.clone()]), [true, true]);
        assert_eq!(flags(&[a.clone(), a.clone()]), [false, false]);
        assert_eq!(flags(std::slice::from_ref(&a)), [false]);
        let vouched = Claim {
            vouched_by: "um5",
            ..b
        };
        assert_eq!(flags(&[a, vouched]), [true, false]);
    }
}
