//! The leaflet's tables: universities and ONOUSC offices.

use amoe_domain::leaflet::Seed;
use amoe_domain::{Office, University};
use sqlx::AnyPool;
use sqlx::Row;
use sqlx::any::AnyRow;

/// Writes the seed into the tables in one transaction. An upsert: running it
/// on every start-up leaves an up-to-date database unchanged.
pub async fn seed(pool: &AnyPool, seed: &Seed) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for (position, u) in (0_i64..).zip(&seed.universities) {
        sqlx::query(
            "INSERT INTO universities \
               (id, position, name_ar, name_fr, name_en, city_ar, city_fr, city_en, platform_url) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
               name_ar = excluded.name_ar, name_fr = excluded.name_fr, name_en = excluded.name_en, \
               city_ar = excluded.city_ar, city_fr = excluded.city_fr, city_en = excluded.city_en, \
               platform_url = excluded.platform_url",
        )
        .bind(&u.id)
        .bind(position)
        .bind(&u.name_ar)
        .bind(&u.name_fr)
        .bind(&u.name_en)
        .bind(&u.city_ar)
        .bind(&u.city_fr)
        .bind(&u.city_en)
        .bind(&u.platform_url)
        .execute(&mut *tx)
        .await?;
    }
    for (position, o) in (0_i64..).zip(&seed.offices) {
        sqlx::query(
            "INSERT INTO offices \
               (id, position, university_id, city_ar, city_fr, city_en, place_ar, place_fr, address_ar, address_fr) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
               university_id = excluded.university_id, city_ar = excluded.city_ar, \
               city_fr = excluded.city_fr, city_en = excluded.city_en, \
               place_ar = excluded.place_ar, place_fr = excluded.place_fr, \
               address_ar = excluded.address_ar, address_fr = excluded.address_fr",
        )
        .bind(&o.id)
        .bind(position)
        .bind(&o.university_id)
        .bind(&o.city_ar)
        .bind(&o.city_fr)
        .bind(&o.city_en)
        .bind(&o.place_ar)
        .bind(&o.place_fr)
        .bind(&o.address_ar)
        .bind(&o.address_fr)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn universities(pool: &AnyPool) -> Result<Vec<University>, sqlx::Error> {
    sqlx::query(
        "SELECT id, name_ar, name_fr, name_en, city_ar, city_fr, city_en, platform_url \
         FROM universities ORDER BY position",
    )
    .try_map(|row: AnyRow| {
        Ok(University {
            id: row.try_get("id")?,
            name_ar: row.try_get("name_ar")?,
            name_fr: row.try_get("name_fr")?,
            name_en: row.try_get("name_en")?,
            city_ar: row.try_get("city_ar")?,
            city_fr: row.try_get("city_fr")?,
            city_en: row.try_get("city_en")?,
            platform_url: row.try_get("platform_url")?,
        })
    })
    .fetch_all(pool)
    .await
}

pub async fn university_exists(pool: &AnyPool, id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM universities WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// The offices, all of them or those of one university.
pub async fn offices(
    pool: &AnyPool,
    university_id: Option<&str>,
) -> Result<Vec<Office>, sqlx::Error> {
    const COLUMNS: &str = "SELECT id, university_id, city_ar, city_fr, city_en, place_ar, place_fr, address_ar, address_fr \
         FROM offices";
    let sql = match university_id {
        Some(_) => format!("{COLUMNS} WHERE university_id = $1 ORDER BY position"),
        None => format!("{COLUMNS} ORDER BY position"),
    };
    let mut query = sqlx::query(&sql);
    if let Some(id) = university_id {
        query = query.bind(id);
    }
    query
        .try_map(|row: AnyRow| {
            Ok(Office {
                id: row.try_get("id")?,
                university_id: row.try_get("university_id")?,
                city_ar: row.try_get("city_ar")?,
                city_fr: row.try_get("city_fr")?,
                city_en: row.try_get("city_en")?,
                place_ar: row.try_get("place_ar")?,
                place_fr: row.try_get("place_fr")?,
                address_ar: row.try_get("address_ar")?,
                address_fr: row.try_get("address_fr")?,
            })
        })
        .fetch_all(pool)
        .await
}
