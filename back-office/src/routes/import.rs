//! Importing a decision file (the fund's CSV, as `amoe-operator import`
//! sends it): first checked, with every wrong cell shown here and nothing
//! recorded (the dry run); then, once the agent has seen the report,
//! recorded, all rows or none.

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem};
use crate::routes::sign_in::SignedIn;
use crate::{api, use_auth};
use amoe_domain::messages::operator::{ImportReport, RowError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ImportPage() -> impl IntoView {
    view! { <SignedIn><Import /></SignedIn> }
}

/// Where the agent is.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Choosing,
    /// Checked: what it would record.
    Checked(ImportReport),
    /// Refused: the wrong cells.
    Refused(Vec<RowError>),
    /// Recorded.
    Done(ImportReport),
}

/// The message of a wrong cell's code.
pub fn row_key(code: &str) -> String {
    format!("bo-row-{}", code.replace('_', "-"))
}

#[component]
fn Import() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    if !auth.may_decide() {
        return view! {
            <PageHeading text=Signal::derive(move || i18n.t("bo-import-title")) error=Signal::derive(|| true) />
            <p>{tr("bo-error-forbidden")}</p>
        }
        .into_any();
    }
    let file = RwSignal::new(None::<String>);
    let stage = RwSignal::new(Stage::Choosing);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let send = move |dry_run: bool| {
        let Some(text) = file.get_untracked() else {
            problem.set(Some(Problem::Message("bo-import-choose-first")));
            return;
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::import(text, dry_run, &auth.csrf()).await {
                Ok(api::Sent::Report(report)) if dry_run => stage.set(Stage::Checked(report)),
                Ok(api::Sent::Report(report)) => stage.set(Stage::Done(report)),
                Ok(api::Sent::Refused(rows)) => stage.set(Stage::Refused(rows)),
                Err(error) => {
                    auth.handle(&error);
                    problem.set(Some(Problem::Fields(error.clone())));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-import-title"))
            error=Signal::derive(move || problem.with(Option::is_some) || matches!(stage.get(), Stage::Refused(_)))
        />
        <p class="lead">{tr("bo-import-lead")}</p>
        <p>{tr("bo-import-columns")}</p>
        <FileCheck id="decision-file" label="bo-import-file" hint="bo-import-file-hint" file problem busy
            on_choose=move |()| stage.set(Stage::Choosing) on_check=move |()| send(true) />
        <div role="status">
        {move || match stage.get() {
            Stage::Choosing => None,
            Stage::Checked(report) => Some(view! {
                <div class="inset">
                    <h2 class="heading-m">{tr("bo-import-checked-title")}</h2>
                    <p>{move || i18n.t_with("bo-import-report", &[
                        ("rows", Arg::Number(report.rows as i64)),
                        ("applied", Arg::Number(report.applied as i64)),
                        ("unchanged", Arg::Number(report.unchanged as i64)),
                    ])}</p>
                    <p>{tr("bo-import-nothing-yet")}</p>
                    <button type="button" class="button" on:click=move |_| send(false) aria-disabled=move || busy.get().to_string()>
                        {tr("bo-import-apply")}
                    </button>
                </div>
            }.into_any()),
            Stage::Done(report) => Some(view! {
                <div class="panel">
                    <h2 class="heading-m">{tr("bo-import-done-title")}</h2>
                    <p class="panel-body">{move || i18n.t_with("bo-import-done", &[
                        ("applied", Arg::Number(report.applied as i64)),
                        ("unchanged", Arg::Number(report.unchanged as i64)),
                    ])}</p>
                </div>
            }.into_any()),
            Stage::Refused(rows) => Some(view! {
                <div class="error-box">
                    <h2 class="heading-m" id="refused-title">{tr("bo-import-refused-title")}</h2>
                    <p>{tr("bo-import-refused")}</p>
                    <RowErrors rows labelled_by="refused-title" />
                </div>
            }.into_any()),
        }}
        </div>
    }
    .into_any()
}

/// A CSV file to choose, then check: its text goes to `file` (each new
/// choice calls `on_choose` first); the button calls `on_check`.
#[component]
pub fn FileCheck(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    file: RwSignal<Option<String>>,
    problem: RwSignal<Option<Problem>>,
    busy: RwSignal<bool>,
    #[prop(into)] on_choose: Callback<()>,
    #[prop(into)] on_check: Callback<()>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let check = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        on_check.run(());
    };
    let chosen = move |event: leptos::ev::Event| {
        on_choose.run(());
        pick(&event, file, problem);
    };
    view! {
        <form on:submit=check novalidate>
            <div class="form-group">
                <label class="label" for=id>{tr(label)}</label>
                <div class="hint" id=hint_id.clone()>{tr(hint)}</div>
                <input class="back-file" id=id name=id type="file" accept=".csv,text/csv"
                    aria-describedby=hint_id on:change=chosen />
            </div>
            <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                {tr("bo-import-check")}
            </button>
        </form>
    }
}

/// Reads the file chosen in `event`'s input into `file`, as text; an
/// unreadable one is a problem.
pub fn pick(
    event: &leptos::ev::Event,
    file: RwSignal<Option<String>>,
    problem: RwSignal<Option<Problem>>,
) {
    problem.set(None);
    let input: web_sys::HtmlInputElement = event.target().expect("an input").unchecked_into();
    let Some(picked) = input.files().and_then(|files| files.get(0)) else {
        file.set(None);
        return;
    };
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(picked.text()).await;
        match text.ok().and_then(|t| t.as_string()) {
            Some(text) => file.set(Some(text)),
            None => {
                file.set(None);
                problem.set(Some(Problem::Message("bo-import-unreadable")));
            }
        }
    });
}

/// The wrong cells of a file, each with its row, column and message.
#[component]
pub fn RowErrors(rows: Vec<RowError>, labelled_by: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="back-table-scroll" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class="back-table">
                <thead>
                    <tr>
                        <th scope="col" class="back-number">{tr("bo-column-row")}</th>
                        <th scope="col">{tr("bo-column-column")}</th>
                        <th scope="col">{tr("bo-column-problem")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let key = row_key(&row.code);
                        let code = row.code.clone();
                        view! {
                            <tr>
                                <td class="back-number">{row.row}</td>
                                <td><bdi dir="ltr" class="code">{row.column.clone()}</bdi></td>
                                <td>{move || {
                                    let text = i18n.t(&key);
                                    if text == key {
                                        i18n.t_with("bo-row-other", &[("code", Arg::Text(code.clone()))])
                                    } else {
                                        text
                                    }
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cell_code_names_its_message() {
        assert_eq!(
            super::row_key("decision_unknown"),
            "bo-row-decision-unknown"
        );
    }
}
