//! Buttons the client presses: menus, topic choice, switching, closing, reopening, rating.

use super::menu;
use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use teloxide_core::types::CallbackQuery;
use ticketgram_domain::{
    Actor, Client, ClientState, MessageDirection, Rating, TelegramCopy, TicketId, TicketStatus,
};

pub async fn handle_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    action: CallbackAction,
) -> Result<(), RelayError> {
    let client = super::client_of(desk, fx, &query.from).await?;
    if client.is_blocked() {
        return super::blocked::press_answered(desk, fx, &client, query).await;
    }
    // Always stop the spinner, whatever happens next; a refused score says why instead.
    let refusal = match action {
        CallbackAction::Rate(ticket, stars) => {
            rate_pressed(desk, fx, &client, ticket, stars).await?
        }
        _ => None,
    };
    fx.send(
        Delivery::AnswerCallback {
            callback_id: query.id.0.clone(),
            alert: refusal.is_some(),
            text: refusal,
        },
        None,
    )
    .await?;
    match action {
        CallbackAction::NewRequest => menu::choose_topic(desk, fx, &client).await,
        CallbackAction::MyRequests => menu::my_requests(desk, fx, &client).await,
        CallbackAction::Help => menu::help(desk, fx, &client).await,
        CallbackAction::ChooseLanguage => menu::choose_language(desk, fx, &client).await,
        CallbackAction::SetLanguage(lang) => {
            fx.tx
                .set_client_language(desk.ws(), client.id, lang)
                .await?;
            let text = desk.text(lang, "language-chosen", &[]);
            fx.say_to(&client, text, Some(menu::main_menu(desk, lang)))
                .await
        }
        CallbackAction::ChooseTopic(topic) => {
            fx.tx
                .set_client_state(
                    desk.ws(),
                    client.id,
                    &ClientState::WritingQuestion { topic },
                    fx.now,
                )
                .await?;
            let lang = client.language;
            let name = match topic {
                Some(id) => desk
                    .store
                    .get_topic(desk.ws(), id)
                    .await?
                    .name
                    .in_language(lang)
                    .to_string(),
                None => desk.text(lang, "card-no-topic", &[]),
            };
            let text = desk.text(lang, "write-question", &[("topic", name.into())]);
            fx.say_to(&client, text, None).await
        }
        CallbackAction::SwitchTo(ticket) => switch_to(desk, fx, &client, ticket).await,
        CallbackAction::RouteTo(ticket) => route_pending(desk, fx, &client, ticket).await,
        CallbackAction::ReadArticle(article) => {
            super::suggestions::read(desk, fx, &client, article).await
        }
        CallbackAction::ArticlesHelped => super::suggestions::helped(desk, fx, &client).await,
        CallbackAction::ArticlesDidNotHelp => {
            super::suggestions::not_helped_pressed(desk, fx, &client).await
        }
        CallbackAction::CloseByClient(ticket) => close(desk, fx, &client, ticket).await,
        CallbackAction::ReopenByClient(ticket) => reopen(desk, fx, &client, ticket).await,
        CallbackAction::SkipComment(ticket) => {
            super::rating::skipped(desk, fx, &client, ticket).await
        }
        CallbackAction::Effort(ticket, score) => {
            crate::actions::follow_up::effort(desk, fx, &client, ticket, score).await
        }
        CallbackAction::Solved(ticket, true) => {
            crate::actions::follow_up::solved(desk, fx, &client, ticket).await
        }
        CallbackAction::Solved(ticket, false) => {
            if crate::actions::follow_up::not_solved(desk, fx, &client, ticket).await? {
                reopen(desk, fx, &client, ticket).await
            } else {
                Ok(())
            }
        }
        CallbackAction::AlertsOff => crate::proactive::opt(desk, fx, &client, true).await,
        CallbackAction::AlertsOn => crate::proactive::opt(desk, fx, &client, false).await,
        // Agent actions never reach here (the classifier routes them to the agents' side).
        _ => Ok(()),
    }
}

