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
            <li class="journey">
                <h3 class="heading-m">{tr("journey-declare-title")}</h3>
                <p>{tr("journey-declare-text")}</p>
                <p class="tag">{tr("journey-coming-soon")}</p>
            </li>
            <li class="journey">
                <h3 class="heading-m">{tr("journey-status-title")}</h3>
                <p>{tr("journey-status-text")}</p>
                <p class="tag">{tr("journey-coming-soon")}</p>
            </li>
            <li class="journey">
                <h3 class="heading-m">{tr("journey-offices-title")}</h3>
                <p>{tr("journey-offices-text")}</p>
                <p class="tag">{tr("journey-coming-soon")}</p>
            </li>
            <li class="journey">
                <h3 class="heading-m">
                    <a href="/universities">{tr("journey-universities-title")}</a>
                </h3>
                <p>{tr("journey-universities-text")}</p>
            </li>
        </ul>
    }
}
