//! The portal tokens that vouched for a declaration already (a token
//! vouches once), kept until they expire.

use sqlx::AnyPool;

/// Whether a portal token vouched for a declaration already.
pub async fn token_used(pool: &AnyPool, token_id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM portal_tokens WHERE id = $1")
        .bind(token_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// Forgets the used portal tokens that expired before `now` (Unix
/// seconds): an expired token is refused anyway.
/// A few thousand at a time, as the buckets.
pub async fn forget_used_tokens(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    super::delete_in_batches(
        pool,
        "DELETE FROM portal_tokens WHERE id IN \
         (SELECT id FROM portal_tokens WHERE expires_at < $1 LIMIT 2000)",
        now - 3600,
    )
    .await
}
