//! Taking and transferring a ticket: the same rules whether an agent presses a card button in
//! the channel or uses the manager bot.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{Actor, Agent, AuditEntry, Ticket, TicketStatus};

/// `agent` takes an unassigned ticket (card button, manager bot, console, API). `Ok(false)` when someone was faster (the card already
/// shows who).
pub async fn take_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    agent: &Agent,
) -> Result<bool, RelayError> {
    // Decided under the ticket's lock in this input's transaction, not on the copy the
    // caller read: a concurrent Take cannot be overwritten.
    if !fx
        .tx
        .take_ticket(desk.ws(), ticket.id, agent.id, fx.now)
        .await?
    {
        return Ok(false);
    }
    let notice = desk.agent_text("taken-by", &[("agent", agent.name.clone().into())]);
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    Ok(true)
}

/// Hands a ticket to `target` (card button, manager bot, console, API): assigned, recorded in the audit log as `ticket.transferred`,
/// said in the thread, the card refreshed, and the receiving agent told in private.
pub async fn transfer_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    by: &Agent,
    target: &Agent,
) -> Result<(), RelayError> {
    let actor = Actor::Agent(by.id);
    fx.tx
        .assign_ticket(desk.ws(), ticket.id, Some(target.id), actor, fx.now)
        .await?;
    if ticket.status == TicketStatus::New {
        fx.tx
            .change_status(desk.ws(), ticket.id, TicketStatus::Open, actor, fx.now)
            .await?;
    }
    fx.tx
        .record_audit(&AuditEntry {
            workspace: desk.ws(),
            actor,
            action: "ticket.transferred".into(),
            subject: ticket.number.to_string(),
            details: vec![
                (
                    "from".into(),
                    ticket.assignee.map(|a| a.0.to_string()).unwrap_or_default(),
                ),
                ("to".into(), target.id.0.to_string()),
            ],
            at: fx.now,
        })
        .await?;
    let notice = desk.agent_text("transferred-to", &[("agent", target.name.clone().into())]);
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    if target.id != by.id {
        crate::notices::notify::transferred_to(desk, fx, ticket, by, target).await?;
    }
    Ok(())
}
