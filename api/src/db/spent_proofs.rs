//! The proofs of work a status lookup used already (a solved puzzle
//! proves once), kept until their puzzle expires.

use sqlx::{Any, AnyPool, Executor};

/// Spends the proof of the puzzle `salt` (expiring at `expires_at`, Unix
/// seconds): `false` if it was spent already.
pub async fn spend<'c, E>(executor: E, salt: &str, expires_at: i64) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let done = sqlx::query(
        "INSERT INTO spent_proofs (salt, expires_at) VALUES ($1, $2) ON CONFLICT (salt) DO NOTHING",
    )
    .bind(salt)
    .bind(expires_at)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets the proofs whose puzzle expired a minute before `now` (Unix
/// seconds): an expired puzzle is refused anyway, and the minute covers
/// a replica whose clock is behind. A few thousand at a time.
pub async fn forget_expired(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    super::delete_in_batches(
        pool,
        "DELETE FROM spent_proofs WHERE salt IN \
         (SELECT salt FROM spent_proofs WHERE expires_at < $1 LIMIT 2000)",
        now - 60,
    )
    .await
}
