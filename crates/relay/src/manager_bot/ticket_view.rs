//! `/ticket N`: one ticket at a glance — client, topic, status, priority, assignee, where its
//! SLA stands, the last messages and the status history.

use super::queues::format_time;
use super::Me;
use crate::desk::Effects;
use crate::RelayError;
use ticketgram_domain::{Actor, MessageDirection, SlaClock, SlaState, Ticket, Timestamp};

/// The last messages shown; the thread has the rest.
const LAST_MESSAGES: usize = 5;
/// A message longer than this is cut in the summary.
const PREVIEW_CHARS: usize = 200;

pub async fn show(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    let Some(ticket) = me.ticket_named(fx, args, "manager-ticket-usage").await? else {
        return Ok(());
    };
    let text = summary(me, &ticket, fx.now).await?;
    super::say(fx, me.chat_id, text, None).await
}

async fn summary(me: &Me<'_>, ticket: &Ticket, now: Timestamp) -> Result<String, RelayError> {
    let desk = me.desk;
    let ws = desk.ws();
    let lang = me.language();
    let (card, _) = crate::delivery::render::render_card(desk, ticket.id)
        .await
        .map_err(|_| RelayError::Internal("the ticket's card could not be rendered"))?;
    let mut lines = vec![card];
    let targets = desk.sla_targets_for(ticket);
    let clock = SlaClock::new(&desk.config.hours, &targets);
    let history = desk.store.status_history(ws, ticket.id).await?;
    let times = super::timers::sla_times(desk, ticket, Some(&history), now);
    for (key, state) in [
        (
            "manager-sla-first-response",
            clock.first_response(&times, now),
        ),
        ("manager-sla-next-reply", clock.next_reply(&times, now)),
        ("manager-sla-resolution", clock.resolution(&times, now)),
    ] {
        if let Some(state) = state {
            let state = sla_state(me, &state);
            lines.push(me.text(key, &[("state", state.into())]));
        }
    }
    if let Some(link) = crate::notices::links::ticket_link(desk, ticket.id).await? {
        lines.push(link);
    }
    let messages = desk.store.ticket_messages(ws, ticket.id).await?;
    let shown: Vec<_> = messages
        .iter()
        .filter(|m| m.direction != MessageDirection::System)
        .collect();
    if !shown.is_empty() {
        lines.push(String::new());
        lines.push(me.text("manager-ticket-messages", &[]));
        for message in shown.iter().rev().take(LAST_MESSAGES).rev() {
            let who = match message.direction {
                MessageDirection::Client => me.text("manager-from-client", &[]),
                MessageDirection::InternalNote => me.text("manager-from-note", &[]),
                _ => me.text("manager-from-agent", &[]),
            };
            let body = match &message.text {
                Some(text) => super::preview(text, PREVIEW_CHARS),
                None => me.text("manager-media", &[]),
            };
            lines.push(format!(
                "{} {who}: {body}",
                message
                    .created_at
                    .with_timezone(&desk.config.hours.time_zone)
                    .format("%m-%d %H:%M")
            ));
        }
    }
    let history = desk.store.ticket_history(ws, ticket.id).await?;
    if !history.is_empty() {
        lines.push(String::new());
        lines.push(me.text("manager-ticket-history", &[]));
        let agents = desk.store.list_agents(ws).await?;
        for event in &history {
            let actor = match event.actor {
                Actor::Agent(id) => agents
                    .iter()
                    .find(|a| a.id == id)
                    .map_or_else(|| id.to_string(), |a| a.name.clone()),
                Actor::Client(_) => me.text("manager-from-client", &[]),
                _ => me.text("manager-actor-system", &[]),
            };
            let what = match (event.from, event.to) {
                (Some(from), Some(to)) => format!(
                    "{} → {}",
                    crate::card::status_label(&desk.t, lang, from),
                    crate::card::status_label(&desk.t, lang, to)
                ),
                (None, Some(to)) => crate::card::status_label(&desk.t, lang, to),
                _ => me.text(&format!("manager-event-{}", event_key(&event.kind)), &[]),
            };
            lines.push(format!("{} {what} ({actor})", format_time(desk, event.at)));
        }
    }
    Ok(lines.join("\n"))
}

/// History kinds with a label; anything newer than this code reads as "changed".
fn event_key(kind: &str) -> &str {
    match kind {
        "assigned" | "priority_changed" | "rated" | "tag_added" | "tag_removed" => kind,
        _ => "other",
    }
}

fn sla_state(me: &Me<'_>, state: &SlaState) -> String {
    match state {
        SlaState::Met { took } => {
            me.text("manager-sla-met", &[("took", duration(me, *took).into())])
        }
        SlaState::Pending { due, remaining } => me.text(
            "manager-sla-pending",
            &[
                ("due", format_time(me.desk, *due).into()),
                ("remaining", duration(me, *remaining).into()),
            ],
        ),
        SlaState::AtRisk { due, remaining } => me.text(
            "manager-sla-at-risk",
            &[
                ("due", format_time(me.desk, *due).into()),
                ("remaining", duration(me, *remaining).into()),
            ],
        ),
        SlaState::Breached { due, by } => me.text(
            "manager-sla-breached",
            &[
                ("due", format_time(me.desk, *due).into()),
                ("by", duration(me, *by).into()),
            ],
        ),
    }
}

/// Working time as "2 h 5 min".
pub(crate) fn duration(me: &Me<'_>, d: chrono::Duration) -> String {
    let minutes = d.num_minutes().max(0);
    me.text(
        "manager-duration",
        &[
            ("hours", (minutes / 60).into()),
            ("minutes", (minutes % 60).into()),
        ],
    )
}
