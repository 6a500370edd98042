//! Ticketgram's one Telegram Bot API client, used in production and against the sandbox.
//!
//! A thin layer over [`teloxide_core::Bot`]: the API root is configurable (tests point it at
//! `ticketgram-sandbox`), errors are classified into what a caller can act on, and the token
//! never appears in `Debug` output or logs.

mod error;
mod secret;

use std::fmt;

use teloxide_core::net::Download;
use teloxide_core::prelude::Requester;
use teloxide_core::Bot;
use url::Url;

pub use error::TelegramError;
pub use secret::Secret;
pub use teloxide_core;

/// Telegram's public Bot API root.
pub const TELEGRAM_API: &str = "https://api.telegram.org";

/// Bots may download files of at most 20 MB.
pub const MAX_DOWNLOAD_BYTES: u64 = 20 * 1024 * 1024;

/// A Bot API client for one bot.
///
/// Note: teloxide's HTTP client times requests out after 17 s, so long polls must use a
/// `getUpdates` timeout below that (10 s is a good value).
#[derive(Clone)]
pub struct TelegramClient {
    bot: Bot,
    api_base: Url,
}

impl TelegramClient {
    /// A client for the Bot API at `api_base` (e.g. [`TELEGRAM_API`] or a sandbox's `base_url()`).
    pub fn new(api_base: Url, token: Secret) -> Self {
        let bot = Bot::new(token.expose()).set_api_url(api_base.clone());
        Self { bot, api_base }
    }

    /// A client for another bot on the same Bot API, sharing this one's HTTP connection
    /// pool: an instance serving many desks keeps one pool rather than one per bot.
    pub fn for_token(&self, token: Secret) -> Self {
        let bot = Bot::with_client(token.expose(), self.bot.client().clone())
            .set_api_url(self.api_base.clone());
        Self {
            bot,
            api_base: self.api_base.clone(),
        }
    }

    /// A client for the real Telegram.
    pub fn telegram(token: Secret) -> Self {
        let api = Url::parse(TELEGRAM_API).expect("TELEGRAM_API is a valid URL");
        Self::new(api, token)
    }

    /// The teloxide bot, for making requests (`client.bot().send_message(...)`).
    ///
    /// Do not `Debug`-print it: teloxide's derived `Debug` includes the token.
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

    /// Downloads a file the bot received: `getFile`, then the bytes behind its `file_path`.
    pub async fn download(&self, file_id: &str) -> Result<Vec<u8>, TelegramError> {
        let file = self
            .bot
            .get_file(teloxide_core::types::FileId(file_id.to_owned()))
            .await?;
        if u64::from(file.size) > MAX_DOWNLOAD_BYTES {
            return Err(TelegramError::BadRequest("file is too big".to_owned()));
        }
        let mut bytes = Vec::with_capacity(file.size as usize);
        self.bot.download_file(&file.path, &mut bytes).await?;
        Ok(bytes)
    }
}

impl fmt::Debug for TelegramClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelegramClient")
            .field("api_base", &self.api_base.as_str())
            .field("token", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
        let client = TelegramClient::new(
            Url::parse("http://127.0.0.1:1").unwrap(),
            Secret::new(token),
        );
        let printed = format!("{client:?} {:?}", Secret::new(token));
        assert!(!printed.contains("ABCdef"), "{printed}");
    }
}
