//! The journal of erasures and revocations: one line each, appended and
//! synced to disk before the database changes, in a file outside the
//! database (`AMOE_JOURNAL`, to keep beside the backups). A backup taken
//! before an erasure or a revocation would otherwise bring the student's
//! declaration or the agent's access back when restored: `amoe-api
//! restore` (SQLite) and `amoe-api reapply` (after `pg_restore`) apply the
//! journal again before the service serves. It names a declaration by the
//! SHA-256 of its reference and receipt time (a reference erased may be
//! drawn again for another student, never at the same moment), and an
//! agent by the SHA-256 of its id.

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
    /// A declaration erased, by the SHA-256 of its reference and receipt
    /// time.
    Erased(String),
    /// An agent revoked, by the SHA-256 of its id.
    Revoked(String),
}

impl Entry {
    pub fn erased(reference: &str, received_at: &str) -> Entry {
        Entry::Erased(erased_key(reference, received_at))
    }

    pub fn revoked(agent_id: &str) -> Entry {
        Entry::Revoked(sha256(agent_id))
    }
}

/// What names an erased declaration in the journal.
fn erased_key(reference: &str, received_at: &str) -> String {
    sha256(&format!("{reference}\u{0}{received_at}"))
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
            .read(true)
            .open(&self.path)
            .map_err(fail)?;
        // A line cut short by a crash (its action never happened: the line
        // comes first) ends here, so that this one starts on its own.
        let length = file.metadata().map_err(fail)?.len();
        if length > 0 {
            use std::io::{Read, Seek, SeekFrom};
            let mut last = [0u8];
            file.seek(SeekFrom::Start(length - 1)).map_err(fail)?;
            file.read_exact(&mut last).map_err(fail)?;
            if last[0] != b'\n' {
                line.insert(0, '\n');
            }
        }
        // One write of a short line to a file opened to append: whole,
        // whoever else appends at the same time.
        file.write_all(line.as_bytes()).map_err(fail)?;
        file.sync_data().map_err(fail)
    }

    /// Every entry, oldest first, and how many lines were cut short (by a
    /// crash as they were written: their actions never happened); `None`
    /// when there is no journal.
    pub fn entries(&self) -> Result<Option<(Vec<Entry>, usize)>, JournalError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(JournalError::Read {
                    path: self.path.clone(),
                    reason: e.to_string(),
                });
            }
        };
        let mut entries = Vec::new();
        let mut cut = 0;
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            match serde_json::from_str(line) {
                Ok(entry) => entries.push(entry),
                Err(_) => cut += 1,
            }
        }
        Ok(Some((entries, cut)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What applying the journal again changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reapplied {
    pub erased: usize,
    pub revoked: usize,
    /// Lines cut short, skipped.
    pub cut: usize,
    /// Whether there was a journal at all.
    pub found: bool,
}

/// Erases again every declaration and revokes again every agent the
/// journal names that the database still holds (a restored backup older
/// than them), each in the audit log as the restore's.
pub async fn reapply(
    db: &Db,
    secret: &crate::secret::Secret,
    journal: &Journal,
) -> Result<Reapplied, JournalError> {
    let Some((entries, cut)) = journal.entries()? else {
        return Ok(Reapplied::default());
    };
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
    let mut done = Reapplied {
        cut,
        found: true,
        ..Reapplied::default()
    };
    if !erased.is_empty() {
        let declarations: Vec<(String, String)> =
            sqlx::query("SELECT reference, received_at FROM declarations")
                .fetch_all(&db.pool)
                .await?
                .iter()
                .map(|row| Ok((row.try_get("reference")?, row.try_get("received_at")?)))
                .collect::<Result<_, sqlx::Error>>()?;
        for (reference, received_at) in declarations {
            if erased.contains(erased_key(&reference, &received_at).as_str()) {
                let outcome = crate::db::declarations::erasure::erase_again(
                    &db.pool, secret, &reference, &who,
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
        let path = dir.path().join("sub/amoe.journal");
        let journal = Journal::at(&path);
        assert_eq!(journal.entries().unwrap(), None);
        let erased = Entry::erased("AMOE-2345-6789", "2026-10-01T10:00:00Z");
        journal.record(&erased).unwrap();
        journal.record(&Entry::revoked("5f1c…")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("AMOE-2345"), "{text}");
        assert_eq!(
            journal.entries().unwrap(),
            Some((vec![erased.clone(), Entry::revoked("5f1c…")], 0))
        );
        // The same reference drawn again later is another declaration.
        assert_ne!(
            erased,
            Entry::erased("AMOE-2345-6789", "2027-01-01T10:00:00Z")
        );
        // A line cut short by a crash is skipped, and the next one still
        // starts on a line of its own.
        std::fs::write(&path, format!("{}{{\"erased\":\"ab", text)).unwrap();
        journal.record(&Entry::revoked("9a")).unwrap();
        let (entries, cut) = journal.entries().unwrap().unwrap();
        assert_eq!((entries.len(), cut), (3, 1));
    }
}
