//! Routing a ticket to an agent as the desk's rules say (docs/routing.md), and an agent's
//! presence: the same whether a ticket opens in the client bot, a flow or the API, and
//! whether presence is set in the manager bot or the console. In the input's transaction.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::routing::{choose, Candidate, Presence, Wanted};
use ticketgram_domain::{Actor, Agent, AuditEntry, Ticket, WeeklySchedule, WorkingHours};

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
    let Some(agent) = chosen_agent(desk, fx, &ticket, rule, None).await? else {
        return Ok(ticket);
    };
    let ws = desk.ws();
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

/// Who `rule` gives `ticket` to among the active agents on duty within their hours,
/// `except` one (the owner a breach takes it from); `None` when nobody fits.
async fn chosen_agent(
    desk: &Desk,
    fx: &Effects<'_>,
    ticket: &Ticket,
    rule: &ticketgram_domain::routing::QueueRule,
    except: Option<ticketgram_domain::AgentId>,
) -> Result<Option<Agent>, RelayError> {
    let ws = desk.ws();
    let agents: Vec<Agent> = desk
        .store
        .list_agents(ws)
        .await?
        .into_iter()
        .filter(|a| a.active && Some(a.id) != except)
        .collect();
    let presences = desk.store.agent_presences(ws).await?;
    let loads = desk.store.open_loads(ws).await?;
    let candidates: Vec<Candidate> = agents
        .iter()
        .map(|a| {
            let presence = presences.get(&a.id);
            let set = presence.map(|p| p.presence).unwrap_or_default();
            Candidate {
                agent: a.id,
                presence: set.at(agent_hours(desk, a).as_ref(), fx.now),
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
    Ok(choose(rule, wanted, &candidates)
        .and_then(|chosen| agents.into_iter().find(|a| a.id == chosen)))
}

/// The escalation's last step, for a queue whose rule says `reassign`: a missed first reply
/// takes the ticket from its owner and routes it to someone else on duty (said in the thread,
/// the new owner told). Nothing changes when nobody else fits. The new owner, if any.
pub async fn reassign_on_breach(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
) -> Result<Option<Agent>, RelayError> {
    let Some(rules) = desk.profile.routing.as_ref() else {
        return Ok(None);
    };
    let rule = rules.rule_for(ticket.queue.as_deref());
    let Some(owner) = ticket.assignee.filter(|_| rule.reassign) else {
        return Ok(None);
    };
    let Some(agent) = chosen_agent(desk, fx, ticket, rule, Some(owner)).await? else {
        return Ok(None);
    };
    let ws = desk.ws();
    let before = desk.store.get_agent(ws, owner).await?;
    fx.tx
        .assign_ticket(ws, ticket.id, Some(agent.id), Actor::System, fx.now)
        .await?;
    fx.tx.mark_routed(ws, agent.id, fx.now).await?;
    let notice = desk.agent_text(
        "reassigned-on-breach",
        &[
            ("from", before.name.clone().into()),
            ("to", agent.name.clone().into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    let mut moved = ticket.clone();
    moved.assignee = Some(agent.id);
    let client = desk.store.get_client(ws, ticket.client).await?;
    crate::notices::notify::routed_to(desk, fx, &moved, &client, &agent).await?;
    fx.refresh_card(ticket.id).await?;
    Ok(Some(agent))
}

/// The agent's own working hours: their weekly schedule in the desk's time zone, with the
/// desk's holidays; `None` when they keep none (or it no longer reads: the desk's hours then).
pub fn agent_hours(desk: &Desk, agent: &Agent) -> Option<WorkingHours> {
    let week: WeeklySchedule = agent.schedule.as_deref()?.parse().ok()?;
    let desk_hours = &desk.config.hours;
    Some(
        WorkingHours::new(desk_hours.time_zone, week)
            .with_holidays(desk_hours.holidays.iter().copied()),
    )
}

/// Sets (or with `None` clears) the agent's own working hours, audited; `Err` with the
/// grammar's complaint when the text does not read as a schedule.
pub async fn set_hours(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    schedule: Option<&str>,
    by: Actor,
) -> Result<Result<(), String>, RelayError> {
    let schedule = match schedule.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => match text.parse::<WeeklySchedule>() {
            // Stored as the grammar writes it back, so every surface shows one spelling.
            Ok(week) => Some(week.to_string()),
            Err(e) => return Ok(Err(e.to_string())),
        },
        None => None,
    };
    fx.tx
        .set_agent_schedule(desk.ws(), agent.id, schedule.as_deref())
        .await?;
    fx.tx
        .record_audit(&AuditEntry {
            workspace: desk.ws(),
            actor: by,
            action: "agent.hours".into(),
            subject: format!("agent:{}", agent.id.0),
            details: vec![(
                "hours".into(),
                schedule.unwrap_or_else(|| "desk".to_owned()),
            )],
            at: fx.now,
        })
        .await?;
    Ok(Ok(()))
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
