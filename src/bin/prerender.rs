//! Renders every page that needs no personal data to static HTML, in each
//! language, with the app's own components (Leptos's SSR rendering of
//! `App`), so that a page is readable before the wasm arrives and, for the
//! guide, the universities and the offices, without JavaScript at all.
//!
//! `cargo xtask build` runs it on Trunk's output:
//! `prerender DIST` reads `DIST/index.html` as the template and writes
//! `DIST/pages/<lang>/<page>.html` (`index.html` for `/`, `404.html` for
//! an unknown address), and each language's messages, which the app
//! fetches (`DIST/messages-<lang>-<hash>.json`, see `build.rs`). The server picks the page in the student's
//! language; the app, once started, takes the page over (`index.html`'s
//! `amoeHandOver`), keeping what was typed meanwhile.

use amoe::prerendered::{Given, Rendering};
use amoe::routes::DRAWN;
use amoe_domain::Lang;
use amoe_domain::leaflet::Seed;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

fn main() -> std::process::ExitCode {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender DIST");
        return std::process::ExitCode::from(2);
    };
    match prerender(&dist) {
        Ok(count) => {
            eprintln!(
                "prerender: {count} pages written under {}",
                dist.join("pages").display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("prerender: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn prerender(dist: &Path) -> Result<usize, String> {
    let template_path = dist.join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("{}: {e}", template_path.display()))?;
    let seed = Seed::leaflet();
    // Each language's messages, which the app fetches before it starts,
    // and those a journey fetches with its module.
    for lang in Lang::ALL {
        for (name, json) in amoe::messages::sources(lang) {
            let file = dist.join(name);
            std::fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    let mut count = 0;
    for lang in Lang::ALL {
        for (address, name) in DRAWN {
            let (body, title) = render(lang, address, &seed);
            if title.is_empty() {
                return Err(format!("{address} in {}: no page heading", lang.code()));
            }
            // A journey's page asks at once for its own messages too.
            let journey = amoe::messages::journey_file(address.trim_start_matches('/'), lang);
            let html = page(&template, lang, &title, &body, journey)?;
            let file = dist
                .join("pages")
                .join(lang.code())
                .join(format!("{name}.html"));
            std::fs::create_dir_all(file.parent().expect("under pages/"))
                .and_then(|()| std::fs::write(&file, html))
                .map_err(|e| format!("{}: {e}", file.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// The app at `address` in `lang`, as HTML, and the page's title.
fn render(lang: Lang, address: &str, seed: &Seed) -> (String, String) {
    let owner = Owner::new();
    let title = Arc::new(Mutex::new(String::new()));
    let html = owner.with(|| {
        provide_context(RequestUrl::new(address));
        provide_context(Rendering {
            lang,
            title: title.clone(),
        });
        provide_context(Given(seed.universities.clone()));
        provide_context(Given(seed.offices.clone()));
        let start = amoe::Start {
            embedded: None,
            lang,
            remember: false,
        };
        view! { <amoe::App start /> }.to_html()
    });
    drop(owner);
    let title = title.lock().expect("rendered").clone();
    (html, title)
}

/// The template with the page's language, title and body, its language's
/// messages asked for at once (the app fetches them before it starts), and
/// without the template's "needs JavaScript" notice (each journey's page
/// says it itself).
fn page(
    template: &str,
    lang: Lang,
    title: &str,
    body: &str,
    journey: Option<&str>,
) -> Result<String, String> {
    let html_tag = between(template, "<html", ">")?;
    let mut out = template.replacen(
        &html_tag,
        &format!("<html lang={} dir={}>", lang.code(), lang.dir().as_str()),
        1,
    );
    let old_title = between(&out, "<title>", "</title>")?;
    out = out.replacen(&old_title, &format!("<title>{}</title>", escape(title)), 1);
    if let Ok(notice) = between(&out, "<noscript>", "</noscript>") {
        out = out.replacen(&notice, "", 1);
    }
    out = out.replace(
        "/locales/fr/manifest.webmanifest",
        &format!("/locales/{}/manifest.webmanifest", lang.code()),
    );
    if !out.contains("</head>") {
        return Err("index.html has no </head>".to_owned());
    }
    // `crossorigin`: the same request as the app's `fetch`, so that the
    // app gets the preloaded answer.
    let preload = |file: &str| format!("<link rel=preload href=/{file} as=fetch crossorigin>");
    let mut links = preload(amoe::messages::file(lang));
    links.extend(journey.map(preload));
    out = out.replacen("</head>", &format!("{links}</head>"), 1);
    let body_tag = between(&out, "<body", ">")?;
    Ok(out.replacen(
        &body_tag,
        &format!("{body_tag}<div id=app-static>{body}</div>"),
        1,
    ))
}

/// The first `start…end` in `text`, both included.
fn between(text: &str, start: &str, end: &str) -> Result<String, String> {
    let from = text
        .find(start)
        .ok_or_else(|| format!("index.html has no {start}"))?;
    let to = text[from..]
        .find(end)
        .ok_or_else(|| format!("index.html has no {end} after {start}"))?;
    Ok(text[from..from + to + end.len()].to_owned())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!doctype html><html dir=ltr lang=fr><head><title>AMOE</title>\
        <link href=/locales/fr/manifest.webmanifest rel=manifest></head><body><div id=boot-error hidden></div>\
        <noscript><p>This service needs JavaScript.</p></noscript></body></html>";

    #[test]
    fn a_page_has_its_language_title_and_body() {
        let html = page(TEMPLATE, Lang::Ar, "A <b> & c", "<main>نص</main>", None).unwrap();
        assert!(html.contains("<html lang=ar dir=rtl>"));
        assert!(html.contains("<title>A &lt;b&gt; &amp; c</title>"));
        assert!(html.contains("/locales/ar/manifest.webmanifest"));
        let preload = format!(
            "<link rel=preload href=/{} as=fetch crossorigin></head>",
            amoe::messages::file(Lang::Ar)
        );
        assert!(html.contains(&preload), "{html}");
        assert!(html.contains("<body><div id=app-static><main>نص</main></div><div id=boot-error"));
        assert!(
            !html.contains("noscript"),
            "each journey says itself that it needs JavaScript"
        );
    }

    #[test]
    fn a_template_without_a_body_is_refused() {
        assert!(page("<html><title>x</title>", Lang::Fr, "t", "b", None).is_err());
    }

    #[test]
    fn a_journeys_page_asks_at_once_for_its_own_messages() {
        let status = amoe::messages::journey_file("status", Lang::Fr);
        let html = page(TEMPLATE, Lang::Fr, "t", "<main></main>", status).unwrap();
        let preload = format!(
            "<link rel=preload href=/{} as=fetch crossorigin></head>",
            status.unwrap()
        );
        assert!(html.contains(&preload), "{html}");
        assert_eq!(amoe::messages::journey_file("offices", Lang::Fr), None);
    }

    #[test]
    fn every_page_is_drawn_in_every_language() {
        let seed = Seed::leaflet();
        for lang in Lang::ALL {
            for (address, _) in DRAWN {
                let (body, title) = render(lang, address, &seed);
                assert!(!title.is_empty(), "{address} in {lang}: no title");
                assert!(body.contains("<h1"), "{address} in {lang}: no heading");
                assert!(body.contains("<main"), "{address} in {lang}: no main");
            }
        }
        // The data the browser would fetch is in the page.
        let (offices, _) = render(Lang::Fr, "/offices", &seed);
        assert!(offices.contains("Cité universitaire Souissi II"));
        let (universities, _) = render(Lang::Ar, "/universities", &seed);
        assert!(universities.contains(&seed.universities[0].name_ar));
        let (missing, title) = render(Lang::En, "/not-a-page", &seed);
        assert!(title.starts_with("Page not found"), "{title}");
        assert!(missing.contains("href=\"/\""));
    }
}
