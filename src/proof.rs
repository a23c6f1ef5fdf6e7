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

/// Sends a request (`send`, given the answer to the last puzzle, if any)
/// until it is answered without a puzzle: past a CIN's allowance the
/// server asks for one solved first, and one gone stale meanwhile (another
/// guess made it larger) is asked again, a few times at most. `proving`
/// is on while the phone solves.
pub async fn with_proof<T, F, Fut>(
    proving: leptos::prelude::RwSignal<bool>,
    send: F,
) -> Result<crate::api::Answer<T>, crate::api::ApiError>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<crate::api::Answer<T>, crate::api::ApiError>>,
{
    use leptos::prelude::Set;
    let mut answer = send(None).await;
    for _ in 0..3 {
        let Ok(crate::api::Answer::Puzzle(puzzle)) = &answer else {
            break;
        };
        proving.set(true);
        let proof = solve(puzzle).await;
        proving.set(false);
        answer = match proof {
            Some(proof) => send(Some(proof)).await,
            None => Err(crate::api::ApiError::Unexpected(428)),
        };
    }
    answer
}
