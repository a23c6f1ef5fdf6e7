//! `/declare/university`: the 12 universities, searchable in any language
//! (`amoe_domain::search`), and the establishment.

use super::question::QuestionPage;
use super::state::use_declare;
use crate::components::api_error::ApiErrorMessage;
use crate::components::form::{TextField, error_of};
use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::Step;
use amoe_domain::search::Query;
use leptos::prelude::*;

#[component]
pub fn UniversityQuestion() -> impl IntoView {
    let i18n = use_i18n();
    let declare = use_declare();
    let errors = RwSignal::new(Vec::new());
    let universities = crate::universities::use_universities();
    let search = RwSignal::new(String::new());
    let chosen = declare.field(|f| &f.university);
    let error = error_of(errors, "university");
    let set = declare.setter(|f, v| f.university = v);
    // In a portal's frame, the portal's university (when this service knows
    // it) is the only one offered, already chosen.
    let locked = crate::embed::use_embed().and_then(|e| e.university);
    let portal_known = {
        let locked = locked.clone();
        move || {
            let list = universities.get().and_then(Result::ok);
            locked
                .as_ref()
                .is_some_and(|id| list.is_some_and(|l| l.iter().any(|u| u.id == *id)))
        }
    };
    view! {
        <QuestionPage step=Step::University title="university-title" errors>
            {move || (!portal_known()).then(|| view! {
            <div class="form-group">
                    <label class="label" for="university-search">{tr("university-filter")}</label>
                    <input
                        class="input"
                        id="university-search"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=search
                        on:input=move |event| search.set(event_target_value(&event))
                    />
                </div>
                })}
            <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
                <fieldset class="fieldset" aria-labelledby="page-heading">
                    {move || {
                        error.get().map(|e| {
                            let key = crate::routes::declare::steps::error_key(&e);
                            view! {
                                <p class="error-message" id="university-error">
                                    <span class="visually-hidden">{tr("error-prefix")} " "</span>
                                    {move || i18n.t(&key)}
                                </p>
                            }
                        })
                    }}
                    {move || match universities.get() {
                        None => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
                        Some(Err(error)) => {
                            view! { <ApiErrorMessage error on_retry=move || universities.refetch() /> }.into_any()
                        }
                        Some(Ok(list)) => {
                            let lang = i18n.lang();
                            let query = search.with(|typed| Query::parse(typed));
                            let portal = locked.as_ref().and_then(|id| list.iter().find(|u| u.id == *id).cloned());
                            if let Some(university) = &portal && chosen.get_untracked() != university.id {
                                set.run(university.id.clone());
                            }
                            let shown: Vec<_> = match portal {
                                Some(university) => vec![university],
                                None => list
                                    .into_iter()
                                    .filter(|u| query.matches(u.search_fields()))
                                    .collect(),
                            };
                            if shown.is_empty() {
                                return view! { <p role="status">{tr("university-none")}</p> }.into_any();
                            }
                            view! {
                                <div class="radios">
                                    {shown
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, university)| {
                                            // The first radio carries the id the error summary links to.
                                            let id = if i == 0 { "university".to_owned() } else { format!("university-{}", university.id) };
                                            let value = university.id.clone();
                                            let checked = university.id.clone();
                                            view! {
                                                <div class="radio">
                                                    <input
                                                        class="radio-input"
                                                        id=id.clone()
                                                        name="university"
                                                        type="radio"
                                                        value=university.id.clone()
                                                        prop:checked=move || chosen.with(|c| *c == checked)
                                                        on:change=move |_| set.run(value.clone())
                                                    />
                                                    <label class="label radio-label" for=id>
                                                        {university.name(lang).to_owned()}
                                                        <span class="radio-hint">{university.city(lang).to_owned()}</span>
                                                    </label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                                .into_any()
                        }
                    }}
                </fieldset>
            </div>
            <TextField
                id="establishment"
                label="establishment-label"
                hint="establishment-hint"
                value=declare.field(|f| &f.establishment)
                on_input=declare.setter(|f, v| f.establishment = v)
                error=error_of(errors, "establishment")
                autocomplete="organization"
            />
        </QuestionPage>
    }
}
