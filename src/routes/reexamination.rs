//! The status page's request for a re-examination of a refused
//! declaration: why, and the details a typing mistake affects, each
//! corrected through the declaration form's own inputs and parsers. The
//! lookup that found the declaration goes with it, never in a URL.

use crate::api::{self, ApiError};
use crate::components::api_error::ApiErrorMessage;
use crate::components::form::{DateField, ErrorSummary, Radios, TextField, error_of};
use crate::components::page_heading::PageHeading;
use crate::i18n::tr;
use amoe_domain::declaration::{LookupForm, ReexaminationForm};
use amoe_domain::messages::{DeclarationStatus, ErrorCode};
use leptos::prelude::*;

/// The request's form as it starts: the details as the declaration holds
/// them (those the lookup typed, the names shown), the e-mail kept.
pub fn prefilled(lookup: &LookupForm, declaration: &DeclarationStatus) -> ReexaminationForm {
    ReexaminationForm {
        lookup: lookup.clone(),
        reference: declaration.reference.to_string(),
        massar: lookup.massar.clone(),
        birth_day: lookup.birth_day.clone(),
        birth_month: lookup.birth_month.clone(),
        birth_year: lookup.birth_year.clone(),
        last_name: declaration.last_name.clone(),
        first_name: declaration.first_name.clone(),
        ..ReexaminationForm::default()
    }
}

/// The message for an answer that is not the form's own errors.
fn problem_key(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::ReexaminationAlreadyRequested => Some("reexam-already"),
        ErrorCode::NotRefused => Some("reexam-not-refused"),
        ErrorCode::NoMatch => Some("status-no-match"),
        ErrorCode::TooManyRequests => Some("status-too-many"),
        _ => None,
    }
}

#[component]
pub fn Reexamination(
    start: ReexaminationForm,
    /// Today, as the server counts it (ages are the server's).
    today: time::Date,
    /// The declaration as it now stands.
    on_done: Callback<DeclarationStatus>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let form = RwSignal::new(start);
    let errors = RwSignal::new(Vec::new());
    let problem = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);
    let proving = RwSignal::new(false);
    let field = move |get: fn(&ReexaminationForm) -> &String| {
        Signal::derive(move || form.with(|f| get(f).clone()))
    };
    let set = move |put: fn(&mut ReexaminationForm, String)| {
        Callback::new(move |v| form.update(|f| put(f, v)))
    };
    let send = move || {
        if sending.get_untracked() {
            return;
        }
        let typed = form.get_untracked();
        if let Err(list) = typed.parse(today) {
            errors.set(list);
            return;
        }
        errors.set(Vec::new());
        problem.set(None);
        failure.set(None);
        sending.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::proof::with_proof(proving, |proof| {
                let typed = typed.clone();
                async move { api::reexamine(&typed, proof.as_deref()).await }
            })
            .await;
            match answer {
                Ok(api::Answer::Done(declaration)) => on_done.run(declaration),
                Ok(api::Answer::Puzzle(_)) => problem.set(Some("proof-too-long")),
                // The lookup and the reference are not on this page: the
                // declaration changed since it was found.
                Err(ApiError::Server(body))
                    if body.code == ErrorCode::InvalidFields
                        && body
                            .fields
                            .iter()
                            .any(|f| matches!(f.field.as_str(), "lookup" | "reference")) =>
                {
                    problem.set(Some("reexam-not-refused"))
                }
                Err(ApiError::Server(body)) if body.code == ErrorCode::InvalidFields => {
                    errors.set(body.fields)
                }
                Err(ApiError::Server(body)) if problem_key(body.code).is_some() => {
                    problem.set(problem_key(body.code))
                }
                Err(error) => failure.set(Some(error)),
            }
            sending.set(false);
        });
    };
    let has_errors = Signal::derive(move || errors.with(|e| !e.is_empty()));
    view! {
        <ErrorSummary errors />
        <PageHeading key="reexam-title" error=has_errors />
        <p class="lead">{tr("reexam-lead")}</p>
        <form
            method="post"
            novalidate
            on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                send();
            }
        >
            <Radios
                name="reason"
                legend="reexam-reason-legend"
                options=vec![
                    ("enrolled", "reexam-reason-enrolled"),
                    ("typo", "reexam-reason-typo"),
                    ("cover_ended", "reexam-reason-cover_ended"),
                    ("other", "reexam-reason-other"),
                ]
                value=field(|f| &f.reason)
                on_change=set(|f, v| f.reason = v)
                error=error_of(errors, "reason")
            />
            <Explanation
                value=field(|f| &f.explanation)
                on_input=set(|f, v| f.explanation = v)
                error=error_of(errors, "explanation")
            />
            <h2 class="heading-m">{tr("reexam-correct-title")}</h2>
            <p class="hint">{tr("reexam-correct-hint")}</p>
            <TextField
                id="massar"
                label="massar-label"
                value=field(|f| &f.massar)
                on_input=set(|f, v| f.massar = v)
                error=error_of(errors, "massar")
                class="input input-width-10"
            />
            <DateField
                values=[field(|f| &f.birth_day), field(|f| &f.birth_month), field(|f| &f.birth_year)]
                on_input=[set(|f, v| f.birth_day = v), set(|f, v| f.birth_month = v), set(|f, v| f.birth_year = v)]
                error=error_of(errors, "birth_date")
            />
            <TextField
                id="last_name"
                label="last-name-label"
                value=field(|f| &f.last_name)
                on_input=set(|f, v| f.last_name = v)
                error=error_of(errors, "last_name")
                autocomplete="family-name"
            />
            <TextField
                id="first_name"
                label="first-name-label"
                value=field(|f| &f.first_name)
                on_input=set(|f, v| f.first_name = v)
                error=error_of(errors, "first_name")
                autocomplete="given-name"
            />
            <TextField
                id="email"
                label="email-label"
                hint="reexam-email-hint"
                value=field(|f| &f.email)
                on_input=set(|f, v| f.email = v)
                error=error_of(errors, "email")
                input_type="email"
                autocomplete="email"
            />
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                    {tr("reexam-send")}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| on_cancel.run(())>
                    {tr("reexam-cancel")}
                </button>
            </div>
        </form>
        <div role="status">
            {move || proving.get().then(|| view! { <p class="inset">{tr("status-proving")}</p> })}
        </div>
        <div role="alert">
            {move || problem.get().map(|key| view! { <p class="inset inset-warning">{tr(key)}</p> })}
        </div>
        {move || failure.get().map(|error| view! { <ApiErrorMessage error on_retry=send /> })}
    }
}

/// Why, in the student's words: a few lines at most.
#[component]
fn Explanation(
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<amoe_domain::messages::FieldError>>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for="explanation">{tr("reexam-explain-label")}</label>
            <div class="hint" id="explanation-hint">{tr("reexam-explain-hint")}</div>
            {move || error.get().map(|e| view! {
                <p class="error-message" id="explanation-error">
                    <span class="visually-hidden">{tr("error-prefix")} " "</span>
                    {i18n.t(&format!("error-{}", e.code))}
                </p>
            })}
            // No `maxlength`: a longer text pasted is kept whole, and the
            // error says how long it may be.
            <textarea
                class="textarea"
                id="explanation"
                name="explanation"
                rows="4"
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=move || if has_error() { "explanation-hint explanation-error" } else { "explanation-hint" }
                prop:value=value
                on:input=move |event| on_input.run(event_target_value(&event))
            ></textarea>
        </div>
    }
}
