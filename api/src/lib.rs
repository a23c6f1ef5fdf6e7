//! The AMOE API: a thin axum server over SQLite or PostgreSQL that also
//! serves the built app on the same port.

pub mod backup;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod fund;
pub mod http;
pub mod journal;
pub mod limits;
pub mod listener;
pub mod mail;
pub mod portal;
pub mod proof;
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
    config: std::sync::Arc<Config>,
}

/// Every ten minutes, forgets the rate-limit buckets that are full again,
/// the used portal tokens and proofs of work that have expired, matches
/// the rosters whose matching did not finish, and erases what is past its
/// retention period.
async fn housekeeping(work: Housekeeping) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    let Housekeeping { db, config, .. } = &work;
    let clock = &config.clock;
    loop {
        every.tick().await;
        match db::rate_limits::forget_full(db, clock.now_ms()).await {
            Ok(n) => work.metrics.erased("rate_limit_buckets", n),
            Err(e) => tracing::warn!(error = %e, "cannot forget full rate-limit buckets"),
        }
        match db::portal_tokens::forget_used_tokens(&db.pool, clock.now_secs()).await {
            Ok(n) => work.metrics.erased("portal_tokens", n),
            Err(e) => tracing::warn!(error = %e, "cannot forget expired portal tokens"),
        }
        match db::spent_proofs::forget_expired(&db.pool, clock.now_secs()).await {
            Ok(n) => work.metrics.erased("spent_proofs", n),
            Err(e) => tracing::warn!(error = %e, "cannot forget expired proofs of work"),
        }
        // A roster's matching that a restart cut short.
        match db::rosters::matching::match_unmatched(&db.pool, &config.secret, clock.now_secs())
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(marks = n, "rosters matched"),
            Err(e) => tracing::warn!(error = %e, "cannot match the rosters"),
        }
        let now = clock.now();
        let progress = |what: retention::Erased, n: u64| {
            work.metrics.erased(what.as_str(), n);
            tracing::debug!(what = what.as_str(), n, "past its retention period, erased");
        };
        let purged = retention::purge(
            db,
            config.privacy.retention,
            config.rules.year_start,
            now,
            &config.mail.outbox_dir,
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
    config: std::sync::Arc<Config>,
    worker: Option<mail::worker::Worker>,
    metrics: http::metrics::Metrics,
}

impl Server {
    pub async fn build(config: Config) -> Result<Server, StartError> {
        for warning in config.warnings() {
            tracing::warn!("{warning}");
        }
        let db = Db::open(&config.database.url).await?;
        let addr = config.server.addr;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let transport = mail::worker::Transport::new(
            config.mail.smtp_url.as_deref(),
            config.mail.outbox_dir.clone(),
        )
        .map_err(StartError::Mail)?;
        let from = config
            .mail
            .from
            .parse()
            .map_err(|e| StartError::Mail(format!("AMOE_MAIL_FROM is not an address: {e}")))?;
        let wake = std::sync::Arc::new(tokio::sync::Notify::new());
        let worker = config.mail.poll.map(|poll| mail::worker::Worker {
            db: db.clone(),
            transport,
            from,
            poll,
            wake: wake.clone(),
            clock: config.clock.clone(),
            lease: config.mail.lease,
        });
        let metrics = http::metrics::Metrics::default();
        let webauthn = http::back_office::relying_party(&config.server.public_url);
        let config = std::sync::Arc::new(config);
        let router = http::router(http::ApiContext {
            db: db.clone(),
            config: config.clone(),
            metrics: metrics.clone(),
            outbox_wake: wake,
            webauthn: webauthn.map(Into::into),
        });
        Ok(Server {
            listener,
            router,
            db,
            config,
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
            config: self.config.clone(),
        }));
        let sender = self.worker.map(|worker| tokio::spawn(worker.run()));
        listener::serve(
            self.listener,
            self.router,
            self.config.server.connections,
            shutdown,
        )
        .await;
        cleaner.abort();
        if let Some(sender) = sender {
            sender.abort();
        }
        self.db.pool.close().await;
        Ok(())
    }
}
