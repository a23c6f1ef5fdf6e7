//! `amoe-api`: reads its configuration from the environment (see docs/operating.md),
//! opens and migrates the database, seeds the reference data, and serves the
//! app and `/api/*` until Ctrl-C or SIGTERM. `amoe-api backup PATH` copies
//! the SQLite database while it serves; `amoe-api restore PATH` puts a copy
//! back, the service stopped, and applies the journal of erasures and
//! revocations again; `amoe-api reapply` does that alone (after
//! PostgreSQL's `pg_restore`).

use amoe_api::Server;
use amoe_api::config::Config;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command] = &args[..] {
        if command != "reapply" {
            eprintln!("usage: amoe-api [backup PATH | restore PATH | reapply]");
            return ExitCode::from(2);
        }
        return match reapply().await {
            Ok(message) => {
                say(&format!("reapply: {message}"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("amoe-api: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let [command, path] = &args[..] {
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| amoe_api::db::DEFAULT_DATABASE_URL.into());
        let path = std::path::Path::new(path);
        let done = match command.as_str() {
            "backup" => amoe_api::backup::backup(&database_url, path).await,
            "restore" => match amoe_api::backup::restore(&database_url, path).await {
                Ok(()) => match reapply().await {
                    Ok(message) => {
                        say(&format!("restore: {message}"));
                        Ok(())
                    }
                    Err(e) => {
                        eprintln!("amoe-api: the backup is in place, but {e}");
                        return ExitCode::FAILURE;
                    }
                },
                Err(e) => Err(e),
            },
            _ => {
                eprintln!("usage: amoe-api [backup PATH | restore PATH | reapply]");
                return ExitCode::from(2);
            }
        };
        return match done {
            Ok(()) => {
                say(&format!("{command}: {} done", path.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("amoe-api: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("amoe-api: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match Server::build(config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("amoe-api: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = server.local_addr();
    let host = if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        "localhost".to_string()
    } else {
        addr.ip().to_string()
    };
    say(&format!(
        "AMOE is running at http://{host}:{}/ ({} database). Press Ctrl-C to stop.",
        addr.port(),
        server.db.backend.as_str()
    ));
    match server.serve(shutdown_signal()).await {
        Ok(()) => {
            say("AMOE stopped.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("amoe-api: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a line for the person who started the server. A closed stdout
/// (the parent went away) must not bring the server down, as `println!`
/// would by panicking.
fn say(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Applies the journal of erasures and revocations (`AMOE_JOURNAL`) to the
/// database (`DATABASE_URL`) again: what a restored backup brought back
/// goes again.
async fn reapply() -> Result<String, String> {
    let config = Config::read(&amoe_api::config::Env::process()).map_err(|e| e.to_string())?;
    let db = amoe_api::db::Db::open(&config.database.url)
        .await
        .map_err(|e| e.to_string())?;
    let journal = amoe_api::journal::Journal::at(&config.privacy.journal);
    let done = amoe_api::journal::reapply(&db, &config.secret, &journal)
        .await
        .map_err(|e| e.to_string());
    db.pool.close().await;
    let done = done?;
    let path = config.privacy.journal.display();
    if !done.found {
        return Ok(format!(
            "no journal at {path}: nothing applied again (is AMOE_JOURNAL set as the service's?)"
        ));
    }
    let cut = match done.cut {
        0 => String::new(),
        n => format!(" ({n} line(s) cut short by a crash skipped: their actions never happened)"),
    };
    Ok(format!(
        "{} erased and {} revoked again from {path}{cut}",
        done.erased, done.revoked
    ))
}
