//! A throwaway PostgreSQL cluster for the tests: created in a temporary
//! directory on a free port, removed when dropped. PostgreSQL refuses to run
//! as root, so as root it runs as the `postgres` user (Debian's package
//! creates it). It speaks TLS with a certificate for `localhost` and
//! `127.0.0.1` signed by a throwaway CA (made with `openssl`), so the tests
//! can connect with `sslmode=verify-full`; a second CA that signed nothing
//! lets them see a certificate fail to verify.

use crate::Result;
use crate::process::{Cmd, step};
use std::path::PathBuf;

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`.
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    pub fn start() -> Result<Cluster> {
        step("Starting a throwaway PostgreSQL cluster");
        let bin = bin_dir().ok_or("PostgreSQL is not installed (apt-get install postgresql)")?;
        let dir = std::env::temp_dir().join(format!("amoe-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let as_postgres = crate::process::is_root();
        if as_postgres {
            Cmd::new("chown", &["postgres:postgres", &dir.to_string_lossy()]).run()?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let cluster = Cluster {
            dir,
            bin,
            port,
            as_postgres,
        };
        cluster.make_certificates()?;
        let data = cluster.dir.join("data");
        let data = data.to_string_lossy();
        cluster
            .pg(
                "initdb",
                &[
                    "-D",
                    &data,
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "--no-sync",
                ],
            )
            .run()?;
        let options = format!(
            "-p {port} -k {socket} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
             -c ssl=on -c ssl_cert_file={tls}/server.crt -c ssl_key_file={tls}/server.key",
            socket = cluster.dir.display(),
            tls = cluster.tls_dir().display(),
        );
        let log = cluster.dir.join("server.log");
        cluster
            .pg(
                "pg_ctl",
                &[
                    "-D",
                    &data,
                    "-l",
                    &log.to_string_lossy(),
                    "-o",
                    &options,
                    "-w",
                    "start",
                ],
            )
            .run()?;
        Ok(cluster)
    }

    /// The superuser URL; tests create one database each from it.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Creates an empty database and answers its URL.
    pub fn create_database(&self, name: &str) -> Result<String> {
        self.pg(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-q",
                "-c",
                &format!("CREATE DATABASE {name}"),
            ],
        )
        .run()?;
        Ok(format!(
            "postgres://postgres@127.0.0.1:{}/{name}",
            self.port
        ))
    }

    fn tls_dir(&self) -> PathBuf {
        self.dir.join("tls")
    }

    /// The CA that signed the server's certificate.
    pub fn ca(&self) -> PathBuf {
        self.tls_dir().join("ca.crt")
    }

    /// A CA that signed nothing the server has.
    pub fn other_ca(&self) -> PathBuf {
        self.tls_dir().join("other-ca.crt")
    }

    /// A CA, another one, and the server's key and certificate (for
    /// `localhost` and `127.0.0.1`, signed by the first), readable by the
    /// server alone.
    fn make_certificates(&self) -> Result {
        let tls = self.tls_dir();
        std::fs::create_dir_all(&tls).map_err(|e| format!("{}: {e}", tls.display()))?;
        let path = |name: &str| tls.join(name).to_string_lossy().into_owned();
        for ca in ["ca", "other-ca"] {
            Cmd::new(
                "openssl",
                &[
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    &format!("/CN=AMOE test {ca}"),
                    "-keyout",
                    &path(&format!("{ca}.key")),
                    "-out",
                    &path(&format!("{ca}.crt")),
                ],
            )
            .run()?;
        }
        Cmd::new(
            "openssl",
            &[
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                &path("server.key"),
                "-out",
                &path("server.csr"),
            ],
        )
        .run()?;
        std::fs::write(
            tls.join("server.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
        )
        .map_err(|e| e.to_string())?;
        Cmd::new(
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                &path("server.csr"),
                "-CA",
                &path("ca.crt"),
                "-CAkey",
                &path("ca.key"),
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                &path("server.ext"),
                "-out",
                &path("server.crt"),
            ],
        )
        .run()?;
        if self.as_postgres {
            Cmd::new(
                "chown",
                &["-R", "postgres:postgres", &tls.to_string_lossy()],
            )
            .run()?;
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            tls.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .map_err(|e| e.to_string())?;
        Ok(())
    }

    fn pg(&self, program: &str, args: &[&str]) -> Cmd {
        let program = self.bin.join(program).to_string_lossy().into_owned();
        if self.as_postgres {
            let mut all = vec!["-u", "postgres", "--", program.as_str()];
            all.extend(args);
            // Debian keeps runuser in /usr/sbin, which a CI PATH may lack.
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser"]
                .into_iter()
                .find(|path| std::path::Path::new(path).exists())
                .unwrap_or("runuser");
            Cmd::new(runuser, &all)
        } else {
            Cmd::new(&program, args)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self
            .pg(
                "pg_ctl",
                &["-D", &data.to_string_lossy(), "-m", "immediate", "stop"],
            )
            .run();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
