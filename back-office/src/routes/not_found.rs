//! An address the back office does not have.

use crate::i18n::{tr, use_i18n};
use crate::layout::PageHeading;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || i18n.t("bo-not-found-title")) />
        <p>{tr("bo-not-found-body")}</p>
        <p><a href="/back-office">{tr("bo-nav-dashboard")}</a></p>
    }
}
