//! `X-Ticketgram-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the endpoint's
//! secret>`. Receivers recompute it over the bytes they received and compare in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "x-ticketgram-signature";
pub const EVENT_HEADER: &str = "x-ticketgram-event";
pub const DELIVERY_HEADER: &str = "x-ticketgram-delivery";

fn mac(secret: &str, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(body);
    mac
}

/// The header value for `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        hex::encode(mac(secret, body).finalize().into_bytes())
    )
}

/// Whether `header` is the signature of `body` (constant-time comparison).
pub fn verify(secret: &str, body: &[u8], header: &str) -> bool {
    let Some(hex_sig) = header.strip_prefix("sha256=") else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_sig) else {
        return false;
    };
    mac(secret, body).verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_body_and_secret() {
        let body = br#"{"type":"ticket.created"}"#;
        let sig = sign("whsec_test", body);
        assert!(sig.starts_with("sha256=") && sig.len() == 7 + 64);
        assert!(verify("whsec_test", body, &sig));
        assert!(!verify("whsec_other", body, &sig));
        assert!(!verify("whsec_test", b"{}", &sig));
        assert!(!verify("whsec_test", body, "sha1=abc"));
    }

    #[test]
    fn matches_a_known_vector() {
        // RFC 4231 test case 2.
        let sig = sign("Jefe", b"what do ya want for nothing?");
        assert_eq!(
            sig,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
