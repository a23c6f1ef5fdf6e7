//! Rate limits as token buckets in the database (GCRA: one row per bucket
//! holding the "theoretical arrival time"), so a limit holds across every
//! replica sharing it. Each check-and-count is one atomic statement
//! (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`): fifty parallel
//! requests count as fifty, on SQLite and on PostgreSQL alike.

use super::{Backend, Db};
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

    /// What a bucket at `tat` says to one more request at `now_ms`.
    fn verdict(&self, tat: i64, now_ms: i64) -> Verdict {
        if tat.max(now_ms) + self.interval_ms() - now_ms <= self.tolerance_ms() {
            Verdict::Allowed
        } else {
            self.refused(tat, now_ms)
        }
    }

    /// What a bucket at `tat` owes at `now_ms`: the intervals it runs past
    /// its tolerance, a part of one counting whole (a charge an instant
    /// ago is still owed).
    fn owed(&self, tat: i64, now_ms: i64) -> u64 {
        let past = tat - now_ms - self.tolerance_ms();
        let interval = self.interval_ms();
        u64::try_from((past + interval - 1).div_euclid(interval)).unwrap_or(0)
    }

    /// A refusal from a bucket at `tat`: when its next token comes back.
    fn refused(&self, tat: i64, now_ms: i64) -> Verdict {
        let wait_ms = tat + self.interval_ms() - self.tolerance_ms() - now_ms;
        Verdict::Refused {
            retry_after: (wait_ms + 999).div_euclid(1000).max(1),
        }
    }
}

/// A bucket, by its keyed name (`limits::Buckets`), and its limit.
#[derive(Clone, Copy, Debug)]
pub struct Bucket<'a> {
    pub name: &'a str,
    pub limit: Limit,
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
    let row = sqlx::query(TAKE)
        .bind(bucket)
        .bind(now_ms)
        .bind(limit.interval_ms())
        .bind(limit.tolerance_ms())
        .fetch_one(executor)
        .await?;
    let allowed: i64 = row.try_get("allowed")?;
    if allowed == 1 {
        return Ok(Verdict::Allowed);
    }
    Ok(limit.refused(row.try_get("tat")?, now_ms))
}

/// The statement of [`take`]. A request is let through while the later
/// of the stored arrival time and now, plus one interval, stays within the
/// tolerance; it then moves the arrival time on by one interval.
const TAKE: &str = "INSERT INTO rate_limits (bucket, tat, allowed) VALUES ($1, $2 + $3, 1) \
     ON CONFLICT (bucket) DO UPDATE SET \
       tat = CASE WHEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4 \
             THEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 \
             ELSE rate_limits.tat END, \
       allowed = CASE WHEN (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4 \
             THEN 1 ELSE 0 END \
     RETURNING tat, allowed";

/// One bucket of a request that takes from several at once.
#[derive(Clone, Copy, Debug)]
pub struct Take<'a> {
    pub bucket: &'a str,
    pub limit: Limit,
    /// Whether the request spends a token, or only needs one to be there.
    pub spend: bool,
}

/// What [`take_all`] said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// Every bucket had its token; those that spend, spent it.
    All,
    /// The take at index `at` had none: nothing was spent.
    Refused { at: usize, retry_after: i64 },
}

