//! Finding declarations: by reference, CIN or name (accents, case and the
//! forms of Arabic letters forgiven, as the server folds them), with
//! filters; the list links to each case, and the same search exports to
//! CSV. What was searched is kept while the agent moves between the list
//! and the cases, never in the address (a CIN stays out of URLs).

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem};
use crate::routes::sign_in::SignedIn;
use crate::show::{StatusTag, moment, status_key, universities, university_name};
use crate::{api, use_auth};
use amoe_domain::declaration::Status;
use amoe_domain::messages::back_office::{SearchRequest, SearchResponse};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The search as typed, and its last answer, kept for the session's
/// screens.
#[derive(Clone, Copy)]
pub struct SearchState {
    pub query: RwSignal<String>,
    pub status: RwSignal<String>,
    pub university: RwSignal<String>,
    pub academic_year: RwSignal<String>,
    pub since: RwSignal<String>,
    pub until: RwSignal<String>,
    pub identity_conflict: RwSignal<String>,
    pub vouched: RwSignal<String>,
    /// `"yes"`: only the declarations set aside.
    pub set_aside: RwSignal<String>,
    /// `"on"`, `"off"` or `"final"`: on the university's roster, off it,
    /// or off its final roster.
    pub roster: RwSignal<String>,
    pub found: RwSignal<Option<SearchResponse>>,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            query: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            university: RwSignal::new(String::new()),
            academic_year: RwSignal::new(String::new()),
            since: RwSignal::new(String::new()),
            until: RwSignal::new(String::new()),
            identity_conflict: RwSignal::new(String::new()),
            vouched: RwSignal::new(String::new()),
            set_aside: RwSignal::new(String::new()),
            roster: RwSignal::new(String::new()),
            found: RwSignal::new(None),
        }
    }
}

