//! Changing a registered complaint: its category, its severity (with a reason), its root cause
//! and resolution. Each change is in the ticket's history and the audit log, said in the
//! thread, and (where the card shows it) redraws the card.

use super::{category_label, history, listed_category, registered, severity_label, Refusal};
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::complaint::{self, Severity};
use ticketgram_domain::{Actor, Agent, Ticket};
use ticketgram_store::ComplaintNote;

/// Moves the complaint to another of the desk's categories.
pub async fn set_category(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    category: &str,
    by: &Agent,
) -> Result<Result<(), Refusal>, RelayError> {
    let Some(current) = registered(desk, ticket.id).await? else {
        return Ok(Err(Refusal::NotAComplaint));
    };
    let Some(category) = listed_category(desk, category) else {
        return Ok(Err(Refusal::UnknownCategory));
    };
    if category == current.category {
        return Ok(Ok(()));
    }
    fx.tx
        .set_complaint_category(desk.ws(), ticket.id, &category)
        .await?;
    let details = serde_json::json!({
        "from": current.category.as_str(),
        "to": category.as_str(),
    });
    let actor = Actor::Agent(by.id);
    history(desk, fx, ticket, "complaint_category", actor, details).await?;
    let lang = desk.config.agent_language;
    let notice = desk.agent_text(
        "complaint-category-thread",
        &[
            ("agent", by.name.clone().into()),
            ("category", category_label(desk, lang, &category).into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    Ok(Ok(()))
}

/// Sets the severity instead of the computed one; the reason is required and kept.
pub async fn adjust_severity(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    severity: Severity,
    reason: &str,
    by: &Agent,
) -> Result<Result<(), Refusal>, RelayError> {
    let Some(current) = registered(desk, ticket.id).await? else {
        return Ok(Err(Refusal::NotAComplaint));
    };
    let Some(reason) = complaint::note(reason) else {
        return Ok(Err(Refusal::BadNote));
    };
    fx.tx
        .adjust_complaint_severity(desk.ws(), ticket.id, severity, &reason)
        .await?;
    let details = serde_json::json!({
        "from": current.severity().as_str(),
        "to": severity.as_str(),
        "reason": reason,
    });
    let actor = Actor::Agent(by.id);
    history(desk, fx, ticket, "complaint_severity", actor, details).await?;
    let floor = severity.priority_floor();
    if ticket.priority < floor {
        fx.tx
            .set_ticket_priority(desk.ws(), ticket.id, floor, actor, fx.now)
            .await?;
    }
    let lang = desk.config.agent_language;
    let notice = desk.agent_text(
        "complaint-severity-thread",
        &[
            ("agent", by.name.clone().into()),
            ("severity", severity_label(desk, lang, severity).into()),
            ("reason", reason.into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    fx.refresh_card(ticket.id).await?;
    Ok(Ok(()))
}

/// Writes the root cause or the resolution (replacing what was there).
pub async fn write_note(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    field: ComplaintNote,
    text: &str,
    by: &Agent,
) -> Result<Result<(), Refusal>, RelayError> {
    if registered(desk, ticket.id).await?.is_none() {
        return Ok(Err(Refusal::NotAComplaint));
    }
    let Some(text) = complaint::note(text) else {
        return Ok(Err(Refusal::BadNote));
    };
    fx.tx
        .set_complaint_note(desk.ws(), ticket.id, field, &text)
        .await?;
    let (kind, key) = match field {
        ComplaintNote::RootCause => ("complaint_root_cause", "complaint-root-cause-thread"),
        ComplaintNote::Resolution => ("complaint_resolution", "complaint-resolution-thread"),
    };
    let actor = Actor::Agent(by.id);
    let details = serde_json::json!({ "text": text });
    history(desk, fx, ticket, kind, actor, details).await?;
    let notice = desk.agent_text(key, &[("agent", by.name.clone().into())]);
    fx.tell_agents(ticket.id, notice).await?;
    Ok(Ok(()))
}
