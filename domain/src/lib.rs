//! The AMOE domain: types and rules that the browser app and the API server
//! both compile, so the two can never disagree. No I/O lives here: no tokio,
//! no database, no browser API.

pub mod day;
pub mod declaration;
pub mod field;
pub mod lang;
pub mod leaflet;
pub mod messages;
pub mod roster;
pub mod search;
pub mod student;
mod text;

pub use day::Day;
pub use lang::Lang;
pub use leaflet::{Office, University};

/// The OpenAPI schema of a type written as a string in JSON (a newtype
/// that serde reads and writes through `String`).
#[cfg(feature = "openapi")]
macro_rules! string_schema {
    ($type:ty, $pattern:expr, $example:expr) => {
        impl utoipa::PartialSchema for $type {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some($pattern))
                    .examples([$example])
                    .into()
            }
        }
        impl utoipa::ToSchema for $type {}
    };
}

#[cfg(feature = "openapi")]
string_schema!(Day, r"^\d{4}-\d{2}-\d{2}$", "2026-11-25");
#[cfg(feature = "openapi")]
string_schema!(declaration::AcademicYear, r"^\d{4}-\d{4}$", "2026-2027");
#[cfg(feature = "openapi")]
string_schema!(
    declaration::Reference,
    r"^AMOE-[0-9A-Z]{4}-[0-9A-Z]{3}$",
    "AMOE-7K4P-Q2X"
);
