//! Produces the figures in docs/benchmarks.md until `ticketgram bench` exists:
//!
//! ```text
//! cargo run --release -p ticketgram-bench --example bench -- \
//!     --database-url sqlite: --clients 50 --messages 10 [--flood-limits] [--cap-secs 600] [--json]
//! ```
//!
//! Arguments are parsed by hand: the library stays clap-free for the binary to wrap.

use std::process::ExitCode;
use std::time::Duration;
use ticketgram_bench::{run, BenchConfig};

const USAGE: &str = "usage: bench --database-url URL [--clients N] [--messages M] \
                     [--flood-limits] [--cap-secs S] [--json]";

fn parse_args() -> Result<(BenchConfig, bool), String> {
    let mut config = BenchConfig {
        database_url: "sqlite:".into(),
        clients: 50,
        messages_per_client: 10,
        flood_limits: false,
        duration_cap: Duration::from_secs(600),
    };
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{v}: {e}"));
        match arg.as_str() {
            "--database-url" => config.database_url = value()?,
            "--clients" => config.clients = number(value()?)? as usize,
            "--messages" => config.messages_per_client = number(value()?)? as usize,
            "--cap-secs" => config.duration_cap = Duration::from_secs(number(value()?)?),
            "--flood-limits" => config.flood_limits = true,
            "--json" => json = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok((config, json))
}

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .init();
    }
    let (config, json) = match parse_args() {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let report = match run(config).await {
        Ok(report) => report,
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{report}");
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("cannot encode the report: {e}"),
        }
    }
    ExitCode::SUCCESS
}
