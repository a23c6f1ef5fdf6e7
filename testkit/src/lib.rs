//! What the API's tests and `cargo xtask` both start: nginx configured by
//! the repository's own `deploy/nginx/amoe.conf`, its ports moved, in front
//! of one or two replicas, so that what is tested and measured is the
//! configuration operators deploy.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// nginx, running until dropped (then it stops gracefully).
pub struct Nginx {
    child: Child,
    /// Where it listens: `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Nginx {
    /// The process, to signal it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-QUIT", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// The documented configuration.
pub fn documented_config() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx/amoe.conf")
}

/// The nginx binary Debian installs, if it is installed.
pub fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

/// A free port of this machine.
pub fn free_port() -> std::io::Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()
        .map(|addr| addr.port())
}

/// The documented configuration with its replicas moved to `ports` (one
/// or two: with one, the second replica's line goes) and its listener to
/// `127.0.0.1:listen`.
pub fn configuration(documented: &str, ports: &[u16], listen: u16) -> Result<String, String> {
    for expected in ["127.0.0.1:8081", "127.0.0.1:8082", "listen 8080;"] {
        if !documented.contains(expected) {
            return Err(format!("deploy/nginx/amoe.conf has no {expected}"));
        }
    }
    let mut config = String::new();
    for line in documented.lines() {
        let line = if line.contains("127.0.0.1:8081") {
            line.replace("127.0.0.1:8081", &format!("127.0.0.1:{}", ports[0]))
        } else if line.contains("127.0.0.1:8082") {
            match ports.get(1) {
                Some(second) => line.replace("127.0.0.1:8082", &format!("127.0.0.1:{second}")),
                None => continue,
            }
        } else {
            line.replace("listen 8080;", &format!("listen 127.0.0.1:{listen};"))
        };
        config.push_str(&line);
        config.push('\n');
    }
    Ok(config)
}

/// Starts nginx in `dir` with the documented configuration in front of
/// `ports`, and waits until it listens.
pub fn start(dir: &Path, ports: &[u16]) -> Result<Nginx, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let documented = std::fs::read_to_string(documented_config())
        .map_err(|e| format!("deploy/nginx/amoe.conf: {e}"))?;
    let port = free_port().map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("amoe.conf"),
        configuration(&documented, ports, port)?,
    )
    .map_err(|e| e.to_string())?;
    let d = dir.display();
    std::fs::write(
        dir.join("nginx.conf"),
        format!(
            "worker_processes 1;\nevents {{ worker_connections 4096; }}\nhttp {{\n  access_log off;\n  \
             client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  \
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  \
             scgi_temp_path {d}/scgi;\n  include {d}/amoe.conf;\n}}\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    let binary = nginx_binary()
        .ok_or("nginx is not installed: `cargo xtask test` installs it (apt-get install nginx)")?;
    let child = Command::new(binary)
        .args(["-p", &d.to_string(), "-c", &format!("{d}/nginx.conf"), "-g"])
        .arg(format!(
            "daemon off; pid {d}/nginx.pid; error_log {d}/error.log warn;"
        ))
        .spawn()
        .map_err(|e| format!("cannot start nginx: {e}"))?;
    let nginx = Nginx {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(10) {
            return Err("nginx did not start".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(nginx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_configuration_moves_to_the_ports_given() {
        let documented = std::fs::read_to_string(documented_config()).unwrap();
        let two = configuration(&documented, &[9001, 9002], 9000).unwrap();
        assert!(two.contains("127.0.0.1:9001") && two.contains("127.0.0.1:9002"));
        assert!(two.contains("listen 127.0.0.1:9000;"));
        let one = configuration(&documented, &[9001], 9000).unwrap();
        assert!(one.contains("127.0.0.1:9001") && !one.contains("8082"));
        assert!(configuration("server {}", &[9001], 9000).is_err());
    }
}
