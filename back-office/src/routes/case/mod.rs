//! One declaration: what the student declared, its timeline, its mails
//! (sent or waiting), its corrections and every audit entry that names
//! it, and the student's requests for a re-examination; for the fund, the decision (`decide`), the correction of a field
//! (`correct`) and the steps on a made-up declaration (`steps`).

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem, error_message, language_name_key};
use crate::routes::sign_in::SignedIn;
use crate::show::{StatusTag, moment, reason_key, university_name, unix_moment};
use crate::{api, use_auth};
use amoe_domain::Lang;
use amoe_domain::messages::back_office::Case;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

mod correct;
mod decide;
pub mod reexamination;
mod steps;

use correct::CorrectForm;
use decide::DecideForm;
use steps::{Step, StepForm};

#[component]
pub fn CasePage() -> impl IntoView {
    view! { <SignedIn><CaseScreen /></SignedIn> }
}

#[component]
fn CaseScreen() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.with(|p| p.get("reference").unwrap_or_default()));
    let case = RwSignal::new(None::<Result<Case, api::ApiError>>);
    // Kept across the case's redraws (after a decision, a correction).
    let notice = RwSignal::new(None::<&'static str>);
    let problem = RwSignal::new(None::<Problem>);
    Effect::new(move |_| {
        let reference = reference.get();
        case.set(None);
        notice.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::case(&reference).await;
            if let Err(error) = &answer {
                auth.handle(error);
            }
            case.set(Some(answer));
        });
    });
    move || match case.get() {
        None => view! { <p class="loading">{tr("bo-loading")}</p> }.into_any(),
        Some(Err(error)) => {
            let message = error_message(i18n, &error);
            view! {
                <PageHeading
                    text=Signal::derive(move || i18n.t("bo-case-missing-title"))
                    error=Signal::derive(|| true)
                />
                <p>{message}</p>
                <p><a href="/back-office/cases">{tr("bo-back-to-search")}</a></p>
            }
            .into_any()
        }
        Some(Ok(found)) => view! { <CaseView found case notice problem /> }.into_any(),
    }
}

