//! Why configuration could not be loaded: each variant names the place (file, variable, flag)
//! and, where there is one, the key, so the message alone tells the operator what to fix.

use std::{fmt, io, path::PathBuf};

/// Where a value came from; shown by `check-config` and in every error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("built-in default"),
            Origin::File(path) => write!(f, "config file {}", path.display()),
            Origin::Env(var) => write!(f, "environment variable {var}"),
            Origin::Flag(flag) => write!(f, "command-line flag {flag}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read config file {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("config file {} is not valid TOML", path.display())]
    Parse {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },

    #[error("{origin}: unknown setting `{key}`{}", did_you_mean(suggestion.as_deref()))]
    UnknownKey {
        origin: Origin,
        key: String,
        suggestion: Option<&'static str>,
    },

    #[error("{origin}: `{key}` {reason}")]
    Invalid {
        origin: Origin,
        key: String,
        reason: String,
    },

    /// `key` is set, which needs `required` too.
    #[error("{origin}: `{key}` is set, so {required} must be set too: {reason}")]
    Requires {
        origin: Origin,
        key: &'static str,
        required: &'static str,
        reason: &'static str,
    },

    #[error("environment variable {var} is not valid UTF-8")]
    EnvNotUnicode { var: String },

    /// The layers were each valid but do not make a whole `Settings`: a bug in the defaults.
    #[error("internal error: the built-in defaults do not form a complete configuration")]
    Incomplete(#[source] toml::de::Error),
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}
