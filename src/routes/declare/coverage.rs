//! `/declare/coverage`: the first question, whether another basic scheme
//! covers the student as a spouse or child.

use super::question::QuestionPage;
use super::state::use_declare;
use crate::components::form::{Radios, error_of};
use crate::routes::declare::steps::Step;
use leptos::prelude::*;

#[component]
pub fn Coverage() -> impl IntoView {
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    view! {
        <QuestionPage step=Step::Coverage title="coverage-title" errors>
            <Radios
                name="covered"
                hint="coverage-hint"
                options=vec![("yes", "yes"), ("no", "no")]
                value=declare.field(|f| &f.covered)
                on_change=declare.setter(|f, v| f.covered = v)
                error=error_of(errors, "covered")
            />
        </QuestionPage>
    }
}
