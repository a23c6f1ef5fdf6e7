//! What the build-time renderer (`src/bin/prerender.rs`) tells the app's
//! components, through context, in place of a browser: the language of the
//! page, the data it would fetch, and where the page's title goes.

use amoe_domain::Lang;
use std::sync::{Arc, Mutex};

/// The page being rendered.
#[derive(Clone)]
pub struct Rendering {
    pub lang: Lang,
    /// Written by the page's heading ([`crate::components::page_heading`]).
    pub title: Arc<Mutex<String>>,
}

/// Data of type `T` that the browser would fetch from the API.
#[derive(Clone)]
pub struct Given<T>(pub T);