/// Takes from every bucket of `takes` or from none, in one statement:
/// a request is let through only if each bucket has a token (also those
/// that only check); then each that spends moves on by one interval. The
/// buckets must be distinct.
///
/// Whether all have one is judged on the buckets as the statement finds
/// them, and each row is judged again as it is written. On SQLite the
/// writer is alone, so both judgements agree. On PostgreSQL a request
/// running beside another may find a row already spent when it writes it,
/// after spending from the rows before: there the statement runs in a
/// transaction that a refusal rolls back, so what it spent is never seen
/// by anyone. Rows are written in the order of `takes`, the same for every
/// caller, so two requests never wait for each other crosswise. A refusal
/// names the first bucket that is empty as it stands (not as this request
/// left it), so its answer and its `Retry-After` are the same whether the
/// request spends or only checks.
pub async fn take_all(db: &Db, takes: &[Take<'_>], now_ms: i64) -> Result<Taken, sqlx::Error> {
    debug_assert!(
        takes
            .iter()
            .enumerate()
            .all(|(i, a)| takes[..i].iter().all(|b| b.bucket != a.bucket)),
        "the buckets of one request are distinct"
    );
    let sql = take_all_sql(takes.len());
    // A request that found some bucket empty, but none as written, met a
    // refill between the two: it asks once more.
    for _ in 0..2 {
        let mut query = sqlx::query(&sql).bind(now_ms);
        for take in takes {
            query = query
                .bind(take.bucket)
                .bind(take.limit.interval_ms())
                .bind(take.limit.tolerance_ms())
                .bind(if take.spend {
                    take.limit.interval_ms()
                } else {
                    0
                });
        }
        let (rows, tx) = match db.backend {
            Backend::Sqlite => (query.fetch_all(&db.pool).await?, None),
            Backend::Postgres => {
                let mut tx = db.pool.begin().await?;
                (query.fetch_all(&mut *tx).await?, Some(tx))
            }
        };
        let mut found = Vec::with_capacity(takes.len());
        for row in rows {
            let bucket: String = row.try_get("bucket")?;
            found.push((
                bucket,
                row.try_get::<i64, _>("tat")?,
                row.try_get::<i64, _>("allowed")?,
            ));
        }
        // (tat, allowed) of each take, in the order of `takes`.
        let answers = takes
            .iter()
            .map(|take| {
                found
                    .iter()
                    .find(|(bucket, _, _)| bucket == take.bucket)
                    .map(|(_, tat, allowed)| (*tat, *allowed))
                    .ok_or(sqlx::Error::RowNotFound)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if answers.iter().all(|(_, allowed)| *allowed == 1) {
            if let Some(tx) = tx {
                tx.commit().await?;
            }
            return Ok(Taken::All);
        }
        if let Some(tx) = tx {
            tx.rollback().await?;
        }
        // Only a row this request did not write holds the bucket as it
        // stands: a written one includes what this request spent, which
        // only a failed lookup spends.
        let empty =
            takes
                .iter()
                .zip(&answers)
                .enumerate()
                .find_map(|(at, (take, (tat, allowed)))| {
                    match (*allowed, take.limit.verdict(*tat, now_ms)) {
                        (0, Verdict::Refused { retry_after }) => {
                            Some(Taken::Refused { at, retry_after })
                        }
                        _ => None,
                    }
                });
        if let Some(refused) = empty {
            return Ok(refused);
        }
    }
    Ok(Taken::Refused {
        at: 0,
        retry_after: 1,
    })
}

/// How many tokens past its allowance each bucket of `takes` owes at
/// `now_ms`: the failures past the allowance still in its window (none
/// while it has a token or has just spent its last, one more for each
/// [`charge`] since). A missing bucket owes nothing.
pub async fn debts(db: &Db, takes: &[Take<'_>], now_ms: i64) -> Result<Vec<u64>, sqlx::Error> {
    let mut debts = Vec::with_capacity(takes.len());
    for take in takes {
        debts.push(debt(&db.pool, take.bucket, take.limit, now_ms).await?);
    }
    Ok(debts)
}

/// What one bucket owes (see [`debts`]).
pub async fn debt<'c, E>(
    executor: E,
    bucket: &str,
    limit: Limit,
    now_ms: i64,
) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let tat: Option<i64> = sqlx::query("SELECT tat FROM rate_limits WHERE bucket = $1")
        .bind(bucket)
        .fetch_optional(executor)
        .await?
        .map(|row| row.try_get("tat"))
        .transpose()?;
    Ok(tat.map_or(0, |tat| limit.owed(tat, now_ms)))
}

/// Spends a token from one bucket (`spend`) whatever is left in it: a
/// request that brought a proof of work instead of a token. It moves on
/// by one interval, further past its tolerance if need be, so that what
/// the bucket owes counts the failures past the allowance still in the
/// window; one that does not spend is written unchanged, the same
/// statement. Answers what the bucket owed before: on PostgreSQL its row
/// stays locked until the transaction ends, so two requests charging at
/// once are judged one after the other.
pub async fn charge<'c, E>(
    executor: E,
    bucket: &str,
    limit: Limit,
    spend: bool,
    now_ms: i64,
) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let spent = if spend { limit.interval_ms() } else { 0 };
    let tat: i64 = sqlx::query(
        "INSERT INTO rate_limits (bucket, tat, allowed) VALUES ($1, $2 + $3, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           tat = (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3, \
           allowed = 1 \
         RETURNING tat",
    )
    .bind(bucket)
    .bind(now_ms)
    .bind(spent)
    .fetch_one(executor)
    .await?
    .try_get("tat")?;
    Ok(limit.owed(tat - spent, now_ms))
}

