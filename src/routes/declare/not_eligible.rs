//! `/declare/not-eligible`: says plainly why the students' insurance cannot
//! cover this student, and what to do.

use super::question::BackLink;
use super::state::use_declare;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::{Step, ineligibility};
use amoe_domain::declaration::Ineligibility;
use leptos::prelude::*;

#[component]
pub fn NotEligible() -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let back = declare
        .saved
        .with_untracked(|s| Step::NotEligible.previous(&s.form))
        .path();
    let reason = move || {
        let context = declare.context.get()?;
        declare.saved.with(|s| ineligibility(&s.form, &context))
    };
    view! {
        <BackLink to=back />
        <PageHeading key="not-eligible-title" />
        <p class="lead">
            {move || match reason() {
                Some(Ineligibility::OverAge { limit }) => {
                    i18n.t_with("not-eligible-over-age", &[("limit", limit.into())])
                }
                _ => i18n.t("not-eligible-covered"),
            }}
        </p>
        <p>{tr("not-eligible-next")}</p>
        <p>
            <a href=back>{tr("not-eligible-change")}</a>
        </p>
    }
}
