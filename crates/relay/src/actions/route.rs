//! Routing a ticket to an agent as the desk's rules say (docs/routing.md), and an agent's
//! presence: the same whether a ticket opens in the client bot, a flow or the API, and
//! whether presence is set in the manager bot or the console. In the input's transaction.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::routing::{choose, Candidate, Presence, Wanted};
use ticketgram_domain::{Actor, Agent, AuditEntry, Ticket};

/// Gives `ticket` to an agent when its queue routes automatically and someone on duty has
/// room; the ticket as it is now (assigned or not).
pub async fn route_ticket(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: Ticket,
) -> Result<Ticket, RelayError> {
    let Some(rules) = desk.profile.routing.as_ref() else {
        return Ok(ticket);
    };
    if ticket.assignee.is_some() || !ticket.status.is_active() {
        return Ok(ticket);
    }
    let rule = rules.rule_for(ticket.queue.as_deref());
    let ws = desk.ws();
    let agents: Vec<Agent> = desk
        .store
        .list_agents(ws)
        .await?
        .into_iter()
        .filter(|a| a.active)
        .collect();
    let presences = desk.store.agent_presences(ws).await?;
    let loads = desk.store.open_loads(ws).await?;
    let candidates: Vec<Candidate> = agents
        .iter()
        .map(|a| {
            let presence = presences.get(&a.id);
            Candidate {
                agent: a.id,
                presence: presence.map(|p| p.presence).unwrap_or_default(),
                load: loads.get(&a.id).copied().unwrap_or(0),
                last_routed: presence.and_then(|p| p.last_routed),
                skills: a.skills.clone(),
                languages: a.languages.clone(),
            }
        })
        .collect();
    let wanted = Wanted {
        queue: ticket.queue.as_deref(),
        language: ticket.language,
    };
    let Some(chosen) = choose(rule, wanted, &candidates) else {
        return Ok(ticket);
    };
    let Some(agent) = agents.iter().find(|a| a.id == chosen) else {
        return Ok(ticket);
    };
    fx.tx
        .assign_ticket(ws, ticket.id, Some(agent.id), Actor::System, fx.now)
        .await?;
    fx.tx.mark_routed(ws, agent.id, fx.now).await?;
    let notice = desk.agent_text("routed-to", &[("agent", agent.name.clone().into())]);
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    let mut ticket = ticket;
    ticket.assignee = Some(agent.id);
    Ok(ticket)
}

/// `agent` is now `presence`. Stepping away or off hands their unanswered tickets back: each
/// is unassigned and routed again (to a colleague on duty, or left for a Take). Whether it
/// changed anything.
pub async fn set_presence(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    presence: Presence,
    by: Actor,
) -> Result<bool, RelayError> {
    let ws = desk.ws();
    if !fx.tx.set_presence(ws, agent.id, presence, fx.now).await? {
        return Ok(false);
    }
    fx.tx
        .record_audit(&AuditEntry {
            workspace: ws,
            actor: by,
            action: "agent.presence".into(),
            subject: agent.id.0.to_string(),
            details: vec![("presence".into(), presence.as_str().into())],
            at: fx.now,
        })
        .await?;
    if presence == Presence::OnDuty {
        return Ok(true);
    }
    for id in desk.store.unanswered_of(ws, agent.id).await? {
        fx.tx
            .assign_ticket(ws, id, None, Actor::System, fx.now)
            .await?;
        let notice = desk.agent_text("requeued-from", &[("agent", agent.name.clone().into())]);
        fx.tell_agents(id, notice).await?;
        let ticket = desk.store.get_ticket(ws, id).await?;
        let routed = route_ticket(desk, fx, ticket).await?;
        if routed.assignee.is_none() {
            fx.refresh_card(id).await?;
        } else {
            let client = desk.store.get_client(ws, routed.client).await?;
            crate::notices::notify::ticket_opened(desk, fx, &routed, &client).await?;
        }
    }
    Ok(true)
}

/// Saves the desk's routing rules with their audit row, in the caller's transaction; they take
/// effect on every instance with the desk's profile, within one round.
pub async fn save_rules(
    tx: &ticketgram_store::Tx,
    ws: ticketgram_domain::WorkspaceId,
    rules: &ticketgram_domain::routing::RoutingRules,
    by: Actor,
    now: ticketgram_domain::Timestamp,
) -> Result<(), RelayError> {
    let json = serde_json::to_string(rules)?;
    tx.set_setting(ws, ticketgram_store::desk_profile_keys::ROUTING, &json, now)
        .await?;
    tx.record_audit(&AuditEntry {
        workspace: ws,
        actor: by,
        action: "routing.save".into(),
        subject: "routing".into(),
        details: vec![("rules".into(), json)],
        at: now,
    })
    .await?;
    Ok(())
}
