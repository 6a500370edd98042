//! How the desk signs a lookup, and how a platform checks it.
//!
//! `X-Ticketgram-Lookup-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<path-and-query>")>`,
//! with the timestamp (unix seconds) in `X-Ticketgram-Lookup-Timestamp`. (Both names say
//! "Lookup": the deprecated webhook header `X-Ticketgram-Signature` signs a body instead, and a
//! platform that receives both must not mistake one for the other.) Signing the timestamp lets
//! the platform refuse a captured request replayed later (it checks the time is close to its
//! own); signing the path and query, exactly as sent, binds the signature to the one order
//! asked about, so it cannot be moved to another resource. A lookup is a GET without a body,
//! so there is nothing else to sign. `docs/platform.md` has a worked example.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;

pub const TIMESTAMP_HEADER: &str = "X-Ticketgram-Lookup-Timestamp";
pub const SIGNATURE_HEADER: &str = "X-Ticketgram-Lookup-Signature";

/// What the signature header's value starts with: names the algorithm, so another can follow.
const SCHEME: &str = "sha256=";

/// Why a request's signature is not accepted. For the platform's own logs: a platform should
/// answer 401 whichever it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the timestamp is not a whole number of seconds")]
    Timestamp,
    #[error("the timestamp is {skew_secs} s away from now: too old, or a clock is off")]
    Stale { skew_secs: u64 },
    #[error("the signature header is not sha256=<64 hex digits>")]
    Malformed,
    #[error("the signature does not match (another secret, or the request was changed)")]
    Mismatch,
}

fn mac(secret: &str, timestamp: &str, path_and_query: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(path_and_query.as_bytes());
    mac
}

/// The signature header's value for a request to `path_and_query` (`/orders/A-1042?x=1`,
/// percent-encoding as sent) at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, path_and_query: &str) -> String {
    let tag = mac(secret, &timestamp.to_string(), path_and_query)
        .finalize()
        .into_bytes();
    format!("{SCHEME}{}", hex::encode(tag))
}

/// Checks a lookup the way a platform should: the timestamp within `tolerance` of `now`
/// (either way: clocks drift), then the signature over exactly the timestamp header's text and
/// the request's path and query as received, compared in constant time.
pub fn verify_signature(
    secret: &str,
    timestamp: &str,
    path_and_query: &str,
    header: &str,
    now: DateTime<Utc>,
    tolerance: Duration,
) -> Result<(), SignatureError> {
    let sent: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureError::Timestamp)?;
    let skew_secs = now.timestamp().abs_diff(sent);
    if skew_secs > tolerance.as_secs() {
        return Err(SignatureError::Stale { skew_secs });
    }
    let tag = header
        .trim()
        .strip_prefix(SCHEME)
        .and_then(|digits| hex::decode(digits).ok())
        .ok_or(SignatureError::Malformed)?;
    mac(secret, timestamp.trim(), path_and_query)
        .verify_slice(&tag)
        .map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "platform-shared-secret";
    const MINUTE: Duration = Duration::from_secs(60);

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn the_worked_example_in_the_platform_docs_holds() {
        // docs/platform.md shows this; reproduced there with openssl and Python.
        assert_eq!(
            sign(SECRET, 1_767_225_600, "/orders/A-1042"),
            "sha256=cc2717b63bb80581d288f0670139b13a938a01a6576d41102fc959b5d32aaba4"
        );
    }

    #[test]
    fn a_signed_request_verifies_within_the_tolerance_only() {
        let header = sign(SECRET, 1_000, "/orders/A-1042?desk=7");
        let verify = |now, path: &str, header: &str| {
            verify_signature(SECRET, "1000", path, header, at(now), MINUTE)
        };
        assert_eq!(verify(1_030, "/orders/A-1042?desk=7", &header), Ok(()));
        assert_eq!(verify(970, "/orders/A-1042?desk=7", &header), Ok(()));
        assert_eq!(
            verify(1_061, "/orders/A-1042?desk=7", &header),
            Err(SignatureError::Stale { skew_secs: 61 })
        );
        assert_eq!(
            verify(1_000, "/orders/A-1043?desk=7", &header),
            Err(SignatureError::Mismatch),
            "moved to another order"
        );
        assert_eq!(
            verify(1_000, "/orders/A-1042?desk=7", "sha256=zz"),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify(
                1_000,
                "/orders/A-1042?desk=7",
                header.trim_start_matches("sha256=")
            ),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify_signature(SECRET, "yesterday", "/", &header, at(1_000), MINUTE),
            Err(SignatureError::Timestamp)
        );
        assert_eq!(
            verify_signature(
                "another",
                "1000",
                "/orders/A-1042?desk=7",
                &header,
                at(1_000),
                MINUTE
            ),
            Err(SignatureError::Mismatch)
        );
    }
}
