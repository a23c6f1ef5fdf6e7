//! Offline and updates: registers the service worker (`sw.js`, served by
//! the API at `/sw.js`) and tells the page when a new version is installed
//! and waiting, so that the student can reload into it when it suits them.
//!
//! The few lines that talk to `navigator.serviceWorker` are JavaScript
//! (a wasm-bindgen snippet): the same in Rust would need five more web-sys
//! interfaces and cost more bytes than it saves.

use crate::i18n::tr;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let waiting = null;
let requested = false;
export function register(onUpdate) {
  const container = navigator.serviceWorker;
  if (!container) return;
  container.addEventListener("controllerchange", () => {
    if (requested) location.reload();
  });
  container.register("/sw.js").then((registration) => {
    if (!registration) return;
    const offer = (worker) => {
      if (worker && container.controller) {
        waiting = worker;
        onUpdate();
      }
    };
    offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed") offer(worker);
      });
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  }, () => {});
}
export function applyUpdate() {
  if (waiting) {
    requested = true;
    waiting.postMessage("skip-waiting");
  }
}
"#)]
extern "C" {
    fn register(on_update: &js_sys::Function);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update();
}

/// Registers the worker; the signal turns true when a new version waits.
pub fn register_service_worker() -> ReadSignal<bool> {
    let (update_ready, set_update_ready) = signal(false);
    if cfg!(feature = "ssr") {
        return update_ready;
    }
    let on_update = Closure::<dyn Fn()>::new(move || set_update_ready.set(true));
    register(on_update.as_ref().unchecked_ref());
    // Called for as long as the page lives.
    on_update.forget();
    update_ready
}

/// "A new version is available": shown when one waits, with its button.
#[component]
pub fn UpdateBanner(ready: ReadSignal<bool>) -> impl IntoView {
    view! {
        <div role="status">
            {move || {
                ready.get().then(|| view! {
                    <div class="update-banner">
                        <p>{tr("update-ready")}</p>
                        <button type="button" class="button" on:click=|_| apply_update()>
                            {tr("update-reload")}
                        </button>
                    </div>
                })
            }}
        </div>
    }
}
