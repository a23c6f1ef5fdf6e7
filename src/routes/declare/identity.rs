//! `/declare/identity`: CIN, Massar code, names and date of birth.

use super::question::QuestionPage;
use super::state::use_declare;
use crate::components::form::{DateField, IdentityCodes, TextField, error_of};
use crate::wizard::Step;
use leptos::prelude::*;

#[component]
pub fn Identity() -> impl IntoView {
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    view! {
        <QuestionPage step=Step::Identity title="identity-title" errors>
            <IdentityCodes
                cin=declare.field(|f| &f.cin)
                set_cin=declare.setter(|f, v| f.cin = v)
                massar=declare.field(|f| &f.massar)
                set_massar=declare.setter(|f, v| f.massar = v)
                errors
            />
            <TextField
                id="last_name"
                label="last-name-label"
                value=declare.field(|f| &f.last_name)
                on_input=declare.setter(|f, v| f.last_name = v)
                error=error_of(errors, "last_name")
                autocomplete="family-name"
            />
            <TextField
                id="first_name"
                label="first-name-label"
                value=declare.field(|f| &f.first_name)
                on_input=declare.setter(|f, v| f.first_name = v)
                error=error_of(errors, "first_name")
                autocomplete="given-name"
            />
            <DateField
                values=[
                    declare.field(|f| &f.birth_day),
                    declare.field(|f| &f.birth_month),
                    declare.field(|f| &f.birth_year),
                ]
                on_input=[
                    declare.setter(|f, v| f.birth_day = v),
                    declare.setter(|f, v| f.birth_month = v),
                    declare.setter(|f, v| f.birth_year = v),
                ]
                error=error_of(errors, "birth_date")
            />
        </QuestionPage>
    }
}
