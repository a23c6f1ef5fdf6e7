//! `/declare`: what the declaration is, what to have at hand, the
//! personal-data notice (law 09-08), and "Start now" or "Continue".

use super::state::use_declare;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::Step;
use leptos::prelude::*;

#[component]
pub fn Start() -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let cleared = RwSignal::new(false);
    let year = move || Some(declare.shown_context().year.to_string());
    let controller = move || declare.shown_context().controller;
    let receipt = move || declare.saved.with(|s| s.receipt.clone());
    let has_answers = move || declare.saved.with(|s| s.has_answers());
    view! {
        <PageHeading key="declare-title" />
        // Read only without JavaScript (the page the server drew at build time).
        <noscript><p class="inset inset-warning">{tr("needs-javascript")}</p></noscript>
        <div role="alert">
            {move || declare.problem.get().filter(|_| !has_answers()).map(|key| view! {
                <div class="inset inset-warning">
                    <p>{tr(key)}</p>
                    <p><a href="/status">{tr("journey-status-title")}</a></p>
                </div>
            })}
        </div>
        <p class="lead">{tr("declare-lead")}</p>
        {move || year().map(|year| view! { <p>{move || i18n.t_with("declare-year", &[("year", year.clone().into())])}</p> })}
        {move || {
            let current = declare.context.with(|c| c.as_ref().map(|c| c.year))?;
            declare.saved.with(|s| s.needs_renewal(current)).then(|| {
                let previous = receipt()?.academic_year.to_string();
                Some(view! {
                    <p class="inset">
                        {move || {
                            i18n.t_with(
                                "declare-renew",
                                &[("previous", previous.clone().into()), ("year", current.to_string().into())],
                            )
                        }}
                    </p>
                })
            })
        }}
        {move || {
            receipt()
                .map(|receipt| {
                    let reference = receipt.reference.to_string();
                    view! {
                        <div class="inset">
                            <p>{tr("confirmation-title")} " — " {tr("confirmation-reference")} " "
                                <bdi dir="ltr" class="code">{reference}</bdi></p>
                            <p><a href=Step::Confirmation.path()>{tr("print")}</a></p>
                        </div>
                    }
                })
        }}
        <h2 class="heading-m">{tr("declare-need-title")}</h2>
        <ul class="list">
            <li>{tr("declare-need-cin")}</li>
            <li>{tr("declare-need-massar")}</li>
            <li>{tr("declare-need-email")}</li>
        </ul>
        {move || {
            if has_answers() {
                view! {
                    <p>{tr("declare-saved")}</p>
                    <div class="button-group">
                        <a class="button" role="button" href=Step::Coverage.path()>{tr("declare-continue")}</a>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| {
                                declare.clear();
                                cleared.set(true);
                            }
                        >
                            {tr("declare-clear")}
                        </button>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <a class="button button-start" role="button" href=Step::Coverage.path()>
                        {tr("declare-start")}
                    </a>
                }
                    .into_any()
            }
        }}
        <p role="status">{move || cleared.get().then(|| tr("declare-cleared"))}</p>
        <h2 class="heading-m">{tr("privacy-title")}</h2>
        <p>{move || i18n.t_with("privacy-controller", &[("controller", controller().into())])}</p>
        <p>{tr("privacy-recipients")}</p>
        <p>{tr("privacy-mandatory")}</p>
        <p>{move || i18n.t_with("privacy-rights", &[("controller", controller().into())])}</p>
        {move || {
            let number = declare
                .context
                .with(|c| c.as_ref().map(|c| c.cndp_authorisation.clone()))
                .filter(|number| !number.is_empty())?;
            Some(view! { <p>{move || i18n.t_with("privacy-cndp", &[("number", number.clone().into())])}</p> })
        }}
        <p>{tr("privacy-device")}</p>
    }
}
