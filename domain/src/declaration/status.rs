//! Where a declaration stands (steps 2–4 of the leaflet): received, then
//! under verification by ANAM, then covered (services open) or refused with
//! ANAM's reason. Transitions are checked here; an illegal one is a typed
//! error and is never stored.

use super::coverage::Scheme;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Status {
    /// Stored; not yet sent to ANAM.
    Received,
    /// Exported to the fund and ANAM for checking.
    UnderVerification,
    /// Covered: services open from the decision.
    Covered,
    /// Refused, with a reason.
    Refused,
    /// Refused, then the student asked the fund to look again (once per
    /// decision): waiting for the fund's new decision.
    UnderReexamination,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Received,
        Status::UnderVerification,
        Status::Covered,
        Status::Refused,
        Status::UnderReexamination,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::UnderVerification => "under_verification",
            Status::Covered => "covered",
            Status::Refused => "refused",
            Status::UnderReexamination => "under_reexamination",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Waiting for a decision.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Status::Received | Status::UnderVerification | Status::UnderReexamination
        )
    }

    /// Whether a declaration in this status may move to `next`: forward
    /// only; a decision is final, except that a refusal may be examined
    /// again at the student's request, and then decided anew.
    pub fn can_become(self, next: Status) -> bool {
        matches!(
            (self, next),
            (Status::Received, Status::UnderVerification)
                | (
                    Status::Received | Status::UnderVerification | Status::UnderReexamination,
                    Status::Covered | Status::Refused
                )
                | (Status::Refused, Status::UnderReexamination)
        )
    }

    /// `next` if the move is legal, else why not.
    pub fn then(self, next: Status) -> Result<Status, IllegalTransition> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(IllegalTransition {
                from: self,
                to: next,
            })
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a declaration that is {from} cannot become {to}")]
pub struct IllegalTransition {
    pub from: Status,
    pub to: Status,
}

/// Why ANAM refused; each has a translated title and "what to do now"
/// (`refusal-<code>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RefusalReason {
    /// Already covered by another basic scheme (which one, when known).
    CoveredElsewhere { scheme: Option<Scheme> },
    /// Over the age limit.
    OverAge,
    /// Not regularly enrolled at the university.
    NotEnrolled,
    /// The identity does not match the registers.
    IdentityMismatch,
    /// Another declaration uses the same CIN with a different Massar code
    /// or birth date (flagged `identity_conflict` in the export), and this
    /// one is not the student's.
    IdentityConflict,
    /// Anything else, in the operator's words.
    Other { text: String },
}

impl RefusalReason {
    /// Every reason's code, in the order the fund lists them (`other`
    /// last).
    pub const CODES: [&'static str; 6] = [
        "covered_elsewhere",
        "over_age",
        "not_enrolled",
        "identity_mismatch",
        "identity_conflict",
        "other",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            RefusalReason::CoveredElsewhere { .. } => "covered_elsewhere",
            RefusalReason::OverAge => "over_age",
            RefusalReason::NotEnrolled => "not_enrolled",
            RefusalReason::IdentityMismatch => "identity_mismatch",
            RefusalReason::IdentityConflict => "identity_conflict",
            RefusalReason::Other { .. } => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_its_code_listed() {
        let reasons = [
            RefusalReason::CoveredElsewhere { scheme: None },
            RefusalReason::OverAge,
            RefusalReason::NotEnrolled,
            RefusalReason::IdentityMismatch,
            RefusalReason::IdentityConflict,
            RefusalReason::Other {
                text: String::new(),
            },
        ];
        assert_eq!(reasons.map(|r| r.code()), RefusalReason::CODES);
    }

    #[test]
    fn the_journey_goes_forward() {
        use Status::*;
        assert_eq!(Received.then(UnderVerification), Ok(UnderVerification));
        assert_eq!(UnderVerification.then(Covered), Ok(Covered));
        assert_eq!(UnderVerification.then(Refused), Ok(Refused));
        // A decision may come for a declaration that was never exported.
        assert_eq!(Received.then(Covered), Ok(Covered));
    }

    #[test]
    fn a_refusal_may_be_examined_again_then_decided() {
        use Status::*;
        assert_eq!(Refused.then(UnderReexamination), Ok(UnderReexamination));
        assert_eq!(UnderReexamination.then(Covered), Ok(Covered));
        assert_eq!(UnderReexamination.then(Refused), Ok(Refused));
        assert!(!Covered.can_become(UnderReexamination));
        assert!(!Received.can_become(UnderReexamination));
        assert!(!UnderVerification.can_become(UnderReexamination));
        assert!(!UnderReexamination.can_become(UnderVerification));
    }

    #[test]
    fn nothing_goes_back_and_decisions_are_final() {
        for from in Status::ALL {
            for to in Status::ALL {
                let legal = from.can_become(to);
                let reexamined = (from, to) == (Status::Refused, Status::UnderReexamination);
                if (!from.is_pending() && !reexamined) || to == Status::Received || from == to {
                    assert!(!legal, "{from} -> {to}");
                    assert_eq!(from.then(to), Err(IllegalTransition { from, to }));
                }
            }
        }
    }

    #[test]
    fn names_read_back() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{status}\""));
        }
        assert_eq!(Status::parse("lost"), None);
    }

    #[test]
    fn reasons_carry_their_detail_in_json() {
        let reason = RefusalReason::CoveredElsewhere {
            scheme: Some(Scheme::Cnops),
        };
        let json = serde_json::to_string(&reason).unwrap();
        assert_eq!(
            json,
            r#"{"reason":"covered_elsewhere","scheme":{"scheme":"cnops"}}"#
        );
        assert_eq!(
            serde_json::from_str::<RefusalReason>(&json).unwrap(),
            reason
        );
        let other = RefusalReason::Other {
            text: "Dossier incomplet".into(),
        };
        assert_eq!(other.code(), "other");
    }
}
