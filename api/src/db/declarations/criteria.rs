//! What a search or an export selects, already checked: one builder of
//! `WHERE` clauses over the declarations (or over their tallies), and what
//! the audit log keeps of it.

use super::export::Selection;
use super::names::after_prefix;
use amoe_domain::declaration::Status;

/// What to look for, already checked.
#[derive(Clone, Debug, Default)]
pub struct Criteria {
    pub reference: Option<String>,
    pub cin: Option<String>,
    /// Folded words, each the start of a word of the name.
    pub words: Vec<String>,
    pub status: Option<Status>,
    pub university: Option<String>,
    pub academic_year: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub identity_conflict: Option<bool>,
    pub vouched: Option<bool>,
    /// Set aside by the fund, or not (the tallies do not know).
    pub set_aside: Option<bool>,
    /// On the university's roster for the year, or not (nor do they).
    pub enrolled: Option<bool>,
    /// Not on the university's roster for the year, once it is final.
    pub not_on_roster: Option<bool>,
    /// Without a status, only the declarations awaiting a decision
    /// (received or under verification): what the fund exports to verify.
    pub pending: bool,
}

impl Criteria {
    /// What the audit log keeps of a search: how it searched (by
    /// reference, CIN or name) and its filters, never the CIN or the
    /// words typed.
    pub fn audited(&self) -> serde_json::Value {
        let by = if self.reference.is_some() {
            "reference"
        } else if self.cin.is_some() {
            "cin"
        } else if !self.words.is_empty() {
            "name"
        } else {
            "filters"
        };
        serde_json::json!({
            "by": by,
            "reference": self.reference,
            "status": self.status.map(Status::as_str),
            "university": self.university,
            "academic_year": self.academic_year,
            "since": self.since,
            "until": self.until,
            "identity_conflict": self.identity_conflict,
            "vouched": self.vouched,
            "set_aside": self.set_aside,
            "enrolled": self.enrolled,
            "not_on_roster": self.not_on_roster,
            "pending": self.pending,
        })
    }

    /// What an export reads, and what its audit entry keeps of it. A status, or the pending
    /// ones, are read one index range per status, merged: an export of two
    /// statuses out of millions of declarations never scans the others.
    pub fn selection(&self) -> (Selection, serde_json::Value) {
        let statuses = match (self.status, self.pending) {
            (Some(status), _) => vec![status],
            (None, true) => vec![
                Status::Received,
                Status::UnderVerification,
                Status::UnderReexamination,
            ],
            (None, false) => Vec::new(),
        };
        let (clause, binds) = Criteria {
            status: None,
            pending: false,
            ..self.clone()
        }
        .clause();
        (
            Selection {
                clause,
                binds,
                statuses,
            },
            self.audited(),
        )
    }

    /// The declarations (reference, received_at) whose name has every
    /// word searched, with a `?` for each value: for each word, one range
    /// of the index of the names' words (a word begins a word of the name,
    /// or follows the Arabic article: `رباط` finds `الرباط`), intersected.
    pub(super) fn found_by_name(&self) -> Option<(String, Vec<String>)> {
        if self.words.is_empty() {
            return None;
        }
        // A prefix can match two words of one name: one word's range is
        // made distinct, and an intersection is distinct already (and
        // twice as fast without sorting each range first).
        let sql = if self.words.len() == 1 {
            "SELECT DISTINCT reference, received_at FROM declaration_words \
             WHERE word >= ? AND word < ?"
                .to_owned()
        } else {
            vec![
                "SELECT reference, received_at FROM declaration_words WHERE word >= ? AND word < ?";
                self.words.len()
            ]
            .join(" INTERSECT ")
        };
        let values = self
            .words
            .iter()
            .flat_map(|word| [word.clone(), after_prefix(word)])
            .collect();
        Some((sql, values))
    }

    /// Whether a search is by name alone, no filter: then the index of the
    /// names' words counts and orders it, and only the declarations shown
    /// are read.
    pub(super) fn by_name_only(&self) -> bool {
        !self.words.is_empty()
            && self.status.is_none()
            && !self.pending
            && self.university.is_none()
            && self.academic_year.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.identity_conflict.is_none()
            && self.vouched.is_none()
            && self.set_aside.is_none()
            && self.enrolled.is_none()
            && self.not_on_roster.is_none()
    }

