//! Telegram's sending limits, mirrored (Bots FAQ: about one message a second per chat, 20 a
//! minute per group, 30 a second per bot), so a job for a busy chat waits *before* its call
//! instead of collecting a 429 and its `retry_after`. Telegram's answer still wins: a 429
//! is obeyed exactly, whatever the pacer thought.
//!
//! Token buckets, per process and per bot (each relay's dispatcher has its own pacer): several
//! instances sending for one bot each pace themselves, and Telegram's 429 covers the rest.
//! What a job costs is one message in its target chat; replies to callbacks and deletions cost
//! nothing (Telegram does not count them against the sending limits).

use crate::desk::Desk;
use crate::jobs::Delivery;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
struct Rule {
    burst: f64,
    per_second: f64,
}

/// A short burst in one chat, then about one message a second.
const PER_CHAT: Rule = Rule {
    burst: 3.0,
    per_second: 1.0,
};
/// The group ceiling every thread of a desk shares.
const PER_GROUP: Rule = Rule {
    burst: 20.0,
    per_second: 20.0 / 60.0,
};
const PER_BOT: Rule = Rule {
    burst: 30.0,
    per_second: 30.0,
};

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn refreshed(self, rule: Rule, now: Instant) -> Bucket {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        Bucket {
            tokens: (self.tokens + elapsed * rule.per_second).min(rule.burst),
            updated: now,
        }
    }

    /// How long until one token is there (zero: now).
    fn wait(self, rule: Rule) -> f64 {
        if self.tokens >= 1.0 {
            0.0
        } else {
            (1.0 - self.tokens) / rule.per_second
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Bot(i64),
    Chat(i64, i64),
    Group(i64, i64),
}

/// Where a job's message goes, as far as Telegram's limits care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The agents' discussion group: per chat, per group and per bot.
    Group(i64),
    /// The agents' channel or a chat the job names: per chat and per bot.
    Chat(i64),
    /// A client's private chat, known only when the job is rendered: per bot.
    Someone,
    /// Not a message (a callback answer, a deletion): not paced.
    Free,
}

/// Where `delivery`'s message goes; `agents_chat` is the desk's channel (cards) or group
/// (thread jobs) the job's ticket lives in, as [`place_of`] found it.
pub(crate) fn target(delivery: &Delivery, agents_chat: Option<i64>) -> Target {
    let agents = || agents_chat.map_or(Target::Someone, Target::Group);
    match delivery {
        Delivery::PostCard { .. }
        | Delivery::RefreshCard { .. }
        | Delivery::ClientToThread { .. }
        | Delivery::ClientAlbumToThread { .. }
        | Delivery::ThreadNotice { .. }
        | Delivery::MirrorToThread { .. }
        | Delivery::TranslateForThread { .. }
        | Delivery::TranslateEditForThread { .. }
        | Delivery::TranslateAnswer { .. }
        | Delivery::EditThreadMessage { .. }
        | Delivery::FloodSummary { .. } => agents(),
        Delivery::Say { chat_id, .. }
        | Delivery::SaySealed { chat_id, .. }
        | Delivery::SendDocument { chat_id, .. } => Target::Chat(*chat_id),
        Delivery::AgentToClient { .. }
        | Delivery::AgentAlbumToClient { .. }
        | Delivery::ClientNotice { .. }
        | Delivery::SyncEdit { .. }
        | Delivery::FollowUp { .. }
        // The public chat is read from the ticket when the job is rendered.
        | Delivery::PublicReply { .. }
        | Delivery::ClientBurst { .. } => Target::Someone,
        Delivery::DeleteMessage { .. } | Delivery::AnswerCallback { .. } => Target::Free,
    }
}

