//! The device the app runs on: its storage and its clock, in one place.
//!
//! A page rendered at build time (the `ssr` feature, `src/bin/prerender.rs`)
//! has no device: no storage, so it shows what a first visit shows, and
//! the clock is the build machine's.

use leptos::prelude::window;

/// The `localStorage` key of the wizard's saved answers (and, once sent,
/// of the receipt alone).
pub const DECLARATION_KEY: &str = "amoe.declaration";

/// `localStorage`, when there is one and it may be used (privacy settings
/// and some embedded frames refuse it).
pub fn local_storage() -> Option<web_sys::Storage> {
    if cfg!(feature = "ssr") {
        return None;
    }
    window().local_storage().ok().flatten()
}

/// `sessionStorage`, on the same terms.
pub fn session_storage() -> Option<web_sys::Storage> {
    if cfg!(feature = "ssr") {
        return None;
    }
    window().session_storage().ok().flatten()
}

/// Milliseconds since 1970, as JavaScript's `Date.now()`.
pub fn now_ms() -> f64 {
    if cfg!(feature = "ssr") {
        return std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or_default();
    }
    js_sys::Date::now()
}

/// Today's date where the student is.
pub fn today() -> time::Date {
    if cfg!(feature = "ssr") {
        return time::OffsetDateTime::now_utc().date();
    }
    let now = js_sys::Date::new_0();
    let month = time::Month::try_from(now.get_month() as u8 + 1).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8)
        .unwrap_or(time::Date::MIN)
}
