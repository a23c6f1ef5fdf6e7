//! The indexes that the large tables are read through at national volume.
//! They are built at start-up, after the migrations, on SQLite as usual and
//! on PostgreSQL with `CREATE INDEX CONCURRENTLY`, outside a transaction,
//! so that students go on declaring while an upgrade builds them (part of
//! the three minutes an upgrade takes at 3.6 million declarations). A
//! PostgreSQL build cut short leaves an invalid index; the next start-up
//! drops it and builds it again.

use super::Backend;
use sqlx::{AnyPool, Executor, Row};
use std::time::Instant;

/// An index: its name, its table and its columns.
struct Index {
    name: &'static str,
    table: &'static str,
    columns: &'static str,
}

const INDEXES: &[Index] = &[
    // A year's newest declarations (the back office's searches), and the
    // years past their retention.
    Index {
        name: "declarations_year_received",
        table: "declarations",
        columns: "academic_year, received_at, reference",
    },
    // Exports, oldest first, read a page after another.
    Index {
        name: "declarations_received",
        table: "declarations",
        columns: "received_at, reference",
    },
    // The operators' exports of one status, and searches by status.
    Index {
        name: "declarations_status_received",
        table: "declarations",
        columns: "status, received_at, reference",
    },
    // A university's declarations of a year: matched against its roster
    // when one is given, and counted on and off it.
    Index {
        name: "declarations_university_year",
        table: "declarations",
        columns: "university_id, academic_year, enrolled",
    },
    // The purge of a year's CIN rows.
    Index {
        name: "cin_years_year",
        table: "cin_years",
        columns: "academic_year",
    },
    // The purge of mails that were never sent.
    Index {
        name: "outbox_created",
        table: "outbox",
        columns: "created_at",
    },
    // An audit entry's references, which go with it (ON DELETE CASCADE):
    // without it each entry the retention erases is a scan of them all.
    Index {
        name: "audit_references_audit",
        table: "audit_references",
        columns: "audit_id",
    },
];

/// Builds the indexes that are missing.
pub async fn build(pool: &AnyPool, backend: Backend) -> Result<(), sqlx::Error> {
    match backend {
        Backend::Sqlite => {
            for index in INDEXES {
                let started = Instant::now();
                let created =
                    sqlx::query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = $1")
                        .bind(index.name)
                        .fetch_optional(pool)
                        .await?
                        .is_none();
                if created {
                    tracing::info!(index = index.name, "building an index");
                    pool.execute(
                        format!(
                            "CREATE INDEX IF NOT EXISTS {} ON {} ({})",
                            index.name, index.table, index.columns
                        )
                        .as_str(),
                    )
                    .await?;
                    tracing::info!(
                        index = index.name,
                        seconds = started.elapsed().as_secs_f64(),
                        "index built"
                    );
                }
            }
            Ok(())
        }
        Backend::Postgres => {
            // One connection, holding a lock that replicas starting together
            // wait for: each index is built once.
            let mut conn = pool.acquire().await?;
            conn.execute("SELECT pg_advisory_lock(7236011)").await?;
            let built = build_concurrently(&mut conn).await;
            let unlocked = conn.execute("SELECT pg_advisory_unlock(7236011)").await;
            built?;
            unlocked.map(|_| ())
        }
    }
}

async fn build_concurrently(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    for index in INDEXES {
        let valid: Option<bool> = sqlx::query(
            "SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid \
             WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace",
        )
        .bind(index.name)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| row.try_get("valid"))
        .transpose()?;
        if valid == Some(true) {
            continue;
        }
        let started = Instant::now();
        if valid == Some(false) {
            tracing::warn!(
                index = index.name,
                "an earlier build was cut short: building it again"
            );
            conn.execute(format!("DROP INDEX CONCURRENTLY IF EXISTS {}", index.name).as_str())
                .await?;
        }
        tracing::info!(
            index = index.name,
            "building an index without blocking writes"
        );
        conn.execute(
            format!(
                "CREATE INDEX CONCURRENTLY {} ON {} ({})",
                index.name, index.table, index.columns
            )
            .as_str(),
        )
        .await?;
        tracing::info!(
            index = index.name,
            seconds = started.elapsed().as_secs_f64(),
            "index built"
        );
    }
    Ok(())
}
