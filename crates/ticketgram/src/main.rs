//! `ticketgram` entry point: parse the command line, load settings, dispatch.
//!
//! Errors are printed once, as one line with their causes (`error: a: b: c`). The exit status
//! is 2 for configuration errors, so scripts can tell "fix the config" from "the run failed".

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;
use ticketgram::cli::{BenchArgs, Cli, Command, SandboxArgs};
use ticketgram::settings::{Env, LoadOptions, Loaded, Settings, SettingsError};
use ticketgram::{admin, api_tokens, app, desk_admin, flow, shutdown, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match try_main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A flow's problems, one per line, before the line saying how many.
            if let Some(invalid) = error.downcast_ref::<flow::InvalidFlow>() {
                print!("{}", invalid.listing);
            }
            eprintln!("error: {}", one_line(&error));
            if error.chain().any(|cause| cause.is::<SettingsError>()) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// The error and its causes on one line, skipping a cause whose text the previous message
/// already includes (several library errors print their source inside their own message).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    let mut previous = String::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if !previous.contains(&message) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&message);
        }
        previous = message;
    }
    line
}

fn try_main(cli: Cli) -> anyhow::Result<()> {
    // Needs neither a configuration nor a database: files in, figures out.
    if let Command::Classify(command) = cli.command {
        print!("{}", ticketgram::classify::run(command)?);
        return Ok(());
    }
    if let Command::Kb(command) = cli.command {
        print!("{}", ticketgram::kb::run(command)?);
        return Ok(());
    }
    // `flow validate` and `flow builtin` likewise: a file in, problems out.
    if matches!(&cli.command, Command::Flow(command) if flow::is_offline(command)) {
        if let Command::Flow(command) = cli.command {
            print!("{}", flow::run_offline(command)?);
        }
        return Ok(());
    }
    let env = Env::from_process()?;
    let rust_log = env.get("RUST_LOG").map(str::to_owned);
    let webhook_url = match &cli.command {
        Command::Serve(args) => args.webhook_url.clone(),
        _ => None,
    };
    let loaded = Settings::load(LoadOptions {
        config_file: cli.config.as_deref(),
        working_dir: None,
        env,
        log_format: cli.log_format,
        webhook_url,
    })?;

    if let Command::CheckConfig = cli.command {
        return check_config(&loaded);
    }

    telemetry::init(&loaded.settings.log, rust_log.as_deref())?;
    for warning in &loaded.warnings {
        tracing::warn!("{warning}");
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let settings = loaded.settings;
    match cli.command {
        Command::Serve(_) => runtime.block_on(async {
            let shutdown = shutdown::signal().context("cannot listen for shutdown signals")?;
            app::run(settings, shutdown).await?;
            Ok::<_, anyhow::Error>(())
        })?,
        Command::Migrate => {
            runtime.block_on(async {
                let store = app::migrate(&settings.database).await?;
                store.close().await;
                Ok::<_, app::RunError>(())
            })?;
        }
        Command::Sandbox(args) => runtime.block_on(sandbox(args))?,
        Command::Bench(args) => runtime.block_on(bench(args))?,
        Command::Desk(command) => {
            print!(
                "{}",
                runtime.block_on(desk_admin::desk(&settings, command))?
            )
        }
        Command::Agent(command) => {
            print!("{}", runtime.block_on(admin::agent(&settings, command))?)
        }
        Command::Topic(command) => {
            print!("{}", runtime.block_on(admin::topic(&settings, command))?)
        }
        Command::ApiToken(command) => {
            print!(
                "{}",
                runtime.block_on(api_tokens::api_token(&settings, command))?
            )
        }
        Command::Flow(command) => {
            print!("{}", runtime.block_on(flow::run(&settings, command))?)
        }
        Command::Backup { file } => {
            print!(
                "{}",
                runtime.block_on(ticketgram::backup::backup(&settings, &file))?
            )
        }
        Command::CheckConfig | Command::Classify(_) | Command::Kb(_) => {
            unreachable!("handled above")
        }
    }
    Ok(())
}

/// Runs the load benchmark and prints its report (figures in docs/benchmarks.md).
async fn bench(args: BenchArgs) -> anyhow::Result<()> {
    let (messages_per_client, pace) = match (args.rate, args.for_secs) {
        (Some(rate), Some(secs)) => {
            if !(rate.is_finite() && rate > 0.0) {
                anyhow::bail!("--rate is a number of messages a minute above 0");
            }
            let every = std::time::Duration::from_secs_f64(60.0 / rate);
            // As many as fit in the time at that pace.
            let messages = (secs as f64 * rate / 60.0).floor() as usize;
            (messages, ticketgram_bench::Pace::Open { every })
        }
        _ => (args.messages, ticketgram_bench::Pace::Closed),
    };
    let config = ticketgram_bench::BenchConfig {
        database_url: args.database_url,
        clients: args.clients,
        messages_per_client,
        flood_limits: args.flood_limits,
        update_lanes: args.lanes,
        duration_cap: std::time::Duration::from_secs(args.cap_secs),
        pace,
        shards: args.shards,
        helpers: args.helpers,
    };
    let report = ticketgram_bench::run(config)
        .await
        .context("benchmark failed")?;
    println!("{report}");
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(())
}

/// Prints the effective configuration (stdout, valid TOML) and the verdict (stderr).
fn check_config(loaded: &Loaded) -> anyhow::Result<()> {
    print!("{}", loaded.render());
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    match &loaded.file {
        Some(path) => eprintln!("configuration is valid (config file {})", path.display()),
        None => eprintln!("configuration is valid (no config file; defaults and environment)"),
    }
    Ok(())
}

/// `ticketgram sandbox`: the Telegram Bot API sandbox alone, until Ctrl-C or SIGTERM.
async fn sandbox(args: SandboxArgs) -> anyhow::Result<()> {
    let shutdown = shutdown::signal().context("cannot listen for shutdown signals")?;
    ticketgram_sandbox::run_standalone(args.addr, shutdown)
        .await
        .with_context(|| format!("the Telegram sandbox on {} failed", args.addr))
}
