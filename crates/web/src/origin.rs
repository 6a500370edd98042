//! Login CSRF: the sign-in forms only accept posts from the console's own pages.
//!
//! A session cookie is not there yet to tie a sign-in post to a CSRF token, so another site
//! could otherwise post its own sign-in link (or an admin's password) from a victim's browser
//! and sign the victim in as the attacker, who would then read whatever the victim types. Browsers
//! send `Origin` on every POST; the console's pages use `Referrer-Policy: same-origin`, so
//! their own posts carry the real origin rather than `null`. A post without `Origin` falls
//! back to `Referer`; with neither it is refused.

use crate::WebSettings;
use axum::http::{header, HeaderMap};
use url::Url;

/// Whether the request was sent from one of the console's own pages.
pub fn is_own(settings: &WebSettings, headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(sender) = text(header::ORIGIN)
        .or_else(|| text(header::REFERER))
        .and_then(|u| Url::parse(u).ok())
    else {
        return false;
    };
    let sender = sender.origin();
    if !sender.is_tuple() {
        return false;
    }
    match settings.public_url.as_deref().map(Url::parse) {
        Some(Ok(own)) => sender == own.origin(),
        // No public URL configured: the host the browser asked for is the console's.
        _ => {
            let host = text(header::HOST).unwrap_or("");
            let sender = sender.ascii_serialization();
            let authority = sender.split_once("://").map_or("", |(_, a)| a);
            !host.is_empty() && authority.eq_ignore_ascii_case(host)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_the_consoles_own_pages_may_post_a_sign_in() {
        let settings = WebSettings::new(Some("https://help.example.com/".into()));
        let own = headers(&[(header::ORIGIN, "https://help.example.com")]);
        assert!(is_own(&settings, &own));
        let referer = headers(&[(header::REFERER, "https://help.example.com/login/abc")]);
        assert!(is_own(&settings, &referer));
        for forged in [
            "https://evil.example",
            "http://help.example.com",
            "https://help.example.com:8443",
            "null",
        ] {
            let h = headers(&[(header::ORIGIN, forged)]);
            assert!(!is_own(&settings, &h), "{forged}");
        }
        assert!(!is_own(&settings, &HeaderMap::new()), "neither header");

        let unset = WebSettings::new(None);
        let h = headers(&[
            (header::ORIGIN, "http://127.0.0.1:8080"),
            (header::HOST, "127.0.0.1:8080"),
        ]);
        assert!(is_own(&unset, &h));
        let h = headers(&[
            (header::ORIGIN, "http://evil.example"),
            (header::HOST, "127.0.0.1:8080"),
        ]);
        assert!(!is_own(&unset, &h));
    }
}
