//! A student's requests for a re-examination, on their case: why, in
//! their words, and each detail they ask to correct beside what it is
//! (made if the agent accepts), so that the agent decides with both in
//! view. The newest first.

use crate::i18n::{Arg, tr, use_i18n};
use crate::show::moment;
use amoe_domain::messages::operator::ReexaminationRequest;
use leptos::prelude::*;

/// The message of a request's reason code (`other`'s for a code this
/// version does not know).
pub fn reason_key(code: &str) -> &'static str {
    match code {
        "enrolled" => "bo-reexam-reason-enrolled",
        "typo" => "bo-reexam-reason-typo",
        "cover_ended" => "bo-reexam-reason-cover-ended",
        _ => "bo-reexam-reason-other",
    }
}

#[component]
pub fn Requests(
    requests: Vec<ReexaminationRequest>,
    /// Whether the newest request waits for the fund's decision.
    waiting: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    (!requests.is_empty()).then(|| {
        view! {
            <section class="inset back-reexamination" aria-labelledby="reexamination-title">
                <h2 class="heading-l" id="reexamination-title">{tr("bo-reexam-title")}</h2>
                {requests.into_iter().enumerate().map(|(i, request)| {
                    let table_id = format!("reexamination-corrections-{i}");
                    let labelled_by = table_id.clone();
                    let at = moment(&request.requested_at);
                    let corrections = request.corrections;
                    view! {
                        <p>
                            {move || i18n.t_with("bo-reexam-requested", &[("at", Arg::Text(at.clone()))])}
                        </p>
                        <p><strong>{tr(reason_key(&request.reason))}</strong></p>
                        {if request.explanation.is_empty() {
                            view! { <p>{tr("bo-reexam-no-explanation")}</p> }.into_any()
                        } else {
                            view! {
                                <p>{tr("bo-reexam-explanation")}</p>
                                <blockquote class="back-quote"><bdi>{request.explanation.clone()}</bdi></blockquote>
                            }
                            .into_any()
                        }}
                        {if corrections.is_empty() {
                            view! { <p>{tr("bo-reexam-no-corrections")}</p> }.into_any()
                        } else {
                            view! {
                                <h3 class="heading-m" id=table_id>{tr("bo-reexam-corrected")}</h3>
                                <p>{tr(match (request.applied, i == 0 && waiting) {
                                    (true, _) => "bo-reexam-applied",
                                    (false, true) => "bo-reexam-pending",
                                    (false, false) => "bo-reexam-not-made",
                                })}</p>
                                <table class="back-table" aria-labelledby=labelled_by>
                                    <thead>
                                        <tr>
                                            <th scope="col">{tr("bo-column-field")}</th>
                                            <th scope="col">{tr("bo-reexam-before")}</th>
                                            <th scope="col">{tr("bo-reexam-after")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {corrections.into_iter().map(|c| {
                                            let key = format!("bo-field-{}", c.field.replace('_', "-"));
                                            view! {
                                                <tr>
                                                    <th scope="row">{move || i18n.t(&key)}</th>
                                                    <td><bdi dir="ltr" class="code">{c.before.clone()}</bdi></td>
                                                    <td><bdi dir="ltr" class="code">{c.after.clone()}</bdi></td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                            .into_any()
                        }}
                    }
                }).collect_view()}
            </section>
        }
    })
}
