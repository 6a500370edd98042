//! Compensations above their author's limit wait for an approver (docs/complaints.md): the
//! approvers get Approve / Reject buttons, `/approvals` lists what still waits. The first
//! verdict counts; an approver whose own limit is below the amount is told so.

use super::Me;
use crate::actions::complaint::{self, Refusal};
use crate::desk::Effects;
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use ticketgram_domain::complaint::CompensationStatus;

/// `cp:<id>:y|n` from an approval message.
pub async fn decided(me: &Me<'_>, fx: &mut Effects<'_>, rest: &str) -> Result<(), RelayError> {
    let Some((id, verdict)) = rest.split_once(':') else {
        return Ok(());
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(());
    };
    let approve = verdict == "y";
    match complaint::decide_compensation(me.desk, fx, id, approve, me.agent).await? {
        Ok(CompensationStatus::Approved) => me.say(fx, "manager-compensation-approved", &[]).await,
        Ok(_) => me.say(fx, "manager-compensation-rejected", &[]).await,
        Err(refusal @ (Refusal::AlreadyDecided | Refusal::AboveYourLimit)) => {
            me.say(fx, refusal.key(), &[]).await
        }
        Err(_) => Ok(()),
    }
}

/// `/approvals`: the compensations waiting, oldest first, each with its buttons.
pub async fn pending(me: &Me<'_>, fx: &mut Effects<'_>) -> Result<(), RelayError> {
    let ws = me.desk.ws();
    let waiting = me.desk.store.pending_compensations(ws).await?;
    if waiting.is_empty() {
        return me.say(fx, "manager-approvals-none", &[]).await;
    }
    let currency = complaint::settings(me.desk).currency;
    let lang = me.language();
    let mut lines = vec![me.text("manager-approvals-title", &[])];
    let mut rows = Vec::new();
    for c in waiting.iter().take(10) {
        let ticket = me.desk.store.get_ticket(ws, c.ticket).await?;
        let proposer = me.desk.store.get_agent(ws, c.proposed_by).await?;
        lines.push(me.text(
            "manager-approvals-line",
            &[
                ("number", ticket.number.to_string().into()),
                ("kind", complaint::kind_label(me.desk, lang, c.kind).into()),
                ("amount", format!("{} {currency}", c.amount).into()),
                ("agent", proposer.name.into()),
            ],
        ));
        let button = |key: &str, verdict: char| Button {
            text: format!("{} {}", me.text(key, &[]), ticket.number),
            data: format!("{}cp:{}:{verdict}", crate::commands::MANAGER_BUTTON, c.id),
        };
        rows.push(vec![
            button("manager-button-approve", 'y'),
            button("manager-button-reject", 'n'),
        ]);
    }
    super::say(
        fx,
        me.chat_id,
        lines.join("\n"),
        Some(Keyboard::Inline(rows)),
    )
    .await
}
