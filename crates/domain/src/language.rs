//! Languages the bots speak. Telegram gives an IETF tag ("en", "pt-br", "zh-hans"); we keep the
//! primary subtag and fall back to English for locales we have no translation for.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ru,
    Zh,
    De,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::Ru, Language::Zh, Language::De];

    /// Maps a Telegram `language_code` to a supported language; unknown codes get English.
    pub fn from_telegram_code(code: Option<&str>) -> Language {
        let primary = code
            .unwrap_or("en")
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        Language::from_code(&primary).unwrap_or_default()
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::En),
            "ru" => Some(Language::Ru),
            "zh" => Some(Language::Zh),
            "de" => Some(Language::De),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
            Language::Zh => "zh",
            Language::De => "de",
        }
    }
}

/// Where a client's bot language came from; an explicit choice is never overridden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// Their Telegram app's locale, on first contact.
    #[default]
    Telegram,
    /// Learned from the language they write in.
    Detected,
    /// Chosen by the client in the bot (/language).
    Chosen,
}

impl LanguageSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageSource::Telegram => "telegram",
            LanguageSource::Detected => "detected",
            LanguageSource::Chosen => "chosen",
        }
    }

    pub fn parse(raw: &str) -> Option<LanguageSource> {
        match raw {
            "telegram" => Some(LanguageSource::Telegram),
            "detected" => Some(LanguageSource::Detected),
            "chosen" => Some(LanguageSource::Chosen),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_locale_tags_map_to_our_languages() {
        assert_eq!(Language::from_telegram_code(Some("ru")), Language::Ru);
        assert_eq!(Language::from_telegram_code(Some("zh-hans")), Language::Zh);
        assert_eq!(Language::from_telegram_code(Some("de-AT")), Language::De);
        assert_eq!(Language::from_telegram_code(Some("pt-br")), Language::En);
        assert_eq!(Language::from_telegram_code(None), Language::En);
    }
}
