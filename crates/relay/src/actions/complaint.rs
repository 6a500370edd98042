//! The complaint register's actions (docs/complaints.md), written once for the agents' thread,
//! the manager bot, the console and the API: registering a ticket as a complaint (its
//! severity computed, the client acknowledged with a promised time), changing its category or
//! severity (with a reason), writing its root cause and resolution, and compensation decisions
//! within each role's approval limit — above it, the approvers are asked in the manager bot.
//! Each is one step of its input's transaction: history, audit, notices and card together.

use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Delivery, Keyboard};
use crate::notices::{format_time, language_of};
use crate::RelayError;
use ticketgram_domain::complaint::{
    self, Approval, CompensationKind, CompensationStatus, Complaint, ComplaintCategory,
    ComplaintSettings, Money, Severity, SeverityFactors, Tone,
};
use ticketgram_domain::{Actor, Agent, AuditEntry, Language, Ticket, TicketId};
use ticketgram_i18n::Arg;
use ticketgram_store::{ComplaintNote, NewCompensation, StoreError};
use ticketgram_understanding::cues::{complaint as complaint_cues, Sentiment};

/// How far back a client's earlier complaints make this one more serious.
const REPEAT_WINDOW_DAYS: i64 = 30;

/// Why an action on the register was refused: said back to whoever asked, nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The ticket is not registered as a complaint.
    NotAComplaint,
    /// The category is not in the desk's list.
    UnknownCategory,
    /// The text is empty or longer than the register keeps.
    BadNote,
    /// Not an amount, or an unknown kind.
    BadCompensation,
    /// The compensation was decided already (by someone else, or earlier).
    AlreadyDecided,
    /// The amount is above the approver's own limit.
    AboveYourLimit,
}

impl Refusal {
    /// The message key agents read.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::NotAComplaint => "complaint-refused-not-a-complaint",
            Refusal::UnknownCategory => "complaint-refused-category",
            Refusal::BadNote => "complaint-refused-note",
            Refusal::BadCompensation => "complaint-refused-compensation",
            Refusal::AlreadyDecided => "complaint-refused-decided",
            Refusal::AboveYourLimit => "complaint-refused-limit",
        }
    }
}

/// The desk's settings, or the defaults.
pub fn settings(desk: &Desk) -> ComplaintSettings {
    desk.profile.complaints.clone().unwrap_or_default()
}

/// A category's name in `lang`: the built-in ones are translated, a desk's own shows as
/// written (`late_payout` → "late payout").
pub fn category_label(desk: &Desk, lang: Language, category: &ComplaintCategory) -> String {
    let key = format!("complaint-category-{}", category.as_str());
    let text = desk.text(lang, &key, &[]);
    if text == key {
        category.as_str().replace('_', " ")
    } else {
        text
    }
}

pub fn severity_label(desk: &Desk, lang: Language, severity: Severity) -> String {
    desk.text(
        lang,
        &format!("complaint-severity-{}", severity.as_str()),
        &[],
    )
}

/// `slug` when it is one of the desk's categories.
pub fn listed_category(desk: &Desk, slug: &str) -> Option<ComplaintCategory> {
    ComplaintCategory::parse(slug).filter(|c| settings(desk).categories.contains(c))
}

/// What the client wrote on the ticket so far (its first few messages), to assess a complaint
/// registered after the fact.
pub async fn client_words(desk: &Desk, ticket: TicketId) -> Result<Option<String>, RelayError> {
    const READ: usize = 5;
    let texts: Vec<String> = desk
        .store
        .ticket_messages(desk.ws(), ticket)
        .await?
        .into_iter()
        .filter(|m| m.direction == ticketgram_domain::MessageDirection::Client)
        .filter_map(|m| m.text)
        .take(READ)
        .collect();
    Ok((!texts.is_empty()).then(|| texts.join("\n")))
}

/// A new request whose words read as a complaint is registered as one when the desk asks
/// for it. `true` when it was.
pub async fn recognise(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    words: Option<&str>,
) -> Result<bool, RelayError> {
    let Some(text) = words else {
        return Ok(false);
    };
    if !settings(desk).recognise || !complaint_cues(text).is_complaint {
        return Ok(false);
    }
    register(desk, fx, ticket, None, words, false, Actor::System).await
}

