//! Compensation decisions on a complaint: within its author's approval limit a decision
//! stands; above it, it waits and the approvers whose limit covers it are asked in the manager
//! bot; the first verdict counts.

use super::{history, registered, settings, Refusal};
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::notices::language_of;
use crate::RelayError;
use ticketgram_domain::complaint::{
    self, Approval, CompensationKind, CompensationStatus, ComplaintSettings, Money,
};
use ticketgram_domain::{Actor, Agent, Language, Ticket};
use ticketgram_i18n::Arg;
use ticketgram_store::{NewCompensation, StoreError};

/// A compensation proposed by `by`: within their limit it stands (approved); above it, it
/// waits and every approver whose limit covers it is asked in the manager bot.
pub async fn propose_compensation(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    kind: CompensationKind,
    amount: Money,
    note: &str,
    by: &Agent,
) -> Result<Result<CompensationStatus, Refusal>, RelayError> {
    if registered(desk, ticket.id).await?.is_none() {
        return Ok(Err(Refusal::NotAComplaint));
    }
    let note = note.trim();
    if note.chars().count() > complaint::MAX_NOTE_CHARS {
        return Ok(Err(Refusal::BadNote));
    }
    let settings = settings(desk);
    let status = match settings.limits.approval(by.role, amount) {
        Approval::Within => CompensationStatus::Approved,
        Approval::Above => CompensationStatus::Pending,
    };
    let new = NewCompensation {
        ticket: ticket.id,
        kind,
        amount,
        currency: settings.currency.clone(),
        note: note.to_string(),
        status,
        by: by.id,
        at: fx.now,
    };
    let id = fx.tx.propose_compensation(desk.ws(), &new).await?;
    let actor = Actor::Agent(by.id);
    let details = serde_json::json!({
        "compensation": id,
        "kind": kind.as_str(),
        "amount": amount.to_string(),
        "currency": settings.currency,
        "status": status.as_str(),
    });
    history(desk, fx, ticket, "compensation_proposed", actor, details).await?;
    let lang = desk.config.agent_language;
    let key = match status {
        CompensationStatus::Pending => "compensation-pending-thread",
        _ => "compensation-approved-thread",
    };
    let notice = desk.agent_text(
        key,
        &[
            ("agent", by.name.clone().into()),
            ("kind", kind_label(desk, lang, kind).into()),
            ("amount", format!("{amount} {}", settings.currency).into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    if status == CompensationStatus::Pending {
        ask_approvers(desk, fx, ticket, id, kind, amount, note, by, &settings).await?;
    }
    Ok(Ok(status))
}

pub fn kind_label(desk: &Desk, lang: Language, kind: CompensationKind) -> String {
    desk.text(lang, &format!("compensation-kind-{}", kind.as_str()), &[])
}

#[allow(clippy::too_many_arguments)]
async fn ask_approvers(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    id: i64,
    kind: CompensationKind,
    amount: Money,
    note: &str,
    by: &Agent,
    settings: &ComplaintSettings,
) -> Result<(), RelayError> {
    let agents = desk.store.list_agents(desk.ws()).await?;
    let covers = |a: &&Agent| {
        a.active
            && a.id != by.id
            && a.role.can_configure()
            && settings.limits.approval(a.role, amount) == Approval::Within
    };
    for approver in agents.iter().filter(covers) {
        let lang = language_of(desk, approver);
        let text = desk.text(
            lang,
            "manager-compensation-approve",
            &[
                ("number", ticket.number.to_string().into()),
                ("agent", by.name.clone().into()),
                ("kind", kind_label(desk, lang, kind).into()),
                ("amount", format!("{amount} {}", settings.currency).into()),
                ("note", note.to_string().into()),
            ],
        );
        let button = |key: &str, verdict: char| Button {
            text: desk.text(lang, key, &[]),
            data: format!("{}cp:{id}:{verdict}", crate::commands::MANAGER_BUTTON),
        };
        let keyboard = Keyboard::Inline(vec![vec![
            button("manager-button-approve", 'y'),
            button("manager-button-reject", 'n'),
        ]]);
        let job = Delivery::Say {
            chat_id: approver.telegram_user_id,
            text,
            keyboard: Some(keyboard),
        };
        fx.send_via(desk.config.bots.manager, job, None).await?;
    }
    Ok(())
}

/// An approver's verdict on a pending compensation: only within their own limit, and only
/// once (the first verdict counts). The proposer and the thread are told.
pub async fn decide_compensation(
    desk: &Desk,
    fx: &mut Effects<'_>,
    id: i64,
    approve: bool,
    by: &Agent,
) -> Result<Result<CompensationStatus, Refusal>, RelayError> {
    let ws = desk.ws();
    let compensation = match desk.store.compensation(ws, id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(Err(Refusal::BadCompensation)),
        Err(e) => return Err(e.into()),
    };
    if compensation.status != CompensationStatus::Pending {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let settings = settings(desk);
    if approve && settings.limits.approval(by.role, compensation.amount) == Approval::Above {
        return Ok(Err(Refusal::AboveYourLimit));
    }
    let status = if approve {
        CompensationStatus::Approved
    } else {
        CompensationStatus::Rejected
    };
    if !fx
        .tx
        .decide_compensation(ws, id, status, by.id, fx.now)
        .await?
    {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let ticket = desk.store.get_ticket(ws, compensation.ticket).await?;
    let actor = Actor::Agent(by.id);
    let details = serde_json::json!({
        "compensation": id,
        "status": status.as_str(),
        "amount": format!("{} {}", compensation.amount, settings.currency),
    });
    history(desk, fx, &ticket, "compensation_decided", actor, details).await?;
    let lang = desk.config.agent_language;
    let key = if approve {
        "compensation-decided-approved"
    } else {
        "compensation-decided-rejected"
    };
    let args = [
        ("agent", Arg::from(by.name.clone())),
        ("kind", kind_label(desk, lang, compensation.kind).into()),
        (
            "amount",
            format!("{} {}", compensation.amount, settings.currency).into(),
        ),
        ("number", ticket.number.to_string().into()),
    ];
    fx.tell_agents(ticket.id, desk.agent_text(key, &args))
        .await?;
    if compensation.proposed_by != by.id {
        let proposer = desk.store.get_agent(ws, compensation.proposed_by).await?;
        let lang = language_of(desk, &proposer);
        let job = Delivery::Say {
            chat_id: proposer.telegram_user_id,
            text: desk.text(lang, key, &args),
            keyboard: None,
        };
        fx.send_via(desk.config.bots.manager, job, None).await?;
    }
    Ok(Ok(status))
}
