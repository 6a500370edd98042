//! Throttling password sign-ins with exponential backoff, shared by every instance.
//!
//! Each attempt is counted *before* the password is checked, by one conditional upsert: a
//! burst of parallel guesses cannot all slip through between a check and a write. Past
//! [`SignInBackoff::free_attempts`] every counted attempt closes the door for a delay that
//! doubles up to [`SignInBackoff::max_delay`]; while it is closed nothing is counted (the
//! upsert's `WHERE` refuses), so hammering a closed door does not make the wait longer. A
//! subject left alone for [`SignInBackoff::forget_after`] starts afresh.
//!
//! What a subject is (an account, a client address) is the caller's business: the store only
//! sees an opaque string.

use crate::time::{duration_millis, from_millis, to_millis};
use crate::{StoreError, Tx};
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};

/// How quickly the door closes and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInBackoff {
    /// Attempts allowed in quick succession before any wait.
    pub free_attempts: i64,
    /// The wait after the first attempt beyond the free ones; each further attempt doubles it.
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// A subject with no attempt for this long is forgotten.
    pub forget_after: Duration,
}

/// What the throttle says about one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInGate {
    /// The attempt is counted; go on and check the password.
    Open,
    /// Refused without looking at the password; try again at `until`.
    Closed { until: Timestamp },
}

impl Tx {
    /// Counts an attempt against `subject`, or says the door is closed (and counts nothing).
    pub async fn sign_in_attempt(
        &self,
        ws: WorkspaceId,
        subject: &str,
        backoff: &SignInBackoff,
        now: Timestamp,
    ) -> Result<SignInGate, StoreError> {
        let now_ms = to_millis(now);
        let first = duration_millis(backoff.first_delay).max(1);
        let cap = duration_millis(backoff.max_delay).max(first);
        sqlx::query("DELETE FROM sign_in_throttle WHERE workspace_id = $1 AND subject = $2 AND updated_at < $3")
            .bind(ws.0)
            .bind(subject)
            .bind(now_ms - duration_millis(backoff.forget_after))
            .execute(&mut *self.conn().await?)
            .await?;
        // A first attempt that is already beyond the allowance (free_attempts = 0) waits too.
        let (blocked, next) = if backoff.free_attempts < 1 {
            (now_ms + first, (first * 2).min(cap))
        } else {
            (0, first)
        };
        let counted: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO sign_in_throttle
                 (workspace_id, subject, attempts, next_delay_ms, blocked_until, updated_at)
             VALUES ($1, $2, 1, $3, $4, $5)
             ON CONFLICT (workspace_id, subject) DO UPDATE SET
                 attempts = sign_in_throttle.attempts + 1,
                 blocked_until = CASE WHEN sign_in_throttle.attempts + 1 > $6
                     THEN $5 + sign_in_throttle.next_delay_ms ELSE 0 END,
                 next_delay_ms = CASE WHEN sign_in_throttle.attempts + 1 > $6
                     THEN CASE WHEN sign_in_throttle.next_delay_ms * 2 > $7
                          THEN $7 ELSE sign_in_throttle.next_delay_ms * 2 END
                     ELSE sign_in_throttle.next_delay_ms END,
                 updated_at = $5
             WHERE sign_in_throttle.blocked_until <= $5
             RETURNING attempts",
        )
        .bind(ws.0)
        .bind(subject)
        .bind(next)
        .bind(blocked)
        .bind(now_ms)
        .bind(backoff.free_attempts)
        .bind(cap)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        if counted.is_some() {
            return Ok(SignInGate::Open);
        }
        let (until,): (i64,) = sqlx::query_as(
            "SELECT blocked_until FROM sign_in_throttle WHERE workspace_id = $1 AND subject = $2",
        )
        .bind(ws.0)
        .bind(subject)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(SignInGate::Closed {
            until: from_millis(until)?,
        })
    }

    /// A correct password: the subject's attempts are forgotten (an account that finally got
    /// its password right starts afresh).
    pub async fn forget_sign_in_attempts(
        &self,
        ws: WorkspaceId,
        subject: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sign_in_throttle WHERE workspace_id = $1 AND subject = $2")
            .bind(ws.0)
            .bind(subject)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// A correct password: the one attempt it cost is given back, the rest stay counted (an
    /// office behind one address signing in all day is never throttled, and a guesser with an
    /// account of their own cannot wipe the address's record by signing in between guesses).
    pub async fn refund_sign_in_attempt(
        &self,
        ws: WorkspaceId,
        subject: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sign_in_throttle SET attempts = attempts - 1
             WHERE workspace_id = $1 AND subject = $2 AND attempts > 0",
        )
        .bind(ws.0)
        .bind(subject)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
