//! The anonymous counts that erased declarations leave
//! (`declaration_counts`: academic year, university, status, refusal
//! reason), written by the retention's purge and by an erasure.

use amoe_domain::declaration::RefusalReason;

/// Adds `n` erased declarations to the anonymous counts (`reason` as
/// stored: the refusal reason's JSON, if any).
pub(crate) async fn add(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    academic_year: &str,
    university: &str,
    status: &str,
    reason: Option<&str>,
    n: i64,
) -> Result<(), sqlx::Error> {
    let reason = reason
        .and_then(|json| serde_json::from_str::<RefusalReason>(json).ok())
        .map_or("", |r| r.code());
    sqlx::query(
        "INSERT INTO declaration_counts (academic_year, university_id, status, reason, declarations) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (academic_year, university_id, status, reason) \
         DO UPDATE SET declarations = declaration_counts.declarations + $5",
    )
    .bind(academic_year)
    .bind(university)
    .bind(status)
    .bind(reason)
    .bind(n)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
