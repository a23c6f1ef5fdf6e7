//! Form parts after the GOV.UK Design System: error summary, text input,
//! date input, radios, checkbox. Errors show only after "Continue", in the
//! summary (which takes the focus) and beside their field.

use crate::i18n::{tr, use_i18n};
use crate::routes::declare::steps::{Step, error_href, error_key, input_id};
use amoe_domain::messages::FieldError;
use leptos::html::Div;
use leptos::prelude::*;

/// The error of field `name`, if it has one.
pub fn error_of(
    errors: RwSignal<Vec<FieldError>>,
    name: &'static str,
) -> Signal<Option<FieldError>> {
    Signal::derive(move || errors.with(|all| all.iter().find(|e| e.field == name).cloned()))
}

fn focus_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let element: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(element);
        let _ = element.focus();
    }
}

#[component]
pub fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    /// The wizard step it is on: errors of other steps link to them.
    /// Elsewhere every error links to its field on the page.
    #[prop(optional)]
    on: Option<Step>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<Div>::new();
    // Takes the focus each time a "Continue" finds errors.
    Effect::new(move |_| {
        if errors.with(|e| !e.is_empty())
            && let Some(summary) = summary.get()
        {
            let _ = summary.focus();
        }
    });
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="heading-m">{tr("error-summary-title")}</h2>
                    <ul>
                        {list
                            .into_iter()
                            .map(|error| {
                                let id = input_id(&error.field);
                                let href = match on {
                                    Some(step) => error_href(&error.field, step),
                                    None => format!("#{id}"),
                                };
                                let here = href.starts_with('#');
                                let key = error_key(&error);
                                view! {
                                    <li>
                                        <a
                                            href=href
                                            on:click=move |event| {
                                                if here {
                                                    event.prevent_default();
                                                    focus_by_id(&id);
                                                }
                                            }
                                        >
                                            {move || i18n.t(&key)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The message beside a field, read before its input by screen readers.
#[component]
fn ErrorMessage(id: String, error: Signal<Option<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            let key = error_key(&error);
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">{tr("error-prefix")} " "</span>
                    {move || i18n.t(&key)}
                </p>
            }
        })
    }
}

/// `aria-describedby` for an input with a hint and an error.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = "input")] class: &'static str,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=id>{tr(label)}</label>
            {hint.map(|hint| view! { <div class="hint" id=format!("{id}-hint")>{tr(hint)}</div> })}
            <ErrorMessage id=format!("{id}-error") error />
            <input
                class=class
                class:input-error=has_error
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-describedby=move || described_by(id, hint.is_some(), has_error())
                aria-invalid=move || has_error().then_some("true")
                prop:value=value
                on:input=move |event| on_input.run(event_target_value(&event))
            />
        </div>
    }
}

/// Day, month and year of birth, as three numeric inputs.
#[component]
pub fn DateField(
    values: [Signal<String>; 3],
    on_input: [Callback<String>; 3],
    error: Signal<Option<FieldError>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let parts = [
        ("birth_day", "day", "bday-day", "input input-width-2"),
        ("birth_month", "month", "bday-month", "input input-width-2"),
        ("birth_year", "year", "bday-year", "input input-width-4"),
    ];
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <fieldset
                class="fieldset"
                role="group"
                aria-describedby=move || described_by("birth_date", true, has_error())
            >
                <legend class="legend">{tr("birth-date-legend")}</legend>
                <div class="hint" id="birth_date-hint">{tr("birth-date-hint")}</div>
                <ErrorMessage id="birth_date-error".into() error />
                <div class="date-input">
                    {parts
                        .into_iter()
                        .zip(values)
                        .zip(on_input)
                        .map(|(((id, label, autocomplete, class), value), on_input)| {
                            view! {
                                <div class="date-input-item">
                                    <label class="label" for=id>{tr(label)}</label>
                                    <input
                                        class=class
                                        class:input-error=has_error
                                        id=id
                                        name=id
                                        type="text"
                                        inputmode="numeric"
                                        autocomplete=autocomplete
                                        spellcheck="false"
                                        aria-invalid=move || has_error().then_some("true")
                                        prop:value=value
                                        on:input=move |event| on_input.run(event_target_value(&event))
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// Radios for one question; the page's `h1` (id `page-heading`) names
/// the group.
#[component]
pub fn Radios(
    name: &'static str,
    /// The question, where the page's heading is not it.
    #[prop(optional)]
    legend: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
    value: Signal<String>,
    on_change: Callback<String>,
    error: Signal<Option<FieldError>>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let children = StoredValue::new(children);
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <fieldset
                class="fieldset"
                aria-labelledby=legend.is_none().then_some("page-heading")
                aria-describedby=move || described_by(name, hint.is_some(), has_error())
            >
                {legend.map(|legend| view! { <legend class="legend">{tr(legend)}</legend> })}
                {hint.map(|hint| view! { <div class="hint" id=format!("{name}-hint")>{tr(hint)}</div> })}
                <ErrorMessage id=format!("{name}-error") error />
                <div class="radios">
                    {options
                        .into_iter()
                        .map(|(option, label)| {
                            let id = format!("{name}-{option}");
                            view! {
                                <div class="radio">
                                    <input
                                        class="radio-input"
                                        id=id.clone()
                                        name=name
                                        type="radio"
                                        value=option
                                        prop:checked=move || value.with(|v| v == option)
                                        on:change=move |_| on_change.run(option.to_owned())
                                    />
                                    <label class="label radio-label" for=id>{tr(label)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                {move || children.with_value(|c| c.as_ref().map(|c| c()))}
            </fieldset>
        </div>
    }
}

#[component]
pub fn Checkbox(
    id: &'static str,
    label: &'static str,
    checked: Signal<bool>,
    on_change: Callback<bool>,
    error: Signal<Option<FieldError>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <ErrorMessage id=format!("{id}-error") error />
            <div class="checkbox">
                <input
                    class="checkbox-input"
                    id=id
                    name=id
                    type="checkbox"
                    aria-describedby=move || has_error().then(|| format!("{id}-error"))
                    prop:checked=checked
                    on:change=move |event| on_change.run(event_target_checked(&event))
                />
                <label class="label checkbox-label" for=id>{tr(label)}</label>
            </div>
        </div>
    }
}

/// The CIN and Massar code inputs, as the wizard and the status page both
/// ask for them.
#[component]
pub fn IdentityCodes(
    cin: Signal<String>,
    set_cin: Callback<String>,
    massar: Signal<String>,
    set_massar: Callback<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    view! {
        <TextField
            id="cin"
            label="cin-label"
            hint="cin-hint"
            value=cin
            on_input=set_cin
            error=error_of(errors, "cin")
            autocomplete="off"
            class="input input-width-10 code-input"
        />
        <TextField
            id="massar"
            label="massar-label"
            hint="massar-hint"
            value=massar
            on_input=set_massar
            error=error_of(errors, "massar")
            autocomplete="off"
            class="input input-width-10 code-input"
        />
    }
}
