//! The one list of settings Ticketgram knows: name, environment variables, and what a valid
//! value looks like.
//!
//! Every layer (built-in defaults, file, environment, flags) is checked against this table
//! *before* the values are merged, so an error can name the key and the place it came from
//! ("environment variable TICKETGRAM_HTTP_ADDR: `http.addr` is not ..."), which serde alone
//! cannot do once the layers are merged. `check-config` also prints in this order.

use std::net::SocketAddr;

use toml::Value;

/// One setting.
pub struct Key {
    /// `section.name`, as written in the TOML file.
    pub path: &'static str,
    /// Environment variables that set it, lowest priority first.
    pub env: &'static [&'static str],
    pub kind: Kind,
}

/// What a value must look like. Checks never echo secret values in their messages.
#[derive(Clone, Copy)]
pub enum Kind {
    DatabaseUrl,
    Int {
        min: i64,
        max: i64,
    },
    /// A group or channel id as the Bot API shows it: negative (`-100…` for channels and
    /// supergroups). Users' ids are positive, so a positive value is a pasted user id.
    ChatId,
    HttpUrl,
    BotToken,
    WebhookSecret,
    SocketAddr,
    OneOf(&'static [&'static str]),
    LogFilter,
    SigningKey,
    Slug,
    Text,
    /// A list of IP networks (`10.0.0.0/8`) or addresses; from the environment, separated by
    /// commas or spaces.
    Networks,
}

pub const KEYS: &[Key] = &[
    key(
        "database.url",
        &["DATABASE_URL", "TICKETGRAM_DATABASE_URL"],
        Kind::DatabaseUrl,
    ),
    key(
        "database.max_connections",
        &["TICKETGRAM_DATABASE_MAX_CONNECTIONS"],
        Kind::Int { min: 1, max: 1000 },
    ),
    key(
        "telegram.api_url",
        &["TICKETGRAM_TELEGRAM_API_URL"],
        Kind::HttpUrl,
    ),
    key(
        "telegram.bot_token",
        &["TICKETGRAM_BOT_TOKEN"],
        Kind::BotToken,
    ),
    key(
        "telegram.webhook_url",
        &["TICKETGRAM_WEBHOOK_URL"],
        Kind::HttpUrl,
    ),
    key(
        "telegram.webhook_secret",
        &["TICKETGRAM_WEBHOOK_SECRET"],
        Kind::WebhookSecret,
    ),
    key(
        "telegram.poll_timeout_secs",
        &["TICKETGRAM_POLL_TIMEOUT_SECS"],
        // teloxide gives up on an HTTP request after 17 s; a longer long poll would fail
        // every quiet round.
        Kind::Int { min: 0, max: 15 },
    ),
    key(
        "telegram.pacing",
        &["TICKETGRAM_TELEGRAM_PACING"],
        Kind::OneOf(&["on", "off"]),
    ),
    key("http.addr", &["TICKETGRAM_HTTP_ADDR"], Kind::SocketAddr),
    key("http.public_url", &["TICKETGRAM_PUBLIC_URL"], Kind::HttpUrl),
    key(
        "log.format",
        &["TICKETGRAM_LOG_FORMAT"],
        Kind::OneOf(&["pretty", "json"]),
    ),
    key("log.filter", &["TICKETGRAM_LOG_FILTER"], Kind::LogFilter),
    key(
        "security.secret_key",
        &["TICKETGRAM_SECRET_KEY"],
        Kind::SigningKey,
    ),
    key("desk.channel_id", &["TICKETGRAM_CHANNEL_ID"], Kind::ChatId),
    key("desk.group_id", &["TICKETGRAM_GROUP_ID"], Kind::ChatId),
    key("desk.note_prefix", &["TICKETGRAM_NOTE_PREFIX"], Kind::Text),
    key(
        "desk.agent_language",
        &["TICKETGRAM_AGENT_LANGUAGE"],
        Kind::OneOf(&["en", "ru", "zh", "de"]),
    ),
    key(
        "desk.client_burst",
        &["TICKETGRAM_CLIENT_BURST"],
        Kind::Int { min: 1, max: 1000 },
    ),
    key(
        "desk.client_messages_per_minute",
        &["TICKETGRAM_CLIENT_MESSAGES_PER_MINUTE"],
        Kind::Int { min: 0, max: 6000 },
    ),
    key(
        "webhooks.allow_private_networks",
        &["TICKETGRAM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS"],
        Kind::Networks,
    ),
    key("instance.workspace", &["TICKETGRAM_WORKSPACE"], Kind::Slug),
    key("instance.id", &["TICKETGRAM_INSTANCE_ID"], Kind::Text),
];

