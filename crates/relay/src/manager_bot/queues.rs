//! `/my` (open tickets assigned to me, each with a link into its thread) and `/queue`
//! (unassigned tickets, oldest first, each with a Take button).

use super::Me;
use crate::desk::Effects;
use crate::jobs::{Button, Keyboard};
pub(crate) use crate::notices::format_time;
use crate::notices::links::ticket_link;
use crate::RelayError;
use ticketgram_domain::{Ticket, TicketId};
use ticketgram_store::StoreError;

/// More than this is not a list anyone reads in a chat; the count says how many there are.
const SHOWN: i64 = 20;

pub async fn my_tickets(me: &Me<'_>, fx: &mut Effects<'_>) -> Result<(), RelayError> {
    let desk = me.desk;
    let tickets = desk
        .store
        .open_tickets_of_agent(desk.ws(), me.agent.id, SHOWN)
        .await?;
    if tickets.is_empty() {
        return me.say(fx, "manager-my-empty", &[]).await;
    }
    let mut lines = vec![me.text(
        "manager-my-title",
        &[("count", (tickets.len() as i64).into())],
    )];
    for ticket in &tickets {
        lines.push(line(me, ticket).await?);
    }
    super::say(fx, me.chat_id, lines.join("\n\n"), None).await
}

pub async fn unassigned(me: &Me<'_>, fx: &mut Effects<'_>) -> Result<(), RelayError> {
    let desk = me.desk;
    let tickets = desk.store.unassigned_tickets(desk.ws(), SHOWN).await?;
    if tickets.is_empty() {
        return me.say(fx, "manager-queue-empty", &[]).await;
    }
    let mut lines = vec![me.text(
        "manager-queue-title",
        &[("count", (tickets.len() as i64).into())],
    )];
    let mut rows = vec![];
    for ticket in &tickets {
        lines.push(line(me, ticket).await?);
        rows.push(vec![Button {
            text: me.text(
                "manager-button-take",
                &[("number", ticket.number.to_string().into())],
            ),
            data: format!("{}take:{}", crate::commands::MANAGER_BUTTON, ticket.id.0),
        }]);
    }
    let keyboard = Some(Keyboard::Inline(rows));
    super::say(fx, me.chat_id, lines.join("\n\n"), keyboard).await
}

/// "Take #1042" pressed under `/queue`.
pub async fn take(me: &Me<'_>, fx: &mut Effects<'_>, data: &str) -> Result<(), RelayError> {
    let Ok(id) = data.parse::<i64>() else {
        return Ok(());
    };
    let ticket = match me.desk.store.get_ticket(me.desk.ws(), TicketId(id)).await {
        Ok(ticket) => ticket,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let number = ticket.number.to_string();
    if crate::actions::assign::take_ticket(me.desk, fx, &ticket, me.agent).await? {
        let link = ticket_link(me.desk, ticket.id).await?.unwrap_or_default();
        me.say(
            fx,
            "manager-taken",
            &[("number", number.into()), ("link", link.into())],
        )
        .await
    } else {
        me.say(fx, "manager-already-taken", &[("number", number.into())])
            .await
    }
}

/// "#1042 · Payments · in progress · 2026-11-02 10:00 CET" and the link under it.
async fn line(me: &Me<'_>, ticket: &Ticket) -> Result<String, RelayError> {
    let desk = me.desk;
    let topic = crate::notices::topic_label(desk, me.language(), ticket.topic).await?;
    let status = crate::card::status_label(&desk.t, me.language(), ticket.status);
    let mut line = me.text(
        "manager-ticket-line",
        &[
            ("number", ticket.number.to_string().into()),
            ("topic", topic.into()),
            ("status", status.into()),
            ("opened", format_time(desk, ticket.created_at).into()),
            ("subject", ticket.subject.clone().into()),
        ],
    );
    if let Some(link) = ticket_link(desk, ticket.id).await? {
        line.push('\n');
        line.push_str(&link);
    }
    Ok(line)
}
