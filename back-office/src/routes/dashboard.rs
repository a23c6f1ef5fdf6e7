//! The year at a glance: declarations per day (a chart, and the same
//! figures in a table for screen readers and for reading exact numbers),
//! counts by status and by university, refusals by reason and, for the
//! fund, the outbox's health. First, the declarations waiting for a new
//! decision after a student asked for a re-examination, the oldest request
//! first.

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem};
use crate::routes::sign_in::SignedIn;
use crate::show::{reason_key, status_key, university_name};
use crate::{api, use_auth};
use amoe_domain::declaration::Status;
use amoe_domain::messages::back_office::{Count, Dashboard, Reexamining};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! { <SignedIn><Overview /></SignedIn> }
}

/// The bars of a chart: each value's share of the largest, in hundredths.
pub fn shares(values: &[i64]) -> Vec<i64> {
    let largest = values.iter().copied().max().unwrap_or(0).max(1);
    values.iter().map(|v| v * 100 / largest).collect()
}

#[component]
fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let dashboard = LocalResource::new(api::dashboard);
    let problem = Signal::derive(move || match dashboard.get() {
        Some(Err(error)) => {
            auth.handle(&error);
            Some(Problem::Call(error))
        }
        _ => None,
    });
    view! {
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-dashboard-title"))
            error=Signal::derive(move || problem.with(Option::is_some))
        />
        {move || match dashboard.get() {
            None => Some(view! { <p class="loading">{tr("bo-loading")}</p> }.into_any()),
            Some(Err(_)) => None,
            Some(Ok(dashboard)) => Some(view! { <Figures dashboard /> }.into_any()),
        }}
    }
}

#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let year = dashboard.academic_year.clone();
    let total: i64 = dashboard.by_status.iter().map(|c| c.count).sum();
    let outbox = dashboard.outbox.clone().map(|outbox| {
        let oldest = outbox.oldest_seconds.map(|secs| {
            view! {
                <div class="summary-row">
                    <dt class="summary-key">{tr("bo-outbox-oldest")}</dt>
                    <dd class="summary-value">
                        {move || i18n.t_with("bo-minutes", &[("count", Arg::Number(secs / 60))])}
                    </dd>
                </div>
            }
        });
        view! {
            <h2 class="heading-l">{tr("bo-outbox-title")}</h2>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt class="summary-key">{tr("bo-outbox-unsent")}</dt>
                    <dd class="summary-value">{outbox.unsent}</dd>
                </div>
                {oldest}
            </dl>
        }
    });
    let statuses: Vec<(String, i64)> = Status::ALL
        .iter()
        .map(|status| {
            let count = dashboard
                .by_status
                .iter()
                .find(|c| c.key == status.as_str())
                .map_or(0, |c| c.count);
            (status_key(*status).to_owned(), count)
        })
        .collect();
    let universities = dashboard.by_university.clone();
    // Each university that gave its roster: its declarations on it, and
    // their share of its declarations.
    let enrolled: Vec<(String, i64, u64)> = dashboard
        .enrolled
        .iter()
        .map(|c| {
            let all = universities
                .iter()
                .find(|u| u.key == c.key)
                .map_or(0, |u| u.count);
            let share = crate::routes::roster::share(
                u64::try_from(c.count).unwrap_or_default(),
                u64::try_from(all).unwrap_or_default(),
            );
            (c.key.clone(), c.count, share)
        })
        .collect();
    let on_rosters = (!enrolled.is_empty()).then(|| {
        view! {
            <h2 class="heading-l" id="on-rosters">{tr("bo-on-rosters-title")}</h2>
            <BarTable
                labelled_by="on-rosters"
                none="bo-per-day-none"
                head=Signal::derive(move || i18n.t("bo-column-university"))
                rows=Signal::derive(move || enrolled.iter().map(|(id, count, share)| (
                    i18n.t_with("bo-on-roster-share", &[
                        ("university", Arg::Text(university_name(id, i18n.lang()))),
                        ("percent", Arg::Number(*share as i64)),
                    ]),
                    *count,
                )).collect())
            />
        }
    });
    let refusals = dashboard.refusals.clone();
    view! {
        <Waiting listed=dashboard.reexaminations.clone() total=dashboard.reexaminations_waiting />
        <p class="lead">
            {move || i18n.t_with("bo-dashboard-lead", &[
                ("year", Arg::Text(year.clone())),
                ("count", Arg::Number(total)),
            ])}
        </p>
        <PerDay days=dashboard.per_day.clone() />
        <h2 class="heading-l" id="by-status">{tr("bo-by-status-title")}</h2>
        <BarTable
            labelled_by="by-status"
            none="bo-per-day-none"
            head=Signal::derive(move || i18n.t("bo-column-status"))
            rows=Signal::derive(move || statuses.iter().map(|(key, n)| (i18n.t(key), *n)).collect())
        />
        <h2 class="heading-l" id="by-university">{tr("bo-by-university-title")}</h2>
        <BarTable
            labelled_by="by-university"
            none="bo-per-day-none"
            head=Signal::derive(move || i18n.t("bo-column-university"))
            rows=Signal::derive(move || universities.iter().map(|c| (university_name(&c.key, i18n.lang()), c.count)).collect())
        />
        {on_rosters}
        <h2 class="heading-l" id="refusals">{tr("bo-refusals-title")}</h2>
        <BarTable
            labelled_by="refusals"
            none="bo-refusals-none"
            head=Signal::derive(move || i18n.t("bo-column-reason"))
            rows=Signal::derive(move || refusals.iter().map(|c| (i18n.t(&reason_key(&c.key)), c.count)).collect())
        />
        {outbox}
    }
}