/// The desk's channel or group a job's message goes to: the ticket's own (a desk may have
/// several), or the desk's first before the ticket has a card. Read from the round's
/// snapshot, so pacing costs no query.
pub(crate) async fn place_of(desk: &Desk, delivery: &Delivery) -> Option<i64> {
    let ws = desk.ws();
    let ticket = match delivery {
        Delivery::ClientToThread { message }
        | Delivery::MirrorToThread { message }
        | Delivery::TranslateForThread { message }
        | Delivery::TranslateEditForThread { message }
        | Delivery::TranslateAnswer { message } => {
            desk.store.get_message(ws, *message).await.ok()?.ticket
        }
        Delivery::PostCard { ticket }
        | Delivery::RefreshCard { ticket }
        | Delivery::ClientAlbumToThread { ticket, .. }
        | Delivery::ThreadNotice { ticket, .. }
        | Delivery::EditThreadMessage { ticket, .. }
        | Delivery::FloodSummary { ticket, .. } => *ticket,
        _ => return None,
    };
    let card = matches!(
        delivery,
        Delivery::PostCard { .. } | Delivery::RefreshCard { .. }
    );
    let post = desk.store.find_ticket_post(ws, ticket).await.ok().flatten();
    match (card, post) {
        (true, Some(post)) => Some(post.channel_chat_id),
        (false, Some(post)) if post.group_chat_id.is_some() => post.group_chat_id,
        // Not claimed yet (the dispatcher claims a card's channel before pacing it).
        (true, None) => desk.config.chats.channel_id,
        (false, _) => desk.config.chats.group_id,
    }
}

/// A booked slot is forgotten after this: its job was taken by another instance, or died.
const FORGET_SLOTS_AFTER: Duration = Duration::from_secs(300);
/// A job back a little before its slot (timers, clocks) is let through.
const EARLY_BY: Duration = Duration::from_millis(25);

#[derive(Debug, Default)]
pub(crate) struct Pacer {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    buckets: HashMap<Key, Bucket>,
    /// Jobs told to wait, and the instant their message fits: each waiting job holds its own
    /// place in the chat's queue (the bucket goes into debt for it), so a backlog of a hundred
    /// comments comes back one slot after another instead of all at once, over and over.
    booked: HashMap<i64, (i64, Instant)>,
}

impl State {
    fn bucket(&mut self, key: Key, rule: Rule, now: Instant) -> &mut Bucket {
        let bucket = self.buckets.entry(key).or_insert(Bucket {
            tokens: rule.burst,
            updated: now,
        });
        *bucket = bucket.refreshed(rule, now);
        bucket
    }
}

/// Telegram's limits are per bot: a helper bot posting in the same group has its own.
fn chat_rules(bot: i64, target: Target) -> Vec<(Key, Rule)> {
    match target {
        Target::Group(chat) => vec![
            (Key::Chat(bot, chat), PER_CHAT),
            (Key::Group(bot, chat), PER_GROUP),
        ],
        Target::Chat(chat) => vec![(Key::Chat(bot, chat), PER_CHAT)],
        Target::Someone | Target::Free => vec![],
    }
}

impl Pacer {
    /// Whether job `job`'s message to `target` may go now; if not, how long until its slot.
    /// The first refusal books the job a slot in its chat's queue; coming back at the slot,
    /// it goes (the bot-wide bucket permitting) without paying twice.
    pub(crate) fn reserve(
        &self,
        job: i64,
        bot: i64,
        target: Target,
        now: Instant,
    ) -> Result<(), Duration> {
        if target == Target::Free {
            return Ok(());
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state
            .booked
            .retain(|_, (_, slot)| now.saturating_duration_since(*slot) < FORGET_SLOTS_AFTER);
        let slot = match state.booked.remove(&job) {
            Some((_, slot)) => slot,
            None => {
                let mut wait: f64 = 0.0;
                for (key, rule) in chat_rules(bot, target) {
                    let bucket = state.bucket(key, rule, now);
                    wait = wait.max(bucket.wait(rule));
                    bucket.tokens -= 1.0;
                }
                now + Duration::from_secs_f64(wait)
            }
        };
        if slot > now + EARLY_BY {
            state.booked.insert(job, (bot, slot));
            return Err(slot - now);
        }
        // The bot-wide limit is charged only when a message really goes: a booked comment an
        // hour ahead must not hold up an answer to a client now.
        let budget = state.bucket(Key::Bot(bot), PER_BOT, now);
        if budget.tokens < 1.0 {
            let wait = Duration::from_secs_f64(budget.wait(PER_BOT));
            state.booked.insert(job, (bot, now));
            return Err(wait);
        }
        budget.tokens -= 1.0;
        Ok(())
    }

    /// The bot a job waiting for its slot booked it with: it goes with that bot.
    pub(crate) fn booked_bot(&self, job: i64) -> Option<i64> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.booked.get(&job).map(|(bot, _)| *bot)
    }

