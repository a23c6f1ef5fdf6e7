//! A declaration's name as searches find it: folded (`name_folded`), and
//! split into the words of `declaration_words`, each a range of an index
//! that a word typed in the back office reads.

use amoe_domain::search::fold;
use sqlx::{AnyPool, Row};

/// The form of a declaration's names that searches compare: folded, with
/// a space before each word, so that `LIKE '% word%'` finds the start of
/// a word.
pub fn folded_name(last_name: &str, first_name: &str) -> String {
    format!(" {}", fold(&format!("{last_name} {first_name}")))
}

/// Writes the words a search by name finds `reference` by (those of its
/// `folded` name), in place of those it had.
pub async fn index_name(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    reference: &str,
    received_at: &str,
    folded: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM declaration_words WHERE reference = $1")
        .bind(reference)
        .execute(&mut **tx)
        .await?;
    for word in amoe_domain::search::indexed_words(folded) {
        sqlx::query(
            "INSERT INTO declaration_words (word, reference, received_at) VALUES ($1, $2, $3)",
        )
        .bind(word)
        .bind(reference)
        .bind(received_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `sql` with its `?`s numbered `$1`, `$2`…
pub(super) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    for (i, part) in sql.split('?').enumerate() {
        if i > 0 {
            out.push_str(&format!("${i}"));
        }
        out.push_str(part);
    }
    out
}

/// The first text after every text that starts with `prefix`, byte by
/// byte (as both engines compare the words): `prefix` and U+10FFFF, the
/// greatest code point.
pub(super) fn after_prefix(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Fills `name_folded` where it is empty (declarations stored before the
/// column existed), a thousand at a time.
pub async fn fold_names(pool: &AnyPool) -> Result<(), sqlx::Error> {
    loop {
        let rows = sqlx::query(
            "SELECT reference, received_at, last_name, first_name FROM declarations \
             WHERE name_folded = '' LIMIT 1000",
        )
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = pool.begin().await?;
        for row in &rows {
            let last: String = row.try_get("last_name")?;
            let first: String = row.try_get("first_name")?;
            let reference: String = row.try_get("reference")?;
            let folded = folded_name(&last, &first);
            sqlx::query("UPDATE declarations SET name_folded = $1 WHERE reference = $2")
                .bind(&folded)
                .bind(&reference)
                .execute(&mut *tx)
                .await?;
            let received_at: String = row.try_get("received_at")?;
            index_name(&mut tx, &reference, &received_at, &folded).await?;
        }
        tx.commit().await?;
    }
}
