//! Signatures the Standard Webhooks way (<https://www.standardwebhooks.com>), which makes a
//! captured delivery useless to replay later.
//!
//! Each attempt carries `webhook-id` (the event's id, the same on every retry),
//! `webhook-timestamp` (Unix seconds when this attempt was signed) and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. The key is the
//! base64 after `whsec_` in the endpoint's secret. A receiver recomputes the signature, compares
//! in constant time and refuses timestamps more than [`TOLERANCE`] away from its clock: a
//! replayed request either keeps its old timestamp (too old) or changes it (wrong signature).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::time::Duration;

pub const ID_HEADER: &str = "webhook-id";
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// How far a delivery's timestamp may be from the receiver's clock, either way.
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);

pub const SECRET_PREFIX: &str = "whsec_";
/// Key sizes the standard allows, in bytes.
const KEY_BYTES: std::ops::RangeInclusive<usize> = 24..=64;

/// Why a delivery does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("webhook-timestamp is not a number of seconds")]
    BadTimestamp,
    #[error(
        "webhook-timestamp is further than the tolerance from now (a replay, or a wrong clock)"
    )]
    OutsideTolerance,
    #[error("no webhook-signature matches")]
    NoMatchingSignature,
}

/// A new secret: `whsec_` and the base64 of 32 random bytes.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", BASE64.encode(bytes))
}

/// Whether a caller's own secret has the standard's shape, so Standard Webhooks libraries
/// can verify with it; the error says what is expected.
pub fn check_secret(secret: &str) -> Result<(), String> {
    let decoded = secret
        .strip_prefix(SECRET_PREFIX)
        .and_then(|b64| BASE64.decode(b64).ok());
    match decoded {
        Some(key) if KEY_BYTES.contains(&key.len()) => Ok(()),
        _ => Err(format!(
            "a secret is \"whsec_\" followed by the base64 of {} to {} random bytes \
             (or leave it out and one is generated)",
            KEY_BYTES.start(),
            KEY_BYTES.end()
        )),
    }
}

/// The HMAC key of a secret: the bytes after `whsec_`, base64-decoded. Secrets of another
/// form (accepted by earlier versions) are used as they are, byte for byte.
pub fn key(secret: &str) -> Vec<u8> {
    secret
        .strip_prefix(SECRET_PREFIX)
        .and_then(|b64| BASE64.decode(b64).ok())
        .unwrap_or_else(|| secret.as_bytes().to_vec())
}

fn mac(secret: &str, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key(secret))
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `webhook-signature` value for this attempt.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let tag = mac(secret, id, &timestamp.to_string(), body).finalize();
    format!("v1,{}", BASE64.encode(tag.into_bytes()))
}

/// What a receiver does with the three headers and the raw body, `now` being its clock in Unix
/// seconds. The header may list several space-separated signatures; one match is enough.
pub fn verify(
    secret: &str,
    id: &str,
    timestamp: &str,
    signatures: &str,
    body: &[u8],
    now: i64,
) -> Result<(), VerifyError> {
    let sent: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| VerifyError::BadTimestamp)?;
    let tolerance = i64::try_from(TOLERANCE.as_secs()).unwrap_or(i64::MAX);
    if now.abs_diff(sent) > tolerance.unsigned_abs() {
        return Err(VerifyError::OutsideTolerance);
    }
    let expected = mac(secret, id, timestamp.trim(), body);
    let matches = signatures
        .split_whitespace()
        .filter_map(|one| one.strip_prefix("v1,"))
        .filter_map(|b64| BASE64.decode(b64).ok())
        .any(|tag| expected.clone().verify_slice(&tag).is_ok());
    if matches {
        Ok(())
    } else {
        Err(VerifyError::NoMatchingSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example of the Standard Webhooks specification and its reference libraries.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const AT: i64 = 1614265330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;

    #[test]
    fn matches_the_specifications_example() {
        assert_eq!(
            sign(SECRET, ID, AT, BODY),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_delivery_verifies_within_the_tolerance_only() {
        let sig = sign(SECRET, ID, AT, BODY);
        let at = AT.to_string();
        assert_eq!(verify(SECRET, ID, &at, &sig, BODY, AT + 299), Ok(()));
        assert_eq!(verify(SECRET, ID, &at, &sig, BODY, AT - 299), Ok(()));
        assert_eq!(
            verify(SECRET, ID, &at, &sig, BODY, AT + 301),
            Err(VerifyError::OutsideTolerance)
        );
        // A fresh timestamp on an old signature does not verify.
        let now = (AT + 3600).to_string();
        assert_eq!(
            verify(SECRET, ID, &now, &sig, BODY, AT + 3600),
            Err(VerifyError::NoMatchingSignature)
        );
        assert_eq!(
            verify(SECRET, "msg_other", &at, &sig, BODY, AT),
            Err(VerifyError::NoMatchingSignature)
        );
        assert_eq!(
            verify(SECRET, ID, "soon", &sig, BODY, AT),
            Err(VerifyError::BadTimestamp)
        );
        let rotated = format!("v1,bm9wZQ== {sig}");
        assert_eq!(verify(SECRET, ID, &at, &rotated, BODY, AT), Ok(()));
    }

    #[test]
    fn generated_secrets_have_the_standard_shape() {
        let secret = generate_secret();
        assert!(secret.starts_with("whsec_"));
        assert_eq!(check_secret(&secret), Ok(()));
        assert_eq!(key(&secret).len(), 32);
        assert_ne!(secret, generate_secret());
        assert!(check_secret("whsec_c2hvcnQ=").is_err());
        assert!(check_secret("my-own-long-password-123").is_err());
        assert_eq!(
            key("legacy-secret-of-any-form"),
            b"legacy-secret-of-any-form"
        );
    }
}
