//! The API contract test: Schemathesis (from PyPI, in a virtual
//! environment under `target/`) reads `/api/openapi.json` from a real
//! server and tries every operation with inputs generated from it, valid
//! and not. Its checks: no 5xx; every status code, content type, header
//! and body as described; schema-violating requests refused; required
//! headers and the operator token really required; other methods refused.
//! Not `positive_data_acceptance`: the bodies are forms "as typed", strings
//! whose rules (a CIN's shape, a real date…) are the domain's, answered
//! `422 invalid_fields` as described.

use crate::Result;
use crate::process::{Cmd, root, step};
use crate::server::Server;
use std::path::PathBuf;

const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
    response_headers_conformance,response_schema_conformance,negative_data_rejection,\
    missing_required_header,unsupported_method,ignored_auth";

const TOKEN: &str = "contract-test-operator-token";

/// The generator's seed in the test command.
const SEED: &str = "20261125";

fn venv() -> PathBuf {
    root().join("target/contract-venv")
}

/// Creates the virtual environment, or brings it to `requirements.txt`.
pub fn ensure_schemathesis() -> Result {
    let requirements = root().join("tests/contract/requirements.txt");
    let wanted =
        std::fs::read(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let stamp = venv().join(".amoe-requirements.txt");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == wanted) {
        return Ok(());
    }
    step("Installing Schemathesis in target/contract-venv (once)");
    let venv = venv().to_string_lossy().into_owned();
    Cmd::new("python3", &["-m", "venv", "--clear", &venv]).run()?;
    let pip = format!("{venv}/bin/pip");
    Cmd::new(
        &pip,
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            &requirements.to_string_lossy(),
        ],
    )
    .run()?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// Runs Schemathesis against `target/debug/amoe-api` over `database_url`.
pub fn run(engine: &str, database_url: &str) -> Result {
    step(&format!("API contract (Schemathesis, {engine})"));
    let data = std::env::temp_dir().join(format!("amoe-contract-{}-{engine}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let hash = Cmd::new(
        "sh",
        &[
            "-c",
            &format!("printf %s '{TOKEN}' | sha256sum | cut -d' ' -f1"),
        ],
    )
    .output()
    .ok_or("sha256sum failed")?;
    let env = [
        ("DATABASE_URL", database_url.to_owned()),
        (
            "AMOE_OUTBOX_DIR",
            data.join("outbox").to_string_lossy().into_owned(),
        ),
        (
            "AMOE_JOURNAL",
            data.join("amoe.journal").to_string_lossy().into_owned(),
        ),
        ("AMOE_OPERATOR_TOKEN_SHA256", hash.trim().to_owned()),
        ("RUST_LOG", "error".to_owned()),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let mut server = Server::start(&root().join("target/debug/amoe-api"), &env)?;
    let schema = format!("{}/api/openapi.json", server.url);
    let authorization = format!("Authorization: Bearer {TOKEN}");
    // The same inputs every run, so that a red run is the code's doing and
    // can be replayed; AMOE_CONTRACT_SEED=random explores new ones.
    let seed = std::env::var("AMOE_CONTRACT_SEED").unwrap_or_else(|_| SEED.into());
    let mut args = vec![
        "run",
        &schema,
        "--checks",
        CHECKS,
        "--header",
        &authorization,
        "--max-examples",
        "60",
        "--workers",
        "2",
        "--no-color",
    ];
    if seed != "random" {
        args.extend(["--seed", &seed]);
    }
    let result = Cmd::new(&venv().join("bin/schemathesis").to_string_lossy(), &args)
        // Its cache goes with the run's files, not into the repository.
        .dir(&data)
        .run();
    server.stop();
    let _ = std::fs::remove_dir_all(&data);
    result
}
