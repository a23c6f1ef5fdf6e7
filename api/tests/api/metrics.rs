//! `/metrics`: closed without its token, and then what an operator needs:
//! requests by route and status, refusals by limit, the outbox's depth.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp};
use amoe_api::db::rate_limits::Limit;

const TOKEN: &str = "metrics-test-token";

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/metrics", app.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The value of the sample line that starts with `name{labels}`.
fn sample(text: &str, start: &str) -> f64 {
    text.lines()
        .find(|line| line.starts_with(start))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no {start} in\n{text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_its_token_there_is_no_metrics_route() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    assert_eq!(scrape(&app, Some(TOKEN)).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_refusals_and_the_outbox() {
    let app = TestApp::spawn_configured(Engine::Sqlite, |config| {
        config.server.metrics_token = Some(TOKEN.into());
        config.mail.poll = None;
        config.limits.status_per_address = Limit::per(1, 3600);
    })
    .await;
    assert_eq!(scrape(&app, None).await.status(), 401);
    assert_eq!(scrape(&app, Some("wrong")).await.status(), 401);
    assert_eq!(app.get("/api/health").await.status(), 200);
    assert_eq!(app.get("/api/no-such-route").await.status(), 404);
    let case = app.get("/api/back-office/cases/AMOE-2345-6789").await;
    assert_eq!(case.status(), 401);
    assert_eq!(app.declare(&key(), &form(1)).await.status(), 201);
    let lookup = serde_json::json!({"cin": "AB100002", "massar": "R130000002",
        "birth_day": "7", "birth_month": "3", "birth_year": "2004"});
    assert_eq!(app.status(&lookup).await.status(), 404);
    assert_eq!(app.status(&lookup).await.status(), 429);

    let response = scrape(&app, Some(TOKEN)).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let requests = "amoe_http_requests_total{route=";
    assert_eq!(
        sample(
            &text,
            &format!(r#"{requests}"/api/health",method="GET",status="200"}}"#)
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            &format!(r#"{requests}"/api/status",method="POST",status="429"}}"#)
        ),
        1.0
    );
    // A route is labelled by its pattern, never by what fills it.
    assert_eq!(
        sample(
            &text,
            &format!(
                r#"{requests}"/api/back-office/cases/{{reference}}",method="GET",status="401"}}"#
            )
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            &format!(r#"{requests}"/api/other",method="GET",status="404"}}"#)
        ),
        1.0
    );
    assert!(!text.contains("AMOE-2345"), "{text}");
    assert_eq!(
        sample(
            &text,
            r#"amoe_rate_limit_refusals_total{limit="status-address"}"#
        ),
        1.0
    );
    assert!(
        sample(
            &text,
            r#"amoe_http_request_duration_seconds_count{route="/api/declarations"}"#
        ) >= 1.0
    );
    assert_eq!(sample(&text, "amoe_outbox_unsent "), 1.0);
    assert!(sample(&text, "amoe_outbox_oldest_unsent_seconds ") >= 0.0);
    assert!(sample(&text, "amoe_db_pool_connections ") >= 1.0);
    // No personal data in any label.
    assert!(!text.contains("AB100"), "{text}");
}
