//! A university's roster of enrolled students for the academic year. Its
//! staff give it (the file checked first, with every wrong cell shown and
//! nothing kept; then given, replacing the one before) and say when it is
//! complete. The fund's agents see each university's, and refuse in one
//! step the declarations a complete roster does not hold.

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem};
use crate::routes::import::{FileCheck, RowErrors};
use crate::routes::sign_in::SignedIn;
use crate::show::{moment, universities};
use crate::{api, use_auth};
use amoe_domain::messages::back_office::Role;
use amoe_domain::messages::operator::RowError;
use amoe_domain::messages::roster::{RosterReport, RosterState};
use leptos::prelude::*;

#[component]
pub fn RosterPage() -> impl IntoView {
    view! { <SignedIn><Roster /></SignedIn> }
}

/// Where the staff's file is.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Choosing,
    Checked(RosterReport),
    Refused(Vec<RowError>),
    Given(RosterReport),
}

/// How often the page asks again while a roster's matching is under way.
const MATCHING_POLL_MS: i32 = 3_000;

/// Waits `ms` milliseconds.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The share of `part` in `whole`, in whole per cent (0 of nothing).
pub fn share(part: u64, whole: u64) -> u64 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

#[component]
fn Roster() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let own = match auth.role() {
        Some(Role::University(id)) => Some(id.as_str().to_owned()),
        _ => None,
    };
    let university = RwSignal::new(own.clone().unwrap_or_default());
    let chosen = university;
    let year = RwSignal::new(String::new());
    let state = RwSignal::new(None::<RosterState>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let fail = move |error: api::ApiError| {
        auth.handle(&error);
        problem.set(Some(Problem::Fields(error)));
    };
    let load = move || {
        let (university, year) = (university.get_untracked(), year.get_untracked());
        if university.is_empty() || year.is_empty() {
            state.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            // While the declarations are matched with a new roster (seconds
            // to minutes), the page asks again every few seconds.
            loop {
                match api::roster(&university, &year).await {
                    Ok(found) => {
                        let matching = found.matching;
                        state.set(Some(found));
                        if !matching || university != chosen.get_untracked() {
                            break;
                        }
                    }
                    Err(error) => {
                        fail(error);
                        break;
                    }
                }
                pause(MATCHING_POLL_MS).await;
            }
        });
    };
    leptos::task::spawn_local(async move {
        match api::config().await {
            Ok(config) => {
                year.set(config.academic_year.to_string());
                load();
            }
            Err(error) => fail(error),
        }
    });
    let choose_university = move |event: leptos::ev::Event| {
        university.set(event_target_value(&event));
        problem.set(None);
        load();
    };
    let chooser = own.is_none().then(|| {
        view! {
            <div class="form-group">
                <label class="label" for="roster-university">{tr("bo-filter-university")}</label>
                <select class="select" id="roster-university" name="roster-university" on:change=choose_university>
                    <option value="">{tr("bo-roster-choose-university")}</option>
                    {move || universities().into_iter().map(|u| {
                        let name = u.name(i18n.lang()).to_owned();
                        view! { <option value=u.id.clone()>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    });
    let staff = own.is_some();
    let fund = own.is_none() && auth.may_decide();
    view! {
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-roster-title"))
            error=Signal::derive(move || problem.with(Option::is_some))
        />
        <p class="lead">{tr(if staff { "bo-roster-lead-staff" } else { "bo-roster-lead-fund" })}</p>
        {chooser}
        {move || state.get().map(|found| view! { <Standing found /> })}
        {staff.then(|| view! { <Give university year state problem busy reload=Callback::new(move |()| load()) /> })}
        {fund.then(|| view! { <Refuse university year state problem busy reload=Callback::new(move |()| load()) /> })}
    }
}

/// Where the roster stands, and the year's declarations on it and off it.
#[component]
fn Standing(found: RosterState) -> impl IntoView {
    let i18n = use_i18n();
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="summary-row">
                <dt class="summary-key">{tr(key)}</dt>
                <dd class="summary-value">{value}</dd>
            </div>
        }
    };
    let percent = share(found.enrolled, found.declarations);
    let given = found.uploaded_at.clone();
    let complete = found.final_at.clone();
    view! {
        <h2 class="heading-m">{move || i18n.t_with("bo-roster-year", &[("year", Arg::Text(found.academic_year.clone()))])}</h2>
        <dl class="summary-list">
            {row("bo-roster-given", match given {
                Some(at) => view! {
                    <bdi dir="ltr">{moment(&at)}</bdi> " · "
                    {move || i18n.t_with("bo-roster-students", &[("count", Arg::Number(found.students as i64))])}
                }.into_any(),
                None => view! { {tr("bo-roster-none")} }.into_any(),
            })}
            {row("bo-roster-complete", match complete {
                Some(at) => view! { <bdi dir="ltr">{moment(&at)}</bdi> }.into_any(),
                None => view! { {tr("bo-no")} }.into_any(),
            })}
            {row("bo-roster-matched", view! {
                {move || i18n.t_with("bo-roster-matched-count", &[
                    ("enrolled", Arg::Number(found.enrolled as i64)),
                    ("declarations", Arg::Number(found.declarations as i64)),
                    ("percent", Arg::Number(percent as i64)),
                ])}
            }.into_any())}
            {found.matching.then(|| row("bo-roster-matching", view! { {tr("bo-roster-matching-now")} }.into_any()))}
            {found.final_at.is_some().then(|| row("bo-roster-off", view! {
                {move || i18n.t_with("bo-roster-off-count", &[("count", Arg::Number(found.not_on_roster_pending as i64))])}
            }.into_any()))}
        </dl>
    }
}

/// The university's staff give the roster (checked first), and say when it
/// is complete.
#[component]
fn Give(
    university: RwSignal<String>,
    year: RwSignal<String>,
    state: RwSignal<Option<RosterState>>,
    problem: RwSignal<Option<Problem>>,
    busy: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let file = RwSignal::new(None::<String>);
    let stage = RwSignal::new(Stage::Choosing);
    let send = move |dry_run: bool| {
        let Some(text) = file.get_untracked() else {
            problem.set(Some(Problem::Message("bo-roster-choose-first")));
            return;
        };
        busy.set(true);
        problem.set(None);
        let (u, y) = (university.get_untracked(), year.get_untracked());
        leptos::task::spawn_local(async move {
            match api::give_roster(&u, &y, text, dry_run, &auth.csrf()).await {
                Ok(api::Sent::Report(report)) if dry_run => stage.set(Stage::Checked(report)),
                Ok(api::Sent::Report(report)) => {
                    stage.set(Stage::Given(report));
                    reload.run(());
                }
                Ok(api::Sent::Refused(rows)) => stage.set(Stage::Refused(rows)),
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error)));
                }
            }
            busy.set(false);
        });
    };
    let complete = move |value: bool| {
        busy.set(true);
        problem.set(None);
        let (u, y) = (university.get_untracked(), year.get_untracked());
        leptos::task::spawn_local(async move {
            match api::roster_final(&u, &y, value, &auth.csrf()).await {
                Ok(found) => state.set(Some(found)),
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error)));
                }
            }
            busy.set(false);
        });
    };
    let counts = move |report: &RosterReport| {
        i18n.t_with(
            "bo-roster-report",
            &[
                ("rows", Arg::Number(report.rows as i64)),
                ("students", Arg::Number(report.students as i64)),
                ("added", Arg::Number(report.added as i64)),
                ("removed", Arg::Number(report.removed as i64)),
            ],
        )
    };
    view! {
        <h2 class="heading-m">{tr("bo-roster-give-title")}</h2>
        <p>{tr("bo-roster-columns")}</p>
        <FileCheck id="roster-file" label="bo-roster-file" hint="bo-roster-file-hint" file problem busy
            on_choose=move |()| stage.set(Stage::Choosing) on_check=move |()| send(true) />
        <div role="status">
        {move || match stage.get() {
            Stage::Choosing => None,
            Stage::Checked(report) => Some(view! {
                <div class="inset">
                    <h2 class="heading-m">{tr("bo-import-checked-title")}</h2>
                    <p>{move || counts(&report)}</p>
                    <p>{tr("bo-roster-nothing-yet")}</p>
                    <button type="button" class="button" on:click=move |_| send(false) aria-disabled=move || busy.get().to_string()>
                        {tr("bo-roster-apply")}
                    </button>
                </div>
            }.into_any()),
            Stage::Given(report) => Some(view! {
                <div class="panel">
                    <h2 class="heading-m">{tr("bo-roster-given-title")}</h2>
                    <p class="panel-body">{move || counts(&report)}</p>
                </div>
            }.into_any()),
            Stage::Refused(rows) => Some(view! {
                <div class="error-box">
                    <h2 class="heading-m" id="roster-refused-title">{tr("bo-import-refused-title")}</h2>
                    <p>{tr("bo-roster-refused")}</p>
                    <RowErrors rows labelled_by="roster-refused-title" />
                </div>
            }.into_any()),
        }}
        </div>
        {move || state.get().filter(|s| s.uploaded_at.is_some()).map(|s| {
            let is_final = s.final_at.is_some();
            view! {
                <details class="back-correct">
                    <summary>{tr(if is_final { "bo-roster-reopen-title" } else { "bo-roster-final-title" })}</summary>
                    <p class="hint">{tr(if is_final { "bo-roster-reopen-hint" } else { "bo-roster-final-hint" })}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| complete(!is_final)
                        aria-disabled=move || busy.get().to_string()>
                        {tr(if is_final { "bo-roster-reopen-button" } else { "bo-roster-final-button" })}
                    </button>
                </details>
            }
        })}
    }
}

