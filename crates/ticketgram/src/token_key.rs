//! The key that seals the bot tokens pasted into the settings bot.
//!
//! It comes from `security.secret_key` (`TICKETGRAM_SECRET_KEY`) when set. Otherwise a random
//! key is made on first start and kept in `ticketgram.secret` next to the SQLite database (in
//! the working directory for PostgreSQL), readable by its owner only, so stored tokens still
//! open after a restart. Several instances on one PostgreSQL must share one key: set
//! `security.secret_key` for them. The key is never logged or printed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rand::distributions::{Alphanumeric, DistString as _};
use ticketgram_store::SealingKey;

use crate::settings::Settings;

pub const KEY_FILE: &str = "ticketgram.secret";

#[derive(Debug, thiserror::Error)]
pub enum TokenKeyError {
    #[error("cannot read or create the secret key file {path} (or set security.secret_key / TICKETGRAM_SECRET_KEY)")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Where the generated key lives for these settings.
pub fn key_file(settings: &Settings) -> PathBuf {
    let url = settings.database.url.expose();
    let dir = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|path| !path.contains(":memory:"))
        .and_then(|path| Path::new(path).parent().map(Path::to_path_buf))
        .unwrap_or_default();
    dir.join(KEY_FILE)
}

pub fn token_key(settings: &Settings) -> Result<SealingKey, TokenKeyError> {
    if let Some(secret) = &settings.security.secret_key {
        return Ok(SealingKey::derive(secret.expose()));
    }
    let path = key_file(settings);
    let error = |source| TokenKeyError::File {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(secret) if secret.trim().len() >= 32 => return Ok(SealingKey::derive(secret.trim())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(error(e)),
    }
    let secret = Alphanumeric.sample_string(&mut rand::thread_rng(), 48);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&path) {
        Ok(mut file) => {
            file.write_all(secret.as_bytes()).map_err(error)?;
            tracing::info!(file = %path.display(), "made a secret key for stored bot tokens");
            Ok(SealingKey::derive(&secret))
        }
        // Another instance made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let secret = std::fs::read_to_string(&path).map_err(error)?;
            Ok(SealingKey::derive(secret.trim()))
        }
        Err(e) => Err(error(e)),
    }
}
