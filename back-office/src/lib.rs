//! The back office: the fund's agents and the universities' staff find
//! declarations, read a case, decide, correct, import decision files and
//! see the year at a glance, signed in with a passkey. A screen per
//! module under `routes/`; `api.rs` is the only HTTP client; the rules
//! live in `amoe_domain`, as the server reads them.

pub mod api;
pub mod i18n;
pub mod layout;
pub mod passkey;
pub mod routes;
pub mod show;

use amoe_domain::messages::back_office::{Role, Session};
use layout::Layout;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// Who is signed in, shared by every screen.
#[derive(Clone, Copy)]
pub struct Auth {
    /// `None` until the server has answered whether a session is open.
    pub checked: RwSignal<bool>,
    pub session: RwSignal<Option<Session>>,
    /// The session ended while the agent worked (the sign-in page says
    /// so).
    pub ended: RwSignal<bool>,
}

impl Auth {
    pub fn role(&self) -> Option<Role> {
        self.session.with(|s| {
            s.as_ref()
                .and_then(|s| Role::from_parts(&s.agent.role, s.agent.university.as_deref()))
        })
    }

    pub fn may_decide(&self) -> bool {
        self.role().is_some_and(|r| r.may_decide())
    }

    /// The session's CSRF token, for a state-changing call.
    pub fn csrf(&self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.csrf.clone()).unwrap_or_default())
    }

    /// A call answered that the session has ended: back to signing in,
    /// on the same address, saying why.
    pub fn handle(&self, error: &api::ApiError) {
        if error.signed_out() {
            self.session.set(None);
            self.ended.set(true);
        }
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    i18n::provide_i18n();
    let auth = Auth {
        checked: RwSignal::new(false),
        session: RwSignal::new(None),
        ended: RwSignal::new(false),
    };
    provide_context(auth);
    provide_context(routes::search::SearchState::default());
    show::provide_universities();
    leptos::task::spawn_local(async move {
        if let Ok(session) = api::session().await {
            auth.session.set(Some(session));
        }
        auth.checked.set(true);
    });
    view! {
        <Router>
            <Layout>
                <FlatRoutes fallback=routes::not_found::NotFound>
                    <Route path=path!("/back-office") view=routes::dashboard::DashboardPage />
                    <Route path=path!("/back-office/enrol") view=routes::enrol::EnrolPage />
                    <Route path=path!("/back-office/cases") view=routes::search::SearchPage />
                    <Route path=path!("/back-office/cases/:reference") view=routes::case::CasePage />
                    <Route path=path!("/back-office/import") view=routes::import::ImportPage />
                    <Route path=path!("/back-office/roster") view=routes::roster::RosterPage />
                </FlatRoutes>
            </Layout>
        </Router>
    }
}
