//! The HTTP surface: `/api/*` (one module per resource) and the built app.

mod app;
pub mod back_office;
mod config;
mod csp;
mod decision_file;
mod declarations;
mod embed;
mod export;
mod extract;
mod health;
pub mod metrics;
mod middleware;
mod offices;
mod openapi;
mod operator;
mod portal;
mod service_worker;
mod status;
mod universities;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;

/// What every handler can reach: the configuration, whole, and what the
/// running service shares.
#[derive(Clone)]
pub struct ApiContext {
    pub db: Db,
    pub config: std::sync::Arc<Config>,
    pub metrics: metrics::Metrics,
    /// Wakes the outbox worker when a mail is queued.
    pub outbox_wake: std::sync::Arc<tokio::sync::Notify>,
    /// Passkeys for the back office (none when the public address cannot
    /// be a WebAuthn relying party, such as an IP address).
    pub webauthn: Option<std::sync::Arc<webauthn_rs::Webauthn>>,
}

impl ApiContext {
    /// The API's time.
    pub fn clock(&self) -> &Clock {
        &self.config.clock
    }
}

/// The API's routes (the metrics label requests by them).
pub const ROUTES: [&str; 30] = [
    "/api/health",
    "/api/config",
    "/api/universities",
    "/api/offices",
    "/api/declarations",
    "/api/status",
    "/api/portal-identity",
    "/api/operator/export",
    "/api/operator/decisions",
    "/api/operator/audit",
    "/api/operator/show",
    "/api/operator/correct",
    "/api/operator/erase",
    "/api/operator/agents",
    "/api/operator/agents/revoke",
    "/api/back-office/enrol/start",
    "/api/back-office/enrol/finish",
    "/api/back-office/sign-in/start",
    "/api/back-office/sign-in/finish",
    "/api/back-office/session",
    "/api/back-office/sign-out",
    "/api/back-office/search",
    "/api/back-office/export",
    "/api/back-office/dashboard",
    "/api/back-office/cases/{reference}",
    "/api/back-office/cases/{reference}/decision",
    "/api/back-office/cases/{reference}/correction",
    "/api/back-office/decisions",
    "/api/openapi.json",
    "/embed.js",
];

pub fn router(ctx: ApiContext) -> Router {
    let config = ctx.config.clone();
    let metrics = ctx.metrics.clone();
    let scrape = config
        .server
        .metrics_token
        .as_ref()
        .map(|token| metrics::Scrape {
            metrics: metrics.clone(),
            db: ctx.db.clone(),
            clock: ctx.clock().clone(),
            token: token.as_str().into(),
        });
    // Written once: the description does not change while serving.
    let description: std::sync::Arc<str> = serde_json::to_string(&openapi::document())
        .expect("the description serialises")
        .into();
    let api = Router::new()
        .route(
            "/openapi.json",
            get(move || {
                let description = description.clone();
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        description.to_string(),
                    )
                }
            }),
        )
        .route("/health", get(health::get))
        .route("/config", get(config::get))
        .route("/universities", get(universities::list))
        .route("/offices", get(offices::list))
        .route("/declarations", post(declarations::submit))
        .route("/status", post(status::lookup))
        .route("/portal-identity", post(portal::identity))
        .route("/operator/export", post(operator::export))
        .route("/operator/audit", get(operator::audit))
        .route("/operator/show", post(operator::show))
        .route("/operator/correct", post(operator::correct))
        .route("/operator/erase", post(operator::erase))
        .route(
            "/operator/agents",
            post(back_office::invite).get(back_office::list),
        )
        .route("/operator/agents/revoke", post(back_office::revoke))
        .route("/back-office/enrol/start", post(back_office::enrol_start))
        .route("/back-office/enrol/finish", post(back_office::enrol_finish))
        .route(
            "/back-office/sign-in/start",
            post(back_office::sign_in_start),
        )
        .route(
            "/back-office/sign-in/finish",
            post(back_office::sign_in_finish),
        )
        .route("/back-office/session", get(back_office::session))
        .route("/back-office/sign-out", post(back_office::sign_out))
        .route("/back-office/search", post(back_office::search))
        .route("/back-office/export", post(back_office::export))
        .route("/back-office/dashboard", get(back_office::dashboard))
        .route("/back-office/cases/{reference}", get(back_office::show))
        .route(
            "/back-office/cases/{reference}/decision",
            post(back_office::decide),
        )
        .route(
            "/back-office/cases/{reference}/correction",
            post(back_office::correct),
        )
        .route(
            "/back-office/decisions",
            post(back_office::import).layer(DefaultBodyLimit::max(operator::IMPORT_LIMIT)),
        )
        .route(
            "/operator/decisions",
            post(operator::import).layer(DefaultBodyLimit::max(operator::IMPORT_LIMIT)),
        )
        .fallback(|| async { Error::NotFound })
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        .with_state(ctx)
        .layer(axum::middleware::from_fn_with_state(
            config.server.query_limit,
            middleware::limit_query,
        ))
        .layer(DefaultBodyLimit::max(config.server.body_limit))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::map_response(|r| async {
            crate::error::ensure_json(r)
        }))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::custom(middleware::panic_to_json));

    let router = Router::new().nest("/api", api);
    let router = match scrape {
        Some(scrape) => router.route("/metrics", get(metrics::scrape).with_state(scrape)),
        None => router,
    };
    let router = match &config.server.dist_dir {
        Some(dist) => {
            let router = match app::back_office(dist) {
                Some(back_office) => router.merge(back_office),
                None => router,
            };
            let router = router
                .merge(app::router(dist, &config.portals.origins))
                .merge(embed::router());
            match service_worker::router(dist) {
                Some(worker) => router.merge(worker),
                None => router,
            }
        }
        None => router.fallback(|| async { Error::NotFound }),
    };
    router
        .layer(axum::middleware::from_fn_with_state(
            middleware::Https(config.is_https()),
            middleware::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            metrics::record,
        ))
        .layer(axum::middleware::from_fn(middleware::log_request))
}
