//! Signing in with a passkey: one button; the browser offers the passkeys
//! it holds for this service.

use crate::i18n::{tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, Problem};
use crate::{api, passkey, use_auth};
use amoe_domain::messages::back_office::Finish;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let sign_in = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = async {
                let challenge = api::sign_in_start().await.map_err(Problem::Call)?;
                let credential = passkey::get(&challenge.options)
                    .await
                    .map_err(|e| Problem::Message(e.key()))?;
                api::sign_in_finish(&Finish {
                    ceremony: challenge.ceremony,
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
                }
                Err(found) => problem.set(Some(found)),
            }
        });
    };
    view! {
        <ErrorSummary problem />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-sign-in-title"))
            error=Signal::derive(move || problem.with(Option::is_some))
        />
        {move || auth.ended.get().then(|| view! {
            <div class="inset inset-warning" role="status">
                <p>{tr("bo-session-ended")}</p>
            </div>
        })}
        <p class="lead">{tr("bo-sign-in-lead")}</p>
        <p>{tr("bo-sign-in-help")}</p>
        <form on:submit=sign_in novalidate>
            <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                {tr("bo-sign-in-button")}
            </button>
        </form>
        <h2 class="heading-m">{tr("bo-sign-in-no-passkey-title")}</h2>
        <p>{tr("bo-sign-in-no-passkey")}</p>
    }
}

/// A screen that needs a session: the sign-in screen in its place until
/// there is one (the address stays, so the agent lands where they meant
/// to go).
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    move || {
        if !auth.checked.get() {
            view! { <p class="loading">{tr("bo-loading")}</p> }.into_any()
        } else if auth.session.with(Option::is_some) {
            children().into_any()
        } else {
            view! { <SignInPage /> }.into_any()
        }
    }
}
