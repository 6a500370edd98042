//! Proactive alerts (docs/proactive-alerts.md): an event from the platform becomes a message
//! from the client bot — its type's text, filled from the event's data, in the client's
//! language, with a "No more alerts" button — unless the client opted out or already got the
//! day's alerts; a risky event (or one that asks) opens a ticket for the agents as well. The
//! event is recorded once under the platform's id, in the same transaction as the message.

use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::from_api::{open_ticket, TicketOnBehalf};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use std::collections::BTreeMap;
use ticketgram_domain::proactive::{render, Delivery, ProactiveError, ProactiveSettings};
use ticketgram_domain::{Actor, Client, Language, Priority, TicketNumber};
use ticketgram_i18n::Arg;
use ticketgram_store::NewAlert;

/// One event, as the platform reported it.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// The platform's id for it: the same event reported twice is one alert.
    pub id: &'a str,
    pub kind: &'a str,
    pub data: BTreeMap<String, String>,
    /// 0–100, the platform's estimate that this turns into a dispute or a complaint.
    pub risk: Option<u8>,
    /// Open a ticket whatever the risk.
    pub open_ticket: bool,
    pub by: Actor,
}

/// What became of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub delivery: Delivery,
    pub ticket: Option<TicketNumber>,
}

pub fn settings(desk: &Desk) -> ProactiveSettings {
    desk.profile.proactive.clone().unwrap_or_default()
}

/// The alert's text in `lang`: the desk's own text for the type, else the standard one.
pub fn text(
    desk: &Desk,
    settings: &ProactiveSettings,
    kind: &str,
    data: &BTreeMap<String, String>,
    lang: Language,
) -> Result<String, ProactiveError> {
    let required = settings.required(kind)?;
    let missing: Vec<String> = required
        .into_iter()
        .filter(|f| !data.contains_key(f))
        .collect();
    if !missing.is_empty() {
        return Err(ProactiveError::MissingData(missing));
    }
    if let Some(template) = settings.custom_text(kind, lang) {
        return render(template, data);
    }
    let args: Vec<(&str, Arg)> = data
        .iter()
        .map(|(k, v)| (k.as_str(), Arg::from(v.clone())))
        .collect();
    Ok(desk.text(lang, &format!("proactive-{kind}"), &args))
}

/// A risk from which the event asks for an urgent look.
const URGENT_FROM: u8 = 90;

fn priority_for(risk: Option<u8>) -> Priority {
    match risk {
        Some(r) if r >= URGENT_FROM => Priority::Urgent,
        Some(r) if r >= 70 => Priority::High,
        _ => Priority::Normal,
    }
}

/// Applies the event for `client`; a type the desk does not know, or data its text needs and
/// the event lacks, is refused and nothing is recorded.
pub async fn alert(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    event: &Event<'_>,
) -> Result<Result<Outcome, ProactiveError>, RelayError> {
    let ws = desk.ws();
    let settings = settings(desk);
    let message = match text(desk, &settings, event.kind, &event.data, client.language) {
        Ok(message) => message,
        Err(problem) => return Ok(Err(problem)),
    };
    let opted_out = desk.store.opted_out_of_alerts(ws, client.id).await?;
    let since = fx.now - chrono::Duration::days(1);
    let sent_today = desk.store.alerts_sent_since(ws, client.id, since).await?;
    let unreachable = client.is_blocked() || client.is_erased();
    let delivery = Delivery::decide(
        opted_out || unreachable,
        sent_today,
        settings.per_client_per_day,
    );
    if delivery == Delivery::Sent {
        let off = Button {
            text: desk.text(client.language, "proactive-button-off", &[]),
            data: CallbackAction::AlertsOff.encode(),
        };
        let keyboard = Keyboard::Inline(vec![vec![off]]);
        fx.say_to(client, message.clone(), Some(keyboard)).await?;
    }
    let risky = match (event.risk, settings.ticket_from_risk) {
        (Some(risk), Some(from)) => risk >= from,
        _ => false,
    };
    let ticket = if event.open_ticket || risky {
        let subject = desk.agent_text(
            "proactive-ticket-subject",
            &[("type", event.kind.to_string().into())],
        );
        let mut lines = vec![message];
        if let Some(risk) = event.risk {
            lines.push(
                desk.agent_text("proactive-ticket-risk", &[("risk", i64::from(risk).into())]),
            );
        }
        let request = TicketOnBehalf {
            topic: None,
            subject,
            text: lines.join("\n"),
            priority: Some(priority_for(event.risk)),
            opened_by: event.by,
            notify_client: false,
        };
        let opened = open_ticket(desk, fx, client, &request).await?;
        let details = serde_json::json!({
            "event": event.id,
            "type": event.kind,
            "risk": event.risk,
            "delivery": delivery.as_str(),
        });
        fx.tx
            .record_ticket_event(
                ws,
                opened.ticket.id,
                "proactive_alert",
                event.by,
                details,
                fx.now,
            )
            .await?;
        Some(opened.ticket)
    } else {
        None
    };
    let new = NewAlert {
        event_id: event.id,
        event_type: event.kind,
        client: client.id,
        delivery,
        risk: event.risk,
        ticket: ticket.as_ref().map(|t| t.id),
        at: fx.now,
    };
    if !fx.tx.record_alert(ws, &new).await? {
        // Reported twice at once: the other report's transaction won.
        return Err(RelayError::AlreadyApplied);
    }
    Ok(Ok(Outcome {
        delivery,
        ticket: ticket.map(|t| t.number),
    }))
}

/// The client's "No more alerts" (or "Turn alerts back on").
pub async fn opt(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    opted_out: bool,
) -> Result<(), RelayError> {
    fx.tx
        .set_alert_opt_out(desk.ws(), client.id, opted_out, fx.now)
        .await?;
    let (key, button, action) = if opted_out {
        (
            "proactive-off",
            "proactive-button-on",
            CallbackAction::AlertsOn,
        )
    } else {
        (
            "proactive-on",
            "proactive-button-off",
            CallbackAction::AlertsOff,
        )
    };
    let lang = client.language;
    let keyboard = Keyboard::Inline(vec![vec![Button {
        text: desk.text(lang, button, &[]),
        data: action.encode(),
    }]]);
    fx.say_to(client, desk.text(lang, key, &[]), Some(keyboard))
        .await
}

/// Saves (or with `None` returns to the defaults) the desk's alert settings, audited as
/// `alerts.save`, in the caller's transaction; settings that cannot work are refused and
/// nothing is stored.
pub async fn save_settings(
    tx: &ticketgram_store::Tx,
    ws: ticketgram_domain::WorkspaceId,
    settings: Option<&ProactiveSettings>,
    by: Actor,
    now: ticketgram_domain::Timestamp,
) -> Result<Result<(), ProactiveError>, RelayError> {
    if let Some(Err(problem)) = settings.map(ProactiveSettings::validate) {
        return Ok(Err(problem));
    }
    let key = ticketgram_store::desk_profile_keys::PROACTIVE;
    crate::actions::save_profile_setting(tx, ws, key, settings, "alerts", by, now).await?;
    Ok(Ok(()))
}
