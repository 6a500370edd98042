//! The handling time the staffing table assumes, measured on the desk's own tickets.
//!
//! Definition: for each ticket resolved in the history window after an agent's first reply,
//! the wall-clock time from that first reply to the resolution; the **median** of those. It
//! is the span in which an agent works on a ticket once it is theirs. Not the time to the
//! first reply: that is the wait Erlang C computes, not work. The median, not the mean: a
//! ticket resolved days later because nobody pressed "resolve" would pull a mean far from
//! the typical ticket. It over-counts a chat in which the client took a while to answer
//! (the agent worked on other tickets meanwhile) — a desk whose agents hold several chats
//! at once needs fewer agents than the table says.

use chrono::Duration;

/// Used until the desk has resolved a ticket after replying: a common chat-support figure.
pub const ASSUMED_HANDLING: Duration = Duration::minutes(10);

/// A ticket answered and resolved in the same minute still took some work; Erlang C also
/// needs a handling time above zero.
const SHORTEST_HANDLING: Duration = Duration::minutes(1);

/// The handling time to plan with, and how many resolved tickets it was measured on
/// (0: none yet, [`ASSUMED_HANDLING`]).
pub(crate) fn handling_time(samples: &[Duration]) -> (Duration, usize) {
    if samples.is_empty() {
        return (ASSUMED_HANDLING, 0);
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let middle = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2
    };
    (median.max(SHORTEST_HANDLING), samples.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_forgotten_ticket_does_not_move_the_handling_time() {
        let m = Duration::minutes;
        let (typical, measured) = handling_time(&[m(12), m(8), m(3 * 24 * 60), m(10)]);
        assert_eq!((typical, measured), (m(11), 4));
        assert_eq!(handling_time(&[]), (ASSUMED_HANDLING, 0));
        assert_eq!(handling_time(&[Duration::zero()]).0, m(1));
    }
}
