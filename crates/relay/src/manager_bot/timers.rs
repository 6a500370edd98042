//! The manager bot's clock: every few seconds (30 in production) it warns agents of SLA
//! targets about to be missed and, on Monday from 09:00 desk time, sends the weekly report to
//! the admins; every few minutes it looks for spikes (`crate::trends`). Only the instance
//! holding the bot's lease acts, so several instances never double the work; every job it queues carries a dedupe key, so looking twice (or a crash
//! between queueing and noting it) never notifies twice.

use super::report::{documents, Span};
use crate::desk::Desk;
use crate::notices::notify::{self, SlaTarget};
use crate::RelayError;
use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use ticketgram_domain::sla::{paused_time, waiting_spans, SlaTimes};
use ticketgram_domain::{SlaClock, SlaState, StatusChange, Ticket, Timestamp};
use ticketgram_store::Tx;
use tokio::sync::watch;

/// How many active tickets one look covers; a desk with more has bigger problems than this.
const WATCHED: i64 = 1000;
/// The weekly report goes out from this local hour on Mondays.
const WEEKLY_HOUR: u32 = 9;

/// Runs until `stop` turns true. `instance` names this process in the bot's lease.
pub async fn run(desk: Desk, instance: String, mut stop: watch::Receiver<bool>) {
    let lease = crate::intake::lease_name(desk.bot_id());
    let mut spikes_looked: Option<std::time::Instant> = None;
    loop {
        if *stop.borrow() {
            return;
        }
        let now = chrono::Utc::now();
        let holder = desk.store.lease_holder(&lease, now).await.ok().flatten();
        if holder.is_none() || holder.as_deref() == Some(instance.as_str()) {
            if let Err(e) = tick(&desk, now).await {
                tracing::warn!(error = %e, "manager bot timers paused");
            }
            // Outside the tick's transaction: learning takes seconds on a big desk.
            if let Err(e) = crate::intents::retrain_if_due(&desk.store, desk.ws(), now).await {
                tracing::warn!(error = %e, "the intent model was not retrained");
            }
            // Every few minutes, not every tick: each look reads four weeks of openings.
            if spikes_looked.is_none_or(|at| at.elapsed() >= crate::trends::LOOK_EVERY) {
                spikes_looked = Some(std::time::Instant::now());
                if let Err(e) = crate::trends::watch(&desk, now).await {
                    tracing::warn!(error = %e, "the spike watch paused");
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(desk.config.timer_interval) => {}
            _ = stop.changed() => {}
        }
    }
}

/// One look at the desk: one input, one transaction, like an update.
pub async fn tick(desk: &Desk, now: Timestamp) -> Result<(), RelayError> {
    let desk = &desk.current().await?;
    // Most looks find nothing to do; deciding that on plain reads keeps an idle desk from
    // opening a write transaction every few seconds.
    if !work_due(desk, now).await? {
        return Ok(());
    }
    let tx = desk.store.begin_tx_for("timer").await?;
    let bound = desk.bound_to(&tx);
    watch_sla(&bound, &tx, now).await?;
    weekly_report(&bound, &tx, now).await?;
    tx.commit().await?;
    desk.signals.jobs_queued.ring();
    Ok(())
}

/// Whether a look would find a ticket's SLA at risk or the weekly report due.
async fn work_due(desk: &Desk, now: Timestamp) -> Result<bool, RelayError> {
    let local = now
        .with_timezone(&desk.config.hours.time_zone)
        .naive_local();
    if let Some(week) = weekly_report_due(local) {
        let mark = format!("weekly-report:{week}");
        if desk.store.get_setting(desk.ws(), &mark).await?.is_none() {
            return Ok(true);
        }
    }
    let active = desk.store.active_tickets(desk.ws(), WATCHED).await?;
    let waits = desk.store.waiting_changes_of_active(desk.ws()).await?;
    let mut escalated = None;
    for ticket in &active {
        let targets = desk.sla_targets_for(ticket);
        let clock = SlaClock::new(&desk.config.hours, &targets);
        let times = sla_times(desk, ticket, waits.get(&ticket.id), now);
        for (target, state) in sla_states(&clock, &times, now) {
            match state {
                Some(SlaState::AtRisk { .. }) => return Ok(true),
                Some(SlaState::Breached { .. }) => {
                    // Read once, and only when some breach is found.
                    if escalated.is_none() {
                        escalated = Some(desk.store.escalated_breaches(desk.ws()).await?);
                    }
                    let done = escalated
                        .as_ref()
                        .is_some_and(|done| done.contains(&(ticket.id, target.mark())));
                    if !done {
                        return Ok(true);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(false)
}

/// Each target of a ticket with where it stands: the first reply, the next reply while one
/// is owed, the resolution.
fn sla_states(
    clock: &SlaClock<'_>,
    times: &SlaTimes,
    now: Timestamp,
) -> [(SlaTarget, Option<SlaState>); 3] {
    let next = times
        .awaiting_reply_since
        .map_or((SlaTarget::FirstResponse, None), |since| {
            (SlaTarget::NextReply { since }, clock.next_reply(times, now))
        });
    [
        (SlaTarget::FirstResponse, clock.first_response(times, now)),
        next,
        (SlaTarget::Resolution, clock.resolution(times, now)),
    ]
}

/// A ticket's SLA times with the working time it waited on the client (`changes`: its
/// status changes into and out of waiting), which its resolution target does not count.
pub(crate) fn sla_times(
    desk: &Desk,
    ticket: &Ticket,
    changes: Option<&Vec<StatusChange>>,
    now: Timestamp,
) -> SlaTimes {
    let mut times = SlaTimes::from(ticket);
    if let Some(changes) = changes {
        let until = times.resolved_at.unwrap_or(now);
        times.paused = paused_time(&desk.config.hours, &waiting_spans(changes, now), until);
    }
    times
}

/// The escalation steps: before a target is missed its owner is warned (everyone when
/// nobody owns it); once it is missed, the admins and the queue's leads are told, the
/// priority goes up a step and the ticket's history and thread say so — once per ticket and
/// target (per wait, for next replies); a missed reply target (first or next) then takes the
/// ticket from its owner where the queue says so.
async fn watch_sla(desk: &Desk, tx: &Tx, now: Timestamp) -> Result<(), RelayError> {
    let escalated = desk.store.escalated_breaches(desk.ws()).await?;
    let waits = desk.store.waiting_changes_of_active(desk.ws()).await?;
    for ticket in desk.store.active_tickets(desk.ws(), WATCHED).await? {
        let targets = desk.sla_targets_for(&ticket);
        let clock = SlaClock::new(&desk.config.hours, &targets);
        let times = sla_times(desk, &ticket, waits.get(&ticket.id), now);
        for (target, state) in sla_states(&clock, &times, now) {
            match state {
                Some(SlaState::AtRisk { due, .. }) => {
                    notify::sla_at_risk(desk, tx, &ticket, target, due, now).await?;
                }
                Some(SlaState::Breached { due, .. })
                    if !escalated.contains(&(ticket.id, target.mark())) =>
                {
                    escalate(desk, tx, &ticket, target, due, now).await?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A missed target: priority up a step (Urgent stays Urgent), the history row that records
/// the escalation, the admins told, a line in the thread and the card redrawn.
async fn escalate(
    desk: &Desk,
    tx: &Tx,
    ticket: &ticketgram_domain::Ticket,
    target: SlaTarget,
    due: Timestamp,
    now: Timestamp,
) -> Result<(), RelayError> {
    use ticketgram_domain::{Actor, Priority};
    let ws = desk.ws();
    let raised = match ticket.priority {
        Priority::Low => Priority::Normal,
        Priority::Normal => Priority::High,
        Priority::High | Priority::Urgent => Priority::Urgent,
    };
    if raised != ticket.priority {
        tx.set_ticket_priority(ws, ticket.id, raised, Actor::System, now)
            .await?;
    }
    let mut details = serde_json::json!({
        "target": target.code(),
        "due": due,
        "priority_from": ticket.priority.as_str(),
        "priority_to": raised.as_str(),
    });
    if let SlaTarget::NextReply { since } = target {
        // Read back by `escalated_breaches`: this wait is escalated, the next one is not.
        details["mark"] = target.mark().into();
        details["waiting_since"] = serde_json::json!(since);
    }
    tx.record_ticket_event(ws, ticket.id, "sla_breached", Actor::System, details, now)
        .await?;
    let mut escalated = ticket.clone();
    escalated.priority = raised;
    notify::sla_breached(desk, tx, &escalated, target, due, now).await?;
    let key = match target {
        SlaTarget::FirstResponse => "sla-breached-first-response",
        SlaTarget::NextReply { .. } => "sla-breached-next-reply",
        SlaTarget::Resolution => "sla-breached-resolution",
    };
    let priority = desk.agent_text(&format!("priority-{}", raised.as_str()), &[]);
    let text = desk.agent_text(
        key,
        &[
            ("due", crate::notices::format_time(desk, due).into()),
            ("priority", priority.into()),
        ],
    );
    let thread = crate::jobs::Delivery::ThreadNotice {
        ticket: ticket.id,
        text,
        keyboard: None,
    };
    let mark = format!("sla-breach-thread:{}:{}", ticket.id.0, target.mark());
    notify::enqueue_keyed(desk, tx, desk.config.bots.client, &thread, mark, now).await?;
    let card = crate::jobs::Delivery::RefreshCard { ticket: ticket.id };
    let mark = format!("sla-breach-card:{}:{}", ticket.id.0, target.mark());
    notify::enqueue_keyed(desk, tx, desk.config.bots.client, &card, mark, now).await?;
    // The last step, where the queue's rule says so: someone else on duty takes it over.
    if target != SlaTarget::Resolution {
        let origin = format!("sla-breach:{}:{}", ticket.id.0, target.mark());
        let mut fx = crate::desk::Effects::new(desk, tx, origin, now);
        crate::actions::route::reassign_on_breach(desk, &mut fx, &escalated).await?;
    }
    Ok(())
}

async fn weekly_report(desk: &Desk, tx: &Tx, now: Timestamp) -> Result<(), RelayError> {
    let local = now
        .with_timezone(&desk.config.hours.time_zone)
        .naive_local();
    let Some(week) = weekly_report_due(local) else {
        return Ok(());
    };
    let mark = format!("weekly-report:{week}");
    if desk.store.get_setting(desk.ws(), &mark).await?.is_some() {
        return Ok(());
    }
    let admins: Vec<_> = desk
        .store
        .list_agents(desk.ws())
        .await?
        .into_iter()
        .filter(|a| a.active && a.role.can_configure())
        .collect();
    for admin in &admins {
        let language = super::language_of(desk, admin);
        let jobs = documents(desk, Span::Week, now, language, admin.telegram_user_id).await?;
        for (i, job) in jobs.iter().enumerate() {
            let key = format!("{mark}:{}:{i}", admin.id.0);
            notify::enqueue_keyed(desk, tx, desk.config.bots.manager, job, key, now).await?;
        }
    }
    tx.set_setting(desk.ws(), &mark, "sent", now).await?;
    Ok(())
}

/// `Some("2026-49")` (ISO year and week) when the weekly report is due at this local time:
/// Mondays from 09:00.
pub fn weekly_report_due(local: NaiveDateTime) -> Option<String> {
    if local.weekday() != Weekday::Mon || local.hour() < WEEKLY_HOUR {
        return None;
    }
    let week = local.date().iso_week();
    Some(format!("{}-{:02}", week.year(), week.week()))
}

#[cfg(test)]
mod tests {
    use super::weekly_report_due;
    use chrono::NaiveDate;

    #[test]
    fn the_weekly_report_is_due_on_monday_from_nine() {
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert_eq!(weekly_report_due(at(30, 9)).as_deref(), Some("2026-49"));
        assert_eq!(weekly_report_due(at(30, 23)).as_deref(), Some("2026-49"));
        assert_eq!(weekly_report_due(at(30, 8)), None);
        assert_eq!(weekly_report_due(at(29, 12)), None);
    }
}
