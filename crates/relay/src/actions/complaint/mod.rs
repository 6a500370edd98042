//! The complaint register's actions (docs/complaints.md), written once for the agents' thread,
//! the manager bot, the console and the API: registering a ticket as a complaint (its
//! severity computed, the client acknowledged with a promised time), changing its category or
//! severity (with a reason), writing its root cause and resolution, and compensation decisions
//! within each role's approval limit — above it, the approvers are asked in the manager bot.
//! Each is one step of its input's transaction: history, audit, notices and card together.

use crate::desk::{Desk, Effects};
use crate::notices::format_time;
use crate::RelayError;
use ticketgram_domain::complaint::{
    Complaint, ComplaintCategory, ComplaintSettings, Severity, SeverityFactors, Tone,
};
use ticketgram_domain::{Actor, AuditEntry, Language, Ticket, TicketId};
use ticketgram_understanding::cues::{complaint as complaint_cues, Sentiment};

mod changes;
mod compensation;

pub use changes::{adjust_severity, set_category, write_note};
pub use compensation::{decide_compensation, kind_label, propose_compensation};

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
    history(desk, fx, ticket, "complaint_registered", by, details).await?;
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

pub(super) async fn registered(
    desk: &Desk,
    ticket: TicketId,
) -> Result<Option<Complaint>, RelayError> {
    Ok(desk
        .store
        .complaint(desk.ws(), ticket)
        .await?
        .map(|r| r.complaint))
}

/// One change of the register: a row in the ticket's history (`kind`, its details) and the
/// same in the audit log (`complaint_severity` → `complaint.severity`), together.
pub(crate) async fn history(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    kind: &'static str,
    actor: Actor,
    details: serde_json::Value,
) -> Result<(), RelayError> {
    let mut audited = vec![("ticket".to_string(), ticket.number.to_string())];
    if let Some(fields) = details.as_object() {
        for (key, value) in fields {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            audited.push((key.clone(), text));
        }
    }
    fx.tx
        .record_ticket_event(desk.ws(), ticket.id, kind, actor, details, fx.now)
        .await?;
    fx.tx
        .record_audit(&AuditEntry {
            workspace: desk.ws(),
            actor,
            action: kind.replacen('_', ".", 1),
            subject: format!("ticket:{}", ticket.id.0),
            details: audited,
            at: fx.now,
        })
        .await?;
    Ok(())
}

/// Saves (or with `None` returns to the defaults) the desk's complaint settings, audited as
/// `complaints.save`, in the caller's transaction; settings that cannot work are refused and
/// nothing is stored.
pub async fn save_settings(
    tx: &ticketgram_store::Tx,
    ws: ticketgram_domain::WorkspaceId,
    settings: Option<&ComplaintSettings>,
    by: Actor,
    now: ticketgram_domain::Timestamp,
) -> Result<Result<(), ticketgram_domain::complaint::SettingsError>, RelayError> {
    if let Some(Err(problem)) = settings.map(ComplaintSettings::validate) {
        return Ok(Err(problem));
    }
    let key = ticketgram_store::desk_profile_keys::COMPLAINTS;
    super::save_profile_setting(tx, ws, key, settings, "complaints", by, now).await?;
    Ok(Ok(()))
}