/// Declarations per day: a column chart (a picture, described by its
/// summary) and the table of the same figures.
#[component]
fn PerDay(days: Vec<Count>) -> impl IntoView {
    let i18n = use_i18n();
    if days.is_empty() {
        return view! {
            <h2 class="heading-l">{tr("bo-per-day-title")}</h2>
            <p>{tr("bo-per-day-none")}</p>
        }
        .into_any();
    }
    let values: Vec<i64> = days.iter().map(|d| d.count).collect();
    let heights = shares(&values);
    let busiest = days
        .iter()
        .max_by_key(|d| d.count)
        .cloned()
        .unwrap_or(Count {
            key: String::new(),
            count: 0,
        });
    let total: i64 = values.iter().sum();
    let n = days.len() as i64;
    // One column per day, 10 units wide with a gap of 2; 100 high.
    let width = n * 12;
    let bars = heights
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = (*h).max(1);
            view! { <rect x=(i as i64 * 12).to_string() y=(100 - h).to_string() width="10" height=h.to_string() /> }
        })
        .collect_view();
    let summary = Signal::derive(move || {
        i18n.t_with(
            "bo-per-day-summary",
            &[
                ("days", Arg::Number(n)),
                ("count", Arg::Number(total)),
                ("busiest", Arg::Text(busiest.key.clone())),
                ("most", Arg::Number(busiest.count)),
            ],
        )
    });
    let rows = days.clone();
    view! {
        <h2 class="heading-l" id="per-day">{tr("bo-per-day-title")}</h2>
        <figure class="back-chart">
            <svg
                role="img"
                aria-label=summary
                viewBox=format!("0 0 {width} 100")
                preserveAspectRatio="none"
                class="back-columns"
            >
                {bars}
            </svg>
            <figcaption>{summary}</figcaption>
        </figure>
        <div class="back-table-scroll" role="region" aria-labelledby="per-day" tabindex="0">
            <table class="back-table">
                <caption class="visually-hidden">{tr("bo-per-day-title")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("bo-column-day")}</th>
                        <th scope="col" class="back-number">{tr("bo-column-count")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|d| view! {
                        <tr>
                            <th scope="row"><bdi dir="ltr">{d.key}</bdi></th>
                            <td class="back-number">{d.count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A table of counts with a bar beside each (the bar is decoration: the
/// number is in the cell before it), or the message `none` when there is
/// nothing to count.
#[component]
fn BarTable(
    labelled_by: &'static str,
    none: &'static str,
    head: Signal<String>,
    rows: Signal<Vec<(String, i64)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.with_untracked(Vec::is_empty) {
        return view! { <p>{tr(none)}</p> }.into_any();
    }
    view! {
        <table class="back-table" aria-labelledby=labelled_by>
            <thead>
                <tr>
                    <th scope="col">{move || head.get()}</th>
                    <th scope="col" class="back-number">{move || i18n.t("bo-column-count")}</th>
                    <th scope="col" class="back-bar-column"><span class="visually-hidden">{move || i18n.t("bo-column-bar")}</span></th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let rows = rows.get();
                    let widths = shares(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
                    rows.into_iter()
                        .zip(widths)
                        .map(|((label, count), width)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="back-number">{count}</td>
                                <td class="back-bar-column" aria-hidden="true">
                                    <svg class="back-bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                                        <rect x="0" y="0" width=width.max(1).to_string() height="10" />
                                    </svg>
                                </td>
                            </tr>
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_are_shares_of_the_largest() {
        assert_eq!(super::shares(&[2, 4, 1]), [50, 100, 25]);
        assert_eq!(super::shares(&[0, 0]), [0, 0]);
        assert!(super::shares(&[]).is_empty());
    }
}

/// The declarations under re-examination: what the fund decides first.
#[component]
fn Waiting(listed: Vec<Reexamining>, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let shown = listed.len() as i64;
    view! {
        <h2 class="heading-l" id="reexaminations">{tr("bo-reexam-waiting-title")}</h2>
        {if listed.is_empty() {
            view! { <p>{tr("bo-reexam-waiting-none")}</p> }.into_any()
        } else {
            view! {
                <p>{move || i18n.t_with("bo-reexam-waiting-count", &[
                    ("count", Arg::Number(total)),
                    ("shown", Arg::Number(shown)),
                ])}</p>
                <div class="back-table-scroll" role="region" aria-labelledby="reexaminations" tabindex="0">
                    <table class="back-table" aria-labelledby="reexaminations">
                        <thead>
                            <tr>
                                <th scope="col">{tr("bo-column-reference")}</th>
                                <th scope="col">{tr("bo-column-name")}</th>
                                <th scope="col">{tr("bo-column-university")}</th>
                                <th scope="col">{tr("bo-column-reason")}</th>
                                <th scope="col">{tr("bo-column-asked")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {listed.into_iter().map(|r| {
                                let href = format!("/back-office/cases/{}", r.reference);
                                let university = r.university.clone();
                                view! {
                                    <tr>
                                        <td><a href=href><bdi dir="ltr" class="code">{r.reference.clone()}</bdi></a></td>
                                        <td><bdi>{format!("{} {}", r.last_name, r.first_name)}</bdi></td>
                                        <td>{move || university_name(&university, i18n.lang())}</td>
                                        <td>{tr(crate::routes::case::reexamination::reason_key(&r.reason))}</td>
                                        <td><bdi dir="ltr">{crate::show::moment(&r.requested_at)}</bdi></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
