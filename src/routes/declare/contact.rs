//! `/declare/contact`: the e-mail the decision goes to, and a phone.

use super::question::QuestionPage;
use super::state::use_declare;
use crate::components::form::{TextField, error_of};
use crate::routes::declare::steps::Step;
use leptos::prelude::*;

#[component]
pub fn Contact() -> impl IntoView {
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    view! {
        <QuestionPage step=Step::Contact title="contact-title" errors>
            <TextField
                id="email"
                label="email-label"
                hint="email-hint"
                value=declare.field(|f| &f.email)
                on_input=declare.setter(|f, v| f.email = v)
                error=error_of(errors, "email")
                input_type="email"
                autocomplete="email"
                class="input code-input"
            />
            <TextField
                id="phone"
                label="phone-label"
                hint="phone-hint"
                value=declare.field(|f| &f.phone)
                on_input=declare.setter(|f, v| f.phone = v)
                error=error_of(errors, "phone")
                input_type="tel"
                autocomplete="tel"
                inputmode="tel"
                class="input input-width-20 code-input"
            />
        </QuestionPage>
    }
}
