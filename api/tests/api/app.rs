//! Serving the built app: client routes get index.html (never cached),
//! hashed assets are cached for a year, precompressed files are used.

use crate::helpers::TestApp;
use std::path::Path;

const JS: &str = "amoe-0123456789abcdef.js";

/// A dist/ shaped like Trunk's, with the .br/.gz files xtask writes.
fn dist(dir: &Path) -> std::path::PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(dist.join("locales/fr")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>AMOE</title>",
    )
    .unwrap();
    std::fs::write(dist.join(JS), "console.log('app')").unwrap();
    std::fs::write(dist.join(format!("{JS}.br")), "BROTLI").unwrap();
    std::fs::write(dist.join("locales/fr/main.ftl"), "a = A\n").unwrap();
    dist
}

async fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    TestApp::spawn_with(database_url, dir, Some(dist)).await
}

#[tokio::test]
async fn client_routes_get_index_html_revalidated_every_time() {
    let app = app().await;
    for path in ["/", "/universities", "/declare/identity", "/no/such/page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_eq!(
            response.text().await.unwrap(),
            "<!doctype html><title>AMOE</title>"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let app = app().await;
    let plain = app.get(&format!("/{JS}")).await;
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.text().await.unwrap(), "console.log('app')");

    let compressed = app
        .client
        .get(format!("{}/{JS}", app.url))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.text().await.unwrap(), "BROTLI");
}

#[tokio::test]
async fn pages_carry_a_policy_that_allows_only_their_own_inline_script() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><script type=module>import init from '/a.js';</script>",
    )
    .unwrap();
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    let app = TestApp::spawn_with(database_url, dir, Some(dist)).await;
    for path in ["/", "/universities"] {
        let response = app.get(path).await;
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
    }
}

#[tokio::test]
async fn locales_are_served_and_revalidated() {
    let app = app().await;
    let response = app.get("/locales/fr/main.ftl").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_the_app() {
    let app = app().await;
    for path in [
        "/amoe-ffffffffffffffff.js",
        "/favicon.ico",
        "/locales/xx/main.ftl",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn the_api_is_still_the_api_next_to_the_app() {
    let app = app().await;
    for path in ["/api/nope", "/api/", "/api"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = app().await;
    for path in ["/", "/api/health", "/api/nope"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{path}"
        );
        assert_eq!(
            response.headers()["referrer-policy"],
            "no-referrer",
            "{path}"
        );
        assert_eq!(
            response.headers()["cross-origin-opener-policy"],
            "same-origin",
            "{path}"
        );
        let policy = response.headers()["permissions-policy"].to_str().unwrap();
        assert!(
            policy.contains("camera=()") && policy.contains("geolocation=()"),
            "{policy}"
        );
        // Served over plain HTTP here: no HSTS.
        assert!(
            response
                .headers()
                .get("strict-transport-security")
                .is_none()
        );
    }
}

#[tokio::test]
async fn an_https_service_tells_browsers_to_stay_on_https() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = amoe_api::config::Config::local(
        format!("sqlite://{}/amoe.db", dir.path().display()),
        dir.path().join("outbox"),
    );
    config.server.public_url = "https://amoe.example.ma".into();
    let app = TestApp::start_with_config(config).await;
    let response = app.get("/api/health").await;
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn the_allowed_portals_are_the_pages_frame_ancestors() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let mut config = amoe_api::config::Config::local(
        format!("sqlite://{}/amoe.db", dir.path().display()),
        dir.path().join("outbox"),
    );
    config.server.dist_dir = Some(dist);
    config.portals.origins = vec![
        "https://ent.um5.ac.ma".into(),
        "http://127.0.0.1:9000".into(),
    ];
    let app = TestApp::start_with_config(config).await;
    let response = app.get("/declare").await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.ends_with("frame-ancestors 'self' https://ent.um5.ac.ma http://127.0.0.1:9000"),
        "{policy}"
    );
    drop(dir);
}

#[tokio::test]
async fn the_service_worker_is_served_complete_and_revalidated() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    std::fs::write(
        dist.join("sw.js"),
        "const VERSION = \"__VERSION__\";\nconst PRECACHE = __PRECACHE__;\n",
    )
    .unwrap();
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    let app = TestApp::spawn_with(database_url, dir, Some(dist)).await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let script = response.text().await.unwrap();
    assert!(!script.contains("__"), "{script}");
    assert!(
        script.contains(&format!(
            "[\"/index.html\",\"/{JS}\",\"/api/config\",\"/api/universities\",\"/api/offices\"]"
        )),
        "{script}"
    );
}

