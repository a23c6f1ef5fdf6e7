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
    #[cfg(feature = "ssr")]
    if let Some(rendering) = use_context::<crate::prerendered::Rendering>() {
        *rendering.title.lock().expect("one renderer") =
            amoe_ui::document_title(&i18n.t(key), &i18n.t(KEYS.service_name));
    }
    amoe_ui::page_heading(i18n, &KEYS, move || i18n.t(key), error)
}