    /// Whether the tallies can count what this finds: filters only, no
    /// reference, CIN or name.
    pub(super) fn by_filters_only(&self) -> bool {
        self.reference.is_none()
            && self.cin.is_none()
            && self.words.is_empty()
            && self.set_aside.is_none()
            && self.enrolled.is_none()
            && self.not_on_roster.is_none()
    }

    /// The `WHERE` clause over `declarations` and its values.
    pub(super) fn clause(&self) -> (String, Vec<String>) {
        self.clause_over(Over::Declarations)
    }

    /// The `WHERE` clause over `table`, and its values; the tallies know
    /// only the filters.
    pub(super) fn clause_over(&self, table: Over) -> (String, Vec<String>) {
        let mut sql = String::from("1 = 1");
        let mut binds: Vec<String> = Vec::new();
        // Each `?` of a condition takes the next of its values.
        let mut add = |condition: &str, values: Vec<String>| {
            let mut values = values.into_iter();
            sql.push_str(" AND ");
            for (i, part) in condition.split('?').enumerate() {
                if i > 0 {
                    binds.push(values.next().expect("a value for each placeholder"));
                    sql.push_str(&format!("${}", binds.len()));
                }
                sql.push_str(part);
            }
        };
        if table == Over::Declarations {
            if let Some(v) = &self.reference {
                add("reference = ?", vec![v.clone()]);
            }
            if let Some(v) = &self.cin {
                add("cin = ?", vec![v.clone()]);
            }
            if let Some((found, values)) = self.found_by_name() {
                add(
                    &format!("reference IN (SELECT reference FROM ({found}) AS found)"),
                    values,
                );
            }
        }
        let day = match table {
            Over::Declarations => "substr(received_at, 1, 10)",
            Over::Tallies => "received_on",
        };
        match self.status {
            Some(v) => add("status = ?", vec![v.as_str().to_owned()]),
            None if self.pending => add(
                "status IN (?, ?, ?)",
                vec![
                    Status::Received.as_str().to_owned(),
                    Status::UnderVerification.as_str().to_owned(),
                    Status::UnderReexamination.as_str().to_owned(),
                ],
            ),
            None => {}
        }
        if let Some(v) = &self.university {
            add("university_id = ?", vec![v.clone()]);
        }
        if let Some(v) = &self.academic_year {
            add("academic_year = ?", vec![v.clone()]);
        }
        if let Some(v) = &self.since {
            add(&format!("{day} >= ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.until {
            add(&format!("{day} <= ?"), vec![v.clone()]);
        }
        let (conflict, vouched) = match table {
            Over::Declarations => ("identity_conflict <> 0", "vouched_by <> ''"),
            Over::Tallies => ("identity_conflict = 1", "vouched = 1"),
        };
        match self.identity_conflict {
            Some(true) => sql.push_str(&format!(" AND {conflict}")),
            Some(false) => sql.push_str(&format!(" AND NOT ({conflict})")),
            None => {}
        }
        match self.vouched {
            Some(true) => sql.push_str(&format!(" AND {vouched}")),
            Some(false) => sql.push_str(&format!(" AND NOT ({vouched})")),
            None => {}
        }
        match self.set_aside {
            Some(true) => sql.push_str(" AND set_aside_at IS NOT NULL"),
            Some(false) => sql.push_str(" AND set_aside_at IS NULL"),
            None => {}
        }
        match self.enrolled {
            Some(true) => sql.push_str(" AND enrolled <> 0"),
            Some(false) => sql.push_str(" AND enrolled = 0"),
            None => {}
        }
        match self.not_on_roster {
            Some(true) => sql.push_str(&format!(" AND {}", super::NOT_ON_ROSTER)),
            Some(false) => sql.push_str(&format!(" AND NOT ({})", super::NOT_ON_ROSTER)),
            None => {}
        }
        (sql, binds)
    }
}

/// The table a clause reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Over {
    Declarations,
    /// `declaration_tallies`: the counts the triggers keep.
    Tallies,
}
