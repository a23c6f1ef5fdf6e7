//! The frame of every page: skip link, header (service name, language
//! switcher), main content, footer.

use super::language_switcher::LanguageSwitcher;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
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
}
