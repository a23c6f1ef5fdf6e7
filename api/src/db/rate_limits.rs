//! Rate limits as token buckets in the database (GCRA: one row per bucket
//! holding the "theoretical arrival time"), so a limit holds across every
//! replica sharing it. Each check-and-count is one atomic statement
//! (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`): fifty parallel
//! requests count as fifty, on SQLite and on PostgreSQL alike.

use sqlx::{Any, Executor, Row};

/// At most `max` requests per `window_secs`, of which `burst` may come at
/// once: a bucket of `burst` tokens that refills at `max / window_secs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
    pub burst: i64,
}

impl Limit {
    /// `max` per window, all of them at once if need be.
    pub const fn per(max: i64, window_secs: i64) -> Limit {
        Limit {
            max,
            window_secs,
            burst: max,
        }
    }

    /// Milliseconds for one token to come back.
    fn interval_ms(&self) -> i64 {
        (self.window_secs * 1000 / self.max.max(1)).max(1)
    }

    /// How far ahead of now a bucket may run.
    fn tolerance_ms(&self) -> i64 {
        self.interval_ms() * self.burst.max(1)
    }

    /// A refusal from a bucket at `tat`: when its next token comes back.
    fn refused(&self, tat: i64, now_ms: i64) -> Verdict {
        let wait_ms = tat + self.interval_ms() - self.tolerance_ms() - now_ms;
        Verdict::Refused {
            retry_after: (wait_ms + 999).div_euclid(1000).max(1),
        }
    }
}

/// What a bucket said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Refused: a token comes back in this many seconds (at least 1).
    Refused {
        retry_after: i64,
    },
}

/// Takes a token from `bucket` at `now_ms` (Unix milliseconds), if it has
/// one. A refused request takes nothing.
pub async fn take<'c, E>(
    executor: E,
    bucket: &str,
    limit: Limit,
    now_ms: i64,
) -> Result<Verdict, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    take_as(executor, bucket, limit, now_ms, true).await
}

/// Like [`take`], but with `spend` false, only checks that a token is
/// there: through the very same statement, so that a request that must
/// not count takes exactly as long as one that does (a guesser must not
/// tell them apart by the time).
pub async fn take_as<'c, E>(
    executor: E,
    bucket: &str,
    limit: Limit,
    now_ms: i64,
    spend: bool,
) -> Result<Verdict, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    // A request is let through while the later of the stored arrival
    // time and now, plus one interval, stays within the tolerance; it then
    // moves the arrival time on by what it spends ($5: one interval, or
    // nothing).
    let row = sqlx::query(
        "INSERT INTO rate_limits (bucket, tat, allowed) VALUES ($1, $2 + $5, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           tat = CASE WHEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4 \
                 THEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $5 \
                 ELSE rate_limits.tat END, \
           allowed = CASE WHEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4 \
                 THEN 1 ELSE 0 END \
         RETURNING tat, allowed",
    )
    .bind(bucket)
    .bind(now_ms)
    .bind(limit.interval_ms())
    .bind(limit.tolerance_ms())
    .bind(if spend { limit.interval_ms() } else { 0 })
    .fetch_one(executor)
    .await?;
    let allowed: i64 = row.try_get("allowed")?;
    if allowed == 1 {
        return Ok(Verdict::Allowed);
    }
    Ok(limit.refused(row.try_get("tat")?, now_ms))
}

/// Gives back the token a request took (`spent`: [`take_as`] with `spend`
/// true), or, with `spent` false, runs the same statement and changes
/// nothing.
pub async fn give_back<'c, E>(
    executor: E,
    bucket: &str,
    limit: Limit,
    spent: bool,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query("UPDATE rate_limits SET tat = tat - $1 WHERE bucket = $2")
        .bind(if spent { limit.interval_ms() } else { 0 })
        .bind(bucket)
        .execute(executor)
        .await
        .map(|_| ())
}

/// Forgets the buckets that are full again at `now_ms`: a missing row and
/// a full bucket mean the same. A few thousand at a time, each batch its
/// own statement, so that the millions of buckets a busy month leaves
/// never hold the database's write lock for long.
pub async fn forget_full(pool: &sqlx::AnyPool, now_ms: i64) -> Result<u64, sqlx::Error> {
    let mut forgotten = 0;
    loop {
        let done = sqlx::query(
            "DELETE FROM rate_limits WHERE bucket IN \
             (SELECT bucket FROM rate_limits WHERE tat < $1 LIMIT 2000)",
        )
        .bind(now_ms)
        .execute(pool)
        .await?
        .rows_affected();
        if done == 0 {
            return Ok(forgotten);
        }
        forgotten += done;
    }
}

#[cfg(test)]
mod tests {
    use super::Limit;

    #[test]
    fn a_bucket_refills_evenly() {
        let hour = Limit {
            max: 20_000,
            window_secs: 3600,
            burst: 2_000,
        };
        assert_eq!(hour.interval_ms(), 180);
        assert_eq!(hour.tolerance_ms(), 360_000);
        let cin = Limit::per(5, 3600);
        assert_eq!(cin.interval_ms(), 720_000);
        assert_eq!(cin.tolerance_ms(), 3_600_000);
    }
}
