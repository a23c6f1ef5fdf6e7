//! The leaflet's 12 universities, fetched once, when the first screen that
//! names one asks, and shared by every screen after it (one resource in
//! context, owned by the app rather than by the screen that asked first,
//! so that it outlives a change of route).

use crate::api;
use crate::fetched::Fetched;
use amoe_domain::University;
use leptos::prelude::*;

pub type Universities = Fetched<Vec<University>>;

#[derive(Clone, Copy)]
struct Shared {
    owner: StoredValue<Owner, LocalStorage>,
    resource: StoredValue<Option<Universities>, LocalStorage>,
}

/// Makes the list available to every screen; called once, by the app.
pub fn provide_universities() {
    let owner = Owner::current().expect("called inside the app");
    provide_context(Shared {
        owner: StoredValue::new_local(owner),
        resource: StoredValue::new_local(None),
    });
}

/// The universities, fetched on the first call.
pub fn use_universities() -> Universities {
    let shared = expect_context::<Shared>();
    if let Some(resource) = shared.resource.get_value() {
        return resource;
    }
    let resource = shared
        .owner
        .with_value(|owner| owner.with(|| Fetched::new(api::universities)));
    shared.resource.set_value(Some(resource));
    resource
}
