//! Parts that several screens share.

pub mod api_error;
pub mod form;
pub mod language_switcher;
pub mod layout;
pub mod page_heading;
