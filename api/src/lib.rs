//! The AMOE API: a thin axum server over SQLite or PostgreSQL that also
//! serves the built app on the same port.

pub mod config;
pub mod db;
pub mod error;
pub mod http;
pub mod mail;

use config::Config;
use db::{Db, DbError};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Every ten minutes, forgets rate-limit windows older than a day (the
/// longest window anyone would configure).
async fn forget_old_attempts(db: Db) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        let day_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 86_400;
        if let Err(e) = db::rate_limits::forget_before(&db.pool, day_ago).await {
            tracing::warn!(error = %e, "cannot forget old rate-limit windows");
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
    worker: Option<mail::worker::Worker>,
}

impl Server {
    pub async fn build(config: Config) -> Result<Server, StartError> {
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
        });
        let context = http::ApiContext {
            db: db.clone(),
            rules: config.rules,
            status_per_ip: config.status_per_ip,
            status_failures_per_cin: config.status_failures_per_cin,
            secret: config.secret.as_str().into(),
            operator_tokens: config.operator_tokens.clone().into(),
            public_url: config.public_url.as_str().into(),
            trusted_proxy_hops: config.trusted_proxy_hops,
            conflicts_per_ip: config.conflicts_per_ip,
            controller: config.controller.as_str().into(),
            cndp_authorisation: config.cndp_authorisation.as_str().into(),
            outbox_wake: wake,
        };
        let router = http::router(context, &config);
        Ok(Server {
            listener,
            router,
            db,
            worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests under
    /// way and closes the database.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let cleaner = tokio::spawn(forget_old_attempts(self.db.clone()));
        let sender = self.worker.map(|worker| tokio::spawn(worker.run()));
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await?;
        cleaner.abort();
        if let Some(sender) = sender {
            sender.abort();
        }
        self.db.pool.close().await;
        Ok(())
    }
}
