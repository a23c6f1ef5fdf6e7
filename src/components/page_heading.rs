//! The `<h1>` of a screen (the shared heading, `amoe_ui::PageHeading`): it
//! names the document and, after a navigation inside the app, takes the
//! focus. Drawn at build time, it names the page the renderer writes.

use crate::i18n::{KEYS, use_i18n};
use leptos::prelude::*;

#[component]
pub fn PageHeading(
    /// The Fluent key of the heading, also used for the document title.
    key: &'static str,
    /// While true, the title starts with "Error:" (the GOV.UK pattern).
    #[prop(optional, into)]
    error: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = title_key(key);
    #[cfg(feature = "ssr")]
    if let Some(rendering) = use_context::<crate::prerendered::Rendering>() {
        *rendering.title.lock().expect("one renderer") =
            amoe_ui::document_title(&i18n.t(title), &i18n.t(KEYS.service_name));
    }
    amoe_ui::page_heading(
        i18n,
        &KEYS,
        move || i18n.t(key),
        move || i18n.t(title),
        error,
    )
}

/// The key of the page's name in the document title: the heading's,
/// except on the home page, whose heading is the service's own name (which
/// the title ends with): there, what a student can do.
fn title_key(heading: &'static str) -> &'static str {
    match heading {
        "home-title" => "home-page-title",
        other => other,
    }
}
