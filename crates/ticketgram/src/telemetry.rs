//! Logging setup: `tracing` to stderr, human-readable by default or JSON for log collectors.
//!
//! Logs go to stderr so that command output on stdout (`check-config`) stays clean to pipe.
//! Nothing here logs configuration values; secrets are redacted by their types anyway.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

use crate::settings::{LogFormat, LogSettings};

#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    #[error("RUST_LOG is not a valid tracing filter")]
    BadRustLog(#[source] tracing_subscriber::filter::ParseError),
    #[error("log.filter is not a valid tracing filter")]
    BadFilter(#[source] tracing_subscriber::filter::ParseError),
}

/// Installs the global subscriber. `rust_log` (the `RUST_LOG` variable, passed in rather than
/// read here) wins over `log.filter` so a developer can turn up one module without editing files.
///
/// Calling it again (several tests in one process) keeps the first subscriber.
pub fn init(log: &LogSettings, rust_log: Option<&str>) -> Result<(), TelemetryError> {
    let filter = match rust_log.filter(|v| !v.trim().is_empty()) {
        Some(directives) => EnvFilter::try_new(directives).map_err(TelemetryError::BadRustLog)?,
        None => EnvFilter::try_new(&log.filter).map_err(TelemetryError::BadFilter)?,
    };
    // Colours only for a terminal: escape codes in files and collectors are noise.
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    // `try_init` fails only if a subscriber is already set, which is fine to ignore.
    let _ = match log.format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init(),
    };
    Ok(())
}
