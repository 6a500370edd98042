//! Values that must never reach a log line, an error message or `check-config` output.
//!
//! The types below print `[redacted]` from both `Debug` and `Display`, so a stray
//! `tracing::info!(?settings)` or `{settings:?}` cannot leak them; the real value is only
//! reachable through an explicit, greppable `expose()` call.

use std::fmt;

use serde::Deserialize;

/// What every secret prints as.
pub const REDACTED: &str = "[redacted]";

/// A secret string such as a bot token or a signing key.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The real value. Call this only where the secret is used, never to print it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// A database URL: printable, except for the password it may carry
/// (`postgres://user:password@host/db`), which is replaced by `[redacted]`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The full URL, password included: only for opening connections.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `true` for `sqlite:` URLs, the embedded single-instance backend.
    pub fn is_sqlite(&self) -> bool {
        self.0.starts_with("sqlite:")
    }
}

/// Replaces the password of a URL, if any, so the rest can be shown.
pub fn redact_url_password(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            // `set_password` only fails for URLs that cannot have one, which we just ruled out.
            let _ = url.set_password(Some("redacted"));
            url.to_string()
                .replacen(":redacted@", &format!(":{REDACTED}@"), 1)
        }
        Ok(_) => raw.to_owned(),
        // Unparsable: we cannot tell where a password would be, so show nothing of it.
        Err(_) if raw.contains('@') => REDACTED.to_owned(),
        Err(_) => raw.to_owned(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", redact_url_password(&self.0))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url_password(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_prints_redacted() {
        let s = Secret::new("123:hunter2");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "123:hunter2");
    }

    #[test]
    fn database_url_hides_only_the_password() {
        let url = DatabaseUrl::new("postgres://tg:s3cr3t@db.example:5432/tickets");
        assert_eq!(
            url.to_string(),
            "postgres://tg:[redacted]@db.example:5432/tickets"
        );
        assert!(!format!("{url:?}").contains("s3cr3t"));
        let plain = DatabaseUrl::new("sqlite://ticketgram.db");
        assert_eq!(plain.to_string(), "sqlite://ticketgram.db");
        assert!(plain.is_sqlite());
    }

    #[test]
    fn unparsable_url_with_credentials_is_hidden() {
        assert_eq!(redact_url_password("postgres://a:b@[bad"), REDACTED);
    }
}