/// `""` (any), `"yes"` or `"no"`, as a filter.
fn yes_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The roster filter: on the roster (`"on"`), off it (`"off"`); off a
/// final roster (`"final"`) is its own filter.
fn roster_filter(value: &str) -> Option<bool> {
    match value {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

fn optional(value: String) -> Option<String> {
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

impl SearchState {
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.get_untracked(),
            status: Status::parse(&self.status.get_untracked()),
            university: optional(self.university.get_untracked()),
            academic_year: optional(self.academic_year.get_untracked()),
            since: optional(self.since.get_untracked()),
            until: optional(self.until.get_untracked()),
            identity_conflict: yes_no(&self.identity_conflict.get_untracked()),
            vouched: yes_no(&self.vouched.get_untracked()),
            set_aside: self.set_aside.get_untracked() == "yes",
            enrolled: roster_filter(&self.roster.get_untracked()),
            not_on_roster: self.roster.get_untracked() == "final",
        }
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <SignedIn><Search /></SignedIn> }
}

/// Offers `bytes` to the agent as a file named `name`.
fn download(bytes: &[u8], name: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        let _ = document().body().map(|b| b.append_child(&link));
        link.click();
        link.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
fn Search() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let state = expect_context::<SearchState>();
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let exported = RwSignal::new(false);
    let run = move || {
        busy.set(true);
        problem.set(None);
        let request = state.request();
        leptos::task::spawn_local(async move {
            match api::search(&request).await {
                Ok(found) => state.found.set(Some(found)),
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
            busy.set(false);
        });
    };
    if state.found.get_untracked().is_none() {
        run();
    }
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        exported.set(false);
        run();
    };
    let export = move |_| {
        let request = state.request();
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::export(&request).await {
                Ok(bytes) => {
                    download(&bytes, "amoe-declarations.csv");
                    exported.set(true);
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
        });
    };
    let text_input = move |id: &'static str,
                           label: &'static str,
                           hint: Option<&'static str>,
                           value: RwSignal<String>,
                           kind: &'static str| {
        view! {
            <div class="form-group">
                <label class="label" for=id>{tr(label)}</label>
                {hint.map(|hint| view! { <div class="hint" id=format!("{id}-hint")>{tr(hint)}</div> })}
                <input
                    class="input"
                    id=id
                    name=id
                    type=kind
                    autocomplete="off"
                    aria-describedby=hint.map(|_| format!("{id}-hint"))
                    prop:value=move || value.get()
                    on:input=move |e| value.set(event_target_value(&e))
                />
            </div>
        }
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       options: Signal<Vec<(String, String)>>| {
        view! {
            <div class="form-group">
                <label class="label" for=id>{tr(label)}</label>
                <select
                    class="select"
                    id=id
                    name=id
                    prop:value=move || value.get()
                    on:change=move |e| value.set(event_target_value(&e))
                >
                    <option value="">{tr("bo-filter-any")}</option>
                    {move || options.get().into_iter().map(|(v, text)| {
                        let selected = value.get_untracked() == v;
                        view! { <option value=v selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let statuses = Signal::derive(move || {
        Status::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), i18n.t(status_key(*s))))
            .collect()
    });
    let university_options = Signal::derive(move || {
        universities()
            .iter()
            .map(|u| (u.id.clone(), u.name(i18n.lang()).to_owned()))
            .collect()
    });
    let yes_no_options = Signal::derive(move || {
        vec![
            ("yes".to_owned(), i18n.t("bo-yes")),
            ("no".to_owned(), i18n.t("bo-no")),
        ]
    });
    let only_options = Signal::derive(move || vec![("yes".to_owned(), i18n.t("bo-filter-only"))]);
    let roster_options = Signal::derive(move || {
        vec![
            ("on".to_owned(), i18n.t("bo-filter-roster-on")),
            ("off".to_owned(), i18n.t("bo-filter-roster-off")),
            ("final".to_owned(), i18n.t("bo-filter-roster-final")),
        ]
    });
    let fund = auth.may_decide();
    view! {
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-search-title"))
            error=Signal::derive(move || problem.with(Option::is_some))
        />
        <form class="back-search" on:submit=on_submit novalidate role="search">
            {text_input("query", "bo-search-query", Some("bo-search-query-hint"), state.query, "search")}
            <details class="back-filters">
                <summary>{tr("bo-filters")}</summary>
                <div class="back-filter-grid">
                    {select("status", "bo-filter-status", state.status, statuses)}
                    {fund.then(|| select("university", "bo-filter-university", state.university, university_options))}
                    {text_input("academic_year", "bo-filter-year", Some("bo-filter-year-hint"), state.academic_year, "text")}
                    {text_input("since", "bo-filter-since", None, state.since, "date")}
                    {text_input("until", "bo-filter-until", None, state.until, "date")}
                    {select("identity_conflict", "bo-filter-conflict", state.identity_conflict, yes_no_options)}
                    {select("vouched", "bo-filter-vouched", state.vouched, yes_no_options)}
                    {select("set_aside", "bo-filter-set-aside", state.set_aside, only_options)}
                    {select("roster", "bo-filter-roster", state.roster, roster_options)}
                </div>
            </details>
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    {tr("bo-search-button")}
                </button>
                <button type="button" class="button button-secondary" on:click=export>
                    {tr("bo-export-button")}
                </button>
            </div>
        </form>
        <div role="status">
            {move || exported.get().then(|| view! { <p>{tr("bo-exported")}</p> })}
        </div>
        {move || state.found.get().map(|found| view! { <Results found /> })}
    }
}

#[component]
fn Results(found: SearchResponse) -> impl IntoView {
    let i18n = use_i18n();
    let total = found.total;
    let shown = found.found.len() as i64;
    if found.found.is_empty() {
        return view! { <p class="results-count" role="status">{tr("bo-search-none")}</p> }
            .into_any();
    }
    view! {
        <p class="results-count" role="status">
            {move || {
                let count = i18n.t_with("bo-search-found", &[("count", Arg::Number(total))]);
                if shown < total {
                    format!("{count} {}", i18n.t_with("bo-search-newest", &[("shown", Arg::Number(shown))]))
                } else {
                    count
                }
            }}
        </p>
        <div class="back-table-scroll" role="region" aria-labelledby="results-caption" tabindex="0">
            <table class="back-table">
                <caption id="results-caption" class="visually-hidden">{tr("bo-results-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("bo-column-reference")}</th>
                        <th scope="col">{tr("bo-column-name")}</th>
                        <th scope="col">{tr("bo-column-university")}</th>
                        <th scope="col">{tr("bo-column-year")}</th>
                        <th scope="col">{tr("bo-column-status")}</th>
                        <th scope="col">{tr("bo-column-received")}</th>
                        <th scope="col">{tr("bo-column-flags")}</th>
                    </tr>
                </thead>
                <tbody>
                    {found.found.into_iter().map(|f| {
                        let href = format!("/back-office/cases/{}", f.reference);
                        let name = format!("{} {}", f.last_name, f.first_name);
                        let university = f.university.clone();
                        view! {
                            <tr>
                                <th scope="row"><a href=href class="code"><bdi dir="ltr">{f.reference.clone()}</bdi></a></th>
                                <td><bdi>{name}</bdi></td>
                                <td>{move || university_name(&university, i18n.lang())}</td>
                                <td><bdi dir="ltr">{f.academic_year.clone()}</bdi></td>
                                <td><StatusTag status=f.status /></td>
                                <td><bdi dir="ltr">{moment(&f.received_at)}</bdi></td>
                                <td>
                                    {f.identity_conflict.then(|| view! { <strong class="tag back-tag-warning">{tr("bo-flag-conflict")}</strong> " " })}
                                    {f.vouched.then(|| view! { <strong class="tag">{tr("bo-flag-vouched")}</strong> " " })}
                                    {f.set_aside.then(|| view! { <strong class="tag back-tag-muted">{tr("bo-flag-set-aside")}</strong> " " })}
                                    {f.enrolled.then(|| view! { <strong class="tag">{tr("bo-flag-enrolled")}</strong> " " })}
                                    {f.not_on_roster.then(|| view! { <strong class="tag back-tag-warning">{tr("bo-flag-not-on-roster")}</strong> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn filters_read_any_yes_and_no() {
        assert_eq!(super::yes_no("yes"), Some(true));
        assert_eq!(super::yes_no("no"), Some(false));
        assert_eq!(super::yes_no(""), None);
        assert_eq!(super::optional("  ".into()), None);
        assert_eq!(super::roster_filter("on"), Some(true));
        assert_eq!(super::roster_filter("off"), Some(false));
        assert_eq!(super::roster_filter("final"), None);
        assert_eq!(
            super::optional(" 2026-2027 ".into()),
            Some("2026-2027".into())
        );
    }
}
