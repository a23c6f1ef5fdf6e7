//! An `amoe-api` process for the commands that measure or probe a real
//! server: started on a free port of loopback (it prints its URL first),
//! stopped with SIGTERM, or killed.

use crate::Result;
use crate::process::Cmd;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    /// Starts `binary` with `env` (beside `AMOE_ADDR=127.0.0.1:0` and
    /// `RUST_LOG=warn`, which `env` may override).
    pub fn start(binary: &Path, env: &[(String, String)]) -> Result<Server> {
        let mut command = std::process::Command::new(binary);
        command
            .env("AMOE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn");
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .ok_or_else(|| format!("the API did not print its URL: {line:?}"))?
            .trim_end_matches('/')
            .to_owned();
        Ok(Server { child, url })
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stop(&mut self) {
        let _ = Cmd::new("kill", &["-TERM", &self.child.id().to_string()]).run();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}
