//! Three buttons, each naming its language in that language (the shared
//! switcher), and a word when a language's messages did not arrive.

use crate::i18n::{KEYS, tr, use_i18n};
use amoe_domain::Lang;
use leptos::prelude::*;

/// The Fluent key of a language's own name.
pub fn language_name_key(lang: Lang) -> &'static str {
    KEYS.language_name(lang)
}

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let failed = move || {
        i18n.switch_failed()
            .then(|| view! { <p role="alert">{tr("language-switch-failed")}</p> })
    };
    amoe_ui::language_switcher(i18n, &KEYS, failed)
}
