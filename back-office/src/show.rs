//! How the back office writes the domain's values: statuses, reasons,
//! universities, times, and the universities' names, fetched once.

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use amoe_domain::declaration::{RefusalReason, Status};
use amoe_domain::{Lang, University};
use leptos::prelude::*;

/// The message of a status.
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Received => "bo-status-received",
        Status::UnderVerification => "bo-status-under-verification",
        Status::Covered => "bo-status-covered",
        Status::Refused => "bo-status-refused",
        Status::UnderReexamination => "bo-status-under-reexamination",
    }
}

/// The message of a refusal reason's code (`bo-reason-not-enrolled`
/// for `not_enrolled`; `other`'s for a code this version does not know).
pub fn reason_key(code: &str) -> String {
    let code = if RefusalReason::CODES.contains(&code) {
        code
    } else {
        "other"
    };
    format!("bo-reason-{}", code.replace('_', "-"))
}

/// The reasons an agent may choose, in the order the form lists them.
pub const REASONS: [&str; 6] = RefusalReason::CODES;

/// A moment (RFC 3339) as `YYYY-MM-DD HH:MM` on this device's clock: an
/// agent in Morocco reads Moroccan time, not the server's UTC.
pub fn moment(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    local(&date)
}

/// Unix seconds as [`moment`] shows them.
pub fn unix_moment(secs: i64) -> String {
    local(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        secs as f64 * 1000.0,
    )))
}

fn local(date: &js_sys::Date) -> String {
    wall_clock(
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
    )
}

/// `YYYY-MM-DD HH:MM`.
fn wall_clock(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

/// The universities, fetched once and shared.
#[derive(Clone, Copy)]
pub struct Universities(LocalResource<Result<Vec<University>, ApiError>>);

pub fn provide_universities() {
    provide_context(Universities(LocalResource::new(api::universities)));
}

/// A university's name in `lang`, or its id until the list is here.
pub fn university_name(id: &str, lang: Lang) -> String {
    use_context::<Universities>()
        .and_then(|u| u.0.get())
        .and_then(Result::ok)
        .and_then(|list| {
            list.iter()
                .find(|u| u.id == id)
                .map(|u| u.name(lang).to_owned())
        })
        .unwrap_or_else(|| id.to_owned())
}

/// Every university (empty until the list is here).
pub fn universities() -> Vec<University> {
    use_context::<Universities>()
        .and_then(|u| u.0.get())
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// A status as a tag.
#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <strong class=format!("tag back-tag-{}", status.as_str())>
            {move || i18n.t(status_key(status))}
        </strong>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_day_and_minute() {
        assert_eq!(wall_clock(2026, 11, 3, 9, 5), "2026-11-03 09:05");
        assert_eq!(wall_clock(2027, 1, 30, 23, 59), "2027-01-30 23:59");
    }

    #[test]
    fn every_reason_has_its_message() {
        for (lang, source) in crate::i18n::SOURCES {
            for reason in REASONS {
                let key = reason_key(reason);
                assert!(
                    source
                        .lines()
                        .any(|line| line.starts_with(&format!("{key} ="))),
                    "{key} is not in locales/{lang}/back-office.ftl"
                );
            }
        }
        assert_eq!(reason_key("brand_new"), "bo-reason-other");
    }
}
