//! The correction of one field of the case, checked as the form checks it.

use crate::i18n::{tr, use_i18n};
use crate::layout::Problem;
use crate::{api, use_auth};
use amoe_domain::messages::back_office::Case;
use amoe_domain::messages::operator::Changes;
use leptos::prelude::*;

/// The fields an agent may correct, each with its message key.
const CORRECTABLE: [(&str, &str); 8] = [
    ("last_name", "bo-field-last-name"),
    ("first_name", "bo-field-first-name"),
    ("cin", "bo-field-cin"),
    ("massar", "bo-field-massar"),
    ("birth_date", "bo-field-birth-date"),
    ("email", "bo-field-email"),
    ("phone", "bo-field-phone"),
    ("establishment", "bo-field-establishment"),
];

/// The correction of one field, as the operators' route takes it.
pub fn changes(field: &str, value: String) -> Option<Changes> {
    let mut changes = Changes::default();
    let slot = match field {
        "last_name" => &mut changes.last_name,
        "first_name" => &mut changes.first_name,
        "cin" => &mut changes.cin,
        "massar" => &mut changes.massar,
        "birth_date" => &mut changes.birth_date,
        "email" => &mut changes.email,
        "phone" => &mut changes.phone,
        "establishment" => &mut changes.establishment,
        _ => return None,
    };
    *slot = Some(value);
    Some(changes)
}

#[component]
pub fn CorrectForm(
    reference: String,
    case: RwSignal<Option<Result<Case, api::ApiError>>>,
    notice: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let field = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(changes) = changes(&field.get_untracked(), value.get_untracked()) else {
            problem.set(Some(Problem::Message("bo-code-correction-field-missing")));
            return;
        };
        busy.set(true);
        problem.set(None);
        notice.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::correct(&reference.get_value(), &changes, &auth.csrf()).await;
            busy.set(false);
            match answer {
                Ok(updated) => {
                    case.set(Some(Ok(updated)));
                    notice.set(Some("bo-correction-recorded"));
                }
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
        });
    };
    view! {
        <details class="back-correct">
            <summary>{tr("bo-correct-title")}</summary>
            <form on:submit=submit novalidate>
                <p class="hint">{tr("bo-correct-hint")}</p>
                <div class="form-group">
                    <label class="label" for="correct-field">{tr("bo-correct-field")}</label>
                    <select class="select" id="correct-field" on:change=move |e| field.set(event_target_value(&e)) prop:value=move || field.get()>
                        <option value="">{tr("bo-choose")}</option>
                        {CORRECTABLE.iter().map(|(name, key)| view! {
                            <option value=*name>{move || i18n.t(key)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="correct-value">{tr("bo-correct-value")}</label>
                    <input class="input" id="correct-value" type="text" autocomplete="off"
                        prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
                </div>
                <button type="submit" class="button button-secondary" aria-disabled=move || busy.get().to_string()>
                    {tr("bo-correct-button")}
                </button>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_correction_sets_one_field() {
        let changes = super::changes("birth_date", "2004-03-07".into()).unwrap();
        assert_eq!(changes.birth_date.as_deref(), Some("2004-03-07"));
        assert!(changes.cin.is_none());
        assert!(super::changes("status", "covered".into()).is_none());
    }

    #[test]
    fn every_correctable_field_is_one_the_server_takes() {
        for (name, _) in super::CORRECTABLE {
            assert!(super::changes(name, "x".into()).is_some(), "{name}");
        }
    }
}
