//! The steps on a declaration made up under someone's CIN.

use crate::i18n::tr;
use crate::layout::Problem;
use crate::{api, use_auth};
use amoe_domain::messages::back_office::Case;
use leptos::prelude::*;

/// A step on a declaration made up under someone's CIN: setting it aside,
/// putting it back, or setting aside every other one of its CIN and year
/// from the student's own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Step {
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
pub fn StepForm(
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
