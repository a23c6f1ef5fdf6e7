//! Running commands: each one is echoed, and a failure names it.

use crate::Result;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

pub fn step(title: &str) {
    eprintln!("\n==> {title}");
}

/// `PATH` with cargo's bin directory and the project's npm tools first.
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries have no separator")
}

pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

pub struct Cmd {
    command: Command,
    display: String,
}

impl Cmd {
    pub fn new<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Cmd {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(root())
            .env("PATH", path_env());
        let display = std::iter::once(program.to_owned())
            .chain(
                args.iter()
                    .map(|a| a.as_ref().to_string_lossy().into_owned()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        Cmd { command, display }
    }

    /// Runs in `dir` instead of the workspace root.
    pub fn dir(mut self, dir: &Path) -> Cmd {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        self.command.env(key, value);
        self
    }

    /// Runs with inherited output; an error if it fails or cannot start.
    pub fn run(mut self) -> Result {
        eprintln!("$ {}", self.display);
        let status = self
            .command
            .status()
            .map_err(|e| format!("cannot run `{}`: {e}", self.display))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.display))
        }
    }

    /// Runs quietly and returns its standard output, or `None` if it fails.
    pub fn output(mut self) -> Option<String> {
        let output = self
            .command
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

pub fn cargo(args: &[&str]) -> Cmd {
    Cmd::new(
        &std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
        args,
    )
}

/// Replaces this process with `command` (returns only on failure).
pub fn exec(mut command: Command) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    command.env("PATH", path_env()).exec()
}

pub fn is_root() -> bool {
    Cmd::new("id", &["-u"])
        .output()
        .is_some_and(|uid| uid.trim() == "0")
}
