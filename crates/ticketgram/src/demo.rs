//! Demo mode: with no bot token, `serve` starts the built-in Telegram sandbox in-process and a
//! demo bot inside it, so a newcomer's first `cargo run -- serve` works with no account, no
//! token and no network. The bots are then pointed at the sandbox exactly as they would be at
//! api.telegram.org: only the base URL and the token differ.

use ticketgram_sandbox::{BotHandle, Sandbox, SandboxConfig};

use crate::settings::{Secret, TelegramSettings};

/// Username of the client bot created in the demo sandbox.
pub const DEMO_BOT_USERNAME: &str = "ticketgram_demo_bot";

/// Where the bots send Bot API calls, and with which token.
#[derive(Debug, Clone)]
pub struct BotApi {
    pub api_url: url::Url,
    pub token: Secret,
}

impl BotApi {
    /// The configured Telegram endpoint; `None` in demo mode (no token).
    pub fn from_settings(telegram: &TelegramSettings) -> Option<Self> {
        telegram.bot_token.clone().map(|token| Self {
            api_url: telegram.api_url.clone(),
            token,
        })
    }
}

/// The running demo: a sandbox and the client bot living in it.
#[derive(Debug)]
pub struct Demo {
    pub sandbox: Sandbox,
    pub bot: BotHandle,
}

impl Demo {
    /// Starts the sandbox on a free loopback port and creates the demo bot.
    pub async fn start() -> std::io::Result<Self> {
        let sandbox = Sandbox::start(SandboxConfig::default()).await?;
        let bot = sandbox.world().create_bot(DEMO_BOT_USERNAME);
        Ok(Self { sandbox, bot })
    }

    pub fn bot_api(&self) -> BotApi {
        BotApi {
            api_url: self.sandbox.base_url(),
            token: Secret::new(self.bot.token.clone()),
        }
    }

    pub async fn stop(self) {
        self.sandbox.stop().await;
    }
}
