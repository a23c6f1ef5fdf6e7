use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `index.html`'s: gives `mount` the element to draw the app in, then
    /// replaces the page drawn at build time, if any, by it, carrying over
    /// what was typed.
    #[wasm_bindgen(js_name = amoeHandOver)]
    fn hand_over(mount: &dyn Fn(web_sys::HtmlElement));
}

fn main() {
    // Panic messages in the console help while developing; a release build
    // (what a student's phone downloads) goes without the ~1 KB they cost.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The app waits for its language's messages and, on a journey's
    // address, for the journey's module (both fetched at once), so that the
    // live page replaces the one drawn at build time whole, in one step. A
    // journey's failed download is shown by the page itself, with a button
    // to try again; without messages there is no page to show, and the
    // page drawn at build time stays, with the notice that the service
    // could not load.
    wasm_bindgen_futures::spawn_local(async {
        let path = web_sys::window()
            .and_then(|window| window.location().pathname().ok())
            .unwrap_or_default();
        let start = amoe::Start::read();
        // An empty page (no page drawn at build time: a wizard step, a
        // portal's frame) takes its language's direction at once; a drawn
        // page keeps its own until the app replaces it.
        if element("app-static").is_none() {
            amoe::i18n::apply_to_document(start.lang);
        }
        let (_, messages) = futures_util::future::join(
            amoe::journeys::preload(&path, start.lang),
            amoe::messages::load(start.lang),
        )
        .await;
        if messages.is_err() {
            show_boot_error();
            return;
        }
        hand_over(&move |parent| {
            let start = start.clone();
            leptos::mount::mount_to(parent, move || leptos::view! { <amoe::App start /> }).forget()
        });
    });
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// `index.html`'s notice that the service could not load, at the top of
/// the page; presses on a drawn page are no longer held for the app.
fn show_boot_error() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"amoeStopped".into(), &true.into());
    }
    if let Some(notice) = element("boot-error") {
        let _ = notice.remove_attribute("hidden");
        if let Some(body) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
        {
            let _ = body.prepend_with_node_1(&notice);
        }
    }
}
