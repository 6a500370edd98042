//! Webhook signing secrets at rest: sealed with the instance's key (the one that seals bot
//! tokens, see [`crate::SealingKey`]), so a database dump does not let anyone forge the desk's
//! webhooks.
//!
//! The HMAC needs the secret itself, so hashing (as for API tokens) is no option. A sealed
//! value says so with [`SEALED_PREFIX`]; a value without it is a plain secret stored before
//! secrets were sealed, which [`Tx::seal_plain_webhook_secrets`] seals in place. Callers
//! seal before [`Store::create_webhook_endpoint`] and open after claiming a delivery.

use crate::{SealError, SealingKey, StoreError, Tx};

/// Starts every sealed secret in `webhook_endpoints.secret`.
pub const SEALED_PREFIX: &str = "sealed:v1:";

/// The value to store for `secret`.
pub fn seal_webhook_secret(key: &SealingKey, secret: &str) -> String {
    format!("{SEALED_PREFIX}{}", key.seal(secret))
}

/// The secret a stored value stands for: opened when sealed, as it is when stored before
/// sealing began.
pub fn open_webhook_secret(key: &SealingKey, stored: &str) -> Result<String, SealError> {
    match stored.strip_prefix(SEALED_PREFIX) {
        Some(sealed) => key.open(sealed),
        None => Ok(stored.to_string()),
    }
}

/// Whether a stored value is sealed.
pub fn is_sealed_webhook_secret(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

impl Tx {
    /// Seals every endpoint secret still stored in plain text; the number sealed. Safe to run
    /// on several instances at once: each row is replaced only if it still holds the plain
    /// value that was read.
    pub async fn seal_plain_webhook_secrets(&self, key: &SealingKey) -> Result<u64, StoreError> {
        let plain: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, secret FROM webhook_endpoints WHERE secret NOT LIKE 'sealed:v1:%' ORDER BY id",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut sealed = 0;
        for (id, secret) in plain {
            let done = sqlx::query(
                "UPDATE webhook_endpoints SET secret = $1 WHERE id = $2 AND secret = $3",
            )
            .bind(seal_webhook_secret(key, &secret))
            .bind(id)
            .bind(&secret)
            .execute(&mut *self.conn().await?)
            .await?;
            sealed += done.rows_affected();
        }
        Ok(sealed)
    }
}
