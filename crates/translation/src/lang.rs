//! A language as the providers name it: a BCP 47 tag cut down to what translation APIs use
//! (`ru`, `en-US`, `pt-BR`, `zh-Hans`).
//!
//! Every provider spells codes its own way (DeepL `EN-US`, Google `zh-CN`, LibreTranslate
//! `zh-Hans`), so a code is kept in one canonical spelling — language lower case, script
//! title case, region upper case — and each provider renders it as it wants. Parsing is
//! lenient on case and on `_` for `-` because codes also come back from providers' answers.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lang(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a language code: write an ISO 639-1 code such as ru or en, optionally with a region (pt-BR) or script (zh-Hans)")]
pub struct InvalidLang(pub String);

impl Lang {
    pub fn parse(raw: &str) -> Result<Lang, InvalidLang> {
        let invalid = || InvalidLang(raw.to_string());
        let mut parts = raw.trim().split(['-', '_']);
        let language = parts.next().unwrap_or_default();
        if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(invalid());
        }
        let mut code = language.to_ascii_lowercase();
        // At most a script and a region: longer tags (variants, extensions) mean nothing to
        // any translation API.
        for (count, part) in parts.enumerate() {
            let alpha = part.chars().all(|c| c.is_ascii_alphabetic());
            let subtag = match part.len() {
                4 if alpha => {
                    let (first, rest) = part.split_at(1);
                    format!(
                        "{}{}",
                        first.to_ascii_uppercase(),
                        rest.to_ascii_lowercase()
                    )
                }
                2 if alpha => part.to_ascii_uppercase(),
                3 if part.chars().all(|c| c.is_ascii_digit()) => part.to_string(),
                _ => return Err(invalid()),
            };
            if count >= 2 {
                return Err(invalid());
            }
            code.push('-');
            code.push_str(&subtag);
        }
        Ok(Lang(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language without script or region: `pt` of `pt-BR`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether a text in `self` needs no translation to be read in `other`: the same primary
    /// language (`en-GB` and `en-US` are both English; `zh-Hans` and `zh-Hant` are not the
    /// same script, but a reader of one mostly reads the other, and no desk translates
    /// between them).
    pub fn same_language(&self, other: &Lang) -> bool {
        self.primary() == other.primary()
    }
}

impl TryFrom<String> for Lang {
    type Error = InvalidLang;
    fn try_from(raw: String) -> Result<Lang, InvalidLang> {
        Lang::parse(&raw)
    }
}

impl From<Lang> for String {
    fn from(lang: Lang) -> String {
        lang.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(raw: &str) -> String {
        Lang::parse(raw).unwrap().to_string()
    }

    #[test]
    fn each_provider_spelling_becomes_one_canonical_code() {
        assert_eq!(code("RU"), "ru");
        assert_eq!(code(" en-us "), "en-US");
        assert_eq!(code("EN_GB"), "en-GB");
        assert_eq!(code("ZH-HANS"), "zh-Hans");
        assert_eq!(code("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(code("es-419"), "es-419");
        assert_eq!(code("fil"), "fil");
    }

    #[test]
    fn what_is_not_a_code_is_refused() {
        for raw in [
            "",
            "e",
            "english",
            "en-",
            "en-USA1",
            "r1",
            "en-US-x-y",
            "ру",
        ] {
            assert!(Lang::parse(raw).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn regions_of_one_language_need_no_translation_between_them() {
        let gb = Lang::parse("en-GB").unwrap();
        assert!(gb.same_language(&Lang::parse("en").unwrap()));
        assert!(!gb.same_language(&Lang::parse("ru").unwrap()));
        assert_eq!(gb.primary(), "en");
    }

    #[test]
    fn a_code_is_a_plain_json_string_and_a_map_key() {
        let lang: Lang = serde_json::from_str("\"pt-br\"").unwrap();
        assert_eq!(serde_json::to_string(&lang).unwrap(), "\"pt-BR\"");
        let map: std::collections::BTreeMap<Lang, u8> =
            serde_json::from_str(r#"{"RU": 1}"#).unwrap();
        assert_eq!(map.keys().next().unwrap().as_str(), "ru");
        assert!(serde_json::from_str::<Lang>("\"klingon\"").is_err());
    }
}
