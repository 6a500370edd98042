//! Notices to agents in their private chat with the manager bot: a new ticket in their queue,
//! a transfer to them, a client's reply, an SLA target at risk. Written by the client bot, the
//! desk's actions and the timers alike, so it depends on none of them.

pub mod bursts;
pub mod flood;
pub mod links;
pub mod notify;

use crate::desk::Desk;
use crate::RelayError;
use ticketgram_domain::{Agent, Language, TopicId};

/// Agents read the bot in their first language; without one, in the desk's agent language.
pub(crate) fn language_of(desk: &Desk, agent: &Agent) -> Language {
    agent
        .languages
        .first()
        .copied()
        .unwrap_or(desk.config.agent_language)
}

/// A topic's name in `lang`, or "no topic".
pub(crate) async fn topic_label(
    desk: &Desk,
    lang: Language,
    topic: Option<TopicId>,
) -> Result<String, RelayError> {
    Ok(match topic {
        Some(id) => desk
            .store
            .get_topic(desk.ws(), id)
            .await?
            .name
            .in_language(lang)
            .to_string(),
        None => desk.text(lang, "card-no-topic", &[]),
    })
}

/// The start of a message on one line, cut at `limit` characters.
pub(crate) fn preview(text: &str, limit: usize) -> String {
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        out.push('…');
    }
    out.replace('\n', " ")
}

/// A moment in the desk's time zone with the zone spelled out, as on the cards.
pub(crate) fn format_time(desk: &Desk, at: ticketgram_domain::Timestamp) -> String {
    ticketgram_i18n::desk_time(at, desk.config.hours.time_zone)
}
