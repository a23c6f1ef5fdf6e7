//! `/declare/identity`: CIN, Massar code, names and date of birth, typed,
//! or shown as the student's university portal vouched for them.

use super::question::QuestionPage;
use super::state::{PortalGrant, use_declare};
use crate::components::form::{DateField, IdentityCodes, TextField, error_of};
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::Step;
use leptos::prelude::*;

#[component]
pub fn Identity() -> impl IntoView {
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    view! {
        <QuestionPage step=Step::Identity title="identity-title" errors>
            {move || match declare.portal.get() {
                Some(grant) => view! { <Vouched grant /> }.into_any(),
                None => view! { <Typed errors /> }.into_any(),
            }}
        </QuestionPage>
    }
}

/// The identity the portal vouched for, locked.
#[component]
fn Vouched(grant: PortalGrant) -> impl IntoView {
    let i18n = use_i18n();
    let id = grant.identity;
    let birth = format!(
        "{}-{:0>2}-{:0>2}",
        id.birth_year, id.birth_month, id.birth_day
    );
    let rows = [
        ("cin-label", id.cin, true),
        ("massar-label", id.massar, true),
        ("last-name-label", id.last_name, false),
        ("first-name-label", id.first_name, false),
    ];
    view! {
        <p class="inset">{tr("portal-vouched")}</p>
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|(label, value, code)| {
                    view! {
                        <div class="summary-row">
                            <dt class="summary-key">{tr(label)}</dt>
                            <dd class="summary-value">
                                <bdi dir=code.then_some("ltr") class:code=code>{value}</bdi>
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
            <div class="summary-row">
                <dt class="summary-key">{tr("birth-date-legend")}</dt>
                <dd class="summary-value">{move || i18n.written_day(&birth)}</dd>
            </div>
        </dl>
    }
}

/// The identity as the student types it.
#[component]
fn Typed(errors: RwSignal<Vec<amoe_domain::messages::FieldError>>) -> impl IntoView {
    let declare = use_declare();
    view! {
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
    }
}
