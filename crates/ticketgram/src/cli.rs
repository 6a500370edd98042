//! The command line. Every subcommand reads the same layered configuration (see
//! `docs/configuration.md`); flags here only choose the file and override the log format.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::settings::LogFormat;

/// Ticketgram: a self-hosted, Telegram-first helpdesk.
///
/// Configuration comes from built-in defaults, then a TOML file, then TICKETGRAM_* environment
/// variables; `ticketgram check-config` shows the result. See docs/configuration.md.
#[derive(Debug, Parser)]
#[command(name = "ticketgram", version, propagate_version = true)]
pub struct Cli {
    /// TOML config file [default: ticketgram.toml in the working directory, if present]
    #[arg(
        long,
        short = 'c',
        global = true,
        env = "TICKETGRAM_CONFIG",
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    /// Log format; overrides log.format and TICKETGRAM_LOG_FORMAT
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub log_format: Option<LogFormat>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the helpdesk until Ctrl-C or SIGTERM
    ///
    /// Opens the database (bringing its schema up to date), then runs the bots. Without a bot
    /// token it starts a demo against the built-in Telegram sandbox, so a first run needs
    /// nothing but this command.
    Serve,

    /// Create or update the database schema, then exit
    ///
    /// `serve` does this on every start too; run it on its own to upgrade before a rollout or
    /// to check that the database URL works.
    Migrate,

    /// Validate the configuration and print it, secrets redacted
    ///
    /// Prints the effective configuration as TOML on stdout, each value annotated with where
    /// it came from (built-in default, config file, environment variable or flag). Exits with
    /// status 2 and a message naming the bad key and its source if the configuration is invalid.
    CheckConfig,

    /// Run the built-in Telegram Bot API sandbox on its own
    ///
    /// A local stand-in for api.telegram.org with simulated users, for trying Ticketgram or
    /// another bot without a real token. Point telegram.api_url at it.
    Sandbox(SandboxArgs),
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Address the sandbox listens on
    #[arg(long, default_value = "127.0.0.1:8081", value_name = "ADDR")]
    pub addr: SocketAddr,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
