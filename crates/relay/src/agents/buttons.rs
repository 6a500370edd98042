//! Ticket-card buttons: Take, Close, Reopen, Transfer. Only agents of the desk may press them.

use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::RelayError;
use teloxide_core::types::CallbackQuery;
use ticketgram_domain::{Actor, TicketStatus};
use ticketgram_store::StoreError;

pub async fn handle_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    action: CallbackAction,
) -> Result<(), RelayError> {
    let callback_id = query.id.0.clone();
    let Some(agent) = desk.active_agent(query.from.id.0 as i64).await? else {
        let text = desk.agent_text("not-an-agent", &[]);
        return fx
            .send(
                Delivery::AnswerCallback {
                    callback_id,
                    text: Some(text),
                    alert: true,
                },
                None,
            )
            .await;
    };
    fx.send(
        Delivery::AnswerCallback {
            callback_id,
            text: None,
            alert: false,
        },
        None,
    )
    .await?;
    if let CallbackAction::SendTranslation(message) | CallbackAction::SendAsWritten(message) =
        action
    {
        let translated = matches!(action, CallbackAction::SendTranslation(_));
        return super::translation::decide(desk, fx, &agent, message, translated).await;
    }
    let ticket_id = match action {
        CallbackAction::Take(t)
        | CallbackAction::CloseByAgent(t)
        | CallbackAction::ReopenByAgent(t)
        | CallbackAction::Transfer(t)
        | CallbackAction::TransferTo(t, _) => t,
        _ => return Ok(()),
    };
    let ticket = match desk.store.get_ticket(desk.ws(), ticket_id).await {
        Ok(ticket) => ticket,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let actor = Actor::Agent(agent.id);
    match action {
        CallbackAction::Take(_) => {
            crate::actions::assign::take_ticket(desk, fx, &ticket, &agent).await?;
            return Ok(());
        }
        CallbackAction::CloseByAgent(_) => {
            if !ticket.status.is_active() && ticket.status != TicketStatus::Resolved {
                return Ok(());
            }
            let to = TicketStatus::Closed;
            crate::actions::change_status(desk, fx, ticket.id, to, actor, &agent.name).await?;
            return Ok(());
        }
        CallbackAction::ReopenByAgent(_) => {
            if ticket.status.is_active() {
                return Ok(());
            }
            let to = TicketStatus::Open;
            crate::actions::change_status(desk, fx, ticket.id, to, actor, &agent.name).await?;
            return Ok(());
        }
        CallbackAction::Transfer(_) => {
            let agents = desk.store.list_agents(desk.ws()).await?;
            let rows = agents
                .iter()
                .filter(|a| a.active && Some(a.id) != ticket.assignee)
                .map(|a| {
                    vec![Button {
                        text: a.name.clone(),
                        data: CallbackAction::TransferTo(ticket.id, a.id).encode(),
                    }]
                })
                .collect();
            let text = desk.agent_text(
                "transfer-choose",
                &[("number", ticket.number.to_string().into())],
            );
            let keyboard = Some(Keyboard::Inline(rows));
            fx.send(
                Delivery::ThreadNotice {
                    ticket: ticket.id,
                    text,
                    keyboard,
                },
                Some(ticket.id),
            )
            .await?;
            return Ok(());
        }
        CallbackAction::TransferTo(_, to) => {
            let target = desk.store.get_agent(desk.ws(), to).await?;
            crate::actions::assign::transfer_ticket(desk, fx, &ticket, &agent, &target).await?;
            return Ok(());
        }
        _ => {}
    }
    fx.refresh_card(ticket.id).await
}
