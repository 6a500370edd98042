//! Translations. Every user-facing sentence a bot or the web console shows lives in
//! `locales/<lang>/*.ftl`
//! (Project Fluent syntax), never inline in Rust code, so translators work on plain files and
//! a test catches a key missing from any language.
//!
//! The files are compiled into the binary: a deployment cannot lose them, and a syntax error
//! in a translation fails the test suite instead of a production conversation.

mod words;

pub use words::{desk_time, Audience};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use ticketgram_domain::Language;

/// The Fluent sources of one language, in file order. One file per area of the product, so
/// translators (and engineers working on different bots) edit different files.
fn sources(language: Language) -> &'static [&'static str] {
    macro_rules! locale {
        ($lang:literal) => {
            locale!($lang, ["bot", "settings", "manager", "reports", "web", "kb", "flows", "translation", "complaints"])
        };
        ($lang:literal, [$($file:literal),*]) => {
            &[$(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../locales/",
                $lang,
                "/",
                $file,
                ".ftl"
            ))),*]
        };
    }
    match language {
        Language::En => locale!("en"),
        Language::Ru => locale!("ru"),
        Language::Zh => locale!("zh"),
        Language::De => locale!("de"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locale {language}: cannot parse Fluent source: {details}")]
    Parse { language: Language, details: String },
    #[error("locale {language}: {details}")]
    Bundle { language: Language, details: String },
}

/// All bundles, built once at start-up and shared (it is `Send + Sync`).
pub struct Translator {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

impl Translator {
    pub fn load() -> Result<Translator, I18nError> {
        let mut bundles = HashMap::new();
        for language in Language::ALL {
            let langid: unic_langid::LanguageIdentifier =
                language.code().parse().map_err(|e| I18nError::Bundle {
                    language,
                    details: format!("bad language id: {e}"),
                })?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Unicode isolation marks around placeholders confuse Telegram clients and tests;
            // our placeholders are never bidirectional text mixed into RTL sentences.
            bundle.set_use_isolating(false);
            for source in sources(language) {
                let resource =
                    FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
                        I18nError::Parse {
                            language,
                            details: format!("{errors:?}"),
                        }
                    })?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| I18nError::Bundle {
                        language,
                        details: format!("{errors:?}"),
                    })?;
            }
            bundles.insert(language, bundle);
        }
        Ok(Translator { bundles })
    }

    /// The message `key` in `language` with `args` filled in. A key missing from a language
    /// falls back to English; a key missing everywhere returns the key itself, so a bug shows
    /// as an odd word rather than a silent empty message (and the test suite fails first).
    pub fn text(&self, language: Language, key: &str, args: &[(&str, Arg)]) -> String {
        self.try_text(language, key, args)
            .or_else(|| self.try_text(Language::En, key, args))
            .unwrap_or_else(|| key.to_string())
    }

    fn try_text(&self, language: Language, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = self.bundles.get(&language)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// Message keys defined for `language` (used by the completeness test and `check-config`).
    pub fn keys(language: Language) -> Vec<String> {
        sources(language)
            .iter()
            .flat_map(|src| src.lines())
            .filter_map(|line| {
                let (key, _) = line.split_once(" =")?;
                let key = key.trim_end();
                let is_key = !key.is_empty()
                    && !line.starts_with([' ', '#', '.', '\t'])
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                is_key.then(|| key.to_string())
            })
            .collect()
    }
}

/// A placeholder value.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_language_has_every_key_and_no_extra_ones() {
        let english: BTreeSet<String> = Translator::keys(Language::En).into_iter().collect();
        assert!(english.len() > 10, "English locale looks empty");
        for language in Language::ALL {
            let keys: BTreeSet<String> = Translator::keys(language).into_iter().collect();
            let missing: Vec<_> = english.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&english).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language} has keys English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_locale_parses_and_fills_placeholders() {
        let t = Translator::load().unwrap();
        for language in Language::ALL {
            let text = t.text(
                language,
                "ticket-created",
                &[("number", 1042.into()), ("eta", "1 h".into())],
            );
            assert!(text.contains("1042"), "{language}: {text}");
            assert!(
                !text.contains("{"),
                "{language}: unfilled placeholder in {text}"
            );
        }
    }

    #[test]
    fn placeholders_match_across_languages() {
        let placeholders = |language: Language, key: &str| -> BTreeSet<String> {
            let src: String = sources(language).concat();
            let body = src
                .lines()
                .skip_while(|l| !l.starts_with(&format!("{key} =")))
                .take_while(|l| l.starts_with(&format!("{key} =")) || l.starts_with(' '))
                .collect::<Vec<_>>()
                .join("\n");
            body.split("{ $")
                .skip(1)
                .filter_map(|s| s.split([' ', '}']).next())
                .map(str::to_string)
                .collect()
        };
        for key in Translator::keys(Language::En) {
            let english = placeholders(Language::En, &key);
            for language in Language::ALL {
                assert_eq!(placeholders(language, &key), english, "{language}/{key}");
            }
        }
    }

    #[test]
    fn unknown_keys_show_up_rather_than_vanish() {
        let t = Translator::load().unwrap();
        assert_eq!(t.text(Language::De, "no-such-key", &[]), "no-such-key");
    }
}
