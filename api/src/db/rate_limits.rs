//! Fixed-window counters in the database, so that a limit holds across
//! every replica sharing it.

use sqlx::{AnyPool, Row};

/// How many attempts a bucket may make per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

impl Limit {
    /// The start of the window that `now` (Unix seconds) falls in.
    pub fn window(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window_secs)
    }

    /// Seconds from `now` until the window ends.
    pub fn retry_after(&self, now: i64) -> i64 {
        self.window(now) + self.window_secs - now
    }
}

/// Counts one attempt and returns the count in this window, this one
/// included.
pub async fn hit(pool: &AnyPool, bucket: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(pool)
    .await?
    .try_get("hits")
}

/// The attempts counted so far in this window.
pub async fn hits(pool: &AnyPool, bucket: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2")
        .bind(bucket)
        .bind(window_start)
        .fetch_optional(pool)
        .await?;
    row.map_or(Ok(0), |row| row.try_get("hits"))
}

/// Forgets windows that ended before `before` (Unix seconds).
pub async fn forget_before(pool: &AnyPool, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::Limit;

    #[test]
    fn windows_are_fixed_and_say_when_they_end() {
        let minute = Limit {
            max: 5,
            window_secs: 60,
        };
        assert_eq!(minute.window(1_000_000_030), 1_000_000_020);
        assert_eq!(minute.retry_after(1_000_000_030), 50);
        assert_eq!(minute.retry_after(1_000_000_020), 60);
    }
}
