//! `/`: what the service is for, and the journeys it offers.

use crate::components::page_heading::PageHeading;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageHeading key="home-title" />
        <p class="lead">{tr("home-lead")}</p>
        <p>{tr("home-who")}</p>
        <h2 class="heading-l">{tr("home-journeys-title")}</h2>
        <ul class="journeys">
            <Journey
                title_key="journey-declare-title"
                text_key="journey-declare-text"
                href="/declare"
            />
            <Journey
                title_key="journey-status-title"
                text_key="journey-status-text"
                href="/status"
            />
            <Journey
                title_key="journey-offices-title"
                text_key="journey-offices-text"
                href="/offices"
            />
            <Journey
                title_key="journey-learn-title"
                text_key="journey-learn-text"
                href="/learn/who-declares"
            />
            <Journey
                title_key="journey-universities-title"
                text_key="journey-universities-text"
                href="/universities"
            />
        </ul>
    }
}

/// One journey of the service.
#[component]
fn Journey(title_key: &'static str, text_key: &'static str, href: &'static str) -> impl IntoView {
    view! {
        <li class="journey">
            <h3 class="heading-m">
                <a href=href>{tr(title_key)}</a>
            </h3>
            <p>{tr(text_key)}</p>
        </li>
    }
}
