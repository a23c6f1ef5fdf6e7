//! The outbox: e-mails written with what they announce, sent later.

use crate::db::rate_limits::{self, Limit, Verdict};
use crate::mail::Mail;
use amoe_domain::messages::back_office::OutboxHealth;
use sqlx::{AnyConnection, AnyPool, Row};

/// A rendered mail to queue, with the bucket of its recipient's mailbox
/// (`limits::Buckets::mails_to`): a transaction that queues several mails
/// queues them in the order of these names, so that two such
/// transactions never wait on each other's buckets.
pub struct Outgoing {
    pub mail: Mail,
    pub bucket: String,
}

/// Queues a mail on the transaction's connection at `now_ms`, unless its
/// recipient's mailbox has had its share of mails (`limit`; then it is
/// dropped, with a warning: the status page still shows what it would
/// have said). A mail with the same id is queued once only. Returns
/// whether it was queued.
pub async fn enqueue(
    conn: &mut AnyConnection,
    outgoing: &Outgoing,
    limit: Limit,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mail = &outgoing.mail;
    if let Verdict::Refused { .. } =
        rate_limits::take(&mut *conn, &outgoing.bucket, limit, now_ms).await?
    {
        tracing::warn!(
            id = mail.id,
            "mail not queued: its recipient had its share today"
        );
        return Ok(false);
    }
    let now = now_ms.div_euclid(1000);
    sqlx::query(
        "INSERT INTO outbox (id, recipient, subject, body_text, body_html, created_at, attempts, \
           next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&mail.id)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now)
    .bind(0_i64)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| true)
}

/// A queued mail, with how often it was tried.
pub struct Queued {
    pub mail: Mail,
    pub attempts: i64,
}

/// Claims up to `limit` mails that are due, for `lease` seconds: another
/// worker (another replica) will not take them meanwhile; if this one dies,
/// they are due again when the lease ends.
pub async fn claim_due(
    pool: &AnyPool,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<Queued>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, recipient, subject, body_text, body_html, attempts FROM outbox \
         WHERE sent_at IS NULL AND next_attempt_at <= $1 \
           AND (claimed_until IS NULL OR claimed_until < $1) \
         ORDER BY next_attempt_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut claimed = Vec::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let won = sqlx::query(
            "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL \
               AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(now + lease)
        .bind(&id)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected()
            == 1;
        if won {
            claimed.push(Queued {
                mail: Mail {
                    id,
                    recipient: row.try_get("recipient")?,
                    subject: row.try_get("subject")?,
                    text: row.try_get("body_text")?,
                    html: row.try_get("body_html")?,
                },
                attempts: row.try_get("attempts")?,
            });
        }
    }
    Ok(claimed)
}

/// Records a mail as sent; `false` if its row is gone (its declaration
/// was erased while the mail was on its way).
pub async fn mark_sent(pool: &AnyPool, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() > 0)
}

pub async fn mark_failed(
    pool: &AnyPool,
    id: &str,
    attempts: i64,
    next_attempt_at: i64,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET attempts = $1, next_attempt_at = $2, claimed_until = NULL, last_error = $3 \
         WHERE id = $4",
    )
    .bind(attempts)
    .bind(next_attempt_at)
    .bind(error)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Mails waiting, and the age of the oldest, in seconds.
pub async fn health(pool: &AnyPool, now: i64) -> Result<OutboxHealth, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok(OutboxHealth {
        unsent: row.try_get("n")?,
        oldest_seconds: oldest.map(|t| (now - t).max(0)),
    })
}
