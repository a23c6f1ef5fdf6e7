//! `/status`: a student finds their declarations with CIN, Massar code and
//! date of birth (the wizard's own inputs and rules), sees where each
//! stands, why if refused, what to do, and, once covered, prints the
//! attestation of coverage. The CIN is forgotten when the page is left
//! unless the student asks this device to remember it.

use crate::api::{self, ApiError};
use crate::components::api_error::ApiErrorMessage;
use crate::components::form::{Checkbox, DateField, ErrorSummary, IdentityCodes, error_of};
use crate::components::page_heading::PageHeading;
use crate::i18n::{I18n, tr, use_i18n};
use crate::routes::declare::state::use_declare;
use crate::routes::reexamination;
use amoe_domain::declaration::{LookupForm, ReexaminationForm, RefusalReason, Status};
use amoe_domain::messages::{DeclarationStatus, ErrorCode};
use amoe_domain::student::Cin;
use leptos::html::H2;
use leptos::prelude::*;

/// Where a remembered CIN is kept (only when the student ticks the box).
pub const REMEMBER_KEY: &str = "amoe.status.cin";

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Received => "status-received",
        Status::UnderVerification => "status-under_verification",
        Status::Covered => "status-covered",
        Status::Refused => "status-refused",
        Status::UnderReexamination => "status-under_reexamination",
    }
}

fn todo_key(status: Status) -> &'static str {
    match status {
        Status::Received => "status-todo-received",
        Status::UnderVerification => "status-todo-under_verification",
        Status::Covered => "status-todo-covered",
        Status::Refused => "status-todo-refused",
        Status::UnderReexamination => "status-todo-under_reexamination",
    }
}

/// What to do after a refusal, by its reason.
fn reason_todo_key(reason: &RefusalReason) -> &'static str {
    match reason {
        RefusalReason::CoveredElsewhere { .. } => "refusal-todo-covered_elsewhere",
        RefusalReason::OverAge => "refusal-todo-over_age",
        RefusalReason::NotEnrolled => "refusal-todo-not_enrolled",
        RefusalReason::IdentityMismatch => "refusal-todo-identity_mismatch",
        RefusalReason::IdentityConflict => "refusal-todo-identity_conflict",
        RefusalReason::Other { .. } => "refusal-todo-other",
    }
}

