//! `/universities`: the 12 public universities and their own platforms,
//! fetched from the API.

use crate::api;
use crate::components::api_error::ApiErrorMessage;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use amoe_domain::University;
use leptos::prelude::*;

#[component]
pub fn Universities() -> impl IntoView {
    let universities = LocalResource::new(api::universities);
    view! {
        <PageHeading key="universities-title" />
        <p class="lead">{tr("universities-lead")}</p>
        {move || match universities.get() {
            None => {
                view! {
                    <p class="loading" role="status">
                        {tr("loading")}
                    </p>
                }
                    .into_any()
            }
            Some(Ok(list)) => view! { <UniversityList list /> }.into_any(),
            Some(Err(error)) => {
                view! { <ApiErrorMessage error on_retry=move || universities.refetch() /> }
                    .into_any()
            }
        }}
    }
}

#[component]
fn UniversityList(list: Vec<University>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="university-list">
            {list
                .into_iter()
                .map(|university| {
                    let name = university.clone();
                    let city = university.clone();
                    view! {
                        <li class="university">
                            <h2 class="heading-s">{move || name.name(i18n.lang()).to_owned()}</h2>
                            <p class="university-city">{move || city.city(i18n.lang()).to_owned()}</p>
                            <p class="university-platform">
                                {tr("universities-platform")} " "
                                <bdi dir="ltr" class="code">{university.platform_url}</bdi>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
