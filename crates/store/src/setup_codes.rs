//! First-run setup: the one-time code `serve` prints while the desk has no owner, and its
//! claim by the first Telegram user who sends it to the settings bot.
//!
//! Only a SHA-256 of the code is stored. A code is used by a single guarded `UPDATE`, in the
//! same transaction that makes its sender the owner, so two people sending it at once cannot
//! both become owner. Wrong codes are counted; past [`SETUP_ATTEMPT_LIMIT`] every claim is
//! refused until a new code is printed (at the next start), so guessing eight digits is hopeless.

use crate::agents::upsert_agent_in;
use crate::time::to_millis;
use crate::Tx;
use crate::{NewAgent, Store, StoreError};
use rand::Rng;
use sha2::{Digest, Sha256};
use ticketgram_domain::{Agent, AgentRole, Timestamp, WorkspaceId};

/// Wrong codes accepted before claiming locks.
pub const SETUP_ATTEMPT_LIMIT: i64 = 10;

/// A freshly made setup code, to print. Shown as "4821-7730".
#[derive(Clone, PartialEq, Eq)]
pub struct SetupCode(String);

impl SetupCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The code is a credential until claimed: keep it out of `Debug` output.
impl std::fmt::Debug for SetupCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SetupCode(<redacted>)")
    }
}

/// What sending a code to the settings bot did.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupClaim {
    /// The sender is now the desk's owner.
    Claimed(Agent),
    /// Not a valid unused code; counted as a failed attempt.
    Wrong,
    /// Too many wrong codes: refused until a new code is printed.
    Locked,
    /// The desk already has an owner; codes no longer mean anything.
    AlreadyOwned,
}

/// The eight digits of a code as typed ("4821 7730", "4821-7730", "48217730"); `None` when
/// it cannot be a code.
pub fn normalize_setup_code(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.len() > 24 {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let only_separators = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    (digits.len() == 8 && only_separators).then_some(digits)
}

fn code_hash(digits: &str) -> String {
    let digest = Sha256::digest(format!("ticketgram-setup-code:{digits}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// `true` once someone claimed the desk (an active owner exists).
    pub async fn has_owner(&self, ws: WorkspaceId) -> Result<bool, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM agents WHERE workspace_id = $1 AND role = 'owner' AND active = 1",
        )
        .bind(ws.0)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(count > 0)
    }
}

impl Tx {
    /// Makes a new setup code. Unused older codes stop working and the count of wrong
    /// attempts starts again: each start of an unclaimed desk prints exactly one valid code.
    pub async fn new_setup_code(
        &self,
        ws: WorkspaceId,
        at: Timestamp,
    ) -> Result<SetupCode, StoreError> {
        let number: u32 = rand::thread_rng().gen_range(0..100_000_000);
        let digits = format!("{number:08}");
        let mut tx = self.conn().await?;
        sqlx::query("DELETE FROM setup_codes WHERE workspace_id = $1 AND used_at IS NULL")
            .bind(ws.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM setup_attempts WHERE workspace_id = $1")
            .bind(ws.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO setup_codes (workspace_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(ws.0)
        .bind(code_hash(&digits))
        .bind(to_millis(at))
        .execute(&mut *tx)
        .await?;
        Ok(SetupCode(format!("{}-{}", &digits[..4], &digits[4..])))
    }

    /// `owner` sent `code`: on a valid unused code and a desk without owner, they become its
    /// owner (their agent row is created or promoted) and the code is used up.
    pub async fn claim_setup_code(
        &self,
        ws: WorkspaceId,
        code: &str,
        owner: &NewAgent,
    ) -> Result<SetupClaim, StoreError> {
        let mut tx = self.conn().await?;
        let (owners,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM agents WHERE workspace_id = $1 AND role = 'owner' AND active = 1",
        )
        .bind(ws.0)
        .fetch_one(&mut *tx)
        .await?;
        if owners > 0 {
            return Ok(SetupClaim::AlreadyOwned);
        }
        let failed: Option<(i64,)> =
            sqlx::query_as("SELECT failed FROM setup_attempts WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(&mut *tx)
                .await?;
        if failed.is_some_and(|(n,)| n >= SETUP_ATTEMPT_LIMIT) {
            return Ok(SetupClaim::Locked);
        }
        let at = to_millis(owner.created_at);
        let used = match normalize_setup_code(code) {
            Some(digits) => {
                sqlx::query(
                    "UPDATE setup_codes SET used_at = $3, used_by = $4
                     WHERE workspace_id = $1 AND code_hash = $2 AND used_at IS NULL",
                )
                .bind(ws.0)
                .bind(code_hash(&digits))
                .bind(at)
                .bind(owner.telegram_user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1
            }
            None => false,
        };
        if !used {
            sqlx::query(
                "INSERT INTO setup_attempts (workspace_id, failed, updated_at) VALUES ($1, 1, $2)
                 ON CONFLICT (workspace_id) DO UPDATE
                 SET failed = setup_attempts.failed + 1, updated_at = excluded.updated_at",
            )
            .bind(ws.0)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            return Ok(SetupClaim::Wrong);
        }
        let owner = NewAgent {
            role: AgentRole::Owner,
            ..owner.clone()
        };
        let agent = upsert_agent_in(&mut tx, ws, &owner).await?;
        drop(tx);
        self.note_hire();
        Ok(SetupClaim::Claimed(agent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_the_way_people_type_them() {
        assert_eq!(
            normalize_setup_code(" 4821-7730 ").as_deref(),
            Some("48217730")
        );
        assert_eq!(
            normalize_setup_code("4821 7730").as_deref(),
            Some("48217730")
        );
        assert_eq!(
            normalize_setup_code("48217730").as_deref(),
            Some("48217730")
        );
        assert_eq!(normalize_setup_code("4821-773"), None);
        assert_eq!(normalize_setup_code("hello 48217730"), None);
    }

    #[test]
    fn only_a_hash_of_the_code_is_kept() {
        let hash = code_hash("48217730");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("48217730"));
    }
}
