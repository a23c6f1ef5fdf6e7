//! The journal of erasures and revocations: one line each, appended and
//! synced to disk before the database changes, in a file outside the
//! database (`AMOE_JOURNAL`, to keep beside the backups). A backup taken
//! before an erasure or a revocation would otherwise bring the student's
//! declaration or the agent's access back when restored: `amoe-api
//! restore` (SQLite) and `amoe-api reapply` (after `pg_restore`) apply the
//! journal again before the service serves. It names declarations and
//! agents by the SHA-256 of their reference or id only.

use crate::db::Db;
use crate::db::audit::Stamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// A declaration erased, by the SHA-256 of its reference.
    Erased(String),
    /// An agent revoked, by the SHA-256 of its id.
    Revoked(String),
}

impl Entry {
    pub fn erased(reference: &str) -> Entry {
        Entry::Erased(sha256(reference))
    }

    pub fn revoked(agent_id: &str) -> Entry {
        Entry::Revoked(sha256(agent_id))
    }
}

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot write the journal {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the journal {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The journal file.
#[derive(Clone, Debug)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    pub fn at(path: &Path) -> Journal {
        Journal {
            path: path.to_path_buf(),
        }
    }

    /// Appends `entry` and syncs it to disk (its directory is created).
    pub fn record(&self, entry: &Entry) -> Result<(), JournalError> {
        let fail = |source| JournalError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut line = serde_json::to_string(entry).expect("an entry serialises");
        line.push('\n');
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(fail)?;
        // One write of a short line to a file opened to append: whole,
        // whoever else appends at the same time.
        file.write_all(line.as_bytes()).map_err(fail)?;
        file.sync_data().map_err(fail)
    }

    /// Every entry, oldest first (none when there is no journal yet).
    pub fn entries(&self) -> Result<Vec<Entry>, JournalError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(JournalError::Read {
                    path: self.path.clone(),
                    reason: e.to_string(),
                });
            }
        };
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str(line).map_err(|e| JournalError::Read {
                    path: self.path.clone(),
                    reason: format!("line {}: {e}", i + 1),
                })
            })
            .collect()
    }
}

/// What applying the journal again changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reapplied {
    pub erased: usize,
    pub revoked: usize,
}

/// Erases again every declaration and revokes again every agent the
/// journal names that the database still holds (a restored backup older
/// than them), each in the audit log as the restore's.
pub async fn reapply(db: &Db, journal: &Journal) -> Result<Reapplied, JournalError> {
    let entries = journal.entries()?;
    let erased: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Erased(hash) => Some(hash.as_str()),
            Entry::Revoked(_) => None,
        })
        .collect();
    let revoked: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Revoked(hash) => Some(hash.as_str()),
            Entry::Erased(_) => None,
        })
        .collect();
    let at = crate::clock::rfc3339(time::OffsetDateTime::now_utc())
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let who = Stamp {
        actor: "restore",
        at: &at,
    };
    let mut done = Reapplied::default();
    if !erased.is_empty() {
        let references: Vec<String> = sqlx::query("SELECT reference FROM declarations")
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|row| row.try_get("reference"))
            .collect::<Result<_, _>>()?;
        for reference in references {
            if erased.contains(sha256(&reference).as_str()) {
                let outcome = crate::db::declarations::erasure::erase(
                    &db.pool,
                    &reference,
                    "erased before the restored backup was taken; applied again from the journal",
                    &who,
                )
                .await?;
                if matches!(outcome, crate::db::declarations::erasure::Erased::Done(..)) {
                    done.erased += 1;
                }
            }
        }
    }
    if !revoked.is_empty() {
        let ids: Vec<String> = sqlx::query("SELECT id FROM agents WHERE revoked_at IS NULL")
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        for id in ids {
            if revoked.contains(sha256(&id).as_str())
                && crate::db::agents::revoke(&db.pool, &id, now, &who)
                    .await?
                    .is_some()
            {
                done.revoked += 1;
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_appended_and_read_back_naming_no_one() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::at(&dir.path().join("sub/amoe.journal"));
        assert_eq!(journal.entries().unwrap(), []);
        journal.record(&Entry::erased("AMOE-2345-6789")).unwrap();
        journal.record(&Entry::revoked("5f1c…")).unwrap();
        let text = std::fs::read_to_string(dir.path().join("sub/amoe.journal")).unwrap();
        assert!(!text.contains("AMOE-2345"), "{text}");
        assert_eq!(
            journal.entries().unwrap(),
            [Entry::erased("AMOE-2345-6789"), Entry::revoked("5f1c…")]
        );
        std::fs::write(dir.path().join("sub/amoe.journal"), "not json\n").unwrap();
        assert!(journal.entries().is_err());
    }
}
