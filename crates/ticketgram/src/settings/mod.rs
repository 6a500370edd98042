//! Ticketgram's configuration, atuin-style: built-in defaults, then a TOML file, then
//! `TICKETGRAM_*` environment variables, then command-line flags; the later layer wins.
//!
//! The defaults are `config/ticketgram.example.toml` compiled in, so the documented example
//! and the real defaults cannot drift apart. Settings are passed down as a value (never a
//! global), so tests can run several configurations in one process.

mod error;
mod keys;
mod layers;
mod render;
mod secret;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use ticketgram_domain::Language;
use toml::Value;

pub use error::{Origin, SettingsError};
pub use layers::Env;
pub use secret::{DatabaseUrl, Secret, REDACTED};

/// The documented example configuration, which is also the built-in defaults layer.
pub const EXAMPLE_CONFIG: &str = include_str!("../../../../config/ticketgram.example.toml");

/// The file read when no `--config` is given, if it exists in the working directory.
pub const DEFAULT_CONFIG_FILE: &str = "ticketgram.toml";

/// The whole configuration. `Debug` is safe to log: secrets print as `[redacted]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub telegram: TelegramSettings,
    pub http: HttpSettings,
    pub log: LogSettings,
    pub security: SecuritySettings,
    pub desk: DeskSettings,
    pub webhooks: WebhookSettings,
    pub instance: InstanceSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`; its password, if any, is hidden when printed.
    pub url: DatabaseUrl,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramSettings {
    pub api_url: url::Url,
    /// `None` means demo mode: `serve` talks to the built-in Telegram sandbox.
    pub bot_token: Option<Secret>,
    /// `None` means long polling with `getUpdates`.
    pub webhook_url: Option<url::Url>,
    pub webhook_secret: Option<Secret>,
    pub poll_timeout_secs: u32,
    /// Whether sends wait for Telegram's limits before the call (see the relay's pacing).
    pub pacing: Switch,
}

/// A setting that is `"on"` or `"off"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Switch {
    On,
    Off,
}

impl Switch {
    pub fn is_on(self) -> bool {
        self == Switch::On
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    pub addr: SocketAddr,
    /// The web console's public base URL, for sign-in links; https makes cookies Secure.
    #[serde(default)]
    pub public_url: Option<url::Url>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// `tracing_subscriber::EnvFilter` directives; `RUST_LOG` wins when set.
    pub filter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

impl LogFormat {
    fn as_str(self) -> &'static str {
        match self {
            LogFormat::Pretty => "pretty",
            LogFormat::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Signs web sessions and links. `None`: a random key per start.
    pub secret_key: Option<Secret>,
}

/// Where the agents work in Telegram and how the agents' side behaves.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskSettings {
    /// The private channel ticket cards are posted to. `None`: tickets are stored but not
    /// posted (the demo creates its own channel).
    pub channel_id: Option<i64>,
    /// The channel's linked discussion group, where each card's comment thread is a ticket's
    /// conversation.
    pub group_id: Option<i64>,
    /// Comments starting with this are internal notes, never sent to the client.
    pub note_prefix: String,
    /// Language of the cards and notices on the agents' side.
    pub agent_language: Language,
    /// Messages a client may send at once before a flood's are only stored, not relayed.
    pub client_burst: u32,
    /// Messages a client may send a minute after the burst; 0: no flood limit at all.
    pub client_messages_per_minute: u32,
}

/// Outgoing webhooks (the REST API's), not Telegram's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Networks webhooks may reach besides public addresses (receivers on the desk's own
    /// network); each checked by `keys::Kind::Networks`.
    pub allow_private_networks: Vec<String>,
}

impl WebhookSettings {
    /// Where webhook endpoints may point.
    pub fn destinations(&self) -> ticketgram_api::DestinationPolicy {
        // Every entry was checked when the layers were merged, so none is dropped here.
        let nets = self
            .allow_private_networks
            .iter()
            .filter_map(|raw| ticketgram_api::DestinationPolicy::parse_network(raw).ok());
        ticketgram_api::DestinationPolicy::allowing(nets)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceSettings {
    /// Slug of the workspace this instance serves.
    pub workspace: String,
    /// This process's name among instances sharing one database; see [`Settings::instance_id`].
    pub id: Option<String>,
}

/// Where to look for configuration besides the built-in defaults.
#[derive(Debug, Default)]
pub struct LoadOptions<'a> {
    /// An explicit `--config` file, which must exist. `None`: `ticketgram.toml` if present.
    pub config_file: Option<&'a Path>,
    /// The directory `ticketgram.toml` is looked for in; `None` is the working directory.
    pub working_dir: Option<&'a Path>,
    pub env: Env,
    /// `--log-format`, which beats every other layer.
    pub log_format: Option<LogFormat>,
    /// `serve --webhook-url`, which beats every other layer.
    pub webhook_url: Option<String>,
}

/// Loaded settings plus what `check-config` reports about them.
#[derive(Debug)]
pub struct Loaded {
    pub settings: Settings,
    /// The config file that was read, if any.
    pub file: Option<PathBuf>,
    /// Things that are allowed but probably not meant, such as an unknown `TICKETGRAM_*`.
    pub warnings: Vec<String>,
    layers: layers::Layers,
}

impl Settings {
    /// Loads and validates all layers.
    pub fn load(options: LoadOptions<'_>) -> Result<Loaded, SettingsError> {
        let mut layers = layers::Layers::default();
        let defaults: toml::Table =
            EXAMPLE_CONFIG
                .parse()
                .map_err(|source| SettingsError::Parse {
                    path: "<built-in defaults>".into(),
                    source,
                })?;
        layers.apply_toml(defaults, &Origin::Default)?;

        let file = match options.config_file {
            Some(path) => Some(path.to_owned()),
            None => {
                let dir = options.working_dir.unwrap_or(Path::new("."));
                let candidate = dir.join(DEFAULT_CONFIG_FILE);
                candidate.is_file().then_some(candidate)
            }
        };
        if let Some(path) = &file {
            layers.apply_toml(layers::read_file(path)?, &Origin::File(path.clone()))?;
        }

        layers.apply_env(&options.env)?;
        if let Some(format) = options.log_format {
            let value = Value::String(format.as_str().to_owned());
            layers.apply_flag("log.format", "--log-format", value)?;
        }
        if let Some(url) = &options.webhook_url {
            let value = Value::String(url.clone());
            layers.apply_flag("telegram.webhook_url", "--webhook-url", value)?;
        }

        let settings: Settings = Value::Table(layers.to_table())
            .try_into()
            .map_err(SettingsError::Incomplete)?;
        settings.required_together(&layers)?;
        let mut warnings = layers::unknown_env_vars(&options.env);
        warnings.extend(settings.cross_checks());
        Ok(Loaded {
            settings,
            file,
            warnings,
            layers,
        })
    }

