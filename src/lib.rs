//! The AMOE web app: a client-side rendered Leptos app built by Trunk.
//!
//! `main.rs` mounts [`App`]; `api.rs` is the only place that talks HTTP;
//! `i18n.rs` holds the languages; `routes/` has one module per screen and
//! `components/` the parts screens share.

pub mod api;
pub mod components;
pub mod device;
pub mod embed;
pub mod fetched;
pub mod i18n;
pub mod journeys;
pub mod messages;
pub mod offline;
#[cfg(feature = "ssr")]
pub mod prerendered;
pub mod proof;
pub mod routes;
pub mod universities;

use components::layout::Layout;
use journeys::Screen;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use routes::declare::steps::Step;
use routes::learn;

/// What the app starts with, decided before it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// Embed mode's settings, in a portal's frame.
    pub embedded: Option<embed::Embed>,
    /// The language shown first; its messages must be here
    /// ([`messages::load`]).
    pub lang: amoe_domain::Lang,
    /// Whether the language is the student's own choice, to remember (a
    /// portal's frame shows the portal's).
    pub remember: bool,
}

impl Start {
    /// Reads an embed address (an embed address becomes the journey's own
    /// page, before the router starts) and chooses the language.
    pub fn read() -> Start {
        let (embedded, asked) = embed::start();
        Start {
            embedded,
            lang: i18n::choose(asked),
            remember: asked.is_none(),
        }
    }
}

/// The app's own reactive owner, for state that a journey creates when it
/// first needs it and that outlives the screen (the wizard's answers).
#[derive(Clone)]
pub struct AppScope(pub Owner);

#[component]
pub fn App(start: Start) -> impl IntoView {
    provide_context(start.embedded);
    i18n::provide_i18n(start.lang, start.remember);
    if let Some(owner) = Owner::current() {
        provide_context(AppScope(owner));
    }
    universities::provide_universities();
    // A declaration waiting on this device for the connection goes as
    // soon as the app starts, whatever the page.
    journeys::resume_pending();
    let update_ready = offline::register_service_worker();
    // Flat routes: every screen is a top-level path, and `FlatRoutes` is
    // about 11 KB (brotli) smaller than nested `Routes`. The first page is
    // drawn at once, in its language (its messages are here), and switching
    // language re-renders text, never the router or the page.
    view! {
        <Router>
            <Layout>
                <offline::UpdateBanner ready=update_ready />
                <FlatRoutes fallback=routes::not_found::NotFound>
                    <Route path=path!("") view=routes::home::Home />
                    <Route path=path!("universities") view=routes::universities::Universities />
                    <Route path=path!("offices") view=|| journeys::screen(Screen::Offices) />
                    <Route path=path!("learn/who-declares") view=learn::WhoDeclares />
                    <Route path=path!("learn/steps") view=learn::Steps />
                    <Route path=path!("learn/good-to-know") view=learn::GoodToKnow />
                    <Route path=path!("learn/claim-forms") view=learn::ClaimForms />
                    <Route path=path!("status") view=|| journeys::screen(Screen::Status) />
                    <Route path=path!("declare") view=|| journeys::screen(Screen::Declare(Step::Start)) />
                    <Route path=path!("declare/coverage") view=|| journeys::screen(Screen::Declare(Step::Coverage)) />
                    <Route path=path!("declare/scheme") view=|| journeys::screen(Screen::Declare(Step::Scheme)) />
                    <Route path=path!("declare/not-eligible") view=|| journeys::screen(Screen::Declare(Step::NotEligible)) />
                    <Route path=path!("declare/identity") view=|| journeys::screen(Screen::Declare(Step::Identity)) />
                    <Route path=path!("declare/contact") view=|| journeys::screen(Screen::Declare(Step::Contact)) />
                    <Route path=path!("declare/university") view=|| journeys::screen(Screen::Declare(Step::University)) />
                    <Route path=path!("declare/check") view=|| journeys::screen(Screen::Declare(Step::Check)) />
                    <Route path=path!("declare/confirmation") view=|| journeys::screen(Screen::Declare(Step::Confirmation)) />
                </FlatRoutes>
            </Layout>
        </Router>
    }
}
