//! The fund's decision on the case, dated today.

use crate::i18n::{tr, use_i18n};
use crate::layout::Problem;
use crate::show::{REASONS, reason_key};
use crate::{api, use_auth};
use amoe_domain::messages::back_office::{Case, DecideRequest};
use leptos::prelude::*;

#[component]
pub fn DecideForm(
    reference: String,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let decision = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if decision.get_untracked().is_empty() {
            problem.set(Some(Problem::Message("bo-code-decision-missing")));
            return;
        }
        busy.set(true);
        problem.set(None);
        notice.set(None);
        let request = DecideRequest {
            decision: decision.get_untracked(),
            reason_code: if decision.get_untracked() == "refused" {
                reason.get_untracked()
            } else {
                String::new()
            },
            reason_text: if decision.get_untracked() == "refused" {
                text.get_untracked()
            } else {
                String::new()
            },
        };
        leptos::task::spawn_local(async move {
            let answer = api::decide(&reference.get_value(), &request, &auth.csrf()).await;
            busy.set(false);
            match answer {
                Ok((updated, unchanged)) => {
                    case.set(Some(Ok(updated)));
                    notice.set(Some(if unchanged {
                        "bo-decision-unchanged"
                    } else {
                        "bo-decision-recorded"
                    }));
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                    // Show what the declaration is now (another agent's
                    // decision), keeping the message.
                    if matches!(
                        error.field_code(),
                        Some("already_decided" | "changed_meanwhile")
                    ) && let Ok(updated) = api::case(&reference.get_value()).await
                    {
                        case.set(Some(Ok(updated)));
                        problem.set(Some(Problem::Fields(error.clone())));
                    }
                }
            }
        });
    };
    let radio = move |value: &'static str, key: &'static str| {
        let id = format!("decision-{value}");
        view! {
            <div class="radio">
                <input
                    class="radio-input"
                    type="radio"
                    name="decision"
                    id=id.clone()
                    value=value
                    prop:checked=move || decision.get() == value
                    on:change=move |_| decision.set(value.to_owned())
                />
                <label class="label radio-label" for=id>{tr(key)}</label>
            </div>
        }
    };
    view! {
        <h2 class="heading-l" id="decide-title">{tr("bo-decide-title")}</h2>
        <form on:submit=submit novalidate aria-labelledby="decide-title">
            <fieldset class="fieldset form-group">
                <legend class="legend">{tr("bo-decide-legend")}</legend>
                <div class="radios">
                    {radio("covered", "bo-decision-covered")}
                    {radio("refused", "bo-decision-refused")}
                </div>
            </fieldset>
            {move || (decision.get() == "refused").then(|| view! {
                <div class="conditional">
                    <div class="form-group">
                        <label class="label" for="reason">{tr("bo-decide-reason")}</label>
                        <select class="select" id="reason" on:change=move |e| reason.set(event_target_value(&e)) prop:value=move || reason.get()>
                            <option value="">{tr("bo-choose")}</option>
                            {REASONS.iter().map(|code| view! {
                                <option value=*code>{move || i18n.t(&reason_key(code))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for="reason-text">{tr("bo-decide-reason-text")}</label>
                        <div class="hint" id="reason-text-hint">{tr("bo-decide-reason-text-hint")}</div>
                        <textarea class="input" id="reason-text" rows="3" aria-describedby="reason-text-hint"
                            prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                    </div>
                </div>
            })}
            <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                {tr("bo-decide-button")}
            </button>
        </form>
    }
}
