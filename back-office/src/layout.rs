//! The frame of every screen (skip link, header with the agent and the
//! navigation, language switcher), the heading that names a screen and
//! takes the focus, the guard of the screens that need a session, and the
//! error summary.

use crate::i18n::{I18n, KEYS, tr, use_i18n};
use crate::{api, use_auth};
use amoe_domain::Lang;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let skip_to_main = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            let main: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(main);
            let _ = main.focus();
        }
    };
    let sign_out = move |_| {
        let csrf = auth.csrf();
        leptos::task::spawn_local(async move {
            // Signed out either way: a session the server already ended is
            // as good as one it ends now.
            let _ = api::sign_out(&csrf).await;
            auth.session.set(None);
            auth.ended.set(false);
            let _ = window().location().set_href("/back-office");
        });
    };
    let navigation = move || {
        auth.session.get().map(|session| {
            let role = match &session.agent.university {
                Some(id) => i18n.t_with(
                    "bo-role-university",
                    &[(
                        "university",
                        crate::i18n::Arg::Text(crate::show::university_name(id, i18n.lang())),
                    )],
                ),
                None => i18n.t("bo-role-fund"),
            };
            view! {
                <div class="back-agent">
                    <p>
                        <bdi>{session.agent.name.clone()}</bdi>
                        " · "
                        {role}
                    </p>
                    <button type="button" class="back-link-button" on:click=sign_out>
                        {tr("bo-sign-out")}
                    </button>
                </div>
                <nav class="back-nav" aria-label=move || i18n.t("bo-nav-label")>
                    <ul>
                        <li><a href="/back-office">{tr("bo-nav-dashboard")}</a></li>
                        <li><a href="/back-office/cases">{tr("bo-nav-cases")}</a></li>
                        {auth.may_decide().then(|| view! {
                            <li><a href="/back-office/import">{tr("bo-nav-import")}</a></li>
                        })}
                        <li><a href="/back-office/roster">{tr("bo-nav-roster")}</a></li>
                    </ul>
                </nav>
            }
        })
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {tr("bo-skip-to-content")}
        </a>
        <header class="header">
            <div class="width header-inner">
                <a href="/back-office" class="service-name">
                    {tr("bo-service-name")}
                </a>
                {amoe_ui::language_switcher(i18n, &KEYS, ())}
            </div>
            <div class="width back-header-agent">{navigation}</div>
        </header>
        <main id="main" class="width main" tabindex="-1">
            {children()}
        </main>
    }
}

/// The key of a language's own name.
pub fn language_name_key(lang: Lang) -> &'static str {
    KEYS.language_name(lang)
}

/// The `<h1>` of a screen (the shared heading): it names the document and,
/// after a navigation, takes the focus. `text` follows the language (and
/// the data shown).
#[component]
pub fn PageHeading(
    #[prop(into)] text: Signal<String>,
    /// While true, the title starts with "Error:".
    #[prop(optional, into)]
    error: Option<Signal<bool>>,
) -> impl IntoView {
    amoe_ui::page_heading(
        use_i18n(),
        &KEYS,
        move || text.get(),
        move || text.get(),
        error,
    )
}

/// What went wrong on a screen, kept untranslated so that it is said in
/// the language shown, even after the agent switches.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// One of this app's messages, by key.
    Message(&'static str),
    /// A failed call, said as a whole.
    Call(api::ApiError),
    /// A failed call, a line per field the server named.
    Fields(api::ApiError),
}

impl Problem {
    /// The lines the error summary shows, in the language shown.
    pub fn lines(&self, i18n: I18n) -> Vec<String> {
        match self {
            Problem::Message(key) => vec![i18n.t(key)],
            Problem::Call(error) => vec![error_message(i18n, error)],
            Problem::Fields(error) => field_messages(i18n, error),
        }
    }
}

