//! The `<h1>` of a screen: it names the document (`<title>`) and, after a
//! navigation inside the app, takes the focus so that screen-reader and
//! keyboard users start at the top of the new page.

use crate::i18n::{tr, use_i18n};
use leptos::html::H1;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// False until the first screen has shown: the page the browser loaded keeps
/// the browser's own focus; only later navigations move it.
static SHOWN_ONE: AtomicBool = AtomicBool::new(false);

/// The document title for a page: "Page – Service".
pub fn document_title(page: &str, service: &str) -> String {
    format!("{page} – {service}")
}

#[component]
pub fn PageHeading(
    /// The Fluent key of the heading, also used for the document title.
    key: &'static str,
    /// While true, the title starts with "Error:" (the GOV.UK pattern).
    #[prop(optional, into)]
    error: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H1>::new();
    #[cfg(feature = "ssr")]
    if let Some(rendering) = use_context::<crate::prerendered::Rendering>() {
        *rendering.title.lock().expect("one renderer") =
            document_title(&i18n.t(key), &i18n.t("service-name"));
    }
    Effect::new(move |_| {
        let title = document_title(&i18n.t(key), &i18n.t("service-name"));
        if error.is_some_and(|e| e.get()) {
            document().set_title(&format!("{} {title}", i18n.t("error-prefix")));
        } else {
            document().set_title(&title);
        }
    });
    Effect::new(move |_| {
        if let Some(h1) = heading.get()
            && SHOWN_ONE.swap(true, Ordering::Relaxed)
        {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 class="heading-xl" id="page-heading" tabindex="-1" node_ref=heading>
            {tr(key)}
        </h1>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_name_the_page_then_the_service() {
        assert_eq!(
            super::document_title("Universities", "AMOE"),
            "Universities – AMOE"
        );
    }
}
