//! `/universities`: the 12 public universities and their own platforms,
//! fetched from the API.

use crate::components::api_error::ApiErrorMessage;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use amoe_domain::University;
use leptos::prelude::*;

#[component]
pub fn Universities() -> impl IntoView {
    let universities = crate::universities::use_universities();
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

/// The platform's address as printed: a link when it is a full URL, plain
/// text otherwise (`amo.uca.ma` is printed without a scheme, and guessing
/// one could send a student to the wrong site).
fn platform_link(printed: String) -> AnyView {
    if is_full_url(&printed) {
        let href = printed.clone();
        view! {
            <a href=href target="_blank" rel="noopener noreferrer">
                <bdi dir="ltr" class="code">{printed}</bdi>
                <span class="visually-hidden">" " {tr("opens-new-tab")}</span>
            </a>
        }
        .into_any()
    } else {
        view! { <bdi dir="ltr" class="code">{printed}</bdi> }.into_any()
    }
}

pub fn is_full_url(printed: &str) -> bool {
    printed.starts_with("http://") || printed.starts_with("https://")
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
                                {platform_link(university.platform_url)}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::is_full_url;

    #[test]
    fn only_printed_urls_with_a_scheme_become_links() {
        assert!(is_full_url("http://etu.um5.ac.ma"));
        assert!(is_full_url("https://reinscription.umi.ac.ma/"));
        assert!(!is_full_url("amo.uca.ma"));
        assert!(!is_full_url("www.uiz.ac.ma/amo"));
    }
}
