//! The frame of every page: skip link, header (service name, language
//! switcher), main content, footer.

use super::language_switcher::LanguageSwitcher;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    if let Some(embed) = crate::embed::use_embed() {
        return view! { <EmbeddedLayout embed children /> }.into_any();
    }
    let skip_to_main = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            let main: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(main);
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {tr("skip-to-content")}
        </a>
        <header class="header">
            <div class="width header-inner">
                <a href="/" class="service-name">
                    {tr("service-name")}
                </a>
                <LanguageSwitcher />
            </div>
        </header>
        <main id="main" class="width main" tabindex="-1">
            {children()}
        </main>
        <footer class="footer">
            <div class="width">
                <p>{tr("footer-about")}</p>
                <p>{tr("footer-licence")}</p>
            </div>
        </footer>
    }
    .into_any()
}

/// Inside a portal's frame: the portal has its own header and footer; only
/// a small language switcher stays, and a word when the portal named a
/// university this service does not know.
#[component]
fn EmbeddedLayout(embed: crate::embed::Embed, children: Children) -> impl IntoView {
    let unknown = embed.university.map(|id| {
        let universities = crate::universities::use_universities();
        move || {
            let known = universities.get()?.ok()?.iter().any(|u| u.id == id);
            (!known).then(|| {
                view! {
                    <div class="error-box" role="alert">
                        <p>
                            {tr("embed-unknown-university")} " "
                            <bdi dir="ltr" class="code">{id.clone()}</bdi>
                        </p>
                        <p>{tr("embed-unknown-university-todo")}</p>
                    </div>
                }
            })
        }
    });
    view! {
        <div class="embed-bar">
            <LanguageSwitcher />
        </div>
        <main id="main" class="main embed-main" tabindex="-1">
            {unknown}
            {children()}
        </main>
    }
}
