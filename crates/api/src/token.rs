//! Token material: `tg_` plus 64 hex characters from the OS random generator. The store keeps
//! only the SHA-256 and the first characters, so a token is shown once, at creation.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A freshly minted token: the raw value for the admin, the rest for the store.
pub struct MintedToken {
    pub raw: String,
    pub prefix: String,
    pub hash: String,
}

const PREFIX_LEN: usize = 9; // "tg_" and six characters

pub fn mint() -> MintedToken {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let raw = format!("tg_{}", hex::encode(bytes));
    MintedToken {
        prefix: raw[..PREFIX_LEN].to_string(),
        hash: hash(&raw),
        raw,
    }
}

/// Hex SHA-256 of a presented token: what the store looks tokens up by.
pub fn hash(raw: &str) -> String {
    hex::encode(Sha256::digest(raw.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_identifies_them() {
        let a = mint();
        let b = mint();
        assert_ne!(a.raw, b.raw);
        assert!(a.raw.starts_with("tg_") && a.raw.len() == 67);
        assert!(a.raw.starts_with(&a.prefix));
        assert_eq!(a.hash, hash(&a.raw));
        assert_ne!(a.hash, a.raw);
    }
}
