//! Signing in with a passkey: one button; the browser offers the passkeys
//! it holds for this service.

use crate::i18n::{tr, use_i18n};
use crate::layout::{ErrorSummary, PageHeading, error_message};
use crate::{api, passkey, use_auth};
use amoe_domain::back_office::Finish;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let errors = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let sign_in = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let result = async {
                let challenge = api::sign_in_start()
                    .await
                    .map_err(|e| error_message(i18n, &e))?;
                let credential = passkey::get(&challenge.options)
                    .await
                    .map_err(|e| i18n.t(e.key()))?;
                api::sign_in_finish(&Finish {
                    ceremony: challenge.ceremony,
                    credential,
                })
                .await
                .map_err(|e| error_message(i18n, &e))
            }
            .await;
            busy.set(false);
            match result {
                Ok(session) => {
                    auth.ended.set(false);
                    auth.session.set(Some(session));
                }
                Err(message) => errors.set(vec![message]),
            }
        });
    };
    view! {
        <ErrorSummary messages=errors />
        <PageHeading
            text=Signal::derive(move || i18n.t("bo-sign-in-title"))
            error=Signal::derive(move || !errors.with(Vec::is_empty))
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
