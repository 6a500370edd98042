//! Which language a console page speaks: the signed-in agent's own setting (their first
//! language, the one the manager bot speaks to them); without one, the first supported
//! language their browser asks for; without that, the desk's agent language.

use axum::http::{header, HeaderMap};
use ticketgram_domain::{Agent, Language};

pub fn choose(agent: Option<&Agent>, headers: &HeaderMap, desk: Language) -> Language {
    agent
        .and_then(|a| a.languages.first().copied())
        .or_else(|| of_browser(headers))
        .unwrap_or(desk)
}

/// `Accept-Language: de-CH, fr;q=0.8, ru;q=0.5` -> German. Weights are ignored: browsers list
/// languages in the order of preference already.
pub fn of_browser(headers: &HeaderMap) -> Option<Language> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(',')
        .filter_map(|tag| {
            let tag = tag.split(';').next()?.trim();
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            Language::from_code(&primary)
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_first_supported_browser_language_wins() {
        let mut headers = HeaderMap::new();
        assert_eq!(of_browser(&headers), None);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-FR, de-CH;q=0.8, ru;q=0.5"),
        );
        assert_eq!(of_browser(&headers), Some(Language::De));
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("pt"));
        assert_eq!(of_browser(&headers), None);
    }

    #[test]
    fn the_agents_own_setting_comes_before_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de"));
        assert_eq!(choose(None, &headers, Language::Ru), Language::De);
        assert_eq!(choose(None, &HeaderMap::new(), Language::Ru), Language::Ru);
    }
}
