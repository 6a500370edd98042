//! `/transfer N`: the other active agents as buttons; pressing one hands the ticket over (the
//! same transfer as the card's Transfer button, see `actions::assign`).

use super::Me;
use crate::desk::Effects;
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use ticketgram_domain::{AgentId, TicketId};
use ticketgram_store::StoreError;

pub async fn choose(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    let Some(ticket) = me.ticket_named(fx, args, "manager-transfer-usage").await? else {
        return Ok(());
    };
    let number = ticket.number.to_string();
    if !ticket.status.is_active() {
        return me
            .say(fx, "manager-ticket-finished", &[("number", number.into())])
            .await;
    }
    let agents = me.desk.store.list_agents(me.desk.ws()).await?;
    let rows: Vec<Vec<Button>> = agents
        .iter()
        .filter(|a| a.active && Some(a.id) != ticket.assignee)
        .map(|a| {
            vec![Button {
                text: a.name.clone(),
                data: format!(
                    "{}tr:{}:{}",
                    crate::commands::MANAGER_BUTTON,
                    ticket.id.0,
                    a.id.0
                ),
            }]
        })
        .collect();
    if rows.is_empty() {
        return me.say(fx, "manager-transfer-nobody", &[]).await;
    }
    let text = me.text("transfer-choose", &[("number", number.into())]);
    super::say(fx, me.chat_id, text, Some(Keyboard::Inline(rows))).await
}

/// An agent button under `/transfer`: `data` is `<ticket id>:<agent id>`.
pub async fn chosen(me: &Me<'_>, fx: &mut Effects<'_>, data: &str) -> Result<(), RelayError> {
    let Some((ticket, agent)) = data.split_once(':') else {
        return Ok(());
    };
    let (Ok(ticket), Ok(agent)) = (ticket.parse::<i64>(), agent.parse::<i64>()) else {
        return Ok(());
    };
    let desk = me.desk;
    let Some(ticket) = found(desk.store.get_ticket(desk.ws(), TicketId(ticket)).await)? else {
        return Ok(());
    };
    let Some(target) = found(desk.store.get_agent(desk.ws(), AgentId(agent)).await)? else {
        return Ok(());
    };
    let number = ticket.number.to_string();
    if !target.active || !ticket.status.is_active() {
        return me
            .say(
                fx,
                "manager-transfer-impossible",
                &[("number", number.into())],
            )
            .await;
    }
    if ticket.assignee == Some(target.id) {
        // Pressed twice, or someone else was faster: nothing to change.
        return Ok(());
    }
    crate::actions::assign::transfer_ticket(desk, fx, &ticket, me.agent, &target).await?;
    me.say(
        fx,
        "manager-transferred",
        &[
            ("number", number.into()),
            ("agent", target.name.clone().into()),
        ],
    )
    .await
}

/// A row that may have vanished (a stale button): `None` rather than an error.
fn found<T>(result: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