/// `TICKETGRAM_*` variables that are not settings but are still ours (not typos).
pub const OTHER_ENV: &[&str] = &["TICKETGRAM_CONFIG"];

const fn key(path: &'static str, env: &'static [&'static str], kind: Kind) -> Key {
    Key { path, env, kind }
}

pub fn find(path: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.path == path)
}

impl Key {
    pub fn section(&self) -> &'static str {
        self.path.split_once('.').map_or(self.path, |(s, _)| s)
    }

    pub fn name(&self) -> &'static str {
        self.path.split_once('.').map_or(self.path, |(_, n)| n)
    }
}

impl Kind {
    /// Whether values of this kind must never be shown.
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            Kind::BotToken | Kind::WebhookSecret | Kind::SigningKey
        )
    }

    /// Turns an environment variable's text into a TOML value of the right type.
    pub fn parse_env(self, raw: &str) -> Result<Value, String> {
        match self {
            Kind::Int { .. } | Kind::ChatId => raw
                .trim()
                .parse::<i64>()
                .map(Value::Integer)
                .map_err(|_| format!("expected a whole number, got {raw:?}")),
            Kind::Networks => Ok(Value::Array(
                raw.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|part| !part.is_empty())
                    .map(|part| Value::String(part.to_owned()))
                    .collect(),
            )),
            _ => Ok(Value::String(raw.to_owned())),
        }
    }

    /// Checks a value; the error says why, in words meant for the person editing the config.
    pub fn check(self, value: &Value) -> Result<(), String> {
        if let Kind::Int { min, max } = self {
            let Value::Integer(n) = value else {
                return Err(format!("must be a whole number, not {}", value.type_str()));
            };
            return if (min..=max).contains(n) {
                Ok(())
            } else {
                Err(format!("must be between {min} and {max}, got {n}"))
            };
        }
        if let Kind::ChatId = self {
            return check_chat_id(value);
        }
        if let Kind::Networks = self {
            return check_networks(value);
        }
        let Value::String(s) = value else {
            return Err(format!("must be a string, not {}", value.type_str()));
        };
        self.check_str(s)
    }

    fn check_str(self, s: &str) -> Result<(), String> {
        match self {
            Kind::DatabaseUrl => check_database_url(s),
            Kind::HttpUrl => check_http_url(s),
            Kind::BotToken => check_bot_token(s),
            Kind::WebhookSecret => check_webhook_secret(s),
            Kind::SocketAddr => s.parse::<SocketAddr>().map(drop).map_err(|_| {
                format!("must be an IP address and port such as 127.0.0.1:8080, got {s:?}")
            }),
            Kind::OneOf(allowed) if allowed.contains(&s) => Ok(()),
            Kind::OneOf(allowed) => Err(format!("must be one of {allowed:?}, got {s:?}")),
            Kind::LogFilter => tracing_subscriber::EnvFilter::try_new(s)
                .map(drop)
                .map_err(|e| format!("is not a valid tracing filter ({e})")),
            Kind::SigningKey if s.chars().count() >= 32 => Ok(()),
            Kind::SigningKey => Err("must be at least 32 characters long".into()),
            Kind::Slug => check_slug(s),
            Kind::Text if s.trim().is_empty() => Err("must not be empty".into()),
            Kind::Text => Ok(()),
            Kind::Int { .. } | Kind::ChatId | Kind::Networks => {
                unreachable!("integers and lists are checked in `check`")
            }
        }
    }
}

fn check_chat_id(value: &Value) -> Result<(), String> {
    match value {
        Value::Integer(id) if *id < 0 => Ok(()),
        Value::Integer(id) => Err(format!(
            "must be a channel or group id, which is negative (such as -1001234567890), got {id}"
        )),
        other => Err(format!(
            "must be a whole number such as -1001234567890, not {}",
            other.type_str()
        )),
    }
}

fn check_networks(value: &Value) -> Result<(), String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "must be a list such as [\"10.0.0.0/8\"], not {}",
            value.type_str()
        ));
    };
    for item in items {
        let Value::String(raw) = item else {
            return Err(format!(
                "must list networks as strings, not {}",
                item.type_str()
            ));
        };
        ticketgram_api::DestinationPolicy::parse_network(raw).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn check_database_url(s: &str) -> Result<(), String> {
    let scheme = s.split_once(':').map(|(scheme, _)| scheme);
    match scheme {
        Some("sqlite" | "postgres" | "postgresql") => Ok(()),
        // The value may carry a password, so only the scheme is echoed.
        Some(other) => Err(format!(
            "must start with sqlite:// or postgres://, not {other}:"
        )),
        None => Err("must be a URL starting with sqlite:// or postgres://".into()),
    }
}

fn check_http_url(s: &str) -> Result<(), String> {
    let url = url::Url::parse(s).map_err(|e| format!("is not a valid URL ({e}): {s:?}"))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(()),
        "http" | "https" => Err(format!("has no host: {s:?}")),
        other => Err(format!("must be an http:// or https:// URL, not {other}:")),
    }
}

