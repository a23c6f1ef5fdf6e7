//! Data the app fetches from the API (the universities, the offices): a
//! local resource in the browser. A page rendered at build time (the
//! `ssr` feature) is given the data whole instead, so that its HTML is
//! complete without JavaScript.

use crate::api::ApiError;
use leptos::prelude::*;
use std::future::Future;

pub struct Fetched<T: Send + Sync + 'static> {
    resource: LocalResource<Result<T, ApiError>>,
    #[cfg(feature = "ssr")]
    given: StoredValue<Option<T>>,
}

impl<T: Clone + Send + Sync + 'static> Fetched<T> {
    /// Fetches with `fetch` in the browser; at build time, takes what the
    /// renderer gave for `T` ([`crate::prerendered::Given`]).
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Fetched {
            resource: LocalResource::new(fetch),
            #[cfg(feature = "ssr")]
            given: StoredValue::new(
                use_context::<crate::prerendered::Given<T>>().map(|given| given.0),
            ),
        }
    }

    /// The data, an error, or `None` while on its way (reactive).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        #[cfg(feature = "ssr")]
        return self.given.get_value().map(Ok);
        #[cfg(not(feature = "ssr"))]
        self.resource.get()
    }

    /// Fetches again (after an error).
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

impl<T: Send + Sync + 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fetched<T> {}
