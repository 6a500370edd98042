//! `check-config` output: the effective configuration as TOML, secrets redacted, annotated
//! with the origin of every value. Rendered from the checked layers, not from `Settings`, so
//! there is no `Serialize` impl that could write secrets somewhere by accident.

use std::fmt::Write as _;

use toml::Value;

use super::keys::{Kind, KEYS};
use super::layers::Layers;
use super::secret::{redact_url_password, REDACTED};

pub fn render(layers: &Layers) -> String {
    let mut out = String::from("# Effective Ticketgram configuration (secrets redacted).\n");
    let mut section = "";
    for key in KEYS {
        if key.section() != section {
            section = key.section();
            let _ = write!(out, "\n[{section}]\n");
        }
        match layers.get(key.path) {
            Some((value, origin)) => {
                let line = format!("{} = {}", key.name(), shown(key.kind, value));
                let _ = writeln!(out, "{line:<48} # {origin}");
            }
            None => {
                let _ = writeln!(out, "# {} is not set{}", key.name(), unset_note(key.path));
            }
        }
    }
    out
}

fn shown(kind: Kind, value: &Value) -> String {
    match (kind, value) {
        (kind, _) if kind.is_secret() => format!("\"{REDACTED}\""),
        (Kind::DatabaseUrl, Value::String(url)) => {
            Value::String(redact_url_password(url)).to_string()
        }
        (_, value) => value.to_string(),
    }
}

fn unset_note(path: &str) -> &'static str {
    match path {
        "telegram.bot_token" => " (demo mode: serve uses the built-in Telegram sandbox)",
        "telegram.webhook_url" => " (long polling with getUpdates)",
        "security.secret_key" => {
            " (sessions: a random key per start; stored bot tokens: ticketgram.secret)"
        }
        "instance.id" => " (<hostname>-<pid>)",
        "desk.channel_id" | "desk.group_id" => {
            " (tickets are stored but not posted to an agents' channel)"
        }
        _ => "",
    }
}