/// BotFather tokens are `<bot id>:<secret>`; the secret part is never echoed.
fn check_bot_token(s: &str) -> Result<(), String> {
    let ok = s.split_once(':').is_some_and(|(id, rest)| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if ok {
        Ok(())
    } else {
        Err(
            "does not look like a bot token `<digits>:<letters, digits, _ or ->` \
             (the value is a secret and is not shown)"
                .into(),
        )
    }
}

/// Telegram's rule for `secret_token` in setWebhook.
fn check_webhook_secret(s: &str) -> Result<(), String> {
    let ok = (1..=256).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err("must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - \
             (the value is a secret and is not shown)"
            .into())
    }
}

fn check_slug(s: &str) -> Result<(), String> {
    let ok = (1..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "must be 1 to 63 lowercase letters, digits or inner dashes, got {s:?}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn bot_token_shape() {
        assert!(Kind::BotToken.check(&s("123456:ABC-def_ghi")).is_ok());
        for bad in ["", "123456", ":abc", "12a:abc", "123:", "123:ab c"] {
            let err = Kind::BotToken.check(&s(bad)).unwrap_err();
            assert!(bad.is_empty() || !err.contains(bad), "{err}");
        }
    }

    #[test]
    fn database_url_schemes() {
        for ok in [
            "sqlite://x.db",
            "sqlite::memory:",
            "postgres://h/db",
            "postgresql://h/db",
        ] {
            assert!(Kind::DatabaseUrl.check(&s(ok)).is_ok(), "{ok}");
        }
        let err = Kind::DatabaseUrl
            .check(&s("mysql://u:pw@h/db"))
            .unwrap_err();
        assert!(err.contains("mysql") && !err.contains("pw"), "{err}");
    }

    #[test]
    fn other_kinds() {
        assert!(Kind::HttpUrl.check(&s("ftp://x")).is_err());
        assert!(Kind::HttpUrl.check(&s("http://127.0.0.1:9/")).is_ok());
        assert!(Kind::SocketAddr.check(&s("localhost:80")).is_err());
        assert!(Kind::Slug.check(&s("Acme")).is_err());
        assert!(Kind::Slug.check(&s("acme-2")).is_ok());
        assert!(Kind::Int { min: 1, max: 5 }
            .check(&Value::Integer(0))
            .is_err());
        assert!(Kind::Int { min: 1, max: 5 }.check(&s("3")).is_err());
        assert!(Kind::WebhookSecret.check(&s("a b")).is_err());
        assert!(Kind::LogFilter.check(&s("info,foo=debug")).is_ok());
        assert!(Kind::Int { min: 1, max: 5 }.parse_env("x").is_err());
        assert!(Kind::ChatId.check(&Value::Integer(-1001234567890)).is_ok());
        assert!(Kind::ChatId.check(&Value::Integer(12345)).is_err());
        assert!(Kind::ChatId.check(&s("-100")).is_err());
        assert_eq!(
            Kind::ChatId.parse_env(" -1001234567890 "),
            Ok(Value::Integer(-1001234567890))
        );
    }

    #[test]
    fn private_networks_are_a_list_of_networks() {
        let nets = Kind::Networks
            .parse_env("127.0.0.1/32, 10.0.0.0/8 fd00::/8")
            .unwrap();
        assert_eq!(
            nets,
            Value::Array(vec![s("127.0.0.1/32"), s("10.0.0.0/8"), s("fd00::/8")])
        );
        assert!(Kind::Networks.check(&nets).is_ok());
        assert!(Kind::Networks.check(&Value::Array(vec![])).is_ok());
        assert!(Kind::Networks
            .check(&Value::Array(vec![s("10.0.0.7")]))
            .is_ok());
        let err = Kind::Networks
            .check(&Value::Array(vec![s("intranet")]))
            .unwrap_err();
        assert!(err.contains("intranet"), "{err}");
        assert!(Kind::Networks.check(&s("10.0.0.0/8")).is_err());
    }

    #[test]
    fn env_names_are_unique() {
        let mut names: Vec<_> = KEYS.iter().flat_map(|k| k.env.iter()).collect();
        let before = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
