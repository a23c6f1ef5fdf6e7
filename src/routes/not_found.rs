//! Any address the app does not know.

use crate::components::page_heading::PageHeading;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeading key="not-found-title" />
        <p>{tr("not-found-text")}</p>
        <p>
            <a href="/">{tr("not-found-home")}</a>
        </p>
    }
}