    /// `true` when no bot token is configured: `serve` runs the demo against the sandbox.
    pub fn is_demo(&self) -> bool {
        self.telegram.bot_token.is_none()
    }

    /// The instance's name: the configured id, or `<hostname>-<pid>`, unique enough among
    /// live processes. Each start adds a random part to it (`store::Incarnation`) and ends
    /// what earlier runs of the same name left in flight, so configure a stable id to have a
    /// restarted process resume its predecessor's work at once; never give two live
    /// instances the same one.
    pub fn instance_id(&self) -> String {
        if let Some(id) = &self.instance.id {
            return id.clone();
        }
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_owned())
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "ticketgram".to_owned());
        format!("{host}-{}", std::process::id())
    }

    /// Settings that only make sense with another one: errors, since running without the
    /// second would be unsafe.
    fn required_together(&self, layers: &layers::Layers) -> Result<(), SettingsError> {
        let tg = &self.telegram;
        if tg.webhook_url.is_some() && tg.webhook_secret.is_none() {
            let origin = layers
                .get("telegram.webhook_url")
                .map_or(Origin::Default, |(_, origin)| origin.clone());
            return Err(SettingsError::Requires {
                origin,
                key: "telegram.webhook_url",
                required: "telegram.webhook_secret (TICKETGRAM_WEBHOOK_SECRET)",
                reason: "without it anyone who learns the URL could post fake updates",
            });
        }
        Ok(())
    }

    /// Combinations that are valid one by one but probably a mistake.
    fn cross_checks(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let tg = &self.telegram;
        if tg.webhook_secret.is_some() && tg.webhook_url.is_none() {
            warnings.push(
                "telegram.webhook_secret is set but telegram.webhook_url is not: \
                 the secret is unused while long polling"
                    .to_owned(),
            );
        }
        let desk = &self.desk;
        match (desk.channel_id, desk.group_id) {
            (Some(channel), Some(group)) if channel == group => warnings.push(
                "desk.channel_id and desk.group_id are the same chat: the group must be \
                 the channel's linked discussion group, a chat of its own"
                    .to_owned(),
            ),
            (Some(_), None) => warnings.push(
                "desk.channel_id is set without desk.group_id: cards are posted but agents \
                 cannot answer in their comment threads"
                    .to_owned(),
            ),
            (None, Some(_)) => warnings.push(
                "desk.group_id is set without desk.channel_id: no ticket cards can be posted"
                    .to_owned(),
            ),
            _ => {}
        }
        if tg.bot_token.is_none() && tg.webhook_url.is_some() {
            warnings.push("telegram.webhook_url is ignored in demo mode (no bot token)".to_owned());
        }
        warnings
    }
}

impl Loaded {
    /// The effective configuration as TOML, secrets redacted, each line saying where its
    /// value came from. This is what `check-config` prints.
    pub fn render(&self) -> String {
        render::render(&self.layers)
    }
}

#[cfg(test)]
mod tests;
