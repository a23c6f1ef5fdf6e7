//! Three buttons, each naming its language in that language.

use crate::i18n::{tr, use_i18n};
use amoe_domain::Lang;
use leptos::prelude::*;

/// The Fluent key of a language's own name.
pub fn language_name_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "language-ar",
        Lang::Fr => "language-fr",
        Lang::En => "language-en",
    }
}

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav
            class="language-switcher"
            aria-label=move || i18n.t("language-switcher-label")
        >
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    lang=lang.code()
                                    aria-pressed=move || (i18n.lang() == lang).to_string()
                                    on:click=move |_| i18n.set_lang(lang)
                                >
                                    {tr(language_name_key(lang))}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {move || {
                i18n.switch_failed()
                    .then(|| view! { <p role="alert">{tr("language-switch-failed")}</p> })
            }}
        </nav>
    }
}