fn reason_text(i18n: &I18n, reason: &RefusalReason) -> String {
    match reason {
        RefusalReason::CoveredElsewhere { .. } => i18n.t("refusal-covered_elsewhere"),
        RefusalReason::OverAge => i18n.t("refusal-over_age"),
        RefusalReason::NotEnrolled => i18n.t("refusal-not_enrolled"),
        RefusalReason::IdentityMismatch => i18n.t("refusal-identity_mismatch"),
        RefusalReason::IdentityConflict => i18n.t("refusal-identity_conflict"),
        RefusalReason::Other { text } => text.clone(),
    }
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let declare = use_declare();
    let remembered =
        crate::device::local_storage().and_then(|s| s.get_item(REMEMBER_KEY).ok().flatten());
    let lookup = RwSignal::new(LookupForm {
        cin: remembered.clone().unwrap_or_default(),
        ..LookupForm::default()
    });
    let remember = RwSignal::new(remembered.is_some());
    let errors = RwSignal::new(Vec::new());
    let problem = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<ApiError>);
    let found = RwSignal::new(None::<Vec<DeclarationStatus>>);
    // The request for a re-examination being written, and whether one
    // was just sent.
    let reexamining = RwSignal::new(None::<ReexaminationForm>);
    let sent = RwSignal::new(false);
    let searching = RwSignal::new(false);
    // Solving the proof of work the server asked for.
    let proving = RwSignal::new(false);

    // Ages and dates are the server's: a lookup sent before its settings
    // have arrived (as soon as the page was drawn) goes when they do.
    let waiting = RwSignal::new(false);
    let search = move || {
        // One lookup at a time (a second press while the phone solves a
        // puzzle would start a second one).
        if searching.get_untracked() {
            return;
        }
        let Some(context) = declare.context.get_untracked() else {
            waiting.set(true);
            return;
        };
        waiting.set(false);
        let form = lookup.get_untracked();
        if let Err(list) = form.parse(context.today) {
            errors.set(list);
            return;
        }
        errors.set(Vec::new());
        problem.set(None);
        failure.set(None);
        if let Some(storage) = crate::device::local_storage() {
            let _ = if remember.get_untracked() {
                storage.set_item(REMEMBER_KEY, form.cin.trim())
            } else {
                storage.remove_item(REMEMBER_KEY)
            };
        }
        searching.set(true);
        leptos::task::spawn_local(async move {
            // Past the CIN's allowance of wrong guesses, the server asks for
            // a puzzle solved first; a puzzle gone stale meanwhile (another
            // guess made it larger) is asked again, a few times at most.
            let answer = crate::proof::with_proof(proving, |proof| {
                let form = form.clone();
                async move { api::status(&form, proof.as_deref()).await }
            })
            .await;
            match answer {
                Ok(api::Answer::Done(response)) => found.set(Some(response.declarations)),
                Ok(api::Answer::Puzzle(_)) => {
                    found.set(None);
                    problem.set(Some("proof-too-long"));
                }
                Err(ApiError::Server(body)) if body.code == ErrorCode::NoMatch => {
                    found.set(None);
                    problem.set(Some("status-no-match"));
                }
                Err(ApiError::Server(body)) if body.code == ErrorCode::TooManyRequests => {
                    found.set(None);
                    problem.set(Some("status-too-many"));
                }
                Err(error) => failure.set(Some(error)),
            }
            searching.set(false);
        });
    };
    Effect::new(move |_| {
        if declare.context.with(Option::is_some) && waiting.get_untracked() {
            search();
        }
    });
    let has_errors = Signal::derive(move || errors.with(|e| !e.is_empty()));
    let masked =
        move || lookup.with(|l| Cin::parse(&l.cin).map(|c| c.masked()).unwrap_or_default());
    let on_reexamine = Callback::new(move |declaration: DeclarationStatus| {
        sent.set(false);
        problem.set(None);
        reexamining.set(Some(reexamination::prefilled(
            &lookup.get_untracked(),
            &declaration,
        )));
    });
    let on_done = Callback::new(move |now: DeclarationStatus| {
        found.update(|list| {
            for d in list.iter_mut().flatten() {
                if d.reference == now.reference {
                    *d = now.clone();
                }
            }
        });
        reexamining.set(None);
        sent.set(true);
    });
    let on_cancel = Callback::new(move |()| reexamining.set(None));
    // Only opening or closing the request redraws the page (the server's
    // settings arriving must not: the student may be typing).
    move || match (reexamining.get(), declare.context.get_untracked()) {
        (Some(start), Some(context)) => {
            view! { <reexamination::Reexamination start today=context.today on_done on_cancel /> }
                .into_any()
        }
        _ => {
            let field = move |get: fn(&LookupForm) -> &String| {
                Signal::derive(move || lookup.with(|l| get(l).clone()))
            };
            let set = move |put: fn(&mut LookupForm, String)| {
                Callback::new(move |v| lookup.update(|l| put(l, v)))
            };
            view! {
                <ErrorSummary errors />
                <PageHeading key="status-title" error=has_errors />
                // Read only without JavaScript (the page the server drew at build time).
                <noscript><p class="inset inset-warning">{tr("needs-javascript")}</p></noscript>
                <p class="lead">{tr("status-lead")}</p>
                // POST: sent without JavaScript, a CIN never goes in an address.
                <form
                    method="post"
                    novalidate
                    class="no-print"
                    on:submit=move |event: leptos::ev::SubmitEvent| {
                        event.prevent_default();
                        search();
                    }
                >
                    <IdentityCodes
                        cin=field(|l| &l.cin)
                        set_cin=set(|l, v| l.cin = v)
                        massar=field(|l| &l.massar)
                        set_massar=set(|l, v| l.massar = v)
                        errors
                    />
                    <DateField
                        values=[field(|l| &l.birth_day), field(|l| &l.birth_month), field(|l| &l.birth_year)]
                        on_input=[set(|l, v| l.birth_day = v), set(|l, v| l.birth_month = v), set(|l, v| l.birth_year = v)]
                        error=error_of(errors, "birth_date")
                    />
                    <Checkbox
                        id="remember"
                        label="status-remember"
                        checked=remember.into()
                        on_change=Callback::new(move |on| remember.set(on))
                        error=Signal::derive(|| None)
                    />
                    <button type="submit" class="button" aria-disabled=move || searching.get().then_some("true")>
                        {tr("status-find")}
                    </button>
                </form>
                <div role="status">
                    {move || proving.get().then(|| view! { <p class="inset" id="proving">{tr("status-proving")}</p> })}
                </div>
                <div role="alert">
                    {move || problem.get().map(|key| view! { <p class="inset inset-warning">{tr(key)}</p> })}
                </div>
                {move || failure.get().map(|error| view! { <ApiErrorMessage error on_retry=search /> })}
                <div role="status">
                    {move || sent.get().then(|| view! { <p class="inset" id="reexam-sent">{tr("reexam-sent")}</p> })}
                </div>
                {move || found.get().map(|list| view! { <Results list masked=masked() on_reexamine /> })}
            }
            .into_any()
        }
    }
}

