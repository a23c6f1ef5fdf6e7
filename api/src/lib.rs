//! The AMOE API: a thin axum server over SQLite or PostgreSQL that also
//! serves the built app on the same port.

pub mod config;
pub mod db;
pub mod error;
pub mod http;

use config::Config;
use db::{Db, DbError};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] DbError),
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
        let context = http::ApiContext {
            db: db.clone(),
            rules: config.rules,
        };
        let router = http::router(context, &config);
        Ok(Server {
            listener,
            router,
            db,
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
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await?;
        self.db.pool.close().await;
        Ok(())
    }
}
