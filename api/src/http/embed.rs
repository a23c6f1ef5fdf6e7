//! `/embed.js`: the script a university portal includes to show the app in
//! an iframe (see docs/embedding.md). Its frame titles come from
//! `locales/<lang>/embed.ftl`, built into the binary, so every visible (and
//! spoken) string stays in `locales/`.

use amoe_domain::Lang;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use fluent_bundle::{FluentBundle, FluentResource};
use std::collections::BTreeMap;

const TEMPLATE: &str = include_str!("../../assets/embed.js");

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Ar, include_str!("../../../locales/ar/embed.ftl")),
    (Lang::Fr, include_str!("../../../locales/fr/embed.ftl")),
    (Lang::En, include_str!("../../../locales/en/embed.ftl")),
];

pub fn router() -> Router {
    let script = script();
    Router::new().route(
        "/embed.js",
        get(move || async move {
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/javascript; charset=utf-8"),
                    ),
                    // Portals load it on every page view: a short cache, so
                    // a fix reaches them within minutes.
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=300"),
                    ),
                ],
                script.clone(),
            )
                .into_response()
        }),
    )
}

/// The script, with the frame's titles in each language.
pub fn script() -> String {
    let mut titles: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
    for (lang, source) in SOURCES {
        let resource = FluentResource::try_new(source.to_owned())
            .unwrap_or_else(|(_, e)| panic!("locales/{lang}/embed.ftl: {e:?}"));
        let mut bundle = FluentBundle::new(vec![lang.code().parse().expect("a valid language")]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("locales/{lang}/embed.ftl: {e:?}"));
        for journey in ["declare", "status"] {
            let key = format!("embed-title-{journey}");
            let pattern = bundle
                .get_message(&key)
                .and_then(|m| m.value())
                .unwrap_or_else(|| panic!("locales/{lang}/embed.ftl has no {key}"));
            let text = bundle.format_pattern(pattern, None, &mut Vec::new());
            titles
                .entry(lang.code())
                .or_default()
                .insert(journey, text.into_owned());
        }
    }
    let titles = serde_json::to_string(&titles).expect("strings are JSON");
    TEMPLATE.replace("__TITLES__", &titles)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_script_carries_every_title_and_stays_small() {
        let script = super::script();
        assert!(!script.contains("__TITLES__"));
        assert!(script.contains("\"ar\":{\"declare\":\"التأمين"));
        assert!(script.contains("make your declaration"));
        assert!(script.contains("suivre votre déclaration"));
        assert!(script.len() < 4096, "{} bytes", script.len());
    }
}
