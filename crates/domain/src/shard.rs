//! Shards: the agents' channels of one desk, each with its discussion group. Telegram lets a
//! bot post about twenty messages a minute into a group, so a desk whose clients write more
//! than that spreads its tickets over several groups. Each ticket's card goes to one shard and
//! its whole conversation stays in that shard's thread; agents see the tickets of the channels
//! they are in.

use serde::{Deserialize, Serialize};

/// One agents' channel and its discussion group, and the queue it is kept for, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub channel_id: i64,
    /// Until its discussion group is linked, a shard takes no cards (a card posted before
    /// the bot sits in the group would open a thread the bot never sees).
    pub group_id: Option<i64>,
    /// Tickets of this queue (`Ticket::queue`) go here; `None`: any ticket, by load.
    #[serde(default)]
    pub queue: Option<String>,
}

impl Shard {
    pub fn takes_cards(&self) -> bool {
        self.group_id.is_some()
    }
}

/// Where a new ticket's card goes, among `shards` (the desk's first channel first): a shard
/// kept for the ticket's queue if there is one, else one kept for no queue; among those, the
/// one with the fewest active tickets (`load`). A tie goes round by `turn` (the ticket's
/// number): a burst of new tickets, counted before any of them has a card, still spreads.
/// `None` when no shard takes cards.
pub fn card_channel(
    shards: &[Shard],
    queue: Option<&str>,
    load: impl Fn(i64) -> i64,
    turn: i64,
) -> Option<i64> {
    let same_queue = |s: &&Shard| match (&s.queue, queue) {
        (Some(kept), Some(wanted)) => kept.eq_ignore_ascii_case(wanted),
        _ => false,
    };
    let ready = || shards.iter().filter(|s| s.takes_cards());
    let kept: Vec<&Shard> = ready().filter(same_queue).collect();
    let candidates = match kept.is_empty() {
        true => ready().filter(|s| s.queue.is_none()).collect(),
        false => kept,
    };
    let count = candidates.len() as i64;
    let first = turn.rem_euclid(count.max(1));
    candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(i, s)| (load(s.channel_id), (*i as i64 - first).rem_euclid(count)))
        .map(|(_, s)| s.channel_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(channel_id: i64, queue: Option<&str>) -> Shard {
        Shard {
            channel_id,
            group_id: Some(channel_id - 1),
            queue: queue.map(str::to_owned),
        }
    }

    #[test]
    fn tickets_spread_to_the_least_busy_general_channel() {
        let shards = [shard(-10, None), shard(-20, None), shard(-30, Some("vip"))];
        let load = |channel| match channel {
            -10 => 7,
            -20 => 3,
            _ => 0,
        };
        assert_eq!(card_channel(&shards, None, load, 0), Some(-20));
        assert_eq!(card_channel(&shards, Some("payments"), load, 1), Some(-20));
        // A tie goes round by ticket number.
        assert_eq!(card_channel(&shards, None, |_| 0, 1000), Some(-10));
        assert_eq!(card_channel(&shards, None, |_| 0, 1001), Some(-20));
        assert_eq!(card_channel(&shards, None, |_| 0, 1002), Some(-10));
    }

    #[test]
    fn a_queue_s_own_channel_takes_its_tickets_however_busy() {
        let shards = [shard(-10, None), shard(-30, Some("VIP"))];
        assert_eq!(card_channel(&shards, Some("vip"), |c| -c, 0), Some(-30));
    }

    #[test]
    fn a_channel_without_its_group_takes_no_cards() {
        let mut waiting = shard(-20, None);
        waiting.group_id = None;
        let shards = [waiting.clone()];
        assert_eq!(card_channel(&shards, None, |_| 0, 0), None);
        let shards = [shard(-10, None), waiting];
        assert_eq!(card_channel(&shards, None, |c| -c, 1), Some(-10));
    }
}
