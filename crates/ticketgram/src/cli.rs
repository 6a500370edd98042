//! The command line. Every subcommand reads the same layered configuration (see
//! `docs/configuration.md`); flags here only choose the file and override the log format.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Args, Parser, Subcommand};
use ticketgram_domain::{AgentAlias, AgentRole, Language, Priority};

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
    Serve(ServeArgs),

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

    /// Measure relay throughput and latency with simulated clients (not a test)
    ///
    /// Starts a sandbox, a fresh database (a temporary SQLite file, or a new database on the
    /// given PostgreSQL server, dropped afterwards) and the relay; N clients open tickets and
    /// write M messages each. Prints tickets/s, messages relayed/s, latency percentiles (client
    /// message → comment in the ticket's thread), memory and an exactly-once check.
    Bench(BenchArgs),

    /// Create and list the desks this deployment serves (one bot, channel and team each)
    ///
    /// `serve` runs every desk that has a bot; a desk created while it runs starts within
    /// seconds. The default desk is instance.workspace, with telegram.bot_token as its bot.
    #[command(subcommand)]
    Desk(DeskCommand),

    /// Manage the agents of the workspace (instance.workspace)
    ///
    /// Agents answer tickets in the discussion group of the agents' channel. The workspace is
    /// created if it does not exist yet.
    #[command(subcommand)]
    Agent(AgentCommand),

    /// Manage the topics clients choose from when they open a request
    ///
    /// Without topics, a client's first message opens a ticket directly. The workspace is
    /// created if it does not exist yet.
    #[command(subcommand)]
    Topic(TopicCommand),

    /// Manage the REST API's tokens (create, list, revoke)
    ///
    /// A token is shown once, when created; the database keeps only its hash. See docs/api.md
    /// for the scopes and what each route needs.
    #[command(subcommand)]
    ApiToken(ApiTokenCommand),

    /// Train and measure the message classifier on labelled CSV files (no desk needed)
    ///
    /// Files have a header row with a `text` and a `category` (or `label`) column, like
    /// shared/datasets/banking77/train.csv. See docs/classification.md.
    #[command(subcommand)]
    Classify(ClassifyCommand),

    /// Validate, export and import the desk's self-service flow (docs/flows.md)
    ///
    /// `validate` and `builtin` need no configuration or database. `export` and `import` act
    /// on the workspace named by --workspace, else instance.workspace; every import is a new
    /// revision, kept in the history the console shows and restores from.
    #[command(subcommand)]
    Flow(FlowCommand),

    /// Measure the knowledge base's search on a synthetic help centre (no desk needed)
    ///
    /// The last line is `articles N build_s B index_mib M p50_us P p95_us Q p99_us R max_us S`.
    /// See docs/benchmarks.md.
    #[command(subcommand)]
    Kb(KbCommand),

    /// Copy the SQLite database into a new file, consistently, while serve runs
    ///
    /// The copy is one snapshot of the database (SQLite's VACUUM INTO); restore it by stopping
    /// Ticketgram and putting the file in the database's place. For PostgreSQL the command
    /// explains pg_dump instead. See docs/privacy.md.
    Backup {
        /// Where to write the copy; must not exist yet
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClassifyCommand {
    /// Train on one file, predict the other, print accuracy, macro F1 and timings
    ///
    /// The last line is exactly `accuracy A macro_f1 F train_s T per_message_us U`.
    Evaluate {
        /// Labelled messages to train on
        #[arg(long, value_name = "FILE")]
        train: PathBuf,
        /// Labelled messages to measure on (never trained on)
        #[arg(long, value_name = "FILE")]
        test: PathBuf,
    },
    /// Split one labelled file into a training and a held-out file, per category
    ///
    /// Each category gives the same share to the held-out file (never its last message);
    /// the same seed gives the same split.
    Split {
        /// The labelled file to split
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Share of each category held out (0 to 1)
        #[arg(long, default_value_t = 0.2)]
        test_share: f64,
        /// Seed of the shuffle (docs/classification.md uses 2020)
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Where to write the training part; must not exist yet
        #[arg(long, value_name = "FILE")]
        train_out: PathBuf,
        /// Where to write the held-out part; must not exist yet
        #[arg(long, value_name = "FILE")]
        test_out: PathBuf,
    },
    /// What understanding adds to each client message: language, intent, urgency, sentiment
    ///
    /// Trains on FILE's training part, then runs each held-out message through what the
    /// relay does per message and prints percentiles and messages per second.
    Bench {
        /// A labelled file (BANKING77's train.csv, or a desk's own export)
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// How many times the held-out messages are run through
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Index a synthetic help centre and time client-sized searches one at a time
    Bench {
        /// Articles to index, spread over en, ru, zh and de
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Questions to search
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        /// Seed of the synthetic texts
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum FlowCommand {
    /// Check a flow file and print every problem as FILE:LINE:COL: error|warning: message
    ///
    /// Exits with status 1 when the flow has errors (it could not be imported), 0 otherwise;
    /// the last line then says `ok` with the counts of steps and warnings.
    Validate {
        /// The flow, in YAML or JSON
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the desk's flow as it was saved (comments kept); redirect it into a file to edit
    ///
    /// A desk that never saved a flow runs the built-in default, which is printed then.
    Export {
        /// The workspace's slug [default: instance.workspace]
        #[arg(long, value_name = "SLUG")]
        workspace: Option<String>,
        /// An older revision instead of the active one
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
        revision: Option<i64>,
    },
    /// Validate a flow file and save it as the desk's new revision, which clients run at once
    ///
    /// A flow with errors is refused (nothing saved) with every problem listed, as `validate`.
    Import {
        /// The workspace's slug [default: instance.workspace]
        #[arg(long, value_name = "SLUG")]
        workspace: Option<String>,
        /// The flow, in YAML or JSON
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Why it changed, shown in the history
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Time what a flow adds to each client message: the stored state read, one engine step,
    /// the state written (whole dispute forms of the shipped marketplace flow)
    Bench {
        /// Dispute forms to run, spread over en, ru, zh and de
        #[arg(long, default_value_t = 20_000)]
        clients: usize,
    },
    /// Print a flow shipped with Ticketgram, to start a desk's own from
    Builtin {
        /// Which one
        #[arg(value_parser = PossibleValuesParser::new(ticketgram_flows::builtin::ALL.map(|(name, _)| name)))]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Create a token and print it (once)
    Create(ApiTokenCreateArgs),
    /// List the tokens: id, prefix, name, scopes, last use, status
    List,
    /// Revoke a token for good; requests with it are refused from then on
    Revoke {
        /// The token's id, as `api-token list` shows it
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ApiTokenCreateArgs {
    /// What the token is for, e.g. "marketplace backend"
    #[arg(long)]
    pub name: String,
    /// A scope the token grants; repeat for several (tickets:read, tickets:write,
    /// clients:read, clients:write, clients:export, clients:erase, reports:read, webhooks:manage,
    /// kb:read, kb:write, platform:manage, events:write, settings:manage)
    #[arg(long = "scope", value_name = "SCOPE", required = true, value_parser = crate::api_tokens::parse_scope)]
    pub scopes: Vec<ticketgram_api::Scope>,
    /// The admin creating it (Telegram id): replies and status changes made with the token are
    /// recorded as theirs. Without it, the token cannot reply to clients.
    #[arg(long, value_name = "TELEGRAM_ID", value_parser = clap::value_parser!(i64).range(1..))]
    pub agent: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Create a desk (or update the bot of an existing one) and print its setup code
    ///
    /// The first Telegram user who sends the code to the desk's bot becomes its owner, as on
    /// a first run. Running it again is safe: the desk is kept and, while unclaimed, a new code
    /// replaces the old one.
    Create(DeskCreateArgs),
    /// List the desks: slug, name, bots, active agents, open tickets (tab-separated)
    List,
}

#[derive(Debug, Args)]
pub struct DeskCreateArgs {
    /// The desk's short name, used in URLs and commands: lowercase letters, digits and `-`
    #[arg(long, value_parser = parse_slug)]
    pub slug: String,
    /// The desk's name as the team knows it, e.g. "Acme support"
    #[arg(long, value_parser = parse_desk_name)]
    pub name: String,
    /// The desk's bot token from @BotFather, checked with Telegram and stored sealed; `-`
    /// reads it from standard input (keeps it out of `ps` and the shell history)
    #[arg(long, value_name = "TOKEN")]
    pub bot_token: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Add an agent, or update (and re-activate) the one with this Telegram id
    Add(AgentAddArgs),
    /// Deactivate an agent, keeping their history (`agent add` re-activates them)
    Remove {
        /// The agent's Telegram user id
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(i64).range(1..))]
        telegram_id: i64,
    },
    /// List the agents, one per line: Telegram id, name, alias, role, languages, status
    List,
}

#[derive(Debug, Args)]
pub struct AgentAddArgs {
    /// The agent's Telegram user id (a positive number; bots such as @userinfobot tell it)
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(i64).range(1..))]
    pub telegram_id: i64,
    /// The agent's name, as the team knows them
    #[arg(long)]
    pub name: String,
    /// The name clients see on this agent's replies (1-32 characters); without it clients see
    /// the desk's generic signature, never the agent's Telegram name
    #[arg(long, value_parser = parse_alias)]
    pub alias: Option<AgentAlias>,
    /// What the agent may do: answer tickets (agent) or also configure the desk (admin, owner)
    #[arg(long, default_value = "agent", value_parser = role_parser())]
    pub role: AgentRole,
    /// A language the agent answers in; repeat for several
    #[arg(long = "language", value_name = "LANG", default_value = "en", value_parser = language_parser())]
    pub languages: Vec<Language>,
}

#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Add a topic at the end of the list clients see
    Add {
        /// The topic's name as clients see it, e.g. "Payments"
        #[arg(value_parser = parse_topic_name)]
        name: String,
        /// Priority of tickets opened under this topic
        #[arg(long, default_value = "normal", value_parser = priority_parser())]
        priority: Priority,
    },
    /// List the topics in the order clients see them: position, name, priority, status
    List,
}

fn parse_slug(raw: &str) -> Result<String, String> {
    let ok = (1..=40).contains(&raw.len())
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !raw.starts_with('-')
        && !raw.ends_with('-');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(
            "a slug is 1 to 40 lowercase letters, digits and inner hyphens, e.g. acme-support"
                .into(),
        )
    }
}

fn parse_desk_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 80 {
        Err("a desk's name is 1 to 80 characters".to_owned())
    } else {
        Ok(name.to_owned())
    }
}

fn parse_alias(raw: &str) -> Result<AgentAlias, String> {
    AgentAlias::parse(raw).ok_or_else(|| "an alias is 1 to 32 characters".to_owned())
}

fn parse_topic_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        Err("a topic name must not be empty".to_owned())
    } else {
        Ok(name.to_owned())
    }
}

