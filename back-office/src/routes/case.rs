//! One declaration: what the student declared, its timeline, its mails
//! (sent or waiting), its corrections and every audit entry that names
//! it; for the fund, the decision and the correction of a field.

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem, error_message, language_name_key};
use crate::routes::sign_in::SignedIn;
use crate::show::{REASONS, StatusTag, moment, reason_key, university_name, unix_moment};
use crate::{api, use_auth};
use amoe_domain::Lang;
use amoe_domain::declaration::Status;
use amoe_domain::messages::back_office::{Case, DecideRequest};
use amoe_domain::messages::operator::Changes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

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
    let pending = matches!(d.status, Status::Received | Status::UnderVerification);
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

#[component]
fn DecideForm(
    reference: String,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let decision = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if decision.get_untracked().is_empty() {
            problem.set(Some(Problem::Message("bo-code-decision-missing")));
            return;
        }
        busy.set(true);
        problem.set(None);
        notice.set(None);
        let request = DecideRequest {
            decision: decision.get_untracked(),
            reason_code: if decision.get_untracked() == "refused" {
                reason.get_untracked()
            } else {
                String::new()
            },
            reason_text: if decision.get_untracked() == "refused" {
                text.get_untracked()
            } else {
                String::new()
            },
        };
        leptos::task::spawn_local(async move {
            let answer = api::decide(&reference.get_value(), &request, &auth.csrf()).await;
            busy.set(false);
            match answer {
                Ok((updated, unchanged)) => {
                    case.set(Some(Ok(updated)));
                    notice.set(Some(if unchanged {
                        "bo-decision-unchanged"
                    } else {
                        "bo-decision-recorded"
                    }));
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                    // Show what the declaration is now (another agent's
                    // decision), keeping the message.
                    if matches!(
                        error.field_code(),
                        Some("already_decided" | "changed_meanwhile")
                    ) && let Ok(updated) = api::case(&reference.get_value()).await
                    {
                        case.set(Some(Ok(updated)));
                        problem.set(Some(Problem::Fields(error.clone())));
                    }
                }
            }
        });
    };
    let radio = move |value: &'static str, key: &'static str| {
        let id = format!("decision-{value}");
        view! {
            <div class="radio">
                <input
                    class="radio-input"
                    type="radio"
                    name="decision"
                    id=id.clone()
                    value=value
                    prop:checked=move || decision.get() == value
                    on:change=move |_| decision.set(value.to_owned())
                />
                <label class="label radio-label" for=id>{tr(key)}</label>
            </div>
        }
    };
    view! {
        <h2 class="heading-l" id="decide-title">{tr("bo-decide-title")}</h2>
        <form on:submit=submit novalidate aria-labelledby="decide-title">
            <fieldset class="fieldset form-group">
                <legend class="legend">{tr("bo-decide-legend")}</legend>
                <div class="radios">
                    {radio("covered", "bo-decision-covered")}
                    {radio("refused", "bo-decision-refused")}
                </div>
            </fieldset>
            {move || (decision.get() == "refused").then(|| view! {
                <div class="conditional">
                    <div class="form-group">
                        <label class="label" for="reason">{tr("bo-decide-reason")}</label>
                        <select class="select" id="reason" on:change=move |e| reason.set(event_target_value(&e)) prop:value=move || reason.get()>
                            <option value="">{tr("bo-choose")}</option>
                            {REASONS.iter().map(|code| view! {
                                <option value=*code>{move || i18n.t(&reason_key(code))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for="reason-text">{tr("bo-decide-reason-text")}</label>
                        <div class="hint" id="reason-text-hint">{tr("bo-decide-reason-text-hint")}</div>
                        <textarea class="input" id="reason-text" rows="3" aria-describedby="reason-text-hint"
                            prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                    </div>
                </div>
            })}
            <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                {tr("bo-decide-button")}
            </button>
        </form>
    }
}

/// A step on a declaration made up under someone's CIN: setting it aside,
/// putting it back, or setting aside every other one of its CIN and year
/// from the student's own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    SetAside,
    PutBack,
    SetAsideOthers,
}

impl Step {
    /// Its class, and the message keys of its title, hint and button.
    fn words(self) -> [&'static str; 4] {
        match self {
            Step::SetAside => [
                "back-set-aside",
                "bo-set-aside-title",
                "bo-set-aside-hint",
                "bo-set-aside-button",
            ],
            Step::PutBack => [
                "back-set-aside",
                "bo-put-back-title",
                "bo-put-back-hint",
                "bo-put-back-button",
            ],
            Step::SetAsideOthers => [
                "back-set-aside-others",
                "bo-set-aside-others-title",
                "bo-set-aside-others-hint",
                "bo-set-aside-others-button",
            ],
        }
    }

    /// Takes the step: the case now, and the notice that says so.
    async fn take(
        self,
        reference: &str,
        csrf: &str,
    ) -> Result<(Case, &'static str), api::ApiError> {
        match self {
            Step::SetAside => api::set_aside(reference, true, csrf)
                .await
                .map(|case| (case, "bo-set-aside-recorded")),
            Step::PutBack => api::set_aside(reference, false, csrf)
                .await
                .map(|case| (case, "bo-put-back-recorded")),
            Step::SetAsideOthers => api::set_aside_others(reference, csrf).await.map(|done| {
                let notice = if done.set_aside == 0 {
                    "bo-set-aside-others-none"
                } else {
                    "bo-set-aside-others-recorded"
                };
                (done.case, notice)
            }),
        }
    }
}

#[component]
fn StepForm(
    reference: String,
    step: Step,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let auth = use_auth();
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        notice.set(None);
        leptos::task::spawn_local(async move {
            let answer = step.take(&reference.get_value(), &auth.csrf()).await;
            busy.set(false);
            match answer {
                Ok((updated, said)) => {
                    case.set(Some(Ok(updated)));
                    notice.set(Some(said));
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
        });
    };
    let [class, title, hint, button] = step.words();
    view! {
        <details class=format!("back-correct {class}")>
            <summary>{tr(title)}</summary>
            <form on:submit=submit novalidate>
                <p class="hint">{tr(hint)}</p>
                <button type="submit" class="button button-secondary" aria-disabled=move || busy.get().to_string()>
                    {tr(button)}
                </button>
            </form>
        </details>
    }
}

/// The fields an agent may correct, each with its message key.
const CORRECTABLE: [(&str, &str); 8] = [
    ("last_name", "bo-field-last-name"),
    ("first_name", "bo-field-first-name"),
    ("cin", "bo-field-cin"),
    ("massar", "bo-field-massar"),
    ("birth_date", "bo-field-birth-date"),
    ("email", "bo-field-email"),
    ("phone", "bo-field-phone"),
    ("establishment", "bo-field-establishment"),
];

/// The correction of one field, as the operators' route takes it.
pub fn changes(field: &str, value: String) -> Option<Changes> {
    let mut changes = Changes::default();
    let slot = match field {
        "last_name" => &mut changes.last_name,
        "first_name" => &mut changes.first_name,
        "cin" => &mut changes.cin,
        "massar" => &mut changes.massar,
        "birth_date" => &mut changes.birth_date,
        "email" => &mut changes.email,
        "phone" => &mut changes.phone,
        "establishment" => &mut changes.establishment,
        _ => return None,
    };
    *slot = Some(value);
    Some(changes)
}

#[component]
fn CorrectForm(
    reference: String,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let field = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(changes) = changes(&field.get_untracked(), value.get_untracked()) else {
            problem.set(Some(Problem::Message("bo-code-correction-field-missing")));
            return;
        };
        busy.set(true);
        problem.set(None);
        notice.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::correct(&reference.get_value(), &changes, &auth.csrf()).await;
            busy.set(false);
            match answer {
                Ok(updated) => {
                    case.set(Some(Ok(updated)));
                    notice.set(Some("bo-correction-recorded"));
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
        });
    };
    view! {
        <details class="back-correct">
            <summary>{tr("bo-correct-title")}</summary>
            <form on:submit=submit novalidate>
                <p class="hint">{tr("bo-correct-hint")}</p>
                <div class="form-group">
                    <label class="label" for="correct-field">{tr("bo-correct-field")}</label>
                    <select class="select" id="correct-field" on:change=move |e| field.set(event_target_value(&e)) prop:value=move || field.get()>
                        <option value="">{tr("bo-choose")}</option>
                        {CORRECTABLE.iter().map(|(name, key)| view! {
                            <option value=*name>{move || i18n.t(key)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="correct-value">{tr("bo-correct-value")}</label>
                    <input class="input" id="correct-value" type="text" autocomplete="off"
                        prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
                </div>
                <button type="submit" class="button button-secondary" aria-disabled=move || busy.get().to_string()>
                    {tr("bo-correct-button")}
                </button>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_correction_sets_one_field() {
        let changes = super::changes("birth_date", "2004-03-07".into()).unwrap();
        assert_eq!(changes.birth_date.as_deref(), Some("2004-03-07"));
        assert!(changes.cin.is_none());
        assert!(super::changes("status", "covered".into()).is_none());
    }

    #[test]
    fn every_correctable_field_is_one_the_server_takes() {
        for (name, _) in super::CORRECTABLE {
            assert!(super::changes(name, "x".into()).is_some(), "{name}");
        }
    }
}
