//! Bad requests get JSON errors with a stable code, never HTML or a panic.

use crate::helpers::{Engine, TestApp};
use amoe_domain::messages::{ErrorBody, ErrorCode};

async fn error(response: reqwest::Response) -> (u16, ErrorBody) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json", "status {status}");
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    for path in ["/api/nope", "/api/", "/api", "/api/universities/um5/extra"] {
        let (status, body) = error(app.get(path).await).await;
        assert_eq!((status, body.code), (404, ErrorCode::NotFound), "{path}");
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405_with_allow() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    for method in [
        reqwest::Method::POST,
        reqwest::Method::DELETE,
        reqwest::Method::PUT,
    ] {
        let response = app
            .client
            .request(method.clone(), format!("{}/api/universities", app.url))
            .body("{}")
            .send()
            .await
            .unwrap();
        let allow = response.headers()["allow"].to_str().unwrap().to_owned();
        assert!(allow.contains("GET"), "{allow}");
        let (status, body) = error(response).await;
        assert_eq!(
            (status, body.code),
            (405, ErrorCode::MethodNotAllowed),
            "{method}"
        );
    }
}

#[tokio::test]
async fn a_query_that_is_not_utf8_is_a_400() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    for query in ["university=%FF", "university=%C3%28", "%FF=1"] {
        let (status, body) = error(app.get(&format!("/api/offices?{query}")).await).await;
        assert_eq!(
            (status, body.code),
            (400, ErrorCode::InvalidQuery),
            "{query}"
        );
    }
}

#[tokio::test]
async fn an_over_long_query_is_a_400() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let long = "u".repeat(5000);
    let (status, body) = error(app.get(&format!("/api/offices?university={long}")).await).await;
    assert_eq!((status, body.code), (400, ErrorCode::QueryTooLong));
    // Even on a route that takes no query.
    let (status, _) = error(app.get(&format!("/api/health?x={long}")).await).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_repeated_parameter_is_a_400_not_a_panic() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let (status, body) = error(app.get("/api/offices?university=um5&university=uca").await).await;
    assert_eq!((status, body.code), (400, ErrorCode::InvalidQuery));
}

#[tokio::test]
async fn error_answers_are_not_cached() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let response = app.get("/api/nope").await;
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_a_400() {
    // serde reads a struct from an array too; a route that takes an object
    // refuses anything else, as its description says.
    let app = TestApp::spawn(Engine::Sqlite).await;
    for (path, body) in [
        ("/api/status", "[null, null]"),
        ("/api/status", "\"AB123456\""),
        ("/api/portal-identity", " [\"token\"]"),
        ("/api/status", "null"),
    ] {
        let response = app
            .client
            .post(format!("{}{path}", app.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let (status, error) = error(response).await;
        assert_eq!(
            (status, error.code),
            (400, ErrorCode::InvalidJson),
            "{body}"
        );
    }
    let response = app
        .client
        .post(format!("{}/api/status", app.url))
        .header("content-type", "application/problem+json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422, "a +json type is JSON");
}

#[tokio::test]
async fn the_openapi_description_is_served() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let description: serde_json::Value = response.json().await.unwrap();
    assert_eq!(description["openapi"], "3.1.0");
    let responses = &description["paths"]["/api/declarations"]["post"]["responses"];
    for status in ["201", "400", "409", "413", "415", "422", "429", "503"] {
        assert!(responses[status].is_object(), "{status}");
    }
}
