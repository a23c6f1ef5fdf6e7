//! The app's addresses are its routes (`src/lib.rs`, whose typed paths
//! Leptos takes as literals); the declaration's steps, the guide's pages
//! and the pages drawn at build time name them again for their links and
//! files. Each of those is a route, and every route is one of them.

use amoe::routes::DRAWN;
use amoe::routes::declare::steps::Step;
use amoe::routes::learn::Guide;
use std::collections::BTreeSet;

/// The addresses of the routes of `src/lib.rs`.
fn routes() -> BTreeSet<String> {
    let source = include_str!("../src/lib.rs");
    source
        .match_indices("path!(\"")
        .map(|(start, marker)| {
            let rest = &source[start + marker.len()..];
            format!("/{}", &rest[..rest.find('"').expect("a closed literal")])
        })
        .collect()
}

#[test]
fn every_address_named_is_a_route_and_every_route_is_named() {
    let routes = routes();
    assert!(routes.len() > 15, "the scan found only {routes:?}");
    let (unknown, drawn) = DRAWN.split_last().expect("pages");
    assert!(!routes.contains(unknown.0), "{} is a route", unknown.0);
    let named: BTreeSet<String> = Step::ALL
        .iter()
        .map(|step| step.path())
        .chain(Guide::ALL.iter().map(|guide| guide.path()))
        .chain(drawn.iter().map(|(address, _)| *address))
        .map(str::to_owned)
        .collect();
    assert_eq!(routes, named);
}
