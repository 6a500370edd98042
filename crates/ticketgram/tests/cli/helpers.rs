//! Running the binary hermetically: a clean environment (the developer's own `TICKETGRAM_*`
//! variables must not change results), its own working directory, and output captured.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A bot token shaped like a real one; must never appear in any output.
pub const TOKEN: &str = "987654321:AAFakeTokenForTestsOnly_never-PRINT";

/// A temporary working directory to run `ticketgram` in.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `ticketgram.toml`, which the binary picks up from its working directory.
    pub fn config(&self, text: &str) -> &Self {
        std::fs::write(self.path("ticketgram.toml"), text).expect("write config");
        self
    }

    /// `ticketgram ARGS` in this directory, with only the given environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ticketgram"));
        cmd.args(args).current_dir(self.dir.path()).env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd
    }
}

pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Output as text, with a readable dump for assertion messages.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn dump(&self) -> String {
        format!(
            "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn assert_success(&self) -> &Self {
        assert_eq!(self.code, Some(0), "{}", self.dump());
        self
    }

    pub fn assert_no_secret(&self, secret: &str) -> &Self {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "secret {secret:?} printed:\n{}",
            self.dump()
        );
        self
    }
}

pub fn run(cmd: &mut Command) -> Run {
    Run::of(cmd.output().expect("run ticketgram"))
}

/// Says that a PostgreSQL test did not run. Written to stderr directly, not with `eprintln!`,
/// so the test harness does not swallow it for passing tests.
pub fn skip_notice(test: &str) {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "notice: {test} skipped: set TEST_DATABASE_URL=postgres://... to run it on PostgreSQL"
    );
}

/// A fresh PostgreSQL database for one test, on the server `TEST_DATABASE_URL` names; dropped
/// when the value is dropped, also when the test fails half-way.
pub struct PgDatabase {
    pub url: String,
    admin_url: String,
    name: String,
}

impl PgDatabase {
    /// `None` when `TEST_DATABASE_URL` is not set: the caller prints [`skip_notice`].
    pub async fn create() -> Option<Self> {
        use sqlx::Connection as _;
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        let name = format!("tg_cli_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&name);
        Some(Self {
            url: url.to_string(),
            admin_url,
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop cannot await, and may run inside the test's runtime: a short-lived runtime on
        // its own thread does the clean-up.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                use sqlx::Connection as _;
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}
