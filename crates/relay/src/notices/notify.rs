//! Private notifications to agents, sent by the manager bot: a new ticket in their queue, a
//! ticket transferred to them, an SLA target about to be missed (a client's reply on their
//! ticket is told once per burst: see `bursts`).
//!
//! Every notification is an outbox job with a dedupe key — derived from the update that caused
//! it, or named after the ticket and target for the SLA watch — so handling an update again
//! after a crash, or the watch looking twice, never notifies twice. An agent who never opened
//! the manager bot cannot be written to (Telegram answers 403): the job dies, visibly, once.

use super::language_of;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::RelayError;
use ticketgram_domain::{Agent, Client, Ticket, Timestamp};
use ticketgram_i18n::Arg;
use ticketgram_store::NewOutboxJob;

/// A client opened a ticket: the agents whose skills match its queue are told (everyone when
/// nobody's do, or the ticket has no queue), with a Take button.
pub async fn ticket_opened(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    client: &Client,
) -> Result<(), RelayError> {
    // Routed to someone: only they hear of it, with the ticket's link.
    if let Some(owner) = ticket.assignee {
        let agent = desk.store.get_agent(desk.ws(), owner).await?;
        return routed_to(desk, fx, ticket, client, &agent).await;
    }
    let agents = desk.store.list_agents(desk.ws()).await?;
    let active: Vec<&Agent> = agents.iter().filter(|a| a.active).collect();
    let skilled: Vec<&Agent> = match &ticket.queue {
        Some(queue) => active
            .iter()
            .copied()
            .filter(|a| a.skills.iter().any(|s| s.eq_ignore_ascii_case(queue)))
            .collect(),
        None => vec![],
    };
    let recipients = if skilled.is_empty() { active } else { skilled };
    for agent in recipients {
        let lang = language_of(desk, agent);
        let topic = super::topic_label(desk, lang, ticket.topic).await?;
        let text = desk.text(
            lang,
            "manager-notify-new-ticket",
            &[
                ("number", ticket.number.to_string().into()),
                ("topic", topic.into()),
                ("client", client.display_name().into()),
                ("subject", ticket.subject.clone().into()),
            ],
        );
        let take = Button {
            text: desk.text(
                lang,
                "manager-button-take",
                &[("number", ticket.number.to_string().into())],
            ),
            data: format!("{}take:{}", crate::commands::MANAGER_BUTTON, ticket.id.0),
        };
        let keyboard = Some(Keyboard::Inline(vec![vec![take]]));
        to_agent(desk, fx, agent, text, keyboard).await?;
    }
    Ok(())
}

/// Routing gave `agent` the ticket (when it opened, or when a breach took it from its owner):
/// they alone hear of it, with the ticket's link.
pub async fn routed_to(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    client: &Client,
    agent: &Agent,
) -> Result<(), RelayError> {
    let lang = language_of(desk, agent);
    let link = super::links::ticket_link(desk, ticket.id)
        .await?
        .unwrap_or_default();
    let text = desk.text(
        lang,
        "manager-notify-routed",
        &[
            ("number", ticket.number.to_string().into()),
            ("client", client.display_name().into()),
            ("subject", ticket.subject.clone().into()),
            ("link", link.into()),
        ],
    );
    to_agent(desk, fx, agent, text, None).await
}

/// `target` now owns the ticket because `by` handed it over.
pub async fn transferred_to(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    by: &Agent,
    target: &Agent,
) -> Result<(), RelayError> {
    let lang = language_of(desk, target);
    let link = super::links::ticket_link(desk, ticket.id)
        .await?
        .unwrap_or_default();
    let text = desk.text(
        lang,
        "manager-notify-transferred",
        &[
            ("number", ticket.number.to_string().into()),
            ("by", by.name.clone().into()),
            ("subject", ticket.subject.clone().into()),
            ("link", link.into()),
        ],
    );
    to_agent(desk, fx, target, text, None).await
}

/// Which SLA target is about to be missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaTarget {
    FirstResponse,
    /// The wait for the next reply that began at `since`: a ticket has one per follow-up,
    /// each warned about and escalated once.
    NextReply {
        since: Timestamp,
    },
    Resolution,
}

impl SlaTarget {
    /// The target's name in the ticket's history.
    pub fn code(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first_response",
            SlaTarget::NextReply { .. } => "next_reply",
            SlaTarget::Resolution => "resolution",
        }
    }

    /// What is warned about and escalated once: the target, and for a next reply the wait
    /// (`next_reply:<since, ms>`), since each follow-up starts a wait of its own.
    pub fn mark(self) -> String {
        match self {
            SlaTarget::NextReply { since } => {
                format!("{}:{}", self.code(), since.timestamp_millis())
            }
            _ => self.code().to_owned(),
        }
    }
}

