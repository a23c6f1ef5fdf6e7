//! The HTTP surface: `/api/*` (one module per resource) and the built app.

mod app;
pub mod back_office;
mod config;
mod csp;
mod declarations;
mod embed;
mod extract;
mod health;
pub mod metrics;
mod middleware;
mod offices;
mod openapi;
mod operator;
mod portal;
mod reexaminations;
mod rosters;
mod service_worker;
mod status;
mod universities;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

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

    /// What the fund's operations reach.
    pub fn fund(&self) -> crate::fund::Fund<'_> {
        crate::fund::Fund {
            db: &self.db,
            config: &self.config,
            outbox_wake: &self.outbox_wake,
        }
    }
}

/// Every route of `/api`, with its description: each handler's
/// `#[utoipa::path]` gives both its place here and its operation in the
/// OpenAPI document, so that the two cannot differ.
pub(crate) fn api_routes() -> OpenApiRouter<ApiContext> {
    // A decision file may be larger than any other body.
    let decision_file = |(schemas, paths, method): UtoipaMethodRouter<ApiContext>| {
        let limit = DefaultBodyLimit::max(operator::IMPORT_LIMIT);
        (schemas, paths, method.layer(limit))
    };
    // A roster may be larger still: a university's whole year.
    let roster_file = |(schemas, paths, method): UtoipaMethodRouter<ApiContext>| {
        let limit = DefaultBodyLimit::max(crate::fund::roster::ROSTER_LIMIT);
        (schemas, paths, method.layer(limit))
    };
    OpenApiRouter::new()
        .routes(routes!(health::get))
        .routes(routes!(config::get))
        .routes(routes!(universities::list))
        .routes(routes!(offices::list))
        .routes(routes!(declarations::submit))
        .routes(routes!(status::lookup))
        .routes(routes!(reexaminations::request))
        .routes(routes!(portal::identity))
        .routes(routes!(operator::export))
        .routes(decision_file(routes!(operator::import)))
        .routes(routes!(operator::audit))
        .routes(routes!(operator::show))
        .routes(routes!(operator::correct))
        .routes(routes!(operator::set_aside))
        .routes(routes!(operator::erase))
        .routes(routes!(back_office::invite, back_office::list))
        .routes(routes!(back_office::revoke))
        .routes(routes!(back_office::enrol_start))
        .routes(routes!(back_office::enrol_finish))
        .routes(routes!(back_office::sign_in_start))
        .routes(routes!(back_office::sign_in_finish))
        .routes(routes!(back_office::session))
        .routes(routes!(back_office::sign_out))
        .routes(routes!(back_office::search))
        .routes(routes!(back_office::export))
        .routes(routes!(back_office::dashboard))
        .routes(routes!(back_office::show))
        .routes(routes!(back_office::decide))
        .routes(routes!(back_office::correct))
        .routes(routes!(back_office::set_aside))
        .routes(routes!(back_office::set_aside_others))
        .routes(decision_file(routes!(back_office::import)))
        .routes(roster_file(routes!(rosters::upload, rosters::state)))
        .routes(routes!(rosters::mark_final))
        .routes(roster_file(routes!(
            back_office::roster_upload,
            back_office::roster_state
        )))
        .routes(routes!(back_office::roster_final))
        .routes(routes!(back_office::refuse_not_enrolled))
}

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
    let (api, description) = api_routes().split_for_parts();
    // Written once: the description does not change while serving.
    let description: std::sync::Arc<str> = serde_json::to_string(&openapi::complete(description))
        .expect("the description serialises")
        .into();
    let api = api
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