/// Registers `ticket` as a complaint: the category given (else the one its words point to),
/// the severity computed, the priority raised to the severity's floor, the client told when
/// the desk promises an answer (if the desk acknowledges). `false` when it already was one.
pub async fn register(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    category: Option<ComplaintCategory>,
    words: Option<&str>,
    public: bool,
    by: Actor,
) -> Result<bool, RelayError> {
    let ws = desk.ws();
    if desk.store.complaint(ws, ticket.id).await?.is_some() {
        return Ok(false);
    }
    let settings = settings(desk);
    let cues = words.map(complaint_cues);
    let category =
        category.unwrap_or_else(|| settings.category(cues.as_ref().and_then(|c| c.category)));
    let client = desk.store.get_client(ws, ticket.client).await?;
    let attributes = desk.store.client_attributes(ws, client.id).await?;
    let (high_value, high_reputation) = settings.standing(|name| {
        attributes.get(name).map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    });
    let since = fx.now - chrono::Duration::days(REPEAT_WINDOW_DAYS);
    let recent = desk
        .store
        .complaints_of_client(ws, client.id, since, fx.now)
        .await?;
    let factors = SeverityFactors {
        tone: match cues.as_ref().map(|c| c.sentiment) {
            Some(Sentiment::Angry) => Tone::Angry,
            Some(Sentiment::Negative) => Tone::Upset,
            _ => Tone::Calm,
        },
        threatens: cues.as_ref().is_some_and(|c| c.threatens),
        high_value,
        high_reputation,
        recent_complaints: recent,
        public,
    };
    let assessed = factors.assess();
    let acknowledge = settings.acknowledge && !client.is_blocked() && !client.is_erased();
    let promised_by = acknowledge.then(|| {
        let hours = chrono::Duration::hours(i64::from(settings.promise_hours));
        desk.config.hours.add_business_time(fx.now, hours)
    });
    let registered = Complaint {
        ticket: ticket.id,
        category: category.clone(),
        assessed: assessed.clone(),
        adjusted: None,
        public,
        root_cause: None,
        resolution: None,
        acknowledged_at: acknowledge.then_some(fx.now),
        promised_by,
        registered_at: fx.now,
    };
    if !fx.tx.register_complaint(ws, client.id, &registered).await? {
        return Ok(false);
    }
    let details = serde_json::json!({
        "category": category.as_str(),
        "severity": assessed.severity.as_str(),
        "points": assessed.points,
        "reasons": assessed.reasons,
    });
    fx.tx
        .record_ticket_event(ws, ticket.id, "complaint_registered", by, details, fx.now)
        .await?;
    audit(
        desk,
        fx,
        by,
        "complaint.register",
        ticket,
        &[
            ("category", category.to_string()),
            ("severity", assessed.severity.as_str().to_string()),
        ],
    )
    .await?;
    let floor = assessed.severity.priority_floor();
    if ticket.priority < floor {
        fx.tx
            .set_ticket_priority(ws, ticket.id, floor, Actor::System, fx.now)
            .await?;
    }
    let lang = desk.config.agent_language;
    let reasons = assessed
        .reasons
        .iter()
        .map(|r| desk.text(lang, &format!("complaint-reason-{r}"), &[]))
        .collect::<Vec<_>>()
        .join(", ");
    let reasons = if reasons.is_empty() {
        desk.text(lang, "complaint-reason-none", &[])
    } else {
        reasons
    };
    let notice = desk.agent_text(
        "complaint-registered-thread",
        &[
            ("category", category_label(desk, lang, &category).into()),
            (
                "severity",
                severity_label(desk, lang, assessed.severity).into(),
            ),
            ("reasons", reasons.into()),
        ],
    );
    fx.tell_agents(ticket.id, notice).await?;
    if let Some(promised) = promised_by {
        let lang = client.language;
        let text = desk.text(
            lang,
            "complaint-acknowledged",
            &[
                ("number", ticket.number.to_string().into()),
                ("category", category_label(desk, lang, &category).into()),
                ("promised", format_time(desk, promised).into()),
            ],
        );
        fx.notify_client(ticket.id, text, None).await?;
    }
    fx.refresh_card(ticket.id).await?;
    Ok(true)
}

