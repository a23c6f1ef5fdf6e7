//! A status lookup's proof of work, solved by `proof.js` in a Web Worker:
//! off the page's thread, so the page stays responsive while the phone
//! tries its numbers.

use wasm_bindgen::JsValue;

/// The answer (`AMOE-Proof`) to the puzzle of an `AMOE-Challenge` header,
/// or `None` if the worker could not start or found none.
pub async fn solve(challenge: &str) -> Option<String> {
    let worker = web_sys::Worker::new("/proof.js").ok()?;
    // The worker's message, or its error, settles the promise: the worker
    // answers once, then closes itself.
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&resolve));
    });
    worker.post_message(&JsValue::from_str(challenge)).ok()?;
    let event = wasm_bindgen_futures::JsFuture::from(answered).await.ok()?;
    let data = js_sys::Reflect::get(&event, &JsValue::from_str("data")).ok()?;
    js_sys::Reflect::get(&data, &JsValue::from_str("proof"))
        .ok()?
        .as_string()
}
