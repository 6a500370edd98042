//! The order number on its way into the platform's URL.
//!
//! A client types the order number, so it is data, never URL syntax: it is percent-encoded
//! into the template, where `/`, `?`, `#`, `&`, `=` and `%` cannot change which resource is
//! asked for. `../admin?x=1#` asks the platform about the order `../admin?x=1#`
//! (`/orders/..%2Fadmin%3Fx%3D1%23`), not for `/admin`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use crate::config::ConfigError;

/// Where the order number goes in the URL template.
pub(crate) const PLACEHOLDER: &str = "{order}";

/// Longer than any order number a platform issues; a longer one is a paste gone wrong.
pub const MAX_ORDER_LEN: usize = 128;

/// Everything but RFC 3986's unreserved characters (letters, digits, `-._~`), which mean the
/// same encoded or not and keep ordinary order numbers readable in the platform's logs.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Stands in for the order number while the template is parsed: plain path text in any part
/// of a URL, lowercase because hosts are lowercased.
const MARKER: &str = "ticketgram0order0marker";

/// Whether an order number (already trimmed) could be one at all.
pub(crate) fn plausible(order: &str) -> bool {
    !order.is_empty() && order.chars().count() <= MAX_ORDER_LEN
}

fn parse_template(template: &str) -> Result<Url, ConfigError> {
    Url::parse(&template.replace(PLACEHOLDER, MARKER))
        .map_err(|error| ConfigError::NotAUrl(error.to_string()))
}

/// An http(s) URL without credentials, with `{order}` in its path or query only: in the host
/// the order number would choose which machine is called.
pub(crate) fn check_url_template(template: &str) -> Result<(), ConfigError> {
    if !template.contains(PLACEHOLDER) {
        return Err(ConfigError::NoOrderPlaceholder);
    }
    let url = parse_template(template)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ConfigError::Scheme);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::Credentials);
    }
    let within = |part: Option<&str>| part.is_some_and(|part| part.contains(MARKER));
    let elsewhere = within(url.host_str()) || within(url.fragment());
    if elsewhere || !(within(Some(url.path())) || within(url.query())) {
        return Err(ConfigError::OrderPlacement);
    }
    Ok(())
}

/// The URL that asks about `order`, or `None` when the order number cannot be asked about
/// without changing the resource (see below). `template` has passed [`check_url_template`].
pub(crate) fn url_for(template: &str, order: &str) -> Option<Url> {
    let base = parse_template(template).ok()?;
    let encoded = utf8_percent_encode(order, COMPONENT).to_string();
    let url = Url::parse(&base.as_str().replace(MARKER, &encoded)).ok()?;
    // `.` and `..` are unreserved, and a URL parser removes them as dot segments: the order
    // number `..` alone in a segment would ask for the parent resource. The URL must be the
    // template with the order number in place and nothing else changed.
    let path = base.path().replace(MARKER, &encoded);
    let query = base.query().map(|query| query.replace(MARKER, &encoded));
    (url.path() == path && url.query() == query.as_deref()).then_some(url)
}

/// What the signature covers: the request target as sent, percent-encoding included.
pub(crate) fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "https://market.example/api/orders/{order}?desk=7";

    fn target(template: &str, order: &str) -> Option<String> {
        url_for(template, order).map(|url| path_and_query(&url))
    }

    #[test]
    fn an_order_number_is_data_inside_its_segment() {
        assert_eq!(
            target(TEMPLATE, "A-1042").as_deref(),
            Some("/api/orders/A-1042?desk=7")
        );
        assert_eq!(
            target(TEMPLATE, "../admin?x=1#").as_deref(),
            Some("/api/orders/..%2Fadmin%3Fx%3D1%23?desk=7")
        );
        assert_eq!(
            target(TEMPLATE, "№ 7/8 100%").as_deref(),
            Some("/api/orders/%E2%84%96%207%2F8%20100%25?desk=7")
        );
        assert_eq!(
            target("https://m.example/lookup?order={order}&v=2", "A&v=1").as_deref(),
            Some("/lookup?order=A%26v%3D1&v=2")
        );
    }

    #[test]
    fn a_dot_segment_cannot_climb_out_of_the_template() {
        assert_eq!(target(TEMPLATE, ".."), None);
        assert_eq!(target(TEMPLATE, "."), None);
        assert_eq!(target("https://m.example/v1.0/orders/.{order}", "."), None);
        assert_eq!(
            target(TEMPLATE, "...").as_deref(),
            Some("/api/orders/...?desk=7")
        );
        // In the query, dots are only text.
        assert_eq!(
            target("https://m.example/lookup?order={order}", "..").as_deref(),
            Some("/lookup?order=..")
        );
    }
}
