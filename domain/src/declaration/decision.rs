//! A decision of the fund (after ANAM's check) on one declaration, as an
//! operator imports it: one row of a JSON or CSV file.

use super::coverage::Scheme;
use super::reference_number::Reference;
use super::status::{RefusalReason, Status};
use serde::{Deserialize, Serialize};
use time::Date;

/// A row as written in the file, every column text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRecord {
    pub reference: String,
    /// `covered` or `refused`.
    pub decision: String,
    /// For a refusal: `covered_elsewhere`, `over_age`, `not_enrolled`,
    /// `identity_mismatch`, `identity_conflict` or `other`.
    pub reason_code: String,
    /// For `covered_elsewhere`, the scheme (`cnops`, `cnss`, `ramed`, `far`
    /// or its name); for `other`, the reason in the operator's words.
    pub reason_text: String,
    /// `YYYY-MM-DD`: the day of the decision (services open that day).
    pub decision_date: String,
}

/// The columns of a decision file, in order.
pub const COLUMNS: [&str; 5] = [
    "reference",
    "decision",
    "reason_code",
    "reason_text",
    "decision_date",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Outcome {
    Covered,
    Refused { reason: RefusalReason },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub reference: Reference,
    pub outcome: Outcome,
    pub date: Date,
}

impl Decision {
    pub fn status(&self) -> Status {
        match self.outcome {
            Outcome::Covered => Status::Covered,
            Outcome::Refused { .. } => Status::Refused,
        }
    }
}

pub const MAX_REASON_TEXT_CHARS: usize = 500;

/// A column's error: its name and the stable code of what is wrong.
pub type ColumnError = (&'static str, &'static str);

impl DecisionRecord {
    /// The decision this row states, or every column that is wrong.
    pub fn parse(&self) -> Result<Decision, Vec<ColumnError>> {
        let mut errors = Vec::new();
        let reference = Reference::parse(&self.reference)
            .map_err(|e| errors.push(("reference", e.code())))
            .ok();
        let text = crate::text::collapse_spaces(&self.reason_text);
        if text.chars().count() > MAX_REASON_TEXT_CHARS {
            errors.push(("reason_text", "reason_text_too_long"));
        }
        let outcome = match self.decision.trim() {
            "covered" => Some(Outcome::Covered),
            "refused" => {
                let reason = match self.reason_code.trim() {
                    "covered_elsewhere" => Some(RefusalReason::CoveredElsewhere {
                        scheme: (!text.is_empty()).then(|| {
                            Scheme::parse(&text, "").unwrap_or(Scheme::Other { name: text.clone() })
                        }),
                    }),
                    "over_age" => Some(RefusalReason::OverAge),
                    "not_enrolled" => Some(RefusalReason::NotEnrolled),
                    "identity_mismatch" => Some(RefusalReason::IdentityMismatch),
                    "identity_conflict" => Some(RefusalReason::IdentityConflict),
                    "other" if text.is_empty() => {
                        errors.push(("reason_text", "reason_text_missing"));
                        None
                    }
                    "other" => Some(RefusalReason::Other { text: text.clone() }),
                    "" => {
                        errors.push(("reason_code", "reason_code_missing"));
                        None
                    }
                    _ => {
                        errors.push(("reason_code", "reason_code_unknown"));
                        None
                    }
                };
                reason.map(|reason| Outcome::Refused { reason })
            }
            "" => {
                errors.push(("decision", "decision_missing"));
                None
            }
            _ => {
                errors.push(("decision", "decision_unknown"));
                None
            }
        };
        let date = crate::Day::parse(&self.decision_date)
            .map(crate::Day::date)
            .map_err(|_| errors.push(("decision_date", "decision_date_invalid")))
            .ok();
        match (reference, outcome, date) {
            (Some(reference), Some(outcome), Some(date)) if errors.is_empty() => Ok(Decision {
                reference,
                outcome,
                date,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn record(decision: &str, code: &str, text: &str) -> DecisionRecord {
        DecisionRecord {
            reference: Reference::from_random(42).to_string(),
            decision: decision.into(),
            reason_code: code.into(),
            reason_text: text.into(),
            decision_date: "2026-12-01".into(),
        }
    }

    #[test]
    fn reads_each_kind_of_decision() {
        let covered = record("covered", "", "").parse().unwrap();
        assert_eq!(
            (covered.outcome, covered.date),
            (Outcome::Covered, date!(2026 - 12 - 01))
        );
        let cnss = record("refused", "covered_elsewhere", "cnss")
            .parse()
            .unwrap();
        assert_eq!(
            cnss.outcome,
            Outcome::Refused {
                reason: RefusalReason::CoveredElsewhere {
                    scheme: Some(Scheme::Cnss)
                }
            }
        );
        let named = record("refused", "covered_elsewhere", "Mutuelle OCP")
            .parse()
            .unwrap();
        assert_eq!(
            named.outcome,
            Outcome::Refused {
                reason: RefusalReason::CoveredElsewhere {
                    scheme: Some(Scheme::Other {
                        name: "Mutuelle OCP".into()
                    })
                }
            }
        );
        let other = record("refused", "other", "  ملف  ناقص ").parse().unwrap();
        assert_eq!(
            other.outcome,
            Outcome::Refused {
                reason: RefusalReason::Other {
                    text: "ملف ناقص".into()
                }
            }
        );
        assert_eq!(other.status(), Status::Refused);
    }

    #[test]
    fn names_every_wrong_column() {
        let bad = DecisionRecord {
            reference: "AMOE-0000-001".into(),
            decision: "maybe".into(),
            decision_date: "01/12/2026".into(),
            ..DecisionRecord::default()
        };
        assert_eq!(
            bad.parse().unwrap_err(),
            [
                ("reference", "reference_check_failed"),
                ("decision", "decision_unknown"),
                ("decision_date", "decision_date_invalid")
            ]
        );
        assert_eq!(
            record("refused", "", "").parse().unwrap_err(),
            [("reason_code", "reason_code_missing")]
        );
        assert_eq!(
            record("refused", "lost", "").parse().unwrap_err(),
            [("reason_code", "reason_code_unknown")]
        );
        assert_eq!(
            record("refused", "other", " ").parse().unwrap_err(),
            [("reason_text", "reason_text_missing")]
        );
    }
}
