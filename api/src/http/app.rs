//! Serves the built app (Trunk's `dist/`): for an address of the app, the
//! page drawn at build time in the student's language (`dist/pages/`, see
//! `src/bin/prerender.rs`), or `index.html` for the journeys' later steps;
//! hashed assets cached for a year, everything else revalidated, and the
//! `.br`/`.gz` files written next to each asset at build time.

use crate::error::Error;
use amoe_domain::Lang;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(dist: &Path, portals: &[String]) -> Router {
    let index = dist.join("index.html");
    let pages = Arc::new(Pages::find(dist));
    let html = std::fs::read_to_string(&index).unwrap_or_else(|_| {
        tracing::warn!(
            dist = %dist.display(),
            "the app is not built (no index.html): only /api is served; `cargo xtask run` builds it"
        );
        String::new()
    });
    let csp = HeaderValue::from_str(&super::csp::policy(&html, portals))
        .expect("the policy is ASCII without control characters");
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(tower::service_fn(move |request: Request| {
            client_route(index.clone(), pages.clone(), request)
        }));
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_control))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

/// The back office (`dist/back-office/`, its own Trunk build) at
/// `/back-office`: its files, and its `index.html` for every address of
/// it; never framed, never indexed. `None` when it is not built.
pub fn back_office(dist: &Path) -> Option<Router> {
    let dir = dist.join("back-office");
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).ok()?;
    let csp = HeaderValue::from_str(&super::csp::back_office_policy(&html))
        .expect("the policy is ASCII without control characters");
    let files = ServeDir::new(&dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(tower::service_fn(move |request: Request| {
            back_office_page(index.clone(), request)
        }));
    Some(
        Router::new()
            .nest_service("/back-office", files)
            .layer(axum::middleware::from_fn(cache_control))
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                csp,
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex"),
            )),
    )
}

/// An address of the back office is its `index.html` (the app draws the
/// screen); a path that looks like a file and is not one is a 404.
async fn back_office_page(
    index: PathBuf,
    request: Request,
) -> Result<Response, std::convert::Infallible> {
    let last = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
    }
    let response = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    Ok(match response {
        Ok(response) => response.map(axum::body::Body::new),
        Err(e) => match e {},
    })
}

/// The pages drawn at build time: `pages/<lang>/<name>.html`.
struct Pages {
    dir: PathBuf,
    /// (language, address) of every page found.
    found: HashSet<(Lang, String)>,
}

impl Pages {
    fn find(dist: &Path) -> Pages {
        let dir = dist.join("pages");
        let mut found = HashSet::new();
        for lang in Lang::ALL {
            let mut stack = vec![dir.join(lang.code())];
            while let Some(folder) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&folder) else {
                    continue;
                };
                for path in entries.filter_map(|entry| Some(entry.ok()?.path())) {
                    if path.is_dir() {
                        stack.push(path);
                    } else if let Some(address) = address_of(&dir.join(lang.code()), &path) {
                        found.insert((lang, address));
                    }
                }
            }
        }
        Pages { dir, found }
    }

    /// The file of `address` in `lang`, if it was drawn.
    fn get(&self, lang: Lang, address: &str) -> Option<PathBuf> {
        let address = match address.trim_end_matches('/') {
            "" => "/",
            NOT_FOUND => return None,
            trimmed => trimmed,
        };
        self.file(lang, address)
    }

    /// The "not found" page in `lang`.
    fn not_found(&self, lang: Lang) -> Option<PathBuf> {
        self.file(lang, NOT_FOUND)
    }

    fn file(&self, lang: Lang, address: &str) -> Option<PathBuf> {
        self.found
            .contains(&(lang, address.to_owned()))
            .then(|| self.dir.join(lang.code()).join(file_name(address)))
    }
}

/// The address of `404.html`, the page of an unknown address (which
/// `/404` itself is).
const NOT_FOUND: &str = "/404";

/// `/` for `index.html`, `/learn/steps` for `learn/steps.html`, and
/// [`NOT_FOUND`] for `404.html`.
fn address_of(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?.to_str()?;
    let stem = relative.strip_suffix(".html")?;
    Some(if stem == "index" {
        "/".to_owned()
    } else {
        format!("/{stem}")
    })
}

fn file_name(address: &str) -> String {
    if address == "/" {
        "index.html".to_owned()
    } else {
        format!("{}.html", address.trim_start_matches('/'))
    }
}

/// The wizard's later steps and the portals' embed addresses show the
/// student's own answers: only the app draws them.
fn is_journey_step(path: &str) -> bool {
    path.starts_with("/declare/") || path == "/embed" || path.starts_with("/embed/")
}

/// The student's language: the one the app remembered in its cookie, else
/// the browser's `Accept-Language`, else French (as the app chooses).
fn language(request: &Request) -> Lang {
    let remembered = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == amoe_domain::lang::COOKIE).then_some(value)
        });
    let accepted = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    Lang::negotiate(remembered, &Lang::accepted(accepted))
}

/// Any path that is not a file is an address of the app: its page drawn
/// at build time in the student's language, `index.html` for a journey's
/// later step (or when no page was drawn), and the "not found" page, with
/// a 404, for an address the app does not have. A path that looks like a
/// file (its last segment has a dot) is a missing asset and gets a plain
/// 404, so a broken asset link shows as one.
async fn client_route(
    index: PathBuf,
    pages: Arc<Pages>,
    request: Request,
) -> Result<Response, std::convert::Infallible> {
    let path = request.uri().path();
    // `/api/` (with its slash) escapes the nested API router: still the API.
    if path == "/api" || path.starts_with("/api/") {
        return Ok(Error::NotFound.into_response());
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
    }
    let lang = language(&request);
    let (file, status, drawn) = if let Some(page) = pages.get(lang, path) {
        (page, StatusCode::OK, true)
    } else if is_journey_step(path) || pages.found.is_empty() {
        (index, StatusCode::OK, false)
    } else {
        match pages.not_found(lang) {
            Some(page) => (page, StatusCode::NOT_FOUND, true),
            None => (index, StatusCode::OK, false),
        }
    };
    let response = ServeFile::new(file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    let mut response = match response {
        Ok(response) => response.map(axum::body::Body::new),
        Err(e) => match e {},
    };
    if drawn {
        if response.status() == StatusCode::OK {
            *response.status_mut() = status;
        }
        let headers = response.headers_mut();
        // The same address is another page in another language.
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
        );
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        // Revalidated, like every page ("not found" too), and never kept
        // by a shared cache, which could ignore `Vary: Cookie`.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    Ok(response)
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        // A drawn page has set its own (private).
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Trunk names built assets `NAME-<16 hex digits>[_bg].EXT`: their content
/// never changes under that name, so browsers may keep them for a year.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunks_hashed_names() {
        assert!(is_hashed_asset("/amoe-3f2a1b0c9d8e7f60.js"));
        assert!(is_hashed_asset("/amoe-3f2a1b0c9d8e7f60_bg.wasm"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(is_hashed_asset("/messages-ar-b46bff3c6440c77a.json"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/locales/fr/main.ftl"));
        assert!(!is_hashed_asset("/amoe-123.js"));
        assert!(!is_hashed_asset("/-0123456789abcdef.js"));
        assert!(!is_hashed_asset("/universities"));
    }
}
