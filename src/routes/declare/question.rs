//! The frame of every question page: back link, step, error summary,
//! heading, the fields, and "Continue".

use super::state::use_declare;
use crate::components::form::ErrorSummary;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::{Outcome, STEPS, Step, continue_from};
use amoe_domain::messages::FieldError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Whether the page was opened from "Check your answers" (a Change link).
pub fn returning() -> bool {
    use_query_map().with_untracked(|q| q.get("change").is_some())
}

#[component]
pub fn BackLink(to: &'static str) -> impl IntoView {
    view! {
        <a class="back-link" href=to>
            {tr("back")}
        </a>
    }
}

#[component]
pub fn QuestionPage(
    step: Step,
    title: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let navigate = use_navigate();
    let returning = returning();
    let back = declare
        .saved
        .with_untracked(|s| step.previous(&s.form))
        .path();
    let back = if returning { Step::Check.path() } else { back };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(context) = declare.context.get_untracked() else {
            return;
        };
        let outcome = declare
            .saved
            .with_untracked(|s| continue_from(step, &s.form, &context, returning));
        match outcome {
            Outcome::Errors(list) => errors.set(list),
            Outcome::Go(next) => {
                errors.set(Vec::new());
                navigate(next.path(), Default::default());
            }
        }
    };
    let has_errors = Signal::derive(move || errors.with(|e| !e.is_empty()));
    view! {
        <BackLink to=back />
        {step.number().map(|n| {
            view! {
                <p class="caption">
                    {move || {
                        i18n.t_with("step", &[("step", n.into()), ("total", STEPS.into())])
                    }}
                </p>
            }
        })}
        <ErrorSummary errors on=step />
        <PageHeading key=title error=has_errors />
        <form novalidate on:submit=on_submit>
            {children()}
            <button type="submit" class="button">
                {tr("continue")}
            </button>
        </form>
    }
}
