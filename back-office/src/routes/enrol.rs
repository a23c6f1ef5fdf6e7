//! Enrolment: the agent opened the link an operator gave them
//! (`/back-office/enrol#<secret>`; the secret is in the fragment, which
//! never reaches a server or its logs). Their device makes a passkey, and
//! they are signed in.

use crate::i18n::{Arg, tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem, error_message};
use crate::{api, passkey, use_auth};
use amoe_domain::messages::back_office::Finish;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The link's secret.
fn token() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned()
}

#[component]
pub fn EnrolPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let secret = StoredValue::new(token());
    let invitation = LocalResource::new(move || {
        let secret = secret.get_value();
        async move { api::enrol_start(&secret).await }
    });
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let enrol = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(Ok(challenge)) = invitation.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = async {
                let credential = passkey::create(&challenge.options)
                    .await
                    .map_err(|e| Problem::Message(e.key()))?;
                api::enrol_finish(&Finish {
                    ceremony: challenge.ceremony.clone(),
                    credential,
                })
                .await
                .map_err(Problem::Call)
            }
            .await;
            busy.set(false);
            match result {
                Ok(session) => {
                    auth.ended.set(false);
                    auth.session.set(Some(session));
                    auth.checked.set(true);
                    // The link is used: it leaves the address and history.
                    navigate(
                        "/back-office",
                        leptos_router::NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(found) => {
                    problem.set(Some(found));
                    // A ceremony is answered once: a new one for the retry.
                    invitation.refetch();
                }
            }
        });
    };
    view! {
        {move || match invitation.get() {
            None => view! { <p class="loading">{tr("bo-loading")}</p> }.into_any(),
            Some(Err(error)) => {
                let message = error_message(i18n, &error);
                view! {
                    <PageHeading
                        text=Signal::derive(move || i18n.t("bo-enrol-invalid-title"))
                        error=Signal::derive(|| true)
                    />
                    <p>{message}</p>
                    <p>{tr("bo-enrol-invalid-body")}</p>
                }
                .into_any()
            }
            Some(Ok(challenge)) => {
                let name = challenge.name.clone().unwrap_or_default();
                view! {
                    <ErrorSummary problem />
                    <PageHeading
                        text=Signal::derive(move || i18n.t_with("bo-enrol-title", &[("name", Arg::Text(name.clone()))]))
                        error=Signal::derive(move || problem.with(Option::is_some))
                    />
                    <p class="lead">{tr("bo-enrol-lead")}</p>
                    <p>{tr("bo-enrol-help")}</p>
                    <form on:submit=enrol.clone() novalidate>
                        <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                            {tr("bo-enrol-button")}
                        </button>
                    </form>
                }
                .into_any()
            }
        }}
    }
}
