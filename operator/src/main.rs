//! `amoe-operator`: the fund's operators export declarations to verify and
//! import decisions, over HTTP with their bearer token.
//!
//! The token is read from `AMOE_OPERATOR_TOKEN` (never from an argument,
//! which other users of the machine could see in the process list). An
//! `https://` server is checked against the system's roots, or against the
//! CA in `AMOE_CA_CERT` (a PEM file) for a private one.

use amoe_domain::messages::operator::{ImportReport, RowError};
use clap::{Parser, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    version,
    about = "Export AMOE declarations and import the fund's decisions"
)]
struct Cli {
    /// The AMOE server.
    #[arg(
        long,
        env = "AMOE_URL",
        default_value = "http://localhost:8080",
        global = true
    )]
    url: String,
    /// A CA certificate (PEM) to trust for an https:// server, beside the
    /// system's roots.
    #[arg(long, env = "AMOE_CA_CERT", global = true)]
    ca_cert: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the pending declarations (or those of --status) as JSON or CSV.
    Export {
        #[arg(long)]
        status: Option<String>,
        /// A university id, e.g. um5.
        #[arg(long)]
        university: Option<String>,
        /// Received on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Received on or before this day (YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Mark the exported received declarations under verification.
        #[arg(long)]
        mark: bool,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Imports a file of decisions (.csv or .json): all rows or none.
    Import {
        file: PathBuf,
        /// Check the file and report, without recording anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Reads a token on standard input and prints the SHA-256 the server is
    /// configured with (AMOE_OPERATOR_TOKEN_SHA256).
    HashToken,
    /// Lists what operators did, newest first: when, who (a short hash of
    /// their token), what, and its details.
    Audit,
    /// Prints everything stored about a declaration, or about every
    /// declaration of a CIN, as JSON (a student's right of access).
    Show {
        #[arg(long, conflicts_with = "cin", required_unless_present = "cin")]
        reference: Option<String>,
        #[arg(long)]
        cin: Option<String>,
    },
    /// Corrects fields of a declaration (a student's right of
    /// rectification) and prints it as corrected.
    Correct {
        reference: String,
        #[arg(long)]
        cin: Option<String>,
        #[arg(long)]
        massar: Option<String>,
        #[arg(long)]
        last_name: Option<String>,
        #[arg(long)]
        first_name: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        birth_date: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// "" removes it.
        #[arg(long)]
        phone: Option<String>,
        /// "" removes it.
        #[arg(long)]
        establishment: Option<String>,
    },
    /// Invites an agent to the back office and prints the one-time
    /// enrolment link (valid 24 hours) to give them, once.
    Invite {
        /// `fund` (sees and decides everything) or `university:<id>` (reads
        /// its own university's declarations and counts), e.g.
        /// `university:um5`.
        #[arg(long)]
        role: String,
        /// The agent's name, as colleagues know them (it names their
        /// actions in the audit log).
        #[arg(long)]
        name: String,
    },
    /// Lists the back office's agents: id, role, name, passkeys, open
    /// sessions, and whether revoked.
    Agents,
    /// Revokes an agent: their sessions end at once, their passkeys and
    /// enrolment link stop working.
    Revoke {
        /// The agent's id (see `agents`).
        agent: String,
    },
    /// Erases a declaration, its history and its mails, leaving an
    /// anonymous count; the reason is kept in the audit log.
    Erase {
        reference: String,
        /// Why, without the student's personal data (e.g. "request of
        /// 2026-11-20, letter 42").
        #[arg(long)]
        reason: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("amoe-operator: {message}");
            ExitCode::FAILURE
        }
    }
}

