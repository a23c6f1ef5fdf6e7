//! `/metrics`: what an operator watches, in the Prometheus text format:
//! requests and their latency by route and status, refusals by limit, the
//! outbox's depth and the age of its oldest unsent mail, and the database
//! pool's use. Open only with `AMOE_METRICS_TOKEN` (a bearer token); without
//! it the route does not exist.

use crate::db::Db;
use crate::error::{Error, RefusedBy};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use sqlx::Row;
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;
use subtle::ConstantTimeEq;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    route: Cow<'static, str>,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: Cow<'static, str>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct What {
    what: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Refused {
    limit: &'static str,
}

/// The service's metrics (cheap to clone: every part is shared).
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<Answered, Counter>,
    latency: Family<Route, Histogram>,
    refusals: Family<Refused, Counter>,
    erased: Family<What, Counter>,
    outbox_unsent: Gauge,
    outbox_oldest_secs: Gauge,
    pool_connections: Gauge,
    pool_idle: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("amoe");
        let requests = Family::<Answered, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route, method and status",
            requests.clone(),
        );
        let latency = Family::<Route, Histogram>::new_with_constructor(|| {
            // 1 ms to about 16 s.
            Histogram::new(exponential_buckets(0.001, 2.0, 15))
        });
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route",
            latency.clone(),
        );
        let refusals = Family::<Refused, Counter>::default();
        registry.register(
            "rate_limit_refusals",
            "Requests refused by a rate limit, by limit",
            refusals.clone(),
        );
        let erased = Family::<What, Counter>::default();
        registry.register(
            "retention_erased",
            "Rows erased past their retention period, by what they were",
            erased.clone(),
        );
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let gauge = Gauge::default();
            registry.register(name, help, gauge.clone());
            gauge
        };
        let outbox_unsent = gauge(&mut registry, "outbox_unsent", "Mails queued, not sent yet");
        let outbox_oldest_secs = gauge(
            &mut registry,
            "outbox_oldest_unsent_seconds",
            "Age of the oldest mail not sent yet (0 when none)",
        );
        let pool_connections = gauge(
            &mut registry,
            "db_pool_connections",
            "Database connections open in the pool",
        );
        let pool_idle = gauge(&mut registry, "db_pool_idle", "Database connections idle");
        Metrics {
            registry: Arc::new(registry),
            requests,
            latency,
            refusals,
            erased,
            outbox_unsent,
            outbox_oldest_secs,
            pool_connections,
            pool_idle,
        }
    }
}

impl Metrics {
    /// Counts `n` rows of `what` erased by the housekeeping.
    pub fn erased(&self, what: &'static str, n: u64) {
        self.erased.get_or_create(&What { what }).inc_by(n);
    }
}

/// The label of a request: the API's route it matched (`/api/status`,
/// `/api/back-office/cases/{reference}`), `/api/other` for a path under
/// `/api` that none matched, `/embed.js` and `/metrics`, or `app` for the
/// built app's pages and files: a few labels, whatever is asked.
fn route_of(matched: Option<&MatchedPath>, path: &str) -> Cow<'static, str> {
    match matched.map(MatchedPath::as_str) {
        Some(route) if route.starts_with("/api/") && !route.contains('*') => {
            Cow::Owned(route.to_owned())
        }
        _ if path.starts_with("/api/") || path == "/api" => Cow::Borrowed("/api/other"),
        _ if path == "/metrics" => Cow::Borrowed("/metrics"),
        _ if path == "/embed.js" => Cow::Borrowed("/embed.js"),
        _ => Cow::Borrowed("app"),
    }
}

/// Counts and times every answer, and which limit refused it.
pub async fn record(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let route = route_of(
        request.extensions().get::<MatchedPath>(),
        request.uri().path(),
    );
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    metrics
        .latency
        .get_or_create(&Route {
            route: route.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&Answered {
            route,
            method,
            status: response.status().as_u16(),
        })
        .inc();
    if let Some(RefusedBy(limit)) = response.extensions().get::<RefusedBy>() {
        metrics.refusals.get_or_create(&Refused { limit }).inc();
    }
    response
}

/// What `/metrics` needs: the metrics, the database, the token.
#[derive(Clone)]
pub struct Scrape {
    pub metrics: Metrics,
    pub db: Db,
    pub clock: crate::clock::Clock,
    pub token: Arc<str>,
}

/// `GET /metrics` with `Authorization: Bearer <AMOE_METRICS_TOKEN>`.
pub async fn scrape(State(scrape): State<Scrape>, request: Request) -> Result<Response, Error> {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
        .as_bytes();
    if !bool::from(presented.ct_eq(scrape.token.as_bytes())) {
        return Err(Error::Unauthorized);
    }
    let row = sqlx::query(
        "SELECT COUNT(*) AS unsent, COALESCE(MIN(created_at), 0) AS oldest \
         FROM outbox WHERE sent_at IS NULL",
    )
    .fetch_one(&scrape.db.pool)
    .await?;
    let unsent: i64 = row.try_get("unsent")?;
    let oldest: i64 = row.try_get("oldest")?;
    let metrics = &scrape.metrics;
    metrics.outbox_unsent.set(unsent);
    metrics.outbox_oldest_secs.set(if unsent > 0 {
        (scrape.clock.now_secs() - oldest).max(0)
    } else {
        0
    });
    metrics
        .pool_connections
        .set(i64::from(scrape.db.pool.size()));
    metrics.pool_idle.set(scrape.db.pool.num_idle() as i64);
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &metrics.registry)
        .map_err(|_| Error::Internal)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}
