//! Backups of the SQLite database: `amoe-api backup PATH` copies it with
//! `VACUUM INTO` while the service runs (a consistent snapshot; readers
//! and the writer go on), and `amoe-api restore PATH`, with the service
//! stopped, puts a backup in its place. PostgreSQL is backed up with its
//! own tools (`pg_dump`, see docs/operating.md).

use crate::db::sqlite_file;
use sqlx::{Connection, Executor};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("backup and restore are for SQLite; back PostgreSQL up with pg_dump")]
    NotSqlite,
    #[error("{0} exists already: a backup never overwrites a file")]
    Exists(PathBuf),
    #[error("{0} does not exist")]
    Missing(PathBuf),
    #[error("{path} is not an AMOE database: {reason}")]
    NotADatabase { path: PathBuf, reason: String },
    #[error("cannot back up into {path}: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot restore into {path}: {source}")]
    Restore {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes a consistent copy of the database at `database_url` into `to`,
/// which must not exist yet.
pub async fn backup(database_url: &str, to: &Path) -> Result<(), BackupError> {
    let from = sqlite_file(database_url).ok_or(BackupError::NotSqlite)?;
    if to.exists() {
        return Err(BackupError::Exists(to.to_path_buf()));
    }
    if !from.exists() {
        return Err(BackupError::Missing(from));
    }
    let fail = |source| BackupError::Backup {
        path: to.to_path_buf(),
        source,
    };
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", from.display()))
        .await
        .map_err(fail)?;
    sqlx::query("VACUUM INTO $1")
        .bind(to.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await
        .map_err(fail)?;
    conn.close().await.map_err(fail)
}

/// Puts the backup `from` in place of the database at `database_url` (the
/// service must be stopped): checked first, then copied beside it and
/// renamed over it, its old write-ahead log removed.
pub async fn restore(database_url: &str, from: &Path) -> Result<(), BackupError> {
    let to = sqlite_file(database_url).ok_or(BackupError::NotSqlite)?;
    if !from.exists() {
        return Err(BackupError::Missing(from.to_path_buf()));
    }
    let not_a_database = |reason: String| BackupError::NotADatabase {
        path: from.to_path_buf(),
        reason,
    };
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", from.display()))
        .await
        .map_err(|e| not_a_database(e.to_string()))?;
    conn.execute("SELECT COUNT(*) FROM declarations")
        .await
        .map_err(|e| not_a_database(e.to_string()))?;
    conn.close()
        .await
        .map_err(|e| not_a_database(e.to_string()))?;
    let fail = |source| BackupError::Restore {
        path: to.clone(),
        source,
    };
    let staged = to.with_extension("db.restoring");
    std::fs::copy(from, &staged).map_err(fail)?;
    for suffix in ["-wal", "-shm"] {
        let stale = PathBuf::from(format!("{}{suffix}", to.display()));
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(fail)?;
        }
    }
    std::fs::rename(&staged, &to).map_err(fail)
}
