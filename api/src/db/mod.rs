//! The database: SQLite (one file, the default) or PostgreSQL (at scale),
//! chosen by `DATABASE_URL`, behind one sqlx `Any` pool and one set of
//! portable migrations. A module per table or aggregate: the declarations
//! (with their history, corrections, names' words and counts), the audit
//! log, the outbox, the agents, the rate limits, the portal tokens and the
//! leaflet's tables.

pub mod agents;
pub mod audit;
pub mod declarations;
pub mod indexes;
pub mod leaflet;
pub mod outbox;
pub mod portal_tokens;
pub mod rate_limits;
pub mod rosters;
pub mod spent_proofs;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::{Connection, Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the database is when `DATABASE_URL` is not set: a SQLite file
/// beside the working directory, whose directory is created.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/amoe.db";

/// Which engine `DATABASE_URL` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// Why the database could not be opened. Each message names the database
/// (the SQLite path, or the PostgreSQL host without credentials).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "DATABASE_URL must start with sqlite: or postgres: (got a URL starting with {scheme:?})"
    )]
    UnsupportedUrl { scheme: String },
    #[error("cannot use the SQLite database at {path}: {reason}")]
    SqlitePath { path: PathBuf, reason: String },
    #[error("cannot open the database at {target}: {source}")]
    Connect {
        target: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot migrate the database at {target}: {source}")]
    Migrate {
        target: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("cannot build the indexes of the database at {target}: {source}")]
    Index {
        target: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot seed the reference data into {target}: {source}")]
    Seed {
        target: String,
        #[source]
        source: sqlx::Error,
    },
}

/// A parsed `DATABASE_URL`.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    SqliteFile(PathBuf),
    SqliteMemory,
    Postgres { display: String },
}

impl Target {
    fn parse(url: &str) -> Result<Target, DbError> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let rest = rest.split('?').next().unwrap_or_default();
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() || path == ":memory:" {
                return Ok(Target::SqliteMemory);
            }
            return Ok(Target::SqliteFile(PathBuf::from(path)));
        }
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            // Never print credentials: keep what follows the last '@'.
            let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
            let host = after_scheme.rsplit('@').next().unwrap_or_default();
            let host = host.split('?').next().unwrap_or_default();
            return Ok(Target::Postgres {
                display: format!("postgres://{host}"),
            });
        }
        Err(DbError::UnsupportedUrl {
            scheme: url
                .split(':')
                .next()
                .unwrap_or_default()
                .chars()
                .take(20)
                .collect(),
        })
    }

    fn backend(&self) -> Backend {
        match self {
            Target::SqliteFile(_) | Target::SqliteMemory => Backend::Sqlite,
            Target::Postgres { .. } => Backend::Postgres,
        }
    }

    fn display(&self) -> String {
        match self {
            Target::SqliteFile(path) => path.display().to_string(),
            Target::SqliteMemory => "sqlite::memory:".into(),
            Target::Postgres { display } => display.clone(),
        }
    }
}

/// The file of a `sqlite://PATH` URL (not an in-memory database).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    match Target::parse(url).ok()? {
        Target::SqliteFile(path) => Some(path),
        _ => None,
    }
}

/// Checks a SQLite path before sqlx opens it, so that a missing directory or
/// an unreadable file gives a message that names the path.
fn check_sqlite_path(path: &Path, create_dir: bool) -> Result<(), DbError> {
    let fail = |reason: String| DbError::SqlitePath {
        path: path.to_path_buf(),
        reason,
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        if create_dir {
            std::fs::create_dir_all(parent)
                .map_err(|e| fail(format!("cannot create the directory: {e}")))?;
        } else {
            return Err(fail(format!(
                "the directory {} does not exist",
                parent.display()
            )));
        }
    }
    if path.is_dir() {
        return Err(fail("it is a directory, not a file".into()));
    }
    if path.exists() {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| fail(format!("cannot open it for reading and writing: {e}")))?;
    }
    Ok(())
}