fn token() -> Result<String, String> {
    std::env::var("AMOE_OPERATOR_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| "set AMOE_OPERATOR_TOKEN to your operator token".into())
}

/// An error and its causes (a refused certificate is a cause of a cause).
fn reasons(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// An HTTP client that checks an https:// server against the system's
/// roots and `ca_cert`, if given.
fn client(ca_cert: Option<&std::path::Path>) -> Result<reqwest::blocking::Client, String> {
    let mut builder = reqwest::blocking::Client::builder();
    if let Some(path) = ca_cert {
        let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| format!("{}: not PEM certificates: {e}", path.display()))?;
        if certificates.is_empty() {
            return Err(format!("{}: no certificate in it", path.display()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|e| format!("cannot set up HTTPS: {e}"))
}

/// Refuses to send the token in clear over a network: plain `http://` is
/// for this machine only.
fn check_url(url: &str) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("AMOE_URL {url:?}: {e}"))?;
    let local = match parsed.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if local => Ok(()),
        "http" => Err(format!(
            "AMOE_URL {url} is plain http:// to another machine: your token and the \
             students' data would cross the network in clear; use https://"
        )),
        other => Err(format!(
            "AMOE_URL {url}: {other}:// is neither http nor https"
        )),
    }
}

fn run(cli: Cli) -> Result<(), String> {
    if !matches!(cli.command, Command::HashToken) {
        check_url(&cli.url)?;
    }
    let client = client(cli.ca_cert.as_deref())?;
    let base = cli.url.trim_end_matches('/');
    let post = |path: &str, request: &serde_json::Value| -> Result<Vec<u8>, String> {
        let response = client
            .post(format!("{base}{path}"))
            .bearer_auth(token()?)
            .json(request)
            .send()
            .map_err(|e| format!("cannot reach {base}: {}", reasons(&e)))?;
        answer(response)
    };
    let print_json = |body: &[u8]| -> Result<(), String> {
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| format!("unexpected answer: {e}"))?;
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        println!("{text}");
        Ok(())
    };
    match cli.command {
        Command::Show { reference, cin } => {
            let body = post(
                "/api/operator/show",
                &serde_json::json!({"reference": reference, "cin": cin}),
            )?;
            print_json(&body)
        }
        Command::Correct {
            reference,
            cin,
            massar,
            last_name,
            first_name,
            birth_date,
            email,
            phone,
            establishment,
        } => {
            let changes = amoe_domain::messages::operator::Changes {
                cin,
                massar,
                last_name,
                first_name,
                birth_date,
                email,
                phone,
                establishment,
            };
            let body = post(
                "/api/operator/correct",
                &serde_json::json!({"reference": reference, "changes": changes}),
            )?;
            print_json(&body)
        }
        Command::Erase { reference, reason } => {
            let body = post(
                "/api/operator/erase",
                &serde_json::json!({"reference": reference, "reason": reason}),
            )?;
            let erased: amoe_domain::messages::operator::EraseResponse =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            println!(
                "{} erased, with {} events and {} mails",
                erased.reference, erased.events, erased.mails
            );
            Ok(())
        }
        Command::Invite { role, name } => {
            let body = post(
                "/api/operator/agents",
                &serde_json::json!({"role": role, "name": name}),
            )?;
            let invitation: amoe_domain::messages::back_office::Invitation =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            let role = match &invitation.agent.university {
                Some(university) => format!("{} {university}", invitation.agent.role),
                None => invitation.agent.role.clone(),
            };
            println!(
                "{} ({role}) is invited as agent {}.\n\
                 Give them this link, once, by a channel you trust; it works for 24 hours:\n\n{}",
                invitation.agent.name, invitation.agent.id, invitation.link
            );
            Ok(())
        }
        Command::Agents => {
            let response = client
                .get(format!("{base}/api/operator/agents"))
                .bearer_auth(token()?)
                .send()
                .map_err(|e| format!("cannot reach {base}: {}", reasons(&e)))?;
            let body = answer(response)?;
            let list: amoe_domain::messages::back_office::AgentList =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            let mut out = std::io::stdout().lock();
            for listed in list.agents {
                let agent = &listed.agent;
                let role = match &agent.university {
                    Some(university) => format!("{}:{university}", agent.role),
                    None => agent.role.clone(),
                };
                let state = if listed.revoked_at.is_some() {
                    "revoked".to_owned()
                } else {
                    format!("{} passkeys, {} sessions", listed.passkeys, listed.sessions)
                };
                writeln!(out, "{}  {role}  {}  ({state})", agent.id, agent.name)
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Command::Revoke { agent } => {
            let body = post(
                "/api/operator/agents/revoke",
                &serde_json::json!({"agent": agent}),
            )?;
            let revoked: amoe_domain::messages::back_office::Revoked =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            println!(
                "{} is revoked; {} sessions ended",
                revoked.agent.name, revoked.sessions_ended
            );
            Ok(())
        }
        Command::Audit => {
            let response = client
                .get(format!("{base}/api/operator/audit"))
                .bearer_auth(token()?)
                .send()
                .map_err(|e| format!("cannot reach {base}: {}", reasons(&e)))?;
            let body = answer(response)?;
            let log: amoe_domain::messages::operator::AuditResponse =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            let mut out = std::io::stdout().lock();
            for entry in log.entries {
                writeln!(
                    out,
                    "{}  {}  {}  {}",
                    entry.at, entry.actor, entry.action, entry.detail
                )
                .map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Command::HashToken => {
            let mut token = String::new();
            std::io::stdin()
                .read_to_string(&mut token)
                .map_err(|e| e.to_string())?;
            let token = token.trim();
            if token.is_empty() {
                return Err("the token is empty: give the token on standard input \
                            (the server refuses the hash of an empty one)"
                    .into());
            }
            println!("{:x}", Sha256::digest(token.as_bytes()));
            Ok(())
        }
        Command::Export {
            status,
            university,
            since,
            until,
            mark,
            format,
            output,
        } => {
            let request = serde_json::json!({
                "status": status, "university": university, "since": since, "until": until,
                "mark": mark, "format": match format { Format::Csv => "csv", Format::Json => "json" },
            });
            let response = client
                .post(format!("{base}/api/operator/export"))
                .bearer_auth(token()?)
                .json(&request)
                // The client's usual 30 s would cut a national export: the
                // server streams it, about a minute for a million rows.
                .timeout(std::time::Duration::from_secs(6 * 3600))
                .send()
                .map_err(|e| format!("cannot reach {base}: {}", reasons(&e)))?;
            if !response.status().is_success() {
                answer(response)?;
                return Err("the server refused the export".into());
            }
            // Written as it arrives: memory holds a buffer, not the export.
            let mut response = response;
            let (copied, place) = match &output {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    let mut file = std::io::BufWriter::new(file);
                    let copied = std::io::copy(&mut response, &mut file).and_then(|n| {
                        file.flush()?;
                        Ok(n)
                    });
                    (copied, path.display().to_string())
                }
                None => {
                    let mut stdout = std::io::stdout().lock();
                    let copied = std::io::copy(&mut response, &mut stdout).and_then(|n| {
                        stdout.flush()?;
                        Ok(n)
                    });
                    (copied, "the standard output".to_owned())
                }
            };
            copied.map_err(|e| {
                format!(
                    "the export was cut short ({}): {place} holds what arrived; with --mark, what \
                     the server sent before the cut was marked; export again for the rest",
                    reasons(&e)
                )
            })?;
            Ok(())
        }
        Command::Import { file, dry_run } => {
            let content_type = match file.extension().and_then(|e| e.to_str()) {
                Some("csv") => "text/csv",
                Some("json") => "application/json",
                _ => return Err(format!("{}: expected a .csv or .json file", file.display())),
            };
            let body = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let response = client
                .post(format!("{base}/api/operator/decisions?dry_run={dry_run}"))
                .bearer_auth(token()?)
                .header("content-type", content_type)
                .body(body)
                .send()
                .map_err(|e| format!("cannot reach {base}: {}", reasons(&e)))?;
            let body = answer(response)?;
            let report: ImportReport =
                serde_json::from_slice(&body).map_err(|e| format!("unexpected answer: {e}"))?;
            println!(
                "{} rows: {} decisions {}, {} already recorded",
                report.rows,
                report.applied,
                if report.dry_run {
                    "would be recorded (dry run)"
                } else {
                    "recorded"
                },
                report.unchanged
            );
            Ok(())
        }
    }
}

/// The body of a successful answer, or the server's explanation.
fn answer(response: reqwest::blocking::Response) -> Result<Vec<u8>, String> {
    let status = response.status();
    let body = response.bytes().map_err(|e| e.to_string())?.to_vec();
    if status.is_success() {
        return Ok(body);
    }
    let error: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let mut message = format!(
        "the server refused ({status}): {}",
        error["message"].as_str().unwrap_or("no explanation")
    );
    if let Ok(rows) = serde_json::from_value::<Vec<RowError>>(error["rows"].clone()) {
        for row in rows {
            message.push_str(&format!(
                "\n  row {}, column {}: {}",
                row.row, row.column, row.code
            ));
        }
    }
    if let Some(fields) = error["fields"].as_array() {
        for field in fields {
            message.push_str(&format!("\n  {}: {}", field["field"], field["code"]));
        }
    }
    Err(message)
}
