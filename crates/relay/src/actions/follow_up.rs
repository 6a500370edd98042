//! The desk's follow-up after closing (docs/follow-up.md): the question queued at the close
//! for later, and the client's answers — a Customer Effort Score, then (when the desk asks)
//! whether the issue is really solved, a "no" reopening the ticket. Each answer is one input:
//! stored once (the first counts), in the ticket's history, said in its thread.

use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::RelayError;
use ticketgram_domain::follow_up::{Effort, FollowUp};
use ticketgram_domain::{Actor, Client, Ticket, TicketId, TicketStatus, Timestamp, WorkspaceId};
use ticketgram_store::Tx;

/// At a close: the question, queued for the desk's delay (nothing when it does not follow up).
pub async fn schedule(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
) -> Result<(), RelayError> {
    let Some(follow_up) = desk.profile.follow_up else {
        return Ok(());
    };
    let after = chrono::Duration::minutes(i64::from(follow_up.after_minutes));
    let job = Delivery::FollowUp { ticket: ticket.id };
    fx.send_later(job, Some(ticket.id), fx.now + after).await
}

/// What the delayed question says and to whom, as things are when it is sent: nothing when
/// the ticket was reopened, the client already answered, or is blocked or erased.
pub async fn question(
    desk: &Desk,
    ticket: TicketId,
) -> Result<Option<(i64, String, Keyboard)>, ticketgram_store::StoreError> {
    let ws = desk.ws();
    let ticket = desk.store.get_ticket(ws, ticket).await?;
    if ticket.status != TicketStatus::Closed
        || desk.store.follow_up_answer(ws, ticket.id).await?.is_some()
    {
        return Ok(None);
    }
    let client = desk.store.get_client(ws, ticket.client).await?;
    if client.is_blocked() || client.is_erased() {
        return Ok(None);
    }
    let lang = client.language;
    let text = desk.text(
        lang,
        "follow-up-effort",
        &[("number", ticket.number.to_string().into())],
    );
    let row = (1..=7u8)
        .map(|score| Button {
            text: score.to_string(),
            data: CallbackAction::Effort(ticket.id, score).encode(),
        })
        .collect();
    Ok(Some((
        client.telegram_user_id,
        text,
        Keyboard::Inline(vec![row]),
    )))
}

/// The client's score: stored once, in the history and the thread; then the second question
/// or a thank-you.
pub async fn effort(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
    score: u8,
) -> Result<(), RelayError> {
    let (Some(ticket), Some(effort)) = (
        desk.client_ticket(client, ticket).await?,
        Effort::new(score),
    ) else {
        return Ok(());
    };
    let lang = client.language;
    if !fx
        .tx
        .record_effort(desk.ws(), ticket.id, effort, fx.now)
        .await?
    {
        let text = desk.text(lang, "follow-up-already", &[]);
        return fx.say_to(client, text, None).await;
    }
    let details = serde_json::json!({ "effort": score });
    fx.tx
        .record_ticket_event(
            desk.ws(),
            ticket.id,
            "effort_rated",
            Actor::Client(client.id),
            details,
            fx.now,
        )
        .await?;
    let notice = desk.agent_text(
        "follow-up-effort-thread",
        &[("score", i64::from(score).into())],
    );
    fx.tell_agents(ticket.id, notice).await?;
    let ask_solved = desk.profile.follow_up.is_some_and(|f| f.ask_solved);
    let number = ticket.number.to_string();
    let (text, keyboard) = if ask_solved {
        let keyboard = Keyboard::Inline(vec![vec![
            Button {
                text: desk.text(lang, "follow-up-solved-yes", &[]),
                data: CallbackAction::Solved(ticket.id, true).encode(),
            },
            Button {
                text: desk.text(lang, "follow-up-solved-no", &[]),
                data: CallbackAction::Solved(ticket.id, false).encode(),
            },
        ]]);
        (
            desk.text(lang, "follow-up-solved", &[("number", number.into())]),
            Some(keyboard),
        )
    } else {
        (desk.text(lang, "follow-up-thanks", &[]), None)
    };
    fx.say_to(client, text, keyboard).await
}

/// "Yes, it is solved."
pub async fn solved(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<(), RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return Ok(());
    };
    if fx.tx.record_solved(desk.ws(), ticket.id, true).await? {
        let text = desk.text(client.language, "follow-up-thanks", &[]);
        fx.say_to(client, text, None).await?;
    }
    Ok(())
}

/// "No, it is not solved": recorded, said in the thread; `true` when the caller should
/// reopen the ticket (the first "no" on a closed ticket).
pub async fn not_solved(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    ticket: TicketId,
) -> Result<bool, RelayError> {
    let Some(ticket) = desk.client_ticket(client, ticket).await? else {
        return Ok(false);
    };
    if !fx.tx.record_solved(desk.ws(), ticket.id, false).await? {
        return Ok(false);
    }
    let details = serde_json::json!({ "solved": false });
    fx.tx
        .record_ticket_event(
            desk.ws(),
            ticket.id,
            "not_solved",
            Actor::Client(client.id),
            details,
            fx.now,
        )
        .await?;
    let notice = desk.agent_text("follow-up-not-solved-thread", &[]);
    fx.tell_agents(ticket.id, notice).await?;
    Ok(!ticket.status.is_active())
}

/// Saves (or with `None` stops) the desk's follow-up, audited as `follow_up.save`, in the
/// caller's transaction.
pub async fn save(
    tx: &Tx,
    ws: WorkspaceId,
    follow_up: Option<FollowUp>,
    by: Actor,
    now: Timestamp,
) -> Result<(), RelayError> {
    let key = ticketgram_store::desk_profile_keys::FOLLOW_UP;
    super::save_profile_setting(tx, ws, key, follow_up.as_ref(), "follow_up", by, now).await
}
