//! `/sw.js`: the app's service worker (`sw.js` at the repository's root,
//! copied into `dist/` by Trunk), completed at start-up with what it
//! precaches and a version that changes whenever one of those files does.
//!
//! Doing this where the files are served, rather than at build time, keeps
//! `trunk build` the whole build and means the list can never describe
//! files other than the ones this server sends.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The reference data a visitor needs offline: the server's public
/// settings, the universities and the offices.
const API_DATA: [&str; 3] = ["/api/config", "/api/universities", "/api/offices"];

/// The `/sw.js` route, when `dist/` has the worker's template.
pub fn router(dist: &Path) -> Option<Router> {
    let template = std::fs::read_to_string(dist.join("sw.js")).ok()?;
    let files = precached_files(dist);
    let script = render(&template, &files, &version(dist, &files));
    Some(Router::new().route(
        "/sw.js",
        get(move || async move {
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/javascript; charset=utf-8"),
                    ),
                    // Browsers revalidate workers anyway; say so for proxies.
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                ],
                script.clone(),
            )
                .into_response()
        }),
    ))
}

/// The URL paths of the built files a visitor may need offline: the app's
/// shell, `/index.html` (not `/`, which is the home page drawn at build
/// time, in one language), the files at the top of `dist/` (the hashed js,
/// wasm, css, icon and every language's messages), the icons,
/// wasm-bindgen's snippets, and every locale's manifest.
pub fn precached_files(dist: &Path) -> Vec<String> {
    let mut paths = vec!["/index.html".to_owned()];
    let mut add_dir = |dir: &Path, prefix: &str, keep: &dyn Fn(&str) -> bool| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
            .filter(|name| keep(name))
            .collect();
        names.sort();
        paths.extend(names.into_iter().map(|name| format!("{prefix}/{name}")));
    };
    add_dir(dist, "", &|name| !matches!(name, "index.html" | "sw.js"));
    add_dir(&dist.join("icons"), "/icons", &|name| {
        name.ends_with(".png")
    });
    // wasm-bindgen's snippets (`snippets/<crate>-<hash>/inline0.js`), which
    // the js glue imports.
    let mut snippet_dirs: Vec<String> = subdirectories(&dist.join("snippets"));
    snippet_dirs.sort();
    for dir in snippet_dirs {
        add_dir(
            &dist.join("snippets").join(&dir),
            &format!("/snippets/{dir}"),
            &|name| name.ends_with(".js"),
        );
    }
    let mut languages = subdirectories(&dist.join("locales"));
    languages.sort();
    for lang in languages {
        add_dir(
            &dist.join("locales").join(&lang),
            &format!("/locales/{lang}"),
            // The messages are the built tables at the top of `dist/`
            // (`messages-<code>-<hash>.json`): here only the installed
            // app's name and direction are fetched per language.
            &|name| name == "manifest.webmanifest",
        );
    }
    paths
}

fn subdirectories(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

/// A hash of the precached files' names and contents and of the worker's
/// own template (`dist/sw.js`): 16 hex digits.
fn version(dist: &Path, files: &[String]) -> String {
    let mut hash = Sha256::new();
    for path in files {
        let file = dist.join(path.trim_start_matches('/'));
        hash.update(path.as_bytes());
        hash.update(std::fs::read(file).unwrap_or_default());
    }
    hash.update(std::fs::read(dist.join("sw.js")).unwrap_or_default());
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The worker's text: the template with its version and its list (the
/// built files, then the reference data).
pub fn render(template: &str, files: &[String], version: &str) -> String {
    let list: Vec<&str> = files.iter().map(String::as_str).chain(API_DATA).collect();
    let list = serde_json::to_string(&list).expect("a list of strings is JSON");
    template
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("index.html", "<html>");
        write(
            "sw.js",
            "const V = \"__VERSION__\"; const P = __PRECACHE__;",
        );
        write("amoe-0123456789abcdef.js", "js");
        write("amoe-0123456789abcdef_bg.wasm", "wasm");
        write("amoe-0123456789abcdef_bg.wasm.br", "br");
        write("locales/fr/main.ftl", "a = b");
        write("locales/fr/mail.ftl", "m = n");
        write("locales/fr/manifest.webmanifest", "{}");
        write("icons/icon-192.png", "png");
        write("icons/maskable.svg", "<svg>");
        write("snippets/amoe-0123/inline0.js", "export function f() {}");
        dir
    }

    #[test]
    fn lists_the_shell_the_locales_and_the_icons_not_the_rest() {
        let dist = dist();
        assert_eq!(
            precached_files(dist.path()),
            [
                "/index.html",
                "/amoe-0123456789abcdef.js",
                "/amoe-0123456789abcdef_bg.wasm",
                "/icons/icon-192.png",
                "/snippets/amoe-0123/inline0.js",
                "/locales/fr/manifest.webmanifest",
            ]
        );
    }

    #[test]
    fn the_version_changes_with_any_precached_file() {
        let dist = dist();
        let files = precached_files(dist.path());
        let before = version(dist.path(), &files);
        assert_eq!(before.len(), 16);
        assert_eq!(before, version(dist.path(), &files));
        std::fs::write(dist.path().join("locales/fr/manifest.webmanifest"), "{ }").unwrap();
        assert_ne!(before, version(dist.path(), &files));
        // The .ftl files are not precached (the app compiles its messages
        // in; the API reads the mails'): no new version for them.
        let after = version(dist.path(), &files);
        std::fs::write(dist.path().join("locales/fr/mail.ftl"), "m = o").unwrap();
        std::fs::write(dist.path().join("locales/fr/main.ftl"), "a = c").unwrap();
        assert_eq!(after, version(dist.path(), &files));
    }

    #[test]
    fn fills_in_the_template() {
        let script = render(
            "const V = \"__VERSION__\"; const P = __PRECACHE__;",
            &["/".to_owned()],
            "abc",
        );
        assert_eq!(
            script,
            "const V = \"abc\"; const P = [\"/\",\"/api/config\",\"/api/universities\",\"/api/offices\"];"
        );
    }
}
