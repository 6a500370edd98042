//! What a flow says, per language: a `Texts` for one message or label, a `Words` for keyword
//! lists. One field per language (not a map) so a typo like `fr:` is refused by the parser and
//! the JSON Schema lists exactly the languages the bots speak; `get` matches exhaustively, so a
//! new `Language` cannot be forgotten here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ticketgram_domain::Language;

/// One text in each language the bots speak. English is the fallback and must be present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<String>,
}

impl Texts {
    /// The text written for `lang`, if any (no fallback).
    pub fn get(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::En => self.en.as_deref(),
            Language::Ru => self.ru.as_deref(),
            Language::Zh => self.zh.as_deref(),
            Language::De => self.de.as_deref(),
        }
    }

    /// The text for `lang`, else English. A validated flow always has English, so the empty
    /// string is only reachable for a definition that was never validated.
    pub fn resolve(&self, lang: Language) -> &str {
        self.get(lang).or(self.en.as_deref()).unwrap_or_default()
    }

    /// Every (language, text) written, for validation and label matching.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> {
        Language::ALL
            .into_iter()
            .filter_map(|lang| self.get(lang).map(|text| (lang, text)))
    }
}

/// Words per language (keywords). Any language's words match whatever the client's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ru: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zh: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub de: Vec<String>,
}

impl Words {
    pub fn get(&self, lang: Language) -> &[String] {
        match lang {
            Language::En => &self.en,
            Language::Ru => &self.ru,
            Language::Zh => &self.zh,
            Language::De => &self.de,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> {
        Language::ALL
            .into_iter()
            .flat_map(move |lang| self.get(lang).iter().map(move |word| (lang, word.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_language_falls_back_to_english() {
        let texts = Texts {
            en: Some("Hello".into()),
            ru: Some("Здравствуйте".into()),
            ..Texts::default()
        };
        assert_eq!(texts.resolve(Language::Ru), "Здравствуйте");
        assert_eq!(texts.resolve(Language::De), "Hello");
        assert_eq!(texts.iter().count(), 2);
    }
}
