//! Each journey's code is fetched when the journey starts: the wizard, the
//! status page and the office finder are wasm modules of their own, cut
//! from the app at the `#[wasm_split]` functions below (`cargo xtask
//! split`, run by Trunk). The shell (layout, router, guide, universities)
//! is all a first visit to the home page downloads.
//!
//! A module is fetched once; the service worker keeps every module for
//! offline use. A failed download shows a message and a button to try
//! again, never a broken app. Outside the browser (unit tests), the
//! functions are called directly.

use crate::components::page_heading::PageHeading;
use crate::i18n::tr;
use crate::routes::declare::steps::Step;
use crate::routes::{declare, offices, status};
use amoe_domain::Lang;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use std::future::Future;
use std::pin::Pin;

/// A screen whose code is in a journey's module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Declare(Step),
    Status,
    Offices,
}

#[wasm_split(declare, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload_declare))]
fn declare_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(match step {
        Step::Start => view! { <declare::start::Start /> }.into_any(),
        Step::Coverage => view! { <declare::coverage::Coverage /> }.into_any(),
        Step::Scheme => view! { <declare::scheme::SchemeQuestion /> }.into_any(),
        Step::NotEligible => view! { <declare::not_eligible::NotEligible /> }.into_any(),
        Step::Identity => view! { <declare::identity::Identity /> }.into_any(),
        Step::Contact => view! { <declare::contact::Contact /> }.into_any(),
        Step::University => view! { <declare::university::UniversityQuestion /> }.into_any(),
        Step::Check => view! { <declare::check::Check /> }.into_any(),
        Step::Confirmation => view! { <declare::confirmation::Confirmation /> }.into_any(),
    })
}

#[wasm_split(status, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload_status))]
fn status_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <status::StatusPage /> }.into_any())
}

#[wasm_split(offices, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload_offices))]
fn offices_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <offices::Offices /> }.into_any())
}

/// Creates the wizard's state in the app's scope (`app`), which sends a
/// declaration that waits for the connection.
#[wasm_split(declare, fallible, wasm_split_path = ::leptos::wasm_split)]
fn declare_resume(app: Owner) -> Result<(), SplitLoaderError> {
    app.with(declare::state::use_declare);
    Ok(())
}

/// Sends, from whatever page the app starts on, a declaration that waits
/// on this device for the connection: the wizard's module is fetched for
/// it only then.
pub fn resume_pending() {
    if !pending_on_device() {
        return;
    }
    let Some(app) = Owner::current() else {
        return;
    };
    leptos::task::spawn_local(async move {
        match declare_resume(app.clone()).await {
            Ok(()) => FETCHED.with(|fetched| fetched.set(fetched.get() | Journey::Declare.bit())),
            // Offline, before the service worker kept the module: again
            // when the connection returns.
            Err(_) => {
                let handle =
                    window_event_listener(leptos::ev::online, move |_| app.with(resume_pending));
                std::mem::forget(handle);
            }
        }
    });
}

/// Whether the saved answers wait to be sent.
fn pending_on_device() -> bool {
    crate::routes::declare::saved::saved_on_device()
        .and_then(|saved| js_sys::Reflect::get(&saved, &"pending".into()).ok())
        .and_then(|pending| pending.as_bool())
        .unwrap_or(false)
}

type Loading = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

fn load(screen: Screen) -> Loading {
    match screen {
        Screen::Status => Box::pin(status_screen()),
        Screen::Offices => Box::pin(offices_screen()),
        Screen::Declare(step) => Box::pin(declare_screen(step)),
    }
}

/// Fetches the module of the journey at `path` (an app path), if it has
/// one, and its messages in `lang`: called before the app first draws, so
/// that a page opened at a journey's address is drawn whole, at once.
/// Whether it all came.
pub async fn preload(path: &str, lang: Lang) -> bool {
    match journey_of(path) {
        Some(journey) => fetch(journey, Some(lang)).await,
        None => true,
    }
}