#[component]
fn CaseView(
    found: Case,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let stored = found.declaration.clone();
    let d = stored.declaration.clone();
    let reference = d.reference.clone();
    let heading = reference.clone();
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="summary-row">
                <dt class="summary-key">{tr(key)}</dt>
                <dd class="summary-value">{value}</dd>
            </div>
        }
    };
    let university = d.university.clone();
    let decided = match (&stored.decided_on, &stored.refusal_reason) {
        (Some(day), Some(reason)) => {
            let reason = reason.clone();
            let day = day.clone();
            Some(
                view! { <bdi dir="ltr">{day}</bdi> " · " {move || i18n.t(&reason_key(&reason))} }
                    .into_any(),
            )
        }
        (Some(day), None) => Some(view! { <bdi dir="ltr">{day.clone()}</bdi> }.into_any()),
        _ => None,
    };
    let fields = view! {
        <dl class="summary-list">
            {row("bo-field-name", view! { <bdi>{format!("{} {}", d.last_name, d.first_name)}</bdi> }.into_any())}
            {row("bo-field-cin", view! { <bdi dir="ltr" class="code">{d.cin.clone()}</bdi> }.into_any())}
            {row("bo-field-massar", view! { <bdi dir="ltr" class="code">{d.massar.clone()}</bdi> }.into_any())}
            {row("bo-field-birth-date", view! { <bdi dir="ltr">{d.birth_date.clone()}</bdi> }.into_any())}
            {row("bo-field-email", view! { <bdi dir="ltr">{d.email.clone()}</bdi> }.into_any())}
            {row("bo-field-phone", view! { <bdi dir="ltr">{d.phone.clone().unwrap_or_else(|| "—".into())}</bdi> }.into_any())}
            {row("bo-field-university", view! { {move || university_name(&university, i18n.lang())} }.into_any())}
            {row("bo-field-establishment", view! { <bdi>{d.establishment.clone().unwrap_or_else(|| "—".into())}</bdi> }.into_any())}
            {row("bo-field-year", view! { <bdi dir="ltr">{d.academic_year.clone()}</bdi> }.into_any())}
            {row("bo-field-status", view! { <StatusTag status=d.status /> }.into_any())}
            {decided.map(|decided| row("bo-field-decided", decided))}
            {row("bo-field-received", view! { <bdi dir="ltr">{moment(&d.received_at)}</bdi> }.into_any())}
            {row("bo-field-conflict", view! { {if d.identity_conflict { tr("bo-conflict-yes") } else { tr("bo-no") }} }.into_any())}
            {d.set_aside.then(|| row("bo-field-set-aside", view! { {tr("bo-set-aside-yes")} }.into_any()))}
            {row("bo-field-roster", view! { {tr(roster_key(d.enrolled, d.not_on_roster))} }.into_any())}
            {row("bo-field-vouched", match d.vouched_by.clone() {
                Some(by) => view! { {move || university_name(&by, i18n.lang())} }.into_any(),
                None => view! { {tr("bo-no")} }.into_any(),
            })}
            {row("bo-field-lang", match Lang::from_tag(&stored.lang) {
                Some(lang) => view! { {tr(language_name_key(lang))} }.into_any(),
                None => view! { <bdi dir="ltr">{stored.lang.clone()}</bdi> }.into_any(),
            })}
        </dl>
    };
    let pending = d.status.is_pending();
    let actions = auth.may_decide().then(|| {
        let decide = pending
            .then(|| view! { <DecideForm reference=reference.clone() case notice problem /> });
        view! {
            {decide}
            <CorrectForm reference=reference.clone() case notice problem />
            <StepForm reference=reference.clone() step=if d.set_aside { Step::PutBack } else { Step::SetAside } case notice problem />
            {(d.identity_conflict && !d.set_aside).then(|| view! {
                <StepForm reference=reference.clone() step=Step::SetAsideOthers case notice problem />
            })}
        }
    });
    let events = stored.events.clone();
    let mails = stored.mails.clone();
    let corrections = stored.corrections.clone();
    let audit = found.audit.clone();
    view! {
        <p><a href="/back-office/cases" class="back-link">{tr("bo-back-to-search")}</a></p>
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t_with("bo-case-title", &[("reference", Arg::Text(heading.clone()))]))
            error=Signal::derive(move || problem.with(Option::is_some))
        />
        <div role="status">
            {move || notice.get().map(|key| view! { <div class="inset back-notice"><p>{tr(key)}</p></div> })}
        </div>
        {fields}
        <reexamination::Requests
            requests=stored.reexaminations.clone()
            waiting=d.status == amoe_domain::declaration::Status::UnderReexamination
        />
        {actions}
        <h2 class="heading-l">{tr("bo-timeline-title")}</h2>
        <ol class="timeline">
            {events.into_iter().map(|e| view! {
                <li><StatusTag status=e.status /> " " <bdi dir="ltr">{moment(&e.at)}</bdi></li>
            }).collect_view()}
        </ol>
        <h2 class="heading-l">{tr("bo-mails-title")}</h2>
        {if mails.is_empty() {
            view! { <p>{tr("bo-mails-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="back-mails">
                    {mails.into_iter().map(|m| {
                        let state = match m.sent_at {
                            Some(at) => i18n.t_with("bo-mail-sent", &[("at", Arg::Text(unix_moment(at)))]),
                            None => i18n.t_with("bo-mail-waiting", &[("attempts", Arg::Number(m.attempts))]),
                        };
                        view! {
                            <li>
                                <details>
                                    <summary><bdi>{m.subject.clone()}</bdi> " — " {state}</summary>
                                    <p>{tr("bo-mail-to")} " " <bdi dir="ltr">{m.recipient.clone()}</bdi></p>
                                    <pre class="back-mail-body">{m.body_text.clone()}</pre>
                                </details>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        {(!corrections.is_empty()).then(|| view! {
            <h2 class="heading-l">{tr("bo-corrections-title")}</h2>
            <ul class="list">
                {corrections.into_iter().map(|c| {
                    let key = format!("bo-field-{}", c.field.replace('_', "-"));
                    view! {
                        <li>{move || i18n.t(&key)} " · " <bdi dir="ltr">{moment(&c.at)}</bdi> " · " <bdi>{c.actor.clone()}</bdi></li>
                    }
                }).collect_view()}
            </ul>
        })}
        <h2 class="heading-l" id="audit-title">{tr("bo-audit-title")}</h2>
        <div class="back-table-scroll" role="region" aria-labelledby="audit-title" tabindex="0">
            <table class="back-table">
                <thead>
                    <tr>
                        <th scope="col">{tr("bo-column-when")}</th>
                        <th scope="col">{tr("bo-column-who")}</th>
                        <th scope="col">{tr("bo-column-action")}</th>
                    </tr>
                </thead>
                <tbody>
                    {audit.into_iter().rev().map(|e| {
                        let key = format!("bo-action-{}", e.action.replace('_', "-"));
                        view! {
                            <tr>
                                <td><bdi dir="ltr">{moment(&e.at)}</bdi></td>
                                <td><bdi>{e.actor.clone()}</bdi></td>
                                <td>{move || { let t = i18n.t(&key); if t == key { e.action.clone() } else { t } }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What the case says of its university's roster.
fn roster_key(enrolled: bool, not_on_roster: bool) -> &'static str {
    match (enrolled, not_on_roster) {
        (true, _) => "bo-roster-on",
        (false, true) => "bo-roster-off-final",
        (false, false) => "bo-roster-not-on",
    }
}
