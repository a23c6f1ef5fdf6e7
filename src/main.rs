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
    // A page opened at a journey's address waits for the journey's module,
    // so that the live page replaces the one drawn at build time whole, in
    // one step; a failed download is shown by the page itself, with a
    // button to try again.
    wasm_bindgen_futures::spawn_local(async {
        let path = web_sys::window()
            .and_then(|window| window.location().pathname().ok())
            .unwrap_or_default();
        let _ = amoe::journeys::preload(&path).await;
        hand_over(&|parent| leptos::mount::mount_to(parent, amoe::App).forget());
    });
}
