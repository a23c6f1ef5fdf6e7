//! `/declare/check`: every answer with a Change link, the sworn statement,
//! and "Accept and send" (which sends once, whatever the clicks or the
//! connection do).

use super::question::BackLink;
use super::state::use_declare;
use crate::components::form::{Checkbox, ErrorSummary, error_of};
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::{Step, step_of, typed_day};
use amoe_domain::declaration::{DeclarationForm, Rejection, field};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The rows of the summary: label key, field, and how to show the answer.
const ROWS: [(&str, &str); 10] = [
    ("check-coverage", field::COVERED),
    ("cin-label", field::CIN),
    ("massar-label", field::MASSAR),
    ("last-name-label", field::LAST_NAME),
    ("first-name-label", field::FIRST_NAME),
    ("birth-date-legend", field::BIRTH_DATE),
    ("email-label", field::EMAIL),
    ("phone-label", field::PHONE),
    ("receipt-university", field::UNIVERSITY),
    ("establishment-label", field::ESTABLISHMENT),
];

fn answer(form: &DeclarationForm, name: &str) -> String {
    match name {
        field::CIN => form.cin.clone(),
        field::MASSAR => form.massar.clone(),
        field::LAST_NAME => form.last_name.clone(),
        field::FIRST_NAME => form.first_name.clone(),
        field::EMAIL => form.email.clone(),
        field::PHONE => form.phone.clone(),
        field::ESTABLISHMENT => form.establishment.clone(),
        _ => String::new(),
    }
}

#[component]
pub fn Check() -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let navigate = use_navigate();
    let errors = RwSignal::new(Vec::new());
    let universities = crate::universities::use_universities();
    // Sent (now, or by a retry when the connection came back): confirm.
    // Declared already, or never to be: back to the start, which says why.
    let to_confirmation = navigate.clone();
    Effect::new(move |_| {
        if declare.saved.with(|s| s.receipt.is_some()) {
            to_confirmation(Step::Confirmation.path(), Default::default());
        } else if declare.saved.with(|s| !s.has_answers()) && declare.problem.get().is_some() {
            to_confirmation(Step::Start.path(), Default::default());
        }
    });
    // What a university portal vouched for cannot be changed here.
    let vouched = move || declare.portal.with(Option::is_some);
    let value = move |name: &'static str| {
        move || {
            declare.saved.with(|s| {
                let form = &s.form;
                match name {
                    field::COVERED => i18n.t(if form.covered == "yes" { "yes" } else { "no" }),
                    field::BIRTH_DATE => {
                        typed_day(&form.birth_day, &form.birth_month, &form.birth_year)
                            .map(|day| i18n.long_date(day))
                            .unwrap_or_default()
                    }
                    field::UNIVERSITY => universities
                        .get()
                        .and_then(Result::ok)
                        .and_then(|list| list.into_iter().find(|u| u.id == form.university))
                        .map(|u| u.name(i18n.lang()).to_owned())
                        .unwrap_or_else(|| form.university.clone()),
                    other => answer(form, other),
                }
            })
        }
    };
    let send = move |_| {
        let Some(context) = declare.context.get_untracked() else {
            return;
        };
        let parsed = declare
            .saved
            .with_untracked(|s| s.form.parse(context.today, &context.rules));
        match parsed {
            Ok(_) => {
                errors.set(Vec::new());
                declare.send();
            }
            Err(Rejection::Invalid(list)) => errors.set(list),
            Err(Rejection::NotEligible(_)) => {
                navigate(Step::NotEligible.path(), Default::default())
            }
        }
    };
    let has_errors = Signal::derive(move || errors.with(|e| !e.is_empty()));
    view! {
        <BackLink to=Step::University.path() />
        <p class="caption">
            {move || i18n.t_with("step", &[("step", 5.into()), ("total", crate::routes::declare::steps::STEPS.into())])}
        </p>
        <ErrorSummary errors on=Step::Check />
        <PageHeading key="check-title" error=has_errors />
        <dl class="summary-list">
            {ROWS
                .into_iter()
                .map(|(label, name)| {
                    let href = format!("{}?change=1", step_of(name).path());
                    let locked = step_of(name) == Step::Identity || name == field::UNIVERSITY;
                    view! {
                        <div class="summary-row">
                            <dt class="summary-key">{tr(label)}</dt>
                            <dd class="summary-value"><bdi>{value(name)}</bdi></dd>
                            <dd class="summary-action">
                                {move || (!(locked && vouched())).then(|| view! {
                                    <a href=href.clone()>
                                        {tr("change")}
                                        <span class="visually-hidden">" " {tr(label)}</span>
                                    </a>
                                })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        <h2 class="heading-m">{tr("sworn-title")}</h2>
        <Checkbox
            id="sworn"
            label="sworn-label"
            checked=Signal::derive(move || declare.saved.with(|s| s.form.sworn))
            on_change=Callback::new(move |checked| declare.saved.update(|s| s.form.sworn = checked))
            error=error_of(errors, "sworn")
        />
        <div role="status">
            {move || declare.proving.get().then(|| view! { <p class="inset" id="proving">{tr("send-proving")}</p> })}
        </div>
        <div role="alert">
            {move || declare.problem.get().map(|key| view! { <p class="inset inset-warning">{tr(key)}</p> })}
        </div>
        <button
            type="button"
            class="button"
            aria-disabled=move || declare.sending.get().then_some("true")
            on:click=send
        >
            {move || if declare.sending.get() { tr("sending").into_any() } else { tr("send").into_any() }}
        </button>
    }
}
