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
