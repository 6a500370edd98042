//! Encryption at rest for bot tokens (and any other secret the desk stores).
//!
//! XChaCha20-Poly1305 with a random 192-bit nonce per value, so the same token sealed twice
//! looks different and nonces never need a counter. A sealed value is base64 of
//! `nonce || ciphertext+tag`. The 256-bit key is derived from the instance's secret key
//! (`security.secret_key`): a database dump alone reveals no token.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

const NONCE_LEN: usize = 24;

/// Why a sealed value could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the sealed value is not base64 of a nonce and a ciphertext")]
    Malformed,
    /// Another key sealed it, or it was altered.
    #[error("the sealed value does not open with this key (was security.secret_key changed?)")]
    WrongKey,
}

/// The key that seals secrets. Never printed: see `Debug`.
#[derive(Clone)]
pub struct SealingKey([u8; 32]);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(<redacted>)")
    }
}

impl SealingKey {
    /// The key for `secret` (the instance's secret key, at least 32 characters). The label
    /// keeps this key apart from anything else derived from the same secret.
    pub fn derive(secret: &str) -> SealingKey {
        let mut hasher = Sha256::new();
        hasher.update(b"ticketgram/sealed-secrets/v1\0");
        hasher.update(secret.as_bytes());
        SealingKey(hasher.finalize().into())
    }

    pub fn seal(&self, plaintext: &str) -> String {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Encrypting into a Vec cannot fail for inputs of any size we store.
        let sealed = cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .expect("XChaCha20-Poly1305 seals any message shorter than 256 GiB");
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        BASE64.encode(out)
    }

    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = BASE64.decode(sealed).map_err(|_| SealError::Malformed)?;
        if bytes.len() <= NONCE_LEN {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| SealError::WrongKey)?;
        String::from_utf8(plain).map_err(|_| SealError::Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_token_opens_with_its_key_only() {
        let key = SealingKey::derive("a-very-long-secret-key-of-32-characters!");
        let token = "123456:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";
        let sealed = key.seal(token);
        assert!(!sealed.contains("AAbb"));
        assert_ne!(sealed, key.seal(token), "a fresh nonce each time");
        assert_eq!(key.open(&sealed).unwrap(), token);
        let other = SealingKey::derive("another-very-long-secret-key-of-32-chars");
        assert_eq!(other.open(&sealed), Err(SealError::WrongKey));
        assert_eq!(key.open("not base64!"), Err(SealError::Malformed));
        assert_eq!(format!("{key:?}"), "SealingKey(<redacted>)");
    }
}