/// A target of `ticket` is at risk: its assignee is told, or every active agent when nobody
/// owns it. Once per ticket, target and agent (`sla:<ticket>:<target>:<agent>`), however
/// often the watch looks.
pub async fn sla_at_risk(
    desk: &Desk,
    tx: &ticketgram_store::Tx,
    ticket: &Ticket,
    target: SlaTarget,
    due: Timestamp,
    now: Timestamp,
) -> Result<(), RelayError> {
    let agents = desk.store.list_agents(desk.ws()).await?;
    let recipients: Vec<&Agent> = agents
        .iter()
        .filter(|a| a.active && ticket.assignee.is_none_or(|owner| owner == a.id))
        .collect();
    let link = super::links::ticket_link(desk, ticket.id)
        .await?
        .unwrap_or_default();
    for agent in recipients {
        let lang = language_of(desk, agent);
        let args: [(&str, Arg); 4] = [
            ("number", ticket.number.to_string().into()),
            ("due", super::format_time(desk, due).into()),
            ("subject", ticket.subject.clone().into()),
            ("link", link.clone().into()),
        ];
        let key = match target {
            SlaTarget::FirstResponse => "manager-notify-sla-first-response",
            SlaTarget::NextReply { .. } => "manager-notify-sla-next-reply",
            SlaTarget::Resolution => "manager-notify-sla-resolution",
        };
        let job = Delivery::Say {
            chat_id: agent.telegram_user_id,
            text: desk.text(lang, key, &args),
            keyboard: None,
        };
        let dedupe = format!("sla:{}:{}:{}", ticket.id.0, target.mark(), agent.id.0);
        enqueue_keyed(desk, tx, desk.config.bots.manager, &job, dedupe, now).await?;
    }
    Ok(())
}

/// Queues a job under a key of our own choosing (work started by a timer, not an update).
pub(crate) async fn enqueue_keyed(
    desk: &Desk,
    tx: &ticketgram_store::Tx,
    bot_id: i64,
    job: &Delivery,
    dedupe_key: String,
    now: Timestamp,
) -> Result<(), RelayError> {
    let new = NewOutboxJob {
        bot_id: desk.config.bots.sender_of(job, bot_id),
        ordering_key: job.ordering_key(None),
        payload: serde_json::to_string(job)?,
        not_before: now,
        created_at: now,
        dedupe_key: Some(dedupe_key),
    };
    tx.queue(desk.ws(), new)?;
    Ok(())
}

async fn to_agent(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    text: String,
    keyboard: Option<Keyboard>,
) -> Result<(), RelayError> {
    let job = Delivery::Say {
        chat_id: agent.telegram_user_id,
        text,
        keyboard,
    };
    fx.send_via(desk.config.bots.manager, job, None).await
}

/// A target of `ticket` was missed: the desk's admins are told, with who owns it and what
/// the escalation changed. Once per ticket, target and admin.
pub async fn sla_breached(
    desk: &Desk,
    tx: &ticketgram_store::Tx,
    ticket: &Ticket,
    target: SlaTarget,
    due: Timestamp,
    now: Timestamp,
) -> Result<(), RelayError> {
    let agents = desk.store.list_agents(desk.ws()).await?;
    let owner = ticket
        .assignee
        .and_then(|id| agents.iter().find(|a| a.id == id))
        .map(|a| a.name.clone());
    let link = super::links::ticket_link(desk, ticket.id)
        .await?
        .unwrap_or_default();
    // The admins, and the leads of the ticket's queue (docs/routing.md).
    let leads = desk
        .profile
        .routing
        .as_ref()
        .map(|rules| rules.rule_for(ticket.queue.as_deref()).leads.clone())
        .unwrap_or_default();
    let told = agents
        .iter()
        .filter(|a| a.active && (a.role.can_configure() || leads.contains(&a.id)));
    for admin in told {
        let lang = language_of(desk, admin);
        let owner = owner
            .clone()
            .unwrap_or_else(|| desk.text(lang, "manager-nobody", &[]));
        let key = match target {
            SlaTarget::FirstResponse => "manager-notify-sla-breached-first-response",
            SlaTarget::NextReply { .. } => "manager-notify-sla-breached-next-reply",
            SlaTarget::Resolution => "manager-notify-sla-breached-resolution",
        };
        let args: [(&str, Arg); 6] = [
            ("number", ticket.number.to_string().into()),
            ("due", super::format_time(desk, due).into()),
            ("owner", owner.into()),
            (
                "priority",
                desk.text(lang, &format!("priority-{}", ticket.priority.as_str()), &[])
                    .into(),
            ),
            ("subject", ticket.subject.clone().into()),
            ("link", link.clone().into()),
        ];
        let job = Delivery::Say {
            chat_id: admin.telegram_user_id,
            text: desk.text(lang, key, &args),
            keyboard: None,
        };
        let dedupe = format!(
            "sla-breach:{}:{}:{}",
            ticket.id.0,
            target.mark(),
            admin.id.0
        );
        enqueue_keyed(desk, tx, desk.config.bots.manager, &job, dedupe, now).await?;
    }
    Ok(())
}