fn role_parser() -> impl clap::builder::TypedValueParser<Value = AgentRole> {
    PossibleValuesParser::new(["agent", "admin", "owner"]).try_map(|s| s.parse::<AgentRole>())
}

fn priority_parser() -> impl clap::builder::TypedValueParser<Value = Priority> {
    PossibleValuesParser::new(Priority::ALL.map(Priority::as_str))
        .try_map(|s| s.parse::<Priority>())
}

fn language_parser() -> impl clap::builder::TypedValueParser<Value = Language> {
    PossibleValuesParser::new(Language::ALL.map(Language::code))
        .try_map(|s| Language::from_code(&s).ok_or("unsupported language"))
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Receive updates by webhook at this public base URL instead of long polling; overrides
    /// telegram.webhook_url. Needs telegram.webhook_secret (TICKETGRAM_WEBHOOK_SECRET).
    #[arg(long, value_name = "URL")]
    pub webhook_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// `sqlite:` for a temporary file, or a PostgreSQL server URL (a fresh database is made)
    #[arg(long, default_value = "sqlite:", value_name = "URL")]
    pub database_url: String,
    /// Simulated clients writing at the same time
    #[arg(long, default_value_t = 50)]
    pub clients: usize,
    /// Follow-up messages per client after the one that opens its ticket
    #[arg(long, default_value_t = 10, conflicts_with = "rate")]
    pub messages: usize,
    /// Open loop: each client writes this many follow-ups a minute, without waiting for the
    /// last to arrive, for `--for-secs` (instead of `--messages`, each after the last arrived)
    #[arg(long, value_name = "PER_MINUTE", requires = "for_secs")]
    pub rate: Option<f64>,
    /// How long each client keeps writing in an open loop
    #[arg(long, value_name = "SECONDS", requires = "rate")]
    pub for_secs: Option<u64>,
    /// Enforce Telegram's flood limits in the sandbox (about 20 messages a minute per group)
    #[arg(long)]
    pub flood_limits: bool,
    /// Agents' channels, each with its discussion group, the tickets are spread over
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64).map(usize::from))]
    pub shards: usize,
    /// Helper bots posting in every group beside the desk's bot
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=64).map(usize::from))]
    pub helpers: usize,
    /// Transactions a backlog of updates from different chats is applied in at once on
    /// PostgreSQL (1: one transaction per backlog)
    #[arg(long, default_value_t = ticketgram_relay::desk::UPDATE_LANES, value_parser = clap::value_parser!(u16).range(1..=16).map(usize::from))]
    pub lanes: usize,
    /// Give up after this many seconds
    #[arg(long, default_value_t = 600)]
    pub cap_secs: u64,
    /// Also print the report as JSON
    #[arg(long)]
    pub json: bool,
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
