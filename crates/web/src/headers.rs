//! Security headers on every console response.
//!
//! Pages may load scripts, styles, images and live updates from the console itself and
//! nothing else; no inline script runs (the scripts are files, see `assets`), no other site
//! may frame the console, no URL leaks to other sites through `Referer`, nothing is sniffed
//! into a type it was not sent as, and nothing (pages carry tickets and CSRF tokens) is kept
//! in a shared or browser cache. Behind https the browser is also told to never use plain
//! http again.
//!
//! A handler that sets its own `Content-Security-Policy` keeps it: attachments use the much
//! stricter [`ATTACHMENT_CSP`].

use crate::WebState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The pages' policy. `'self'` only; `form-action` keeps forms from posting elsewhere and
/// `base-uri` keeps an injected `<base>` from redirecting relative URLs.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// A client's file: nothing in it may load, run or reach anything, even when opened directly.
/// `sandbox` also gives it an opaque origin, so it cannot read the console's cookies or pages.
pub const ATTACHMENT_CSP: &str = "default-src 'none'; sandbox";

/// One year, in seconds: the usual HSTS lifetime.
const HSTS: &str = "max-age=31536000";

pub async fn secure(State(state): State<WebState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    add(response.headers_mut(), state.settings.is_https());
    response
}

/// Adds the headers a response does not set itself. `https`: the console's public URL is
/// https (then cookies are `Secure` too).
fn add(headers: &mut HeaderMap, https: bool) {
    let defaults = [
        (header::CONTENT_SECURITY_POLICY, PAGE_CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Not `no-referrer`: with it browsers send `Origin: null` on our own form posts, and
        // the sign-in forms check Origin. `same-origin` still tells other sites nothing.
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handlers_own_policy_is_kept_and_hsts_needs_https() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(ATTACHMENT_CSP),
        );
        add(&mut headers, false);
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], ATTACHMENT_CSP);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
        add(&mut headers, true);
        assert_eq!(headers[header::STRICT_TRANSPORT_SECURITY], HSTS);
        assert!(PAGE_CSP.contains("frame-ancestors 'none'") && !PAGE_CSP.contains("unsafe"));
    }
}
