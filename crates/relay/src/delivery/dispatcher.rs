//! Sends outbox jobs. Whatever happens, a job ends delivered or dead-and-visible:
//! - 429: wait exactly `retry_after`, then the same job again (later jobs of its ticket wait);
//! - 5xx, timeouts, a database hiccup: exponential backoff, capped, retried indefinitely,
//!   because a Telegram outage must not lose messages;
//! - a permanent refusal (client blocked the bot, bad request): dead, and the agents are told
//!   in the ticket's thread.

use super::render::{deliver, DeliveryError, Outcome, Recorded};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_store::OutboxJob;
use ticketgram_telegram::{TelegramClient, TelegramError};
use tokio::sync::Notify;

const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// Waiting for the card's thread: after this many tries the job is declared dead (the bot
/// is most likely not an administrator of the discussion group).
const MAX_THREAD_WAITS: i64 = 400;

pub struct Dispatcher {
    pub desk: Desk,
    pub telegram: TelegramClient,
    pub instance: String,
    pub wake: Arc<Notify>,
}

impl Dispatcher {
    /// Claims and sends due jobs until shutdown.
    pub async fn run(&self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            let sent = match self.send_due(32).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox unavailable, retrying");
                    0
                }
            };
            if sent > 0 {
                continue;
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                _ = shutdown.changed() => return,
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }

    /// One round: claim up to `limit` jobs (at most one per ticket) and send them concurrently.
    pub async fn send_due(&self, limit: i64) -> Result<usize, ticketgram_store::StoreError> {
        let now = chrono::Utc::now();
        // A claimed job stays ours this long before another instance may take it over: twice
        // the bot lease, well above the slowest Telegram call (a 17 s timeout).
        let claim = self.desk.config.lease_ttl * 2;
        let bots = [self.desk.bot_id()];
        let jobs = self
            .desk
            .store
            .claim_due_for_bots(&self.instance, &bots, now, claim, limit)
            .await?;
        let count = jobs.len();
        if count == 0 {
            return Ok(0);
        }
        // Rendered with what the team configured as of now: a channel linked through the
        // settings bot receives cards without a restart. (Read only when there is work, so an
        // idle desk costs no query.)
        let desk = self.desk.current().await.map_err(|e| match e {
            crate::RelayError::Store(e) => e,
            other => ticketgram_store::StoreError::Invalid(other.to_string()),
        })?;
        futures::future::join_all(jobs.into_iter().map(|job| self.send_one(&desk, job))).await;
        Ok(count)
    }

    async fn send_one(&self, desk: &Desk, job: OutboxJob) {
        let delivery: Delivery = match serde_json::from_str(&job.payload) {
            Ok(d) => d,
            Err(e) => {
                let why = format!("unreadable job: {e}");
                return self
                    .settle(desk, &job, Verdict::Dead(why), None, &Recorded::default())
                    .await;
            }
        };
        let mut rec = Recorded::resuming(job.progress);
        let result = deliver(desk, &self.telegram, &delivery, &mut rec).await;
        let verdict = verdict(result, job.attempts);
        self.settle(desk, &job, verdict, Some(&delivery), &rec)
            .await
    }

    /// Records what the attempt achieved and what becomes of the job, in one transaction: the
    /// copies Telegram made, the parts already sent, and done, later or dead. If that fails
    /// the claim expires and the job runs again (Telegram's send window is the only place a
    /// message can be sent twice).
    async fn settle(
        &self,
        desk: &Desk,
        job: &OutboxJob,
        verdict: Verdict,
        delivery: Option<&Delivery>,
        rec: &Recorded,
    ) {
        let Err(e) = self.settle_tx(desk, job, &verdict, delivery, rec).await else {
            return;
        };
        // What Telegram answered could not be stored (a constraint refused it, say): the job
        // goes back to the queue at once instead of staying claimed until the claim expires.
        tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
        let why = format!("could not record the outcome: {e}");
        let not_before = chrono::Utc::now() + chrono_duration(backoff(job.attempts));
        let requeued = desk
            .store
            .write(async |tx| {
                tx.retry_later(job.id, &self.instance, not_before, &why, job.progress)
                    .await
            })
            .await;
        if let Err(e) = requeued {
            tracing::error!(job = job.id, error = %e, "could not requeue the job either");
        }
    }

    async fn settle_tx(
        &self,
        desk: &Desk,
        job: &OutboxJob,
        verdict: &Verdict,
        delivery: Option<&Delivery>,
        rec: &Recorded,
    ) -> Result<(), crate::RelayError> {
        let now = chrono::Utc::now();
        let tx = desk.store.begin_tx_for("delivery").await?;
        rec.write(&tx, desk.ws()).await?;
        match verdict {
            Verdict::Done => tx.complete(job.id, &self.instance, None, now).await?,
            Verdict::RetryIn(wait, why) => {
                tracing::debug!(job = job.id, ?wait, why, "delivery postponed");
                let not_before = now + chrono_duration(*wait);
                let progress = i64::try_from(rec.calls_done).unwrap_or(i64::MAX);
                tx.retry_later(job.id, &self.instance, not_before, why, progress)
                    .await?
            }
            Verdict::Dead(why) => {
                tracing::error!(job = job.id, reason = %why, "delivery failed permanently");
                tx.mark_dead(job.id, &self.instance, why, now).await?;
                let bound = desk.bound_to(&tx);
                let mut fx = Effects::new(&bound, &tx, format!("dead:{}", job.id), now);
                tell_agents_of_failure(&bound, &mut fx, why, delivery).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// When a client did not get an agent's reply or a notice, the agents hear of it in the
/// ticket's thread.
async fn tell_agents_of_failure(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reason: &str,
    delivery: Option<&Delivery>,
) -> Result<(), crate::RelayError> {
    let ticket = match delivery {
        Some(Delivery::AgentToClient { message })
        | Some(Delivery::ClientNotice { message, .. }) => desk
            .store
            .get_message(desk.ws(), *message)
            .await
            .ok()
            .map(|m| m.ticket),
        Some(Delivery::AgentAlbumToClient { ticket, .. }) => Some(*ticket),
        _ => None,
    };
    let Some(ticket) = ticket else {
        return Ok(());
    };
    let text = if reason.contains("blocked by the user") {
        desk.agent_text("client-blocked-bot", &[])
    } else {
        desk.agent_text("delivery-failed", &[("reason", reason.to_string().into())])
    };
    fx.tell_agents(ticket, text).await
}

/// What to do with a job after an attempt.
#[derive(Debug, PartialEq)]
enum Verdict {
    Done,
    RetryIn(Duration, String),
    Dead(String),
}

/// The retry policy, in one place: Telegram's `retry_after` is obeyed exactly, transient
/// failures back off exponentially and never give up, permanent ones end the job visibly.
fn verdict(result: Result<Outcome, DeliveryError>, attempts: i64) -> Verdict {
    match result {
        Ok(Outcome::Done) => Verdict::Done,
        Ok(Outcome::NotReady(wait, why)) if attempts < MAX_THREAD_WAITS => {
            Verdict::RetryIn(wait, why.into())
        }
        Ok(Outcome::Wait(wait, why)) => Verdict::RetryIn(wait, why.into()),
        Ok(Outcome::NotReady(_, why)) => Verdict::Dead(format!(
            "{why}: gave up; is the bot an administrator of the discussion group?"
        )),
        Err(DeliveryError::Telegram(e)) => match e.retry_after() {
            Some(wait) => Verdict::RetryIn(wait, e.to_string()),
            // A refused token is a configuration problem being fixed, not a reason to drop mail.
            None if e.is_transient() || matches!(e, TelegramError::Unauthorized) => {
                Verdict::RetryIn(backoff(attempts), e.to_string())
            }
            None => Verdict::Dead(e.to_string()),
        },
        Err(DeliveryError::Store(e)) => Verdict::RetryIn(backoff(attempts), e.to_string()),
        Err(DeliveryError::Impossible(why)) => Verdict::Dead(why),
    }
}

fn backoff(attempts: i64) -> Duration {
    let exp = attempts.clamp(1, 16) as u32 - 1;
    Duration::from_millis(500u64.saturating_mul(1 << exp)).min(MAX_BACKOFF)
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flood_limits_are_obeyed_exactly_and_outages_never_give_up() {
        let flood = Err(DeliveryError::Telegram(TelegramError::RetryAfter(
            Duration::from_secs(7),
        )));
        assert!(matches!(verdict(flood, 1), Verdict::RetryIn(d, _) if d == Duration::from_secs(7)));
        let outage = || {
            Err(DeliveryError::Telegram(TelegramError::Server(
                "Bad Gateway".into(),
            )))
        };
        assert!(matches!(verdict(outage(), 1000), Verdict::RetryIn(d, _) if d == MAX_BACKOFF));
        let blocked = Err(DeliveryError::Telegram(TelegramError::Forbidden(
            "bot was blocked by the user".into(),
        )));
        assert!(matches!(verdict(blocked, 1), Verdict::Dead(_)));
        let waiting = Ok(Outcome::NotReady(Duration::from_millis(300), "waiting"));
        assert!(matches!(
            verdict(waiting, MAX_THREAD_WAITS),
            Verdict::Dead(_)
        ));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(100), MAX_BACKOFF);
    }
}
