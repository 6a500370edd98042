//! Sends outbox jobs. Whatever happens, a job ends delivered or dead-and-visible:
//! - 429: wait exactly `retry_after`, then the same job again (later jobs of its ticket wait);
//! - 5xx, timeouts, a database hiccup: exponential backoff, capped, retried indefinitely,
//!   because a Telegram outage must not lose messages;
//! - a permanent refusal (client blocked the bot, bad request): dead, and the agents are told
//!   in the ticket's thread.

use super::joining::{self, Follower};
use super::pacing::{self, Pacer};
use super::read_ahead::read_ahead;
use super::render::{deliver, DeliveryError, Outcome, Recorded};
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use futures::stream::{FuturesUnordered, StreamExt as _};
use futures::FutureExt as _;
use std::time::{Duration, Instant};
use ticketgram_store::{Backend, OutboxJob};
use ticketgram_telegram::{TelegramClient, TelegramError};

const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// Waiting for the card's thread: after this many tries the job is declared dead (the bot
/// is most likely not an administrator of the discussion group).
const MAX_THREAD_WAITS: i64 = 400;
/// Tries at recording outcomes before a job is given back to the queue.
const RECORD_TRIES: u32 = 3;
/// The default claim (see [`crate::desk::CLAIM_TTL`]).
pub use crate::desk::CLAIM_TTL;
/// At most this many sends started and not yet recorded. Telegram has no idempotency key, so
/// a message it accepted whose record a crash lost is sent again on restart: the window is
/// what one crash can double. Small enough to keep a kill's damage to a message or two, large
/// enough that the sends of a round overlap each other and the records (Telegram answers in
/// tens of milliseconds; a record commits in a few).
const UNRECORDED_WINDOW: usize = 8;
/// A job told "the group was upgraded" this many times is dead: the move did not help.
const MAX_MOVES: i64 = 3;
/// Why a job waits that Telegram has not refused (yet): shown on the admin's job list.
const PACED: &str = "paced: waiting for Telegram's sending limit of this chat";
/// After the outbox could not be read, look again this soon.
const RETRY: Duration = Duration::from_secs(1);
/// Never sleep less than this, so a job due but not claimable (locked by another instance
/// for a moment) cannot make a busy loop.
const MIN_PAUSE: Duration = Duration::from_millis(50);

pub struct Dispatcher {
    pub desk: Desk,
    pub telegram: TelegramClient,
    pub instance: String,
    /// Telegram's sending limits, mirrored (see [`super::pacing`]).
    pacer: Pacer,
}

impl Dispatcher {
    pub fn new(desk: Desk, telegram: TelegramClient, instance: String) -> Dispatcher {
        Dispatcher {
            desk,
            telegram,
            instance,
            pacer: Pacer::default(),
        }
    }