/// The statement of [`take_all`] for `n` buckets: `$1` is now, then each
/// bucket brings four (its name, interval, tolerance and what it spends).
fn take_all_sql(n: usize) -> String {
    let p = |i: usize, k: usize| format!("${}", 2 + 4 * i + k);
    let want = (0..n)
        .map(|i| format!("({i}, {}, {}, {}, {})", p(i, 0), p(i, 1), p(i, 2), p(i, 3)))
        .collect::<Vec<_>>()
        .join(", ");
    let of_row = |k: usize| {
        let arms = (0..n)
            .map(|i| format!("WHEN {} THEN {}", p(i, 0), p(i, k)))
            .collect::<Vec<_>>()
            .join(" ");
        format!("(CASE rate_limits.bucket {arms} END)")
    };
    let later = "(CASE WHEN rate_limits.tat > $1 THEN rate_limits.tat ELSE $1 END)";
    let fits = format!(
        "excluded.allowed = 1 AND {later} + {} - $1 <= {}",
        of_row(1),
        of_row(2)
    );
    format!(
        "WITH want (ord, bucket, interval_ms, tolerance_ms, spend_ms) AS (VALUES {want}), \
         verdict (ok) AS (SELECT CASE WHEN EXISTS ( \
             SELECT 1 FROM want w JOIN rate_limits r ON r.bucket = w.bucket \
             WHERE (CASE WHEN r.tat > $1 THEN r.tat ELSE $1 END) + w.interval_ms - $1 > w.tolerance_ms \
           ) THEN 0 ELSE 1 END) \
         INSERT INTO rate_limits (bucket, tat, allowed) \
         SELECT w.bucket, $1 + w.spend_ms * v.ok, v.ok FROM want w, verdict v WHERE true ORDER BY w.ord \
         ON CONFLICT (bucket) DO UPDATE SET \
           tat = CASE WHEN {fits} THEN {later} + {} ELSE rate_limits.tat END, \
           allowed = CASE WHEN {fits} THEN 1 ELSE 0 END \
         RETURNING bucket, tat, allowed",
        of_row(3)
    )
}

/// Forgets the buckets that are full again at `now_ms`: a missing row and
/// a full bucket mean the same. A few thousand at a time, each batch its
/// own statement, so that the millions of buckets a busy month leaves
/// never hold the database's write lock for long. On PostgreSQL a bucket
/// that a request holds is left for the next pass (`SKIP LOCKED`): the
/// purge never waits for a request, so the two never wait for each other.
pub async fn forget_full(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let skip_locked = match db.backend {
        Backend::Sqlite => "",
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "DELETE FROM rate_limits WHERE bucket IN \
         (SELECT bucket FROM rate_limits WHERE tat < $1 LIMIT 2000{skip_locked})"
    );
    let mut forgotten = 0;
    loop {
        let done = sqlx::query(&sql)
            .bind(now_ms)
            .execute(&db.pool)
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