    /// Whether `bot` could send a message to `target` now, taking nothing: which of a
    /// ticket's posting bots (the client bot and its helpers) still has budget in its group.
    pub(crate) fn has_room(&self, bot: i64, target: Target, now: Instant) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        chat_rules(bot, target)
            .into_iter()
            .chain([(Key::Bot(bot), PER_BOT)])
            .all(|(key, rule)| state.bucket(key, rule, now).tokens >= 1.0)
    }

    /// The job's message did not go after all (its thread not open yet, the client still
    /// writing): the tokens it took go back, so waiting for a thread does not eat the group's
    /// budget of twenty a minute.
    pub(crate) fn unused(&self, bot: i64, target: Target, now: Instant) {
        if target == Target::Free {
            return;
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        for (key, rule) in chat_rules(bot, target)
            .into_iter()
            .chain([(Key::Bot(bot), PER_BOT)])
        {
            let bucket = state.bucket(key, rule, now);
            bucket.tokens = (bucket.tokens + 1.0).min(rule.burst);
        }
    }

    /// Telegram answered 429 with `retry_after` for `target`: nothing more goes there until
    /// then, whatever the buckets thought.
    pub(crate) fn told_to_wait(
        &self,
        bot: i64,
        target: Target,
        retry_after: Duration,
        now: Instant,
    ) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        for (key, rule) in chat_rules(bot, target) {
            let bucket = state.bucket(key, rule, now);
            bucket.tokens = bucket
                .tokens
                .min(1.0 - retry_after.as_secs_f64() * rule.per_second);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: i64 = -100_200;
    const BOT: i64 = 7;

    /// Sends what may go each second for `seconds`, with jobs coming back at their slots.
    fn run(pacer: &Pacer, jobs: i64, seconds: u64, start: Instant) -> Vec<(i64, u64)> {
        let mut sent = Vec::new();
        for tick in 0..seconds * 10 {
            let now = start + Duration::from_millis(tick * 100);
            for job in 0..jobs {
                if sent.iter().any(|(j, _)| *j == job) {
                    continue;
                }
                if pacer.reserve(job, BOT, Target::Group(GROUP), now).is_ok() {
                    sent.push((job, tick / 10));
                }
            }
        }
        sent
    }

    #[test]
    fn a_backlog_for_the_group_goes_out_at_telegram_s_pace_each_job_once() {
        let pacer = Pacer::default();
        let sent = run(&pacer, 60, 180, Instant::now());
        let in_first_minute = sent.iter().filter(|(_, second)| *second < 60).count();
        // The group's twenty, plus a third of a message a second: never twenty in a burst
        // faster than one a second in the chat.
        assert!((20..=41).contains(&in_first_minute), "{in_first_minute}");
        let first_three_seconds = sent.iter().filter(|(_, second)| *second < 3).count();
        assert!(first_three_seconds <= 6, "{first_three_seconds}");
        assert_eq!(sent.len(), 60, "every job went, once");
    }

    #[test]
    fn a_client_is_not_held_up_by_the_group_and_free_calls_are_free() {
        let pacer = Pacer::default();
        let now = Instant::now();
        for job in 0..100 {
            let _ = pacer.reserve(job, BOT, Target::Group(GROUP), now);
        }
        assert!(pacer.reserve(1000, BOT, Target::Someone, now).is_ok());
        assert!(pacer.reserve(1001, BOT, Target::Free, now).is_ok());
    }

    #[test]
    fn a_job_that_made_no_call_gives_its_tokens_back() {
        let pacer = Pacer::default();
        let start = Instant::now();
        let group = Target::Group(-100);
        // A comment waiting for its thread looks every 300 ms for a minute: none of those
        // looks may cost the group a message.
        for i in 0..200 {
            assert_eq!(pacer.reserve(i, BOT, group, start), Ok(()));
            pacer.unused(BOT, group, start);
        }
        assert_eq!(pacer.reserve(1000, BOT, group, start), Ok(()));
    }

    #[test]
    fn a_429_holds_the_chat_until_telegram_s_time() {
        let pacer = Pacer::default();
        let now = Instant::now();
        pacer.told_to_wait(BOT, Target::Chat(42), Duration::from_secs(5), now);
        let wait = pacer.reserve(1, BOT, Target::Chat(42), now).unwrap_err();
        assert!(wait >= Duration::from_secs(5), "{wait:?}");
        assert!(pacer.reserve(2, BOT, Target::Chat(43), now).is_ok());
        assert!(pacer.reserve(1, BOT, Target::Chat(42), now + wait).is_ok());
    }
}