/// The fund's agents refuse, in one step, the declarations a complete
/// roster does not hold.
#[component]
fn Refuse(
    university: RwSignal<String>,
    year: RwSignal<String>,
    state: RwSignal<Option<RosterState>>,
    problem: RwSignal<Option<Problem>>,
    busy: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let refused = RwSignal::new(None::<(usize, u64)>);
    let refuse = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(expected) = state.get_untracked().map(|s| s.not_on_roster_pending) else {
            return;
        };
        busy.set(true);
        problem.set(None);
        let (u, y) = (university.get_untracked(), year.get_untracked());
        leptos::task::spawn_local(async move {
            match api::refuse_not_enrolled(&u, &y, expected, &auth.csrf()).await {
                Ok(done) => {
                    refused.set(Some((done.refused, done.remaining)));
                    reload.run(());
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error)));
                    reload.run(());
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div role="status">
            {move || refused.get().map(|(count, remaining)| view! {
                <div class="panel">
                    <p class="panel-body">
                        {move || i18n.t_with("bo-roster-refused-done", &[("count", Arg::Number(count as i64))])}
                        {(remaining > 0).then(|| view! {
                            " " {move || i18n.t_with("bo-roster-refused-remaining", &[("count", Arg::Number(remaining as i64))])}
                        })}
                    </p>
                </div>
            })}
        </div>
        {move || state.get().filter(|s| s.final_at.is_some() && !s.matching && s.not_on_roster_pending > 0).map(|s| view! {
            <details class="back-correct">
                <summary>{move || i18n.t_with("bo-roster-refuse-title", &[("count", Arg::Number(s.not_on_roster_pending as i64))])}</summary>
                <form on:submit=refuse novalidate>
                    <p class="hint">{tr("bo-roster-refuse-hint")}</p>
                    <button type="submit" class="button button-warning" aria-disabled=move || busy.get().to_string()>
                        {tr("bo-roster-refuse-button")}
                    </button>
                </form>
            </details>
        })}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_share_is_in_whole_per_cent() {
        assert_eq!(super::share(1, 3), 33);
        assert_eq!(super::share(2, 2), 100);
        assert_eq!(super::share(0, 0), 0);
    }
}
