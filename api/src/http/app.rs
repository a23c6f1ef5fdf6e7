//! Serves the built app (Trunk's `dist/`): `index.html` for every client
//! route, hashed assets cached for a year, everything else revalidated, and
//! the `.br`/`.gz` files written next to each asset at build time.

use crate::error::Error;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(dist: &Path, portals: &[String]) -> Router {
    let index = dist.join("index.html");
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
            client_route(index.clone(), request)
        }));
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_control))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

/// Any path that is not a file is a route of the app: answer `index.html`.
/// A path that looks like a file (its last segment has a dot) is a missing
/// asset and gets a 404, so a broken asset link shows as one.
async fn client_route(
    index: PathBuf,
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

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
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
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/locales/fr/main.ftl"));
        assert!(!is_hashed_asset("/amoe-123.js"));
        assert!(!is_hashed_asset("/-0123456789abcdef.js"));
        assert!(!is_hashed_asset("/universities"));
    }
}
