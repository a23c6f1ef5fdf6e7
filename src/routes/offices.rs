//! `/offices`: the 34 ONOUSC reception points where sickness files are
//! handed in, searchable as you type in any language and script
//! (`amoe_domain::search`), filtered by university, the student's own first.

use crate::api;
use crate::components::api_error::ApiErrorMessage;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use amoe_domain::leaflet::find_offices;
use amoe_domain::{Lang, Office, University};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A map search for an office: a plain link to OpenStreetMap, no embedded
/// map and no third-party script. The French address geocodes best.
pub fn map_search_url(office: &Office) -> String {
    let query = format!("{}, {}, Maroc", office.address_fr, office.city_fr);
    #[cfg(feature = "ssr")]
    let query = {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        // What encodeURIComponent leaves as it is.
        const KEPT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')');
        utf8_percent_encode(&query, KEPT).to_string()
    };
    #[cfg(not(feature = "ssr"))]
    let query: String = js_sys::encode_uri_component(&query).into();
    format!("https://www.openstreetmap.org/search?query={query}")
}

/// What "copy the address" puts on the clipboard: place, address, city.
pub fn postal_text(office: &Office, lang: Lang) -> String {
    format!(
        "{}, {}, {}",
        office.place(lang),
        office.address(lang),
        office.city(lang)
    )
}

#[component]
pub fn Offices() -> impl IntoView {
    // Two resources, fetched at the same time.
    let offices = crate::fetched::Fetched::new(api::offices);
    let universities = crate::universities::use_universities();
    let data = move || match (offices.get()?, universities.get()?) {
        (Ok(offices), Ok(universities)) => Some(Ok((offices, universities))),
        (Err(error), _) | (_, Err(error)) => Some(Err(error)),
    };
    let retry = move || {
        offices.refetch();
        universities.refetch();
    };
    view! {
        <PageHeading key="offices-title" />
        <p class="lead">{tr("offices-lead")}</p>
        {move || match data() {
            None => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
            Some(Err(error)) => {
                view! { <ApiErrorMessage error on_retry=retry /> }.into_any()
            }
            Some(Ok((offices, universities))) => view! { <Finder offices universities /> }.into_any(),
        }}
    }
}

#[component]
fn Finder(offices: Vec<Office>, universities: Vec<University>) -> impl IntoView {
    let i18n = use_i18n();
    // Read from the device, not from the wizard's state, whose code (in the
    // wizard's module) this page does without.
    let mine = Signal::stored(crate::routes::declare::saved::university_on_device());
    let search = RwSignal::new(String::new());
    let university = RwSignal::new(String::new());
    // Which office's address was copied last, and whether it worked.
    let copied = RwSignal::new(None::<(String, bool)>);
    let offices = StoredValue::new(offices);
    let names = StoredValue::new(universities);
    let found = Memo::new(move |_| {
        offices.with_value(|all| {
            let filter = university.with(|u| (!u.is_empty()).then(|| u.clone()));
            let mine = mine.get();
            search.with(|typed| {
                find_offices(all, typed, filter.as_deref(), mine.as_deref())
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let count = move || {
        i18n.t_with(
            "offices-count",
            &[("count", (found.with(Vec::len) as i64).into())],
        )
    };
    view! {
        <div class="finder">
            <div class="form-group">
                <label class="label" for="office-search">{tr("offices-search")}</label>
                <div class="hint" id="office-search-hint">{tr("offices-search-hint")}</div>
                <input
                    class="input"
                    id="office-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="office-search-hint"
                    aria-controls="office-results"
                    prop:value=search
                    on:input=move |event| search.set(event_target_value(&event))
                />
            </div>
            <div class="form-group">
                <label class="label" for="office-university">{tr("offices-university")}</label>
                <select
                    class="select"
                    id="office-university"
                    aria-controls="office-results"
                    prop:value=university
                    on:change=move |event| university.set(event_target_value(&event))
                >
                    <option value="">{tr("offices-all-universities")}</option>
                    {move || {
                        let lang = i18n.lang();
                        names.with_value(|list| {
                            list.iter()
                                .map(|u| view! { <option value=u.id.clone()>{u.name(lang).to_owned()}</option> })
                                .collect_view()
                        })
                    }}
                </select>
            </div>
        </div>
        <p class="results-count" role="status">{count}</p>
        <ul class="office-list" id="office-results">
            {move || {
                let lang = i18n.lang();
                let mine = mine.get();
                found.get().into_iter().map(|office| {
                    let is_mine = mine.as_deref() == Some(office.university_id.as_str());
                    let text = postal_text(&office, lang);
                    let id = office.id.clone();
                    let copy = move |_| {
                        let (text, id) = (text.clone(), id.clone());
                        leptos::task::spawn_local(async move {
                            let promise = window().navigator().clipboard().write_text(&text);
                            let done = JsFuture::from(promise).await.is_ok();
                            copied.set(Some((id, done)));
                        });
                    };
                    let this = office.id.clone();
                    let label = format!("{}, {}", office.place(lang), office.city(lang));
                    view! {
                        <li class="office">
                            <h2 class="heading-s">
                                <span class="office-city">{office.city(lang).to_owned()}</span>
                                " "
                                <span class="office-place">{office.place(lang).to_owned()}</span>
                            </h2>
                            {is_mine.then(|| view! { <p class="tag">{tr("offices-mine")}</p> })}
                            <p class="office-address">{office.address(lang).to_owned()}</p>
                            <div class="office-actions">
                                <button type="button" class="button button-secondary button-small" on:click=copy>
                                    {tr("offices-copy")}
                                    <span class="visually-hidden">": " {label.clone()}</span>
                                </button>
                                <a class="office-map" href=map_search_url(&office) target="_blank" rel="noopener noreferrer">
                                    {tr("offices-map")}
                                    <span class="visually-hidden">": " {label} " " {tr("opens-new-tab")}</span>
                                </a>
                            </div>
                            <p class="office-copied" role="status">
                                {move || copied.with(|c| match c {
                                    Some((id, true)) if *id == this => i18n.t("offices-copied"),
                                    Some((id, false)) if *id == this => i18n.t("offices-copy-failed"),
                                    _ => String::new(),
                                })}
                            </p>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
        {move || found.with(Vec::is_empty).then(|| view! { <p class="office-none">{tr("offices-none")}</p> })}
        <p><a href="/learn/claim-forms">{tr("offices-what-to-bring")}</a></p>
    }
}