/// A button of the desk's self-service flow.
pub async fn handle_flow_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
) -> Result<(), RelayError> {
    let client = super::client_of(desk, fx, &query.from).await?;
    if client.is_blocked() {
        return super::blocked::press_answered(desk, fx, &client, query).await;
    }
    fx.send(
        Delivery::AnswerCallback {
            callback_id: query.id.0.clone(),
            alert: false,
            text: None,
        },
        None,
    )
    .await?;
    super::self_service::took_press(desk, fx, &client, query).await
}

async fn not_found(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let text = desk.text(client.language, "ticket-not-found", &[]);
    fx.say_to(client, text, None).await
}

async fn switch_to(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return not_found(desk, fx, client).await;
    };
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
        .await?;
    confirm_switch(desk, fx, client, &ticket).await
}

/// The client said which ticket the held message is for: store and relay it there.
async fn route_pending(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return not_found(desk, fx, client).await;
    };
    let ClientState::ChoosingTicket { pending } =
        desk.store.client_state(desk.ws(), client.id).await?
    else {
        return switch_to(desk, fx, client, ticket.id).await;
    };
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: pending.chat_id,
        message_id: pending.message_id,
    };
    let content = (pending.text.clone(), pending.media.clone());
    let recorded = desk
        .record_message(fx, ticket.id, MessageDirection::Client, None, content, copy)
        .await?;
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
        .await?;
    if desk.config.chats.group_id.is_some() {
        let job = Delivery::ClientToThread {
            message: recorded.message.id,
        };
        fx.send(job, Some(ticket.id)).await?;
    }
    confirm_switch(desk, fx, client, &ticket).await
}

async fn close(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return not_found(desk, fx, client).await;
    };
    let number = ticket.number.to_string();
    if !ticket.status.is_active() && ticket.status != TicketStatus::Resolved {
        let text = desk.text(
            client.language,
            "ticket-already-closed",
            &[("number", number.into())],
        );
        return fx.say_to(client, text, None).await;
    }
    fx.tx
        .change_status(
            desk.ws(),
            ticket.id,
            TicketStatus::Closed,
            Actor::Client(client.id),
            fx.now,
        )
        .await?;
    let notice = desk.agent_text(
        "ticket-closed-by",
        &[("actor", client.first_name.clone().into())],
    );
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    crate::actions::rating::ask_rating(desk, fx, client, &ticket).await?;
    crate::actions::follow_up::schedule(desk, fx, &ticket).await
}

async fn reopen(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return not_found(desk, fx, client).await;
    };
    if ticket.status.is_active() {
        return switch_to(desk, fx, client, ticket.id).await;
    }
    fx.tx
        .change_status(
            desk.ws(),
            ticket.id,
            TicketStatus::Open,
            Actor::Client(client.id),
            fx.now,
        )
        .await?;
    fx.tx
        .set_current_ticket(desk.ws(), client.id, Some(ticket.id), fx.now)
        .await?;
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    let notice = desk.agent_text(
        "ticket-reopened-by",
        &[("actor", client.first_name.clone().into())],
    );
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    let text = desk.text(
        client.language,
        "ticket-reopened",
        &[("number", ticket.number.to_string().into())],
    );
    fx.notify_client(ticket.id, text, None).await
}

/// A star button: the score, or why it was not taken (the press's answer says it).
async fn rate_pressed(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
    stars: u8,
) -> Result<Option<String>, RelayError> {
    let rating =
        Rating::new(stars.into()).map_err(|_| RelayError::Internal("rating out of range"))?;
    match desk.client_ticket(client, ticket).await? {
        Some(ticket) => super::rating::scored(desk, fx, client, &ticket, rating).await,
        None => Ok(Some(desk.text(client.language, "ticket-not-found", &[]))),
    }
}

/// "Your next messages go to request #N", as a message about that ticket (so replying to it
/// routes there too).
async fn confirm_switch(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: &ticketgram_domain::Ticket,
) -> Result<(), RelayError> {
    let number = ticket.number.to_string();
    let text = desk.text(client.language, "switched-to", &[("number", number.into())]);
    fx.notify_client(ticket.id, text, None).await
}
