//! `/declare/confirmation`: the reference, the academic year, what happens
//! next (steps 2–4 of the leaflet), and a receipt to print.

use super::state::use_declare;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

#[component]
pub fn Confirmation() -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let universities = crate::universities::use_universities();
    let receipt = move || declare.saved.with(|s| s.receipt.clone());
    let cleared = RwSignal::new(false);
    let university = move || {
        let id = declare.saved.with(|s| s.university.clone())?;
        let list = universities.get()?.ok()?;
        list.into_iter()
            .find(|u| u.id == id)
            .map(|u| u.name(i18n.lang()).to_owned())
    };
    move || {
        let Some(receipt) = receipt() else {
            return view! {
                <PageHeading key="declare-title" />
                <p role="status">{move || cleared.get().then(|| tr("device-cleared"))}</p>
                <p><a href="/declare">{tr("declare-start")}</a></p>
            }
            .into_any();
        };
        let name = declare.saved.with(|s| s.name.clone());
        let reference = receipt.reference.to_string();
        let year = receipt.academic_year.to_string();
        let received_at = receipt.received_at.clone();
        let just_sent = declare.just_sent.get();
        view! {
            <div class="panel">
                <PageHeading key="confirmation-title" />
                <p class="panel-body">
                    {tr("confirmation-reference")}
                    <br />
                    <strong><bdi dir="ltr" class="code">{reference}</bdi></strong>
                </p>
            </div>
            <p>{move || i18n.t_with("confirmation-year", &[("year", year.clone().into())])}</p>
            {just_sent.clone().map(|sent| {
                view! { <p>{move || i18n.t_with("confirmation-email", &[("email", sent.email.clone().into())])}</p> }
            })}
            <dl class="summary-list receipt">
                {name.map(|name| view! {
                    <div class="summary-row">
                        <dt class="summary-key">{tr("receipt-name")}</dt>
                        <dd class="summary-value"><bdi>{name}</bdi></dd>
                    </div>
                })}
                {just_sent.map(|sent| {
                    view! {
                        <div class="summary-row">
                            <dt class="summary-key">{tr("receipt-cin")}</dt>
                            <dd class="summary-value"><bdi dir="ltr" class="code">{sent.masked_cin}</bdi></dd>
                        </div>
                    }
                })}
                <div class="summary-row">
                    <dt class="summary-key">{tr("receipt-university")}</dt>
                    <dd class="summary-value">{university}</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{tr("receipt-date")}</dt>
                    <dd class="summary-value">
                        {move || i18n.written_day(&received_at)}
                    </dd>
                </div>
            </dl>
            <button type="button" class="button button-secondary no-print" on:click=move |_| { let _ = window().print(); }>
                {tr("print")}
            </button>
            <h2 class="heading-m">{tr("confirmation-next")}</h2>
            <ol class="timeline">
                <li>{tr("next-2")}</li>
                <li>{tr("next-3")}</li>
                <li>{tr("next-4")}</li>
            </ol>
            <p class="no-print">
                <a href="/status">{tr("journey-status-title")}</a>
            </p>
            <h2 class="heading-m no-print">{tr("device-title")}</h2>
            <p class="no-print">{tr("device-receipt-only")}</p>
            <button
                type="button"
                class="button button-secondary no-print"
                on:click=move |_| {
                    declare.clear();
                    cleared.set(true);
                }
            >
                {tr("device-clear")}
            </button>
        }
            .into_any()
    }
}