    /// Claims and sends due jobs until shutdown. Between rounds it sleeps until a job is
    /// committed in this process (the desk's bell), until the next job it knows of becomes
    /// due, or for the desk's idle look at most: an idle desk costs no query.
    pub async fn run(&self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        let mut queued = self.desk.signals.jobs_queued.listen();
        loop {
            let pause = match self.send_due(32).await {
                Ok(Round::Sent(_)) => continue,
                Ok(Round::Idle(next_due)) => self.pause_until(next_due),
                Err(e) => {
                    tracing::warn!(error = %e, "outbox unavailable, retrying");
                    RETRY
                }
            };
            tokio::select! {
                _ = queued.rung() => {}
                _ = tokio::time::sleep(pause) => {}
                _ = shutdown.changed() => return,
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }

    /// How long nothing of ours can become due: until the next retry, album or lapsing claim
    /// the outbox knows of, at most the idle look.
    fn pause_until(&self, next_due: Option<chrono::DateTime<chrono::Utc>>) -> Duration {
        let idle = self.desk.config.idle_look;
        match next_due {
            Some(due) => (due - chrono::Utc::now())
                .to_std()
                .unwrap_or_default()
                .clamp(MIN_PAUSE, idle.max(MIN_PAUSE)),
            None => idle,
        }
    }

    /// One round: claim up to `limit` jobs (at most one per ticket) and send them concurrently.
    ///
    /// The claim is one short transaction; with nothing to claim, the same transaction says
    /// when the next job becomes due. The desk's current settings and every row the jobs will
    /// render are then read together (see [`ticketgram_store::Snapshot`]). Should that read
    /// fail, the jobs stay claimed until their claim lapses (seconds) and go out then.
    pub async fn send_due(&self, limit: i64) -> Result<Round, ticketgram_store::StoreError> {
        let now = chrono::Utc::now();
        let claim = self.desk.config.claim_ttl;
        let bots = [self.desk.bot_id()];
        let tx = self.desk.store.begin_tx_for("claim").await?;
        let jobs = tx
            .claim_due_for_bots(&self.instance, &bots, now, claim, limit)
            .await?;
        if jobs.is_empty() {
            let next_due = tx.next_due_for_bots(&bots).await?;
            tx.commit().await?;
            return Ok(Round::Idle(next_due));
        }
        let count = jobs.len();
        let parsed: Vec<Option<Delivery>> = jobs
            .iter()
            .map(|job| serde_json::from_str(&job.payload).ok())
            .collect();
        // A client's texts queued behind a comment the group's budget held back go out with
        // it (see `super::joining`): which ones is read now, with the claim.
        let mut behind: Vec<Vec<Follower>> = Vec::with_capacity(jobs.len());
        for (job, delivery) in jobs.iter().zip(&parsed) {
            let joins = matches!(delivery, Some(Delivery::ClientToThread { .. }))
                && joining::held_by_budget(job, PACED);
            behind.push(match joins {
                true => joining::followers(&tx, job).await?,
                false => Vec::new(),
            });
        }
        let joinable: Vec<Delivery> = behind
            .iter()
            .flatten()
            .map(|f| Delivery::ClientToThread { message: f.message })
            .collect();
        let wanted: Vec<&Delivery> = parsed.iter().flatten().chain(&joinable).collect();
        // What the round renders, with what the team configured as of now (a channel linked
        // through the settings bot receives cards without a restart). On SQLite it is read
        // once the claim has committed: the claim's transaction holds the database's one
        // write lock, which the processor needs meanwhile. On PostgreSQL it is read in the
        // claim's transaction, where it costs no commit of its own.
        let (current, snapshot) = match self.desk.store.backend() {
            Backend::Sqlite => {
                tx.commit().await?;
                read_round(&self.desk, &wanted).await?
            }
            Backend::Postgres => {
                let read = read_round(&self.desk.bound_to(&tx), &wanted).await?;
                tx.commit().await?;
                read
            }
        };
        let mut desk = current;
        desk.store = self.desk.store.reading_from(std::sync::Arc::new(snapshot));
        let desk = desk;
        let ids: Vec<i64> = jobs.iter().map(|job| job.id).collect();
        // Group commit: whatever Telegram has answered by the time the previous record is
        // committed goes into the next transaction together. A crash between Telegram
        // accepting a message and the database recording it sends that message again, so
        // the records must not queue one commit behind another, and no more than
        // `UNRECORDED_WINDOW` sends are ever started and not yet recorded: what one crash can
        // double is bounded by the window, not by the size of the round.
        let work = async {
            let mut waiting = jobs.into_iter().zip(parsed).zip(behind);
            let mut sending = FuturesUnordered::new();
            let mut unrecorded = 0usize;
            // The sends go on being polled while a record commits: a send may itself hold a
            // transaction (a card's claim), and the record must not wait for a send it starves.
            let mut answered: Vec<Attempt> = Vec::new();
            loop {
                while unrecorded < UNRECORDED_WINDOW {
                    let Some(((job, delivery), followers)) = waiting.next() else {
                        break;
                    };
                    sending.push(self.attempt(&desk, job, delivery, followers));
                    unrecorded += 1;
                }
                if answered.is_empty() {
                    match sending.next().await {
                        Some(first) => answered.push(first),
                        None => break,
                    }
                }
                while let Some(Some(more)) = sending.next().now_or_never() {
                    answered.push(more);
                }
                let batch = std::mem::take(&mut answered);
                let recorded = batch.len();
                let record = self.settle(&desk, batch);
                tokio::pin!(record);
                loop {
                    tokio::select! {
                        () = &mut record => break,
                        Some(more) = sending.next(), if !sending.is_empty() => answered.push(more),
                    }
                }
                unrecorded -= recorded;
            }
        };
        // Claims are short: they are kept alive while the calls are under way.
        tokio::select! {
            () = work => {}
            () = self.heartbeat(&ids) => {}
        }
        // A finished job may have been holding back another bot's job on its key, and a dead
        // one queued a notice for the agents: the other relays of this process look too.
        self.desk.signals.jobs_queued.ring();
        Ok(Round::Sent(count))
    }

    /// Keeps our claims on `ids` alive while their calls are under way (never returns): a
    /// slow call keeps its job, a dead instance's claims lapse within one claim TTL.
    async fn heartbeat(&self, ids: &[i64]) {
        let claim = self.desk.config.claim_ttl;
        loop {
            tokio::time::sleep(claim / 3).await;
            let until = chrono::Utc::now() + chrono_duration(claim);
            let extended = self
                .desk
                .store
                .write(async |tx| tx.extend_claims(&self.instance, ids, until).await)
                .await;
            if let Err(e) = extended {
                tracing::warn!(error = %e, "could not extend the claims of calls under way");
            }
        }
    }

    /// Sends one job (all its calls) and judges the outcome, recording nothing yet.
    async fn attempt(
        &self,
        desk: &Desk,
        job: OutboxJob,
        delivery: Option<Delivery>,
        followers: Vec<Follower>,
    ) -> Attempt {
        let Some(delivery) = delivery else {
            let why = match serde_json::from_str::<Delivery>(&job.payload) {
                Err(e) => format!("unreadable job: {e}"),
                Ok(_) => "unreadable job".to_string(),
            };
            return Attempt {
                verdict: Verdict::Dead(why),
                delivery: None,
                rec: Recorded::default(),
                job,
            };
        };
        // A card waits for the budget of the channel it will be posted in: with several,
        // which one is claimed now (a burst of new tickets spreads over them).
        let place = match &delivery {
            Delivery::PostCard { ticket } if !desk.config.more_chats.is_empty() => {
                match super::render::claim_card(desk, *ticket).await {
                    Ok(Some((channel, _))) => Some(channel),
                    _ => desk.config.chats.channel_id,
                }
            }
            _ => pacing::place_of(desk, &delivery).await,
        };
        let target = pacing::target(&delivery, place);
        let (poster, tg) = self.poster(desk, &job, &delivery, target).await;
        let paced = match desk.config.pacing {
            true => self.pacer.reserve(job.id, poster, target, Instant::now()),
            false => Ok(()),
        };
        if let Err(wait) = paced {
            // Waits before the call instead of after a 429: the job keeps its place among the
            // ticket's jobs, and other chats' jobs go meanwhile.
            return Attempt {
                verdict: Verdict::RetryIn(wait, PACED.into()),
                delivery: Some(delivery),
                rec: Recorded::resuming(job.progress),
                job,
            };
        }
        let mut rec = Recorded::resuming(job.progress);
        let by_helper = poster != desk.bot_id();
        let joined = match &delivery {
            Delivery::ClientToThread { message } if by_helper || !followers.is_empty() => {
                let via = joining::Via {
                    bot_id: poster,
                    telegram: tg,
                    alone: by_helper,
                    own: &self.telegram,
                };
                joining::deliver(desk, via, *message, &followers, &mut rec).await
            }
            _ => Ok(None),
        };
        let result = match joined {
            Ok(Some(outcome)) => Ok(outcome),
            Ok(None) => deliver(desk, &self.telegram, &delivery, &mut rec).await,
            Err(e) => Err(e),
        };
        if desk.config.pacing && matches!(result, Ok(Outcome::NotReady(..) | Outcome::Wait(..))) {
            self.pacer.unused(poster, target, Instant::now());
        }
        if let Err(DeliveryError::Telegram(e)) = &result {
            if let Some(wait) = e.retry_after() {
                crate::metrics::flood_wait(poster, wait);
                self.pacer
                    .told_to_wait(poster, target, wait, Instant::now());
            }
        }
        let group = match target {
            pacing::Target::Group(chat) if desk.config.is_agents_group(chat) => Some(chat),
            _ => desk.config.chats.group_id,
        };
        let verdict = match (result, group) {
            // The agents' group became a supergroup: the desk moves there and the job is
            // sent again, to the new id (a few times at most, should the move not stick).
            (Err(DeliveryError::Telegram(TelegramError::MigratedTo(to))), Some(from))
                if goes_to_group(&delivery, from) && job.attempts < MAX_MOVES =>
            {
                Verdict::Moved { from, to }
            }
            (result, _) => verdict(result, job.attempts),
        };
        Attempt {
            verdict,
            delivery: Some(delivery),
            rec,
            job,
        }
    }

    /// Which bot posts the job's message: this one, except a client's plain text for a
    /// thread, which goes with the first of this bot and the desk's helper bots (starting at
    /// one chosen by the ticket, so tickets spread) that still has room in the group:
    /// Telegram's limits are per bot, so each helper adds a group's worth. A job that waited
    /// for a slot goes with the bot it booked.
    async fn poster<'a>(
        &'a self,
        desk: &'a Desk,
        job: &OutboxJob,
        delivery: &Delivery,
        target: pacing::Target,
    ) -> (i64, &'a TelegramClient) {
        let own = (desk.bot_id(), &self.telegram);
        let (Delivery::ClientToThread { message }, pacing::Target::Group(_)) = (delivery, target)
        else {
            return own;
        };
        if desk.helpers.is_empty() || !desk.config.pacing {
            return own;
        }
        let helper = |bot: i64| desk.helpers.iter().find(|h| h.bot_id == bot);
        if let Some(bot) = self.pacer.booked_bot(job.id) {
            return helper(bot).map_or(own, |h| (h.bot_id, &h.telegram));
        }
        let Ok(message) = desk.store.get_message(desk.ws(), *message).await else {
            return own;
        };
        if !joining::postable_by_helper(&message) {
            return own;
        }
        let bots: Vec<(i64, &TelegramClient)> = std::iter::once(own)
            .chain(desk.helpers.iter().map(|h| (h.bot_id, &h.telegram)))
            .collect();
        let start = usize::try_from(message.ticket.0).unwrap_or(0) % bots.len();
        let now = Instant::now();
        (0..bots.len())
            .map(|i| bots[(start + i) % bots.len()])
            .find(|(bot, _)| self.pacer.has_room(*bot, target, now))
            .unwrap_or(bots[start])
    }

    /// Records what the attempts achieved and what becomes of each job: the copies Telegram
    /// made, the parts already sent, and done, later or dead. All in one transaction; when
    /// that fails, one by one, so a job whose record is refused cannot hold back the others.
    /// A job whose record cannot be written at all goes back to the queue (and will be sent
    /// again: Telegram's send window is the only place a message can be doubled).
    async fn settle(&self, desk: &Desk, answered: Vec<Attempt>) {
        if answered.len() > 1 && self.record_retrying(desk, &answered).await.is_ok() {
            return;
        }
        for attempt in &answered {
            let Err(e) = self
                .record_retrying(desk, std::slice::from_ref(attempt))
                .await
            else {
                continue;
            };
            let job = &attempt.job;
            // What Telegram answered could not be stored (a constraint refused it, say): the
            // job goes back to the queue at once instead of staying claimed until the claim
            // expires.
            tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
            let why = format!("could not record the outcome: {e}");
            let not_before = chrono::Utc::now() + chrono_duration(backoff(job.attempts));
            // The parts Telegram accepted stay sent: the retry resumes after them.
            let progress = i64::try_from(attempt.rec.calls_done).unwrap_or(i64::MAX);
            let requeued = desk
                .store
                .write(async |tx| {
                    tx.retry_later(job.id, &self.instance, not_before, &why, progress)
                        .await
                })
                .await;
            if let Err(e) = requeued {
                tracing::error!(job = job.id, error = %e, "could not requeue the job either");
            }
        }
    }

    /// Telegram has done its part: a transient failure to record it (a busy database) is
    /// retried at once, because giving the job back means sending it again.
    async fn record_retrying(
        &self,
        desk: &Desk,
        attempts: &[Attempt],
    ) -> Result<(), crate::RelayError> {
        let mut tries = 0;
        loop {
            tries += 1;
            match self.record(desk, attempts).await {
                Err(e) if e.is_transient() && tries < RECORD_TRIES => {
                    tracing::debug!(tries, error = %e, "recording outcomes retried");
                }
                done => return done,
            }
        }
    }

    async fn record(&self, desk: &Desk, attempts: &[Attempt]) -> Result<(), crate::RelayError> {
        let now = chrono::Utc::now();
        let tx = desk.store.begin_tx_for("delivery").await?;
        // Every copy the calls made, in one statement; delivered jobs are finished together,
        // in one statement after the loop.
        let copies: Vec<_> = attempts
            .iter()
            .flat_map(|attempt| attempt.rec.copies.iter().cloned())
            .collect();
        tx.add_message_copies(desk.ws(), &copies).await?;
        let mut delivered = Vec::with_capacity(attempts.len());
        for Attempt {
            job,
            verdict,
            delivery,
            rec,
        } in attempts
        {
            rec.write(&tx, desk.ws()).await?;
            match verdict {
                Verdict::Done => {
                    if !rec.follow_ups.is_empty() {
                        let bound = desk.bound_to(&tx);
                        let mut fx = Effects::new(&bound, &tx, format!("after:{}", job.id), now);
                        for (next, ticket) in &rec.follow_ups {
                            fx.send(next.clone(), Some(*ticket)).await?;
                        }
                    }
                    if !rec.joined.is_empty() {
                        tx.complete_joined(&rec.joined, job.id, now).await?;
                    }
                    delivered.push(job.id);
                }
                Verdict::RetryIn(wait, why) => {
                    tracing::debug!(job = job.id, ?wait, why, "delivery postponed");
                    let not_before = now + chrono_duration(*wait);
                    let progress = i64::try_from(rec.calls_done).unwrap_or(i64::MAX);
                    tx.retry_later(job.id, &self.instance, not_before, why, progress)
                        .await?
                }
                Verdict::Moved { from, to } => {
                    let bound = desk.bound_to(&tx);
                    let fx = Effects::new(&bound, &tx, format!("moved:{}", job.id), now);
                    crate::migration::group_upgraded(&bound, &fx, *from, *to).await?;
                    let why = format!("the agents' group {from} is now the supergroup {to}");
                    let progress = i64::try_from(rec.calls_done).unwrap_or(i64::MAX);
                    tx.retry_later(job.id, &self.instance, now, &why, progress)
                        .await?
                }
                Verdict::Dead(why) => {
                    if refused_by_private_chat(delivery.as_ref(), why) {
                        // Telegram lets no bot write first: the person (an agent who never
                        // pressed Start in the manager bot, most often) can fix it, and
                        // nothing on this server is broken.
                        tracing::info!(
                            job = job.id,
                            reason = %why,
                            "not delivered: the person has not started the bot, or blocked it"
                        );
                    } else {
                        tracing::error!(job = job.id, reason = %why, "delivery failed permanently");
                    }
                    tx.mark_dead(job.id, &self.instance, why, now).await?;
                    let bound = desk.bound_to(&tx);
                    let mut fx = Effects::new(&bound, &tx, format!("dead:{}", job.id), now);
                    tell_agents_of_failure(&bound, &mut fx, why, delivery.as_ref()).await?;
                }
            }
        }
        tx.complete_all(&delivered, &self.instance, now).await?;
        tx.commit().await?;
        for attempt in attempts {
            count_outcome(attempt, now);
        }
        Ok(())
    }
}

/// The desk's current settings and the rows a round renders, read through `desk`'s store.
async fn read_round(
    desk: &Desk,
    wanted: &[&Delivery],
) -> Result<(Desk, ticketgram_store::Snapshot), ticketgram_store::StoreError> {
    let current = async {
        desk.current().await.map_err(|e| match e {
            crate::RelayError::Store(e) => e,
            other => ticketgram_store::StoreError::Invalid(other.to_string()),
        })
    };
    let rows = read_ahead(&desk.store, desk.ws(), wanted);
    let (current, snapshot) = super::read_ahead::side_by_side(&desk.store, current, rows).await;
    Ok((current?, snapshot?))
}

/// What `/metrics` learns of a recorded attempt: its outcome and, once delivered, how long
/// it took from being queued.
fn count_outcome(attempt: &Attempt, now: chrono::DateTime<chrono::Utc>) {
    use crate::metrics::{relayed, sent, SendOutcome};
    let bot = attempt.job.bot_id;
    match attempt.verdict {
        Verdict::Done => {
            sent(bot, SendOutcome::Done);
            let kind = match attempt.delivery {
                Some(Delivery::ClientToThread { .. } | Delivery::ClientAlbumToThread { .. }) => {
                    "to_thread"
                }
                Some(Delivery::AgentToClient { .. } | Delivery::AgentAlbumToClient { .. }) => {
                    "to_client"
                }
                _ => "other",
            };
            let waited = (now - attempt.job.created_at).to_std().unwrap_or_default();
            relayed(kind, waited);
        }
        Verdict::RetryIn(..) | Verdict::Moved { .. } => sent(bot, SendOutcome::Retry),
        Verdict::Dead(_) => sent(bot, SendOutcome::Dead),
    }
}

/// What one round did: sent this many jobs, or found none due (and when the next one is).
#[derive(Debug)]
pub enum Round {
    Sent(usize),
    Idle(Option<chrono::DateTime<chrono::Utc>>),
}

/// One job sent (or not), waiting for its outcome to be recorded.
struct Attempt {
    job: OutboxJob,
    verdict: Verdict,
    delivery: Option<Delivery>,
    rec: Recorded,
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

/// A message to a person's private chat that Telegram refused (`Forbidden`): they never
/// opened the bot or blocked it.
fn refused_by_private_chat(delivery: Option<&Delivery>, why: &str) -> bool {
    // Private chats have the user's (positive) id; groups and channels are negative.
    matches!(delivery, Some(Delivery::Say { chat_id, .. }) if *chat_id > 0)
        && why.starts_with("forbidden:")
}

/// What to do with a job after an attempt.
#[derive(Debug, PartialEq)]
enum Verdict {
    Done,
    RetryIn(Duration, String),
    /// Telegram answered that the desk's group `from` is now the supergroup `to`: move the
    /// desk there and send the job again at once.
    Moved {
        from: i64,
        to: i64,
    },
    Dead(String),
}

/// Whether a job's calls go to the agents' group `group` (a ticket's thread, or a message
/// addressed to the group itself).
fn goes_to_group(delivery: &Delivery, group: i64) -> bool {
    match delivery {
        Delivery::ClientToThread { .. }
        | Delivery::ClientAlbumToThread { .. }
        | Delivery::MirrorToThread { .. }
        | Delivery::ThreadNotice { .. }
        | Delivery::SyncEdit { .. } => true,
        Delivery::Say { chat_id, .. }
        | Delivery::SaySealed { chat_id, .. }
        | Delivery::SendDocument { chat_id, .. } => *chat_id == group,
        _ => false,
    }
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
    fn only_jobs_for_the_agents_group_follow_its_upgrade() {
        let group = -4_000_000_001;
        let thread = Delivery::ClientToThread {
            message: ticketgram_domain::MessageId(1),
        };
        assert!(goes_to_group(&thread, group));
        let say = |chat_id| Delivery::Say {
            chat_id,
            text: "hi".into(),
            keyboard: None,
        };
        assert!(goes_to_group(&say(group), group));
        // Another group's upgrade is not the desk's: that job ends as before.
        assert!(!goes_to_group(&say(-4_000_000_002), group));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(100), MAX_BACKOFF);
    }
}