#[component]
fn Results(
    list: Vec<DeclarationStatus>,
    masked: String,
    on_reexamine: Callback<DeclarationStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H2>::new();
    // Screen-reader and keyboard users land on the answer.
    Effect::new(move |_| {
        if let Some(h2) = heading.get() {
            let _ = h2.focus();
        }
    });
    let universities = crate::universities::use_universities();
    view! {
        <h2 class="heading-l" tabindex="-1" node_ref=heading>{tr("status-result-title")}</h2>
        {list
            .into_iter()
            .map(|d| {
                let university_id = d.university.clone();
                let university = move || {
                    let university_id = university_id.clone();
                    universities
                        .get()
                        .and_then(Result::ok)
                        .and_then(|list| list.into_iter().find(|u| u.id == university_id))
                        .map(|u| u.name(i18n.lang()).to_owned())
                };
                let year = d.academic_year.to_string();
                let reference = d.reference.to_string();
                let status = d.status;
                // A refusal's reason (kept while it is examined again).
                let reason = d.refusal_reason.clone().filter(|_| status == Status::Refused);
                let refused = (status == Status::Refused).then(|| {
                    let declaration = d.clone();
                    view! {
                        <button
                            type="button"
                            class="button button-secondary no-print"
                            on:click=move |_| on_reexamine.run(declaration.clone())
                        >
                            {tr("reexam-open")}
                        </button>
                    }
                });
                let attested_university = university.clone();
                let covered = (status == Status::Covered).then(|| {
                    let name = format!("{} {}", d.first_name, d.last_name);
                    let since = d.decided_on.clone().unwrap_or_default();
                    let (year, reference, masked) = (year.clone(), reference.clone(), masked.clone());
                    let title_id = format!("attestation-{reference}");
                    let labelled_by = title_id.clone();
                    view! {
                        <section class="attestation" aria-labelledby=labelled_by>
                            <h3 class="heading-m" id=title_id>{tr("attestation-title")}</h3>
                            <p>
                                {move || i18n.t_with("attestation-text", &[
                                    ("name", name.clone().into()),
                                    ("year", year.clone().into()),
                                    ("date", i18n.written_day(&since).into()),
                                ])}
                            </p>
                            <dl class="summary-list">
                                <div class="summary-row">
                                    <dt class="summary-key">{tr("confirmation-reference")}</dt>
                                    <dd class="summary-value"><bdi dir="ltr" class="code">{reference}</bdi></dd>
                                </div>
                                <div class="summary-row">
                                    <dt class="summary-key">{tr("receipt-university")}</dt>
                                    <dd class="summary-value">{attested_university}</dd>
                                </div>
                                <div class="summary-row">
                                    <dt class="summary-key">{tr("receipt-cin")}</dt>
                                    <dd class="summary-value"><bdi dir="ltr" class="code">{masked}</bdi></dd>
                                </div>
                            </dl>
                            <button type="button" class="button button-secondary no-print" on:click=move |_| { let _ = window().print(); }>
                                {tr("attestation-print")}
                            </button>
                        </section>
                    }
                });
                let year_title = year.clone();
                view! {
                    <section class="declaration-status">
                        <h3 class="heading-m">
                            {move || i18n.t_with("status-year", &[("year", year_title.clone().into())])}
                        </h3>
                        <p>{tr("confirmation-reference")} " " <bdi dir="ltr" class="code">{reference.clone()}</bdi></p>
                        <p>{university}</p>
                        <p class="tag">{tr(status_key(status))}</p>
                        <ol class="timeline">
                            {d.events
                                .into_iter()
                                .map(|event| {
                                    let at = event.at.clone();
                                    view! {
                                        <li>
                                            {tr(status_key(event.status))} " — " {move || i18n.written_day(&at)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                        {match reason {
                            Some(reason) => {
                                let todo = reason_todo_key(&reason);
                                view! {
                                    <p>{move || i18n.t_with("status-reason", &[("reason", reason_text(&i18n, &reason).into())])}</p>
                                    <p>{tr(todo)}</p>
                                }
                                    .into_any()
                            }
                            None => view! { <p>{tr(todo_key(status))}</p> }.into_any(),
                        }}
                        {refused}
                        {covered}
                    </section>
                }
            })
            .collect_view()}
    }
}