/// The GOV.UK error summary: a titled box, focused when it appears, that
/// says what went wrong.
#[component]
pub fn ErrorSummary(#[prop(into)] problem: Signal<Option<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<Div>::new();
    let shown = Memo::new(move |_| problem.with(Option::is_some));
    // Each new problem (even the same one again) takes the focus; a
    // language switch does not.
    Effect::new(move |_| {
        if problem.with(Option::is_some)
            && let Some(element) = summary.get()
        {
            let _ = element.focus();
        }
    });
    move || {
        shown.get().then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="heading-m">{move || i18n.t("bo-error-summary-title")}</h2>
                    <ul>
                        {move || {
                            problem
                                .get()
                                .map(|p| p.lines(i18n))
                                .unwrap_or_default()
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            }
        })
    }
}

/// The message that tells an agent what a failed call means.
pub fn error_message(i18n: I18n, error: &api::ApiError) -> String {
    use amoe_domain::messages::ErrorCode;
    let key = match error {
        api::ApiError::Network => "bo-error-network",
        api::ApiError::Unexpected(_) => "bo-error-unexpected",
        api::ApiError::Server(body) => {
            match (body.code, body.fields.first().map(|f| f.code.as_str())) {
                (ErrorCode::Unauthorized, Some("invitation_invalid")) => {
                    "bo-error-invitation-invalid"
                }
                (ErrorCode::Unauthorized, Some("passkey_rejected")) => "bo-error-passkey-rejected",
                (ErrorCode::Unauthorized, Some("ceremony_expired")) => "bo-error-ceremony-expired",
                (ErrorCode::Unauthorized, Some("passkeys_unavailable")) => {
                    "bo-error-passkeys-unavailable"
                }
                (ErrorCode::Unauthorized, _) => "bo-session-ended",
                (ErrorCode::Forbidden, Some("csrf_token")) => "bo-error-csrf",
                (ErrorCode::Forbidden, _) => "bo-error-forbidden",
                (ErrorCode::NotFound, _) => "bo-error-not-found",
                (ErrorCode::InvalidFields, Some("already_decided")) => "bo-error-already-decided",
                (ErrorCode::InvalidFields, Some("changed_meanwhile")) => {
                    "bo-error-changed-meanwhile"
                }
                (ErrorCode::AlreadyDeclared, _) => "bo-error-already-declared",
                (ErrorCode::TooManyRequests, _) => "bo-error-too-many",
                (ErrorCode::ServiceUnavailable, _) => "bo-error-unavailable",
                (ErrorCode::InvalidFields, _) => "bo-error-invalid-fields",
                _ => "bo-error-unexpected",
            }
        }
    };
    i18n.t(key)
}

/// The messages of each field error of a failed call, or the call's own:
/// a code's own message (`bo-code-<code>`) where there is one, else the
/// field's name and the code.
pub fn field_messages(i18n: I18n, error: &api::ApiError) -> Vec<String> {
    match error {
        api::ApiError::Server(body)
            if body.code == amoe_domain::messages::ErrorCode::InvalidFields
                && !body.fields.is_empty()
                && !matches!(
                    body.fields[0].code.as_str(),
                    "already_decided" | "changed_meanwhile"
                ) =>
        {
            body.fields
                .iter()
                .map(|f| {
                    let key = format!("bo-code-{}", f.code.replace('_', "-"));
                    let text = i18n.t(&key);
                    if text != key {
                        return text;
                    }
                    let label_key = format!("bo-field-{}", f.field.replace('_', "-"));
                    let label = i18n.t(&label_key);
                    let label = if label == label_key {
                        f.field.clone()
                    } else {
                        label
                    };
                    i18n.t_with(
                        "bo-field-other",
                        &[
                            ("field", crate::i18n::Arg::Text(label)),
                            ("code", crate::i18n::Arg::Text(f.code.clone())),
                        ],
                    )
                })
                .collect()
        }
        other => vec![error_message(i18n, other)],
    }
}
