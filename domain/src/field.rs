//! An error about one field of a request, shared by every form the
//! domain parses and every API message that reports one.

use serde::{Deserialize, Serialize};

/// An error about one field of a request: its name and the stable code of
/// what is wrong (the app shows the message `error-<code>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
}
