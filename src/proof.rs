//! A status lookup's proof of work, solved by `proof.js` in a Web Worker:
//! off the page's thread, so the page stays responsive while the phone
//! tries its numbers.

use wasm_bindgen::JsValue;

/// How long the phone may work on a puzzle, in milliseconds: less than a
/// puzzle's five minutes, so that an answer found still counts.
const PATIENCE_MS: i32 = 240_000;

/// The answer (`AMOE-Proof`) to the puzzle of an `AMOE-Challenge` header,
/// or `None` if the worker could not start, found none, or took too long
/// (a puzzle grown too large for this phone: many wrong guesses from its
/// network).
pub async fn solve(challenge: &str) -> Option<String> {
    let worker = web_sys::Worker::new("/proof.js").ok()?;
    // The worker's message, or its error, or the end of the phone's
    // patience settles the promise: the worker answers once, then closes
    // itself.
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&resolve));
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PATIENCE_MS);
        }
    });
    worker.post_message(&JsValue::from_str(challenge)).ok()?;
    let event = wasm_bindgen_futures::JsFuture::from(answered).await.ok();
    worker.terminate();
    let event = event?;
    let data = js_sys::Reflect::get(&event, &JsValue::from_str("data")).ok()?;
    js_sys::Reflect::get(&data, &JsValue::from_str("proof"))
        .ok()?
        .as_string()
}

/// Sends a request (`send`, given the answer to the last puzzle, if any)
/// until it is answered without a puzzle: past a CIN's allowance the
/// server asks for one solved first, and one gone stale meanwhile (another
/// guess made it larger) is asked again, a few times at most. `proving`
/// is on while the phone solves. A puzzle still unsolved is the answer
/// when the phone could not solve one in time.
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
        match proof {
            Some(proof) => answer = send(Some(proof)).await,
            None => break,
        }
    }
    answer
}
