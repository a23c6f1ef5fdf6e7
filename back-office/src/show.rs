//! How the back office writes the domain's values: statuses, reasons,
//! universities, times, and the universities' names, fetched once.

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use amoe_domain::declaration::Status;
use amoe_domain::{Lang, University};
use leptos::prelude::*;

/// The message of a status.
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Received => "bo-status-received",
        Status::UnderVerification => "bo-status-under-verification",
        Status::Covered => "bo-status-covered",
        Status::Refused => "bo-status-refused",
    }
}

/// The message of a refusal reason's code (`other` for one this version
/// does not know).
pub fn reason_key(code: &str) -> &'static str {
    match code {
        "covered_elsewhere" => "bo-reason-covered-elsewhere",
        "over_age" => "bo-reason-over-age",
        "not_enrolled" => "bo-reason-not-enrolled",
        "identity_mismatch" => "bo-reason-identity-mismatch",
        "identity_conflict" => "bo-reason-identity-conflict",
        _ => "bo-reason-other",
    }
}

/// The reasons an agent may choose, in the order the form lists them.
pub const REASONS: [&str; 6] = [
    "covered_elsewhere",
    "over_age",
    "not_enrolled",
    "identity_mismatch",
    "identity_conflict",
    "other",
];

/// An RFC 3339 time as `YYYY-MM-DD HH:MM` (UTC), or the text as it is.
pub fn moment(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        _ => rfc3339.to_owned(),
    }
}

/// Unix seconds as `YYYY-MM-DD HH:MM` (UTC).
pub fn unix_moment(secs: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    date.to_iso_string()
        .as_string()
        .map(|iso| moment(&iso))
        .unwrap_or_default()
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
        assert_eq!(moment("2026-11-30T14:05:09.123Z"), "2026-11-30 14:05");
        assert_eq!(moment("soon"), "soon");
    }

    #[test]
    fn every_reason_has_its_message() {
        for reason in REASONS {
            assert!(reason_key(reason).starts_with("bo-reason-"));
        }
        assert_eq!(reason_key("brand_new"), "bo-reason-other");
    }
}