async fn registered(desk: &Desk, ticket: TicketId) -> Result<Option<Complaint>, RelayError> {
    Ok(desk
        .store
        .complaint(desk.ws(), ticket)
        .await?
        .map(|r| r.complaint))
}

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
    fx.tx
        .record_ticket_event(
            desk.ws(),
            ticket.id,
            "complaint_category",
            actor,
            details,
            fx.now,
        )
        .await?;
    audit(
        desk,
        fx,
        actor,
        "complaint.category",
        ticket,
        &[("to", category.to_string())],
    )
    .await?;
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
    fx.tx
        .record_ticket_event(
            desk.ws(),
            ticket.id,
            "complaint_severity",
            actor,
            details,
            fx.now,
        )
        .await?;
    audit(
        desk,
        fx,
        actor,
        "complaint.severity",
        ticket,
        &[
            ("from", current.severity().as_str().to_string()),
            ("to", severity.as_str().to_string()),
            ("reason", reason.clone()),
        ],
    )
    .await?;
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
    fx.tx
        .record_ticket_event(desk.ws(), ticket.id, kind, actor, details, fx.now)
        .await?;
    audit(desk, fx, actor, &format!("complaint.{kind}"), ticket, &[]).await?;
    let notice = desk.agent_text(key, &[("agent", by.name.clone().into())]);
    fx.tell_agents(ticket.id, notice).await?;
    Ok(Ok(()))
}

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
    fx.tx
        .record_ticket_event(
            desk.ws(),
            ticket.id,
            "compensation_proposed",
            actor,
            details,
            fx.now,
        )
        .await?;
    audit(
        desk,
        fx,
        actor,
        "compensation.propose",
        ticket,
        &[
            ("compensation", id.to_string()),
            ("kind", kind.as_str().to_string()),
            ("amount", format!("{amount} {}", settings.currency)),
            ("status", status.as_str().to_string()),
        ],
    )
    .await?;
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
    let details = serde_json::json!({ "compensation": id, "status": status.as_str() });
    fx.tx
        .record_ticket_event(
            ws,
            ticket.id,
            "compensation_decided",
            actor,
            details,
            fx.now,
        )
        .await?;
    audit(
        desk,
        fx,
        actor,
        &format!("compensation.{}", status.as_str()),
        &ticket,
        &[
            ("compensation", id.to_string()),
            (
                "amount",
                format!("{} {}", compensation.amount, settings.currency),
            ),
        ],
    )
    .await?;
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

async fn audit(
    desk: &Desk,
    fx: &mut Effects<'_>,
    actor: Actor,
    action: &str,
    ticket: &Ticket,
    details: &[(&str, String)],
) -> Result<(), RelayError> {
    let mut details: Vec<(String, String)> = details
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    details.insert(0, ("ticket".into(), ticket.number.to_string()));
    fx.tx
        .record_audit(&AuditEntry {
            workspace: desk.ws(),
            actor,
            action: action.into(),
            subject: format!("ticket:{}", ticket.id.0),
            details,
            at: fx.now,
        })
        .await?;
    Ok(())
}

/// Saves (or with `None` returns to the defaults) the desk's complaint settings, audited, in
/// the caller's transaction; settings that cannot work are refused and nothing is stored.
pub async fn save_settings(
    tx: &ticketgram_store::Tx,
    ws: ticketgram_domain::WorkspaceId,
    settings: Option<&ComplaintSettings>,
    by: Actor,
    now: ticketgram_domain::Timestamp,
) -> Result<Result<(), complaint::SettingsError>, RelayError> {
    let key = ticketgram_store::desk_profile_keys::COMPLAINTS;
    let detail = match settings {
        Some(settings) => {
            if let Err(problem) = settings.validate() {
                return Ok(Err(problem));
            }
            let json = serde_json::to_string(settings)?;
            tx.set_setting(ws, key, &json, now).await?;
            json
        }
        None => {
            tx.delete_setting(ws, key).await?;
            "defaults".to_owned()
        }
    };
    tx.record_audit(&AuditEntry {
        workspace: ws,
        actor: by,
        action: "complaints.settings".into(),
        subject: "complaints".into(),
        details: vec![("settings".into(), detail)],
        at: now,
    })
    .await?;
    Ok(Ok(()))
}
