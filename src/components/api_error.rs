//! Tells the student, in their language, that a call to the server failed,
//! and offers to try again.

use crate::api::ApiError;
use crate::i18n::{I18n, tr, use_i18n};
use amoe_domain::messages::ErrorCode;
use leptos::prelude::*;

/// The translated explanation of an API failure.
pub fn error_message(i18n: &I18n, error: &ApiError) -> String {
    match error {
        ApiError::Network => i18n.t("error-network"),
        ApiError::Server(body) => match body.code {
            ErrorCode::ServiceUnavailable => i18n.t("error-unavailable"),
            ErrorCode::NotFound | ErrorCode::UnknownUniversity => i18n.t("error-not-found"),
            _ => i18n.t("error-server"),
        },
        ApiError::Unexpected(_) => i18n.t("error-server"),
    }
}

#[component]
pub fn ApiErrorMessage(error: ApiError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-box" role="alert">
            <h2 class="heading-m">{tr("error-title")}</h2>
            <p>{move || error_message(&i18n, &error)}</p>
            <button type="button" class="button button-secondary" on:click=move |_| on_retry()>
                {tr("retry")}
            </button>
        </div>
    }
}
