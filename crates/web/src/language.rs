//! Which language a console message is written in: the signed-in agent's first language, or
//! for somebody not signed in, the first supported one their browser asks for.

use axum::http::{header, HeaderMap};
use ticketgram_domain::{Agent, Language};

pub fn of_agent(agent: &Agent) -> Language {
    agent.languages.first().copied().unwrap_or_default()
}

/// `Accept-Language: de-CH, fr;q=0.8, ru;q=0.5` -> German. Weights are ignored: browsers list
/// languages in the order of preference already.
pub fn of_browser(headers: &HeaderMap) -> Language {
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
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_first_supported_browser_language_wins() {
        let mut headers = HeaderMap::new();
        assert_eq!(of_browser(&headers), Language::En);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-FR, de-CH;q=0.8, ru;q=0.5"),
        );
        assert_eq!(of_browser(&headers), Language::De);
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("pt"));
        assert_eq!(of_browser(&headers), Language::En);
    }
}
