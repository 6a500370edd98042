//! Merging the configuration layers: built-in defaults < file < environment < flags.
//!
//! Values are checked against [`keys::KEYS`] as each layer is applied, and the winning value
//! remembers its [`Origin`], so errors and `check-config` can say where a value came from.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use toml::{Table, Value};

use super::error::{Origin, SettingsError};
use super::keys::{self, Key, KEYS, OTHER_ENV};

/// A snapshot of the environment variables, taken once in `main`.
///
/// Settings never read the process environment themselves, so tests can load configurations
/// side by side, each with its own variables (no `std::env::set_var`).
#[derive(Debug, Clone, Default)]
pub struct Env(BTreeMap<String, String>);

impl Env {
    /// The current process environment. Non-UTF-8 variables are an error only if they are ours.
    pub fn from_process() -> Result<Self, SettingsError> {
        Self::from_os(std::env::vars_os())
    }

    fn from_os(
        vars: impl IntoIterator<Item = (OsString, OsString)>,
    ) -> Result<Self, SettingsError> {
        let mut map = BTreeMap::new();
        for (name, value) in vars {
            let Some(name) = name.to_str().map(str::to_owned) else {
                continue;
            };
            match value.into_string() {
                Ok(value) => {
                    map.insert(name, value);
                }
                Err(_) if is_ours(&name) => return Err(SettingsError::EnvNotUnicode { var: name }),
                Err(_) => {}
            }
        }
        Ok(Self(map))
    }

    /// A variable, treating an empty value as unset (so `VAR= ticketgram ...` clears nothing
    /// by accident and falls back to the file).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Env {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

fn is_ours(name: &str) -> bool {
    name.starts_with("TICKETGRAM_") || KEYS.iter().any(|k| k.env.contains(&name))
}

/// The merged values, each with where it came from.
#[derive(Default)]
pub struct Layers {
    values: BTreeMap<&'static str, (Value, Origin)>,
}

/// Raw values include secrets: show only which keys are set and from where.
impl std::fmt::Debug for Layers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.values.iter().map(|(k, (_, origin))| (k, origin)))
            .finish()
    }
}

impl Layers {
    /// Applies one TOML document (the built-in defaults or a config file).
    pub fn apply_toml(&mut self, table: Table, origin: &Origin) -> Result<(), SettingsError> {
        for (section, body) in table {
            let Value::Table(body) = body else {
                return Err(match KEYS.iter().any(|k| k.section() == section) {
                    true => SettingsError::Invalid {
                        origin: origin.clone(),
                        key: section.clone(),
                        reason: format!("must be a table, written as a `[{section}]` header"),
                    },
                    false => unknown(origin, section),
                });
            };
            for (name, value) in body {
                let path = format!("{section}.{name}");
                let key = keys::find(&path).ok_or_else(|| unknown(origin, path))?;
                self.set(key, value, origin.clone())?;
            }
        }
        Ok(())
    }

    /// Applies every known environment variable that is set.
    pub fn apply_env(&mut self, env: &Env) -> Result<(), SettingsError> {
        for key in KEYS {
            // Later names in `key.env` have priority: apply them last.
            for &var in key.env {
                if let Some(raw) = env.get(var) {
                    let origin = Origin::Env(var);
                    let value = key
                        .kind
                        .parse_env(raw)
                        .map_err(|reason| invalid(key, &origin, reason))?;
                    self.set(key, value, origin)?;
                }
            }
        }
        Ok(())
    }

    /// Applies a command-line flag.
    pub fn apply_flag(
        &mut self,
        path: &str,
        flag: &'static str,
        value: Value,
    ) -> Result<(), SettingsError> {
        let key = keys::find(path).ok_or_else(|| unknown(&Origin::Flag(flag), path.to_owned()))?;
        self.set(key, value, Origin::Flag(flag))
    }

    fn set(
        &mut self,
        key: &'static Key,
        value: Value,
        origin: Origin,
    ) -> Result<(), SettingsError> {
        key.kind
            .check(&value)
            .map_err(|reason| invalid(key, &origin, reason))?;
        self.values.insert(key.path, (value, origin));
        Ok(())
    }

    pub fn get(&self, path: &str) -> Option<&(Value, Origin)> {
        self.values.get(path)
    }

    /// The merged values as one nested TOML table, ready for serde.
    pub fn to_table(&self) -> Table {
        let mut root = Table::new();
        for key in KEYS {
            // Every section exists, even if all its settings are optional and unset.
            let section = root
                .entry(key.section())
                .or_insert_with(|| Value::Table(Table::new()));
            if let (Value::Table(section), Some((value, _))) = (section, self.values.get(key.path))
            {
                section.insert(key.name().to_owned(), value.clone());
            }
        }
        root
    }
}

/// `TICKETGRAM_*` variables that match no setting: almost always a typo worth a warning.
pub fn unknown_env_vars(env: &Env) -> Vec<String> {
    let known = KEYS.iter().flat_map(|k| k.env.iter()).chain(OTHER_ENV);
    let known: Vec<&str> = known.copied().collect();
    env.names()
        .filter(|name| name.starts_with("TICKETGRAM_") && !known.contains(name))
        .map(|name| {
            let hint = closest(name, known.iter().copied());
            match hint {
                Some(h) => format!(
                    "environment variable {name} is not a Ticketgram setting (did you mean {h}?)"
                ),
                None => format!("environment variable {name} is not a Ticketgram setting"),
            }
        })
        .collect()
}

/// Reads a config file as a TOML table.
pub fn read_file(path: &Path) -> Result<Table, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
        path: path.to_owned(),
        source,
    })?;
    text.parse::<Table>()
        .map_err(|source| SettingsError::Parse {
            path: path.to_owned(),
            source,
        })
}

fn invalid(key: &Key, origin: &Origin, reason: String) -> SettingsError {
    SettingsError::Invalid {
        origin: origin.clone(),
        key: key.path.to_owned(),
        reason,
    }
}

fn unknown(origin: &Origin, key: String) -> SettingsError {
    // A key written in the wrong section (`bot_token` at the top) is found by its last part.
    let last = key.rsplit('.').next().unwrap_or(&key);
    let suggestion = KEYS
        .iter()
        .find(|k| k.name() == last)
        .map(|k| k.path)
        .or_else(|| closest(&key, KEYS.iter().map(|k| k.path)));
    SettingsError::UnknownKey {
        origin: origin.clone(),
        key,
        suggestion,
    }
}

/// The candidate within a small edit distance of `word`, if any.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn typo_in_env_is_reported_with_a_hint() {
        let env: Env = [("TICKETGRAM_BOT_TOKN", "x"), ("TICKETGRAM_CONFIG", "y")]
            .into_iter()
            .collect();
        let warnings = unknown_env_vars(&env);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("did you mean TICKETGRAM_BOT_TOKEN"),
            "{warnings:?}"
        );
    }

    #[test]
    fn empty_env_value_counts_as_unset() {
        let env: Env = [("TICKETGRAM_HTTP_ADDR", "")].into_iter().collect();
        let mut layers = Layers::default();
        layers.apply_env(&env).unwrap();
        assert!(layers.get("http.addr").is_none());
    }

    #[test]
    fn misplaced_key_suggests_its_section() {
        let table: Table = "bot_token = \"1:a\"".parse().unwrap();
        let err = Layers::default()
            .apply_toml(table, &Origin::Default)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean `telegram.bot_token`"),
            "{err}"
        );
    }
}
