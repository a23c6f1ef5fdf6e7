//! The AMOE API: a thin axum server over SQLite or PostgreSQL that also
//! serves the built app on the same port.

pub mod backup;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod http;
pub mod limits;
pub mod listener;
pub mod mail;
pub mod portal;
pub mod retention;
pub mod secret;

use config::Config;
use db::{Db, DbError};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// What the housekeeping needs to know.
struct Housekeeping {
    db: Db,
    metrics: http::metrics::Metrics,
    clock: clock::Clock,
    retention: retention::Retention,
    year_start: amoe_domain::declaration::YearStart,
    outbox_dir: std::path::PathBuf,
}

/// Every ten minutes, forgets the rate-limit buckets that are full again,
/// the used portal tokens that have expired, and what is past its
/// retention period.
async fn housekeeping(work: Housekeeping) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    let Housekeeping { db, clock, .. } = &work;
    loop {
        every.tick().await;
        match db::rate_limits::forget_full(db, clock.now_ms()).await {
            Ok(n) => work.metrics.erased("rate_limit_buckets", n),
            Err(e) => tracing::warn!(error = %e, "cannot forget full rate-limit buckets"),
        }
        match db::declarations::forget_used_tokens(&db.pool, clock.now_secs()).await {
            Ok(n) => work.metrics.erased("portal_tokens", n),
            Err(e) => tracing::warn!(error = %e, "cannot forget expired portal tokens"),
        }
        let now = clock.now();
        let progress = |what: retention::Erased, n: u64| {
            work.metrics.erased(what.as_str(), n);
            tracing::debug!(what = what.as_str(), n, "past its retention period, erased");
        };
        let purged = retention::purge(
            db,
            work.retention,
            work.year_start,
            now,
            &work.outbox_dir,
            &progress,
        )
        .await;
        match purged {
            Ok(purged) if purged != retention::Purged::default() => {
                tracing::info!(?purged, "past their retention period, erased")
            }
            Ok(_) => {}
            // What was erased stays erased; the next pass goes on from there.
            Err(e) => tracing::warn!(error = %e, "cannot erase what is past its retention"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Mail(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// A server that has opened its database and bound its port, ready to serve.
pub struct Server {
    listener: TcpListener,
    router: axum::Router,
    pub db: Db,
    clock: clock::Clock,
    connections: listener::Limits,
    retention: retention::Retention,
    year_start: amoe_domain::declaration::YearStart,
    outbox_dir: std::path::PathBuf,
    worker: Option<mail::worker::Worker>,
    metrics: http::metrics::Metrics,
}

impl Server {
    pub async fn build(config: Config) -> Result<Server, StartError> {
        for warning in config.warnings() {
            tracing::warn!("{warning}");
        }
        let db = Db::open(&config.database_url).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        let transport =
            mail::worker::Transport::new(config.smtp_url.as_deref(), config.outbox_dir.clone())
                .map_err(StartError::Mail)?;
        let from = config
            .mail_from
            .parse()
            .map_err(|e| StartError::Mail(format!("AMOE_MAIL_FROM is not an address: {e}")))?;
        let wake = std::sync::Arc::new(tokio::sync::Notify::new());
        let worker = config.outbox_poll.map(|poll| mail::worker::Worker {
            db: db.clone(),
            transport,
            from,
            poll,
            wake: wake.clone(),
            clock: config.clock.clone(),
            lease: config.outbox_lease,
        });
        let metrics = http::metrics::Metrics::default();
        let context = http::ApiContext {
            db: db.clone(),
            rules: config.rules,
            limits: config.limits,
            secret: config.secret.clone(),
            clock: config.clock.clone(),
            portals: config.portals.clone(),
            operator_tokens: config.operator_tokens.clone().into(),
            public_url: config.public_url.as_str().into(),
            trusted_proxy_hops: config.trusted_proxy_hops,
            controller: config.controller.as_str().into(),
            cndp_authorisation: config.cndp_authorisation.as_str().into(),
            metrics: metrics.clone(),
            outbox_wake: wake,
            outbox_dir: config.outbox_dir.clone().into(),
            webauthn: http::back_office::relying_party(&config.public_url).map(Into::into),
            agent_idle_secs: config.agent_idle.as_secs() as i64,
        };
        let router = http::router(context, &config);
        Ok(Server {
            listener,
            router,
            db,
            clock: config.clock,
            connections: config.connections,
            retention: config.retention,
            year_start: config.rules.year_start,
            outbox_dir: config.outbox_dir,
            worker,
            metrics,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests under
    /// way (for at most the shutdown deadline) and closes the database.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let cleaner = tokio::spawn(housekeeping(Housekeeping {
            db: self.db.clone(),
            metrics: self.metrics.clone(),
            clock: self.clock.clone(),
            retention: self.retention,
            year_start: self.year_start,
            outbox_dir: self.outbox_dir.clone(),
        }));
        let sender = self.worker.map(|worker| tokio::spawn(worker.run()));
        listener::serve(self.listener, self.router, self.connections, shutdown).await;
        cleaner.abort();
        if let Some(sender) = sender {
            sender.abort();
        }
        self.db.pool.close().await;
        Ok(())
    }
}
