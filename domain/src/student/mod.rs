//! Who the student is: the identifiers and personal details a declaration
//! carries, each a type that can only be built by parsing.

pub mod birth_date;
pub mod cin;
pub mod email;
pub mod massar;
pub mod name;
pub mod phone;

pub use birth_date::BirthDate;
pub use cin::Cin;
pub use email::Email;
pub use massar::MassarCode;
pub use name::PersonName;
pub use phone::Phone;
