//! What a status lookup reads: a CIN's declarations with their timelines.

use super::status_of;
use super::submit::receipt;
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

/// What the status lookup compares and shows, for one declaration.
pub struct Found {
    pub massar: String,
    pub birth_date: String,
    pub status: amoe_domain::messages::DeclarationStatus,
}

/// Every declaration of `cin` not set aside, the newest academic year first, each with
/// its timeline (oldest first): one query, whatever the lookup then shows,
/// so that a match and a miss read the same rows.
pub async fn by_cin(pool: &AnyPool, cin: &str) -> Result<Vec<Found>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.reference, d.academic_year, d.received_at, d.massar, d.birth_date, \
           d.university_id, d.status, d.last_name, d.first_name, d.decided_on, d.refusal_reason, \
           e.status AS event_status, e.at AS event_at \
         FROM declarations d LEFT JOIN declaration_events e ON e.reference = d.reference \
         WHERE d.cin = $1 AND d.set_aside_at IS NULL \
         ORDER BY d.academic_year DESC, d.received_at DESC, d.reference, e.position",
    )
    .bind(cin)
    .fetch_all(pool)
    .await?;
    let mut found: Vec<Found> = Vec::new();
    let mut current = None;
    for row in rows {
        let reference: String = row.try_get("reference")?;
        if current.as_ref() != Some(&reference) {
            found.push(found_of(&row)?);
            current = Some(reference);
        }
        if let Some(text) = row.try_get::<Option<String>, _>("event_status")? {
            let event = amoe_domain::messages::StatusEvent {
                status: status_of(&text, "event_status")?,
                at: row.try_get("event_at")?,
            };
            if let Some(last) = found.last_mut() {
                last.status.events.push(event);
            }
        }
    }
    Ok(found)
}

/// A declaration of a [`by_cin`] row, its timeline still empty.
fn found_of(row: &AnyRow) -> Result<Found, sqlx::Error> {
    let receipt = receipt(row)?;
    let status_text: String = row.try_get("status")?;
    Ok(Found {
        massar: row.try_get("massar")?,
        birth_date: row.try_get("birth_date")?,
        status: amoe_domain::messages::DeclarationStatus {
            events: Vec::new(),
            university: row.try_get("university_id")?,
            status: status_of(&status_text, "status")?,
            last_name: row.try_get("last_name")?,
            first_name: row.try_get("first_name")?,
            decided_on: row.try_get("decided_on")?,
            refusal_reason: row
                .try_get::<Option<String>, _>("refusal_reason")?
                .map(|json| serde_json::from_str(&json))
                .transpose()
                .map_err(|e| sqlx::Error::ColumnDecode {
                    index: "refusal_reason".into(),
                    source: Box::new(e),
                })?,
            reference: receipt.reference,
            academic_year: receipt.academic_year,
        },
    })
}