impl Db {
    /// Opens the database named by `url`, migrates it and seeds the reference
    /// data (an upsert: running it again changes nothing). The default SQLite
    /// location gets its directory created; any other path must exist.
    pub async fn open(url: &str) -> Result<Db, DbError> {
        let target = Target::parse(url)?;
        let mut url = url.to_owned();
        if let Target::SqliteFile(path) = &target {
            check_sqlite_path(path, url == DEFAULT_DATABASE_URL)?;
            if !url.contains("mode=") {
                url.push_str(if url.contains('?') {
                    "&mode=rwc"
                } else {
                    "?mode=rwc"
                });
            }
        }
        let backend = target.backend();
        let connect = |source| DbError::Connect {
            target: target.display(),
            source,
        };
        sqlx::any::install_default_drivers();
        let options = AnyPoolOptions::new()
            .max_connections(match target {
                // One in-memory database exists per connection.
                Target::SqliteMemory => 1,
                _ => 8,
            })
            .acquire_timeout(Duration::from_secs(5));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                         PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                    )
                    .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await.map_err(connect)?;
        // sqlx connects lazily to some engines: make sure this one answers.
        pool.acquire()
            .await
            .map_err(connect)?
            .ping()
            .await
            .map_err(connect)?;
        let migrate = |source| DbError::Migrate {
            target: target.display(),
            source,
        };
        // The portable migrations, then the engine's own (its triggers):
        // each migrator knows the other's migrations are not missing.
        let mut portable = sqlx::migrate!("./migrations");
        portable.set_ignore_missing(true);
        portable.run(&pool).await.map_err(migrate)?;
        let mut own = match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        own.set_ignore_missing(true);
        own.run(&pool).await.map_err(migrate)?;
        indexes::build(&pool, backend)
            .await
            .map_err(|source| DbError::Index {
                target: target.display(),
                source,
            })?;
        leaflet::seed(&pool, &amoe_domain::leaflet::Seed::leaflet())
            .await
            .map_err(|source| DbError::Seed {
                target: target.display(),
                source,
            })?;
        declarations::names::fold_names(&pool)
            .await
            .map_err(|source| DbError::Seed {
                target: target.display(),
                source,
            })?;
        Ok(Db { pool, backend })
    }

    /// Answers when the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// Runs `delete` (a `DELETE` of at most a few thousand rows whose `$1` is
/// `bound`) until it deletes nothing: each batch its own statement, so a
/// purge never holds the database's write lock for long. How many were
/// deleted.
pub(crate) async fn delete_in_batches(
    pool: &AnyPool,
    delete: &str,
    bound: i64,
) -> Result<u64, sqlx::Error> {
    let mut deleted = 0;
    loop {
        let done = sqlx::query(delete)
            .bind(bound)
            .execute(pool)
            .await?
            .rows_affected();
        if done == 0 {
            return Ok(deleted);
        }
        deleted += done;
    }
}

/// `$first, …`: the placeholders of an `IN` list of `n` values whose first
/// is the statement's `first`-th.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sqlite_urls() {
        assert_eq!(
            Target::parse("sqlite://data/amoe.db").unwrap(),
            Target::SqliteFile("data/amoe.db".into())
        );
        assert_eq!(
            Target::parse("sqlite:///var/lib/amoe.db?mode=rwc").unwrap(),
            Target::SqliteFile("/var/lib/amoe.db".into())
        );
        assert_eq!(
            Target::parse("sqlite::memory:").unwrap(),
            Target::SqliteMemory
        );
    }

    #[test]
    fn never_shows_postgres_credentials() {
        let t =
            Target::parse("postgres://amoe:s3cret@db.example:5432/amoe?sslmode=require").unwrap();
        assert_eq!(t.display(), "postgres://db.example:5432/amoe");
        assert!(!format!("{t:?}").contains("s3cret"));
    }

    #[test]
    fn rejects_other_engines() {
        let err = Target::parse("mysql://root@localhost/amoe").unwrap_err();
        assert!(err.to_string().contains("\"mysql\""), "{err}");
    }

    #[test]
    fn a_missing_directory_is_named() {
        let err = check_sqlite_path(Path::new("/nonexistent-amoe/sub/amoe.db"), false).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("/nonexistent-amoe/sub/amoe.db"), "{text}");
        assert!(text.contains("does not exist"), "{text}");
    }

    #[test]
    fn a_directory_is_not_a_database() {
        let dir = std::env::temp_dir();
        let err = check_sqlite_path(&dir, false).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
    }
}
