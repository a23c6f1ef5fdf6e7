//! `/declare/scheme`: which scheme covers the student (then the page
//! that says the students' insurance cannot).

use super::question::QuestionPage;
use super::state::use_declare;
use crate::components::form::{Radios, TextField, error_of};
use crate::routes::declare::steps::Step;
use leptos::prelude::*;

#[component]
pub fn SchemeQuestion() -> impl IntoView {
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    let scheme = declare.field(|f| &f.scheme);
    view! {
        <QuestionPage step=Step::Scheme title="scheme-title" errors>
            <Radios
                name="scheme"
                options=vec![
                    ("cnops", "scheme-cnops"),
                    ("cnss", "scheme-cnss"),
                    ("ramed", "scheme-ramed"),
                    ("far", "scheme-far"),
                    ("other", "scheme-other"),
                ]
                value=scheme
                on_change=declare.setter(|f, v| f.scheme = v)
                error=error_of(errors, "scheme")
            >
                {move || {
                    (scheme.get() == "other")
                        .then(|| {
                            view! {
                                <div class="conditional">
                                    <TextField
                                        id="other_scheme"
                                        label="scheme-other-label"
                                        value=declare.field(|f| &f.other_scheme)
                                        on_input=declare.setter(|f, v| f.other_scheme = v)
                                        error=error_of(errors, "other_scheme")
                                    />
                                </div>
                            }
                        })
                }}
            </Radios>
        </QuestionPage>
    }
}