#[tokio::test]
async fn embed_js_is_served_to_any_portal() {
    let app = app().await;
    let response = app.get("/embed.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    let script = response.text().await.unwrap();
    assert!(script.contains("amoe:height"));
    assert!(script.len() < 4096);
}

/// A dist/ with pages drawn at build time, as `prerender` writes them.
async fn app_with_pages() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    for lang in ["ar", "fr", "en"] {
        let pages = dist.join("pages").join(lang);
        std::fs::create_dir_all(pages.join("learn")).unwrap();
        for name in ["index", "learn/steps", "404"] {
            std::fs::write(pages.join(format!("{name}.html")), format!("{lang} {name}")).unwrap();
        }
    }
    std::fs::write(dist.join("pages/ar/learn/steps.html.br"), "BROTLI ar").unwrap();
    let database_url = format!("sqlite://{}/amoe.db", dir.path().display());
    TestApp::spawn_with(database_url, dir, Some(dist)).await
}

async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut request = app.client.get(format!("{}{path}", app.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let lang = response
        .headers()
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    if !lang.is_empty() {
        let vary = response.headers()["vary"].to_str().unwrap().to_owned();
        assert!(
            vary.contains("Cookie") && vary.contains("Accept-Language"),
            "{vary}"
        );
        assert_eq!(response.headers()["cache-control"], "private, no-cache");
    }
    (status, lang, response.text().await.unwrap())
}

#[tokio::test]
async fn a_drawn_page_comes_in_the_students_language() {
    let app = app_with_pages().await;
    let ok = |lang: &str, body: &str| (200, lang.to_owned(), body.to_owned());
    assert_eq!(
        page(&app, "/learn/steps", &[]).await,
        ok("fr", "fr learn/steps")
    );
    assert_eq!(
        page(&app, "/learn/steps/", &[]).await,
        ok("fr", "fr learn/steps")
    );
    assert_eq!(page(&app, "/", &[]).await, ok("fr", "fr index"));
    assert_eq!(
        page(
            &app,
            "/learn/steps",
            &[("accept-language", "de-DE, en;q=0.8, ar;q=0.9")]
        )
        .await,
        ok("ar", "ar learn/steps")
    );
    // The language the student chose in the app wins over the browser's.
    assert_eq!(
        page(
            &app,
            "/",
            &[("accept-language", "ar"), ("cookie", "x=1; amoe_lang=en")]
        )
        .await,
        ok("en", "en index")
    );
    // A cookie naming no language of the service is ignored.
    assert_eq!(
        page(
            &app,
            "/",
            &[("accept-language", "ar"), ("cookie", "amoe_lang=xx")]
        )
        .await,
        ok("ar", "ar index")
    );
    // Precompressed, like every other file.
    let compressed = app
        .client
        .get(format!("{}/learn/steps", app.url))
        .header("accept-language", "ar")
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.text().await.unwrap(), "BROTLI ar");
}

#[tokio::test]
async fn an_unknown_address_is_not_found_and_a_journey_step_is_the_app() {
    let app = app_with_pages().await;
    assert_eq!(
        page(&app, "/no/such/page", &[("accept-language", "en")]).await,
        (404, "en".to_owned(), "en 404".to_owned())
    );
    assert_eq!(page(&app, "/learn", &[]).await.0, 404);
    assert_eq!(
        page(&app, "/404", &[]).await,
        (404, "fr".to_owned(), "fr 404".to_owned())
    );
    // Never a file outside the drawn pages.
    assert_eq!(page(&app, "/learn%2Fsteps", &[]).await.0, 404);
    assert_eq!(page(&app, "/..%2F..%2Findex", &[]).await.0, 404);
    // The wizard's later steps and the embed addresses: the app's shell.
    for path in ["/declare/identity", "/embed/declare", "/embed"] {
        let (status, lang, body) = page(&app, path, &[("accept-language", "ar")]).await;
        assert_eq!((status, lang.as_str()), (200, ""), "{path}");
        assert_eq!(body, "<!doctype html><title>AMOE</title>", "{path}");
    }
}