/// Fetches a journey's module and the messages of its own screens in
/// `lang` and every language whose messages are here; whether both came.
async fn fetch(journey: Journey, lang: Option<Lang>) -> bool {
    let module = match journey {
        Journey::Declare => preload_declare().await,
        Journey::Status => preload_status().await,
        Journey::Offices => preload_offices().await,
    };
    let came = module.is_ok()
        && crate::messages::load_journey(journey.name(), lang)
            .await
            .is_ok();
    if came {
        FETCHED.with(|fetched| fetched.set(fetched.get() | journey.bit()));
    }
    came
}

thread_local! {
    /// The journeys whose module is here, one bit each.
    static FETCHED: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Journey {
    Declare,
    Status,
    Offices,
}

impl Journey {
    /// Its name, as its module's and its messages' (`PARTS`).
    fn name(self) -> &'static str {
        match self {
            Journey::Declare => "declare",
            Journey::Status => "status",
            Journey::Offices => "offices",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn of(screen: Screen) -> Journey {
        match screen {
            Screen::Status => Journey::Status,
            Screen::Offices => Journey::Offices,
            Screen::Declare(_) => Journey::Declare,
        }
    }

    fn fetched(self) -> bool {
        // Outside the browser nothing is split: every journey is here.
        !cfg!(target_arch = "wasm32") || FETCHED.with(|fetched| fetched.get() & self.bit() != 0)
    }
}

/// The journey whose module draws `path`.
fn journey_of(path: &str) -> Option<Journey> {
    // An embed address becomes its journey's page (`crate::embed`).
    match path.trim_end_matches('/') {
        "/embed" | "/embed/declare" => Some(Journey::Declare),
        "/status" | "/embed/status" => Some(Journey::Status),
        "/offices" => Some(Journey::Offices),
        path if path == "/declare" || path.starts_with("/declare/") => Some(Journey::Declare),
        _ => None,
    }
}

/// The route's view: the screen, drawn at once when its module is already
/// here; else a short "loading" line until it arrives, or the way to try
/// again when it could not be fetched.
pub fn screen(screen: Screen) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        untrack(|| {
            let journey = Journey::of(screen);
            if journey.fetched() {
                return drawn(screen, attempt);
            }
            // None while the module is on its way, then whether it came.
            let arrived = RwSignal::new(None::<bool>);
            leptos::task::spawn_local(async move {
                let came = fetch(journey, None).await;
                // The student may have left the page meanwhile.
                let _ = arrived.try_set(Some(came));
            });
            (move || match arrived.get() {
                None => view! { <p class="loading" role="status">{tr("journey-loading")}</p> }
                    .into_any(),
                Some(true) => untrack(|| drawn(screen, attempt)),
                Some(false) => failed(attempt).into_any(),
            })
            .into_any()
        })
    }
}

/// The screen of a journey whose module is here (or the way to try again).
fn drawn(screen: Screen, attempt: RwSignal<u32>) -> AnyView {
    let mut view = load(screen);
    let waker = std::task::Waker::noop();
    match view
        .as_mut()
        .poll(&mut std::task::Context::from_waker(waker))
    {
        std::task::Poll::Ready(Ok(view)) => view,
        std::task::Poll::Ready(Err(_)) | std::task::Poll::Pending => failed(attempt).into_any(),
    }
}

fn failed(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        // The page's heading and title say what happened.
        <PageHeading key="journey-failed-title" error=Signal::stored(true) />
        <div class="journey-failed" role="alert">
            <p>{tr("journey-failed")}</p>
            <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {tr("journey-retry")}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_journey_has_its_paths() {
        assert_eq!(journey_of("/declare"), Some(Journey::Declare));
        assert_eq!(journey_of("/declare/"), Some(Journey::Declare));
        assert_eq!(journey_of("/declare/check"), Some(Journey::Declare));
        assert_eq!(journey_of("/status"), Some(Journey::Status));
        assert_eq!(journey_of("/offices"), Some(Journey::Offices));
        assert_eq!(journey_of("/embed/declare"), Some(Journey::Declare));
        assert_eq!(journey_of("/embed"), Some(Journey::Declare));
        assert_eq!(journey_of("/embed/status"), Some(Journey::Status));
        assert_eq!(journey_of("/"), None);
        assert_eq!(journey_of("/declared"), None);
        assert_eq!(journey_of("/learn/steps"), None);
        assert_eq!(journey_of("/universities"), None);
    }
}
