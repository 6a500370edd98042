//! The ticket card: the channel post agents see for each ticket, edited in place whenever
//! status, assignee, rating or the client's block change, so the channel reads as a live queue.

use crate::callback::CallbackAction;
use crate::jobs::{Button, Keyboard};
use ticketgram_domain::{Agent, Client, Language, Ticket, TicketStatus, Timestamp, Topic};
use ticketgram_i18n::{desk_time, Translator};

/// Everything the card shows, gathered by the caller from the store.
pub struct CardFacts<'a> {
    pub ticket: &'a Ticket,
    pub client: &'a Client,
    pub topic: Option<&'a Topic>,
    pub assignee: Option<&'a Agent>,
    pub first_reply_due: Option<Timestamp>,
    /// The desk's time zone (its working hours): the card's times are the team's local time.
    pub time_zone: chrono_tz::Tz,
    /// The self-service form's answers (name, as shown), when a form opened the ticket.
    pub fields: &'a [(String, String)],
    /// What the desk's intent model made of the first question (`crate::intents`): the
    /// topic it names and its confidence in percent.
    pub intent: Option<(String, i64)>,
    /// The complaint register's category and severity, in the agents' language, when the
    /// ticket is a complaint (`actions::complaint`).
    pub complaint: Option<(String, String)>,
    /// Where a public complaint was written: the chat's title, the message's link, and
    /// whether its author has still not opened the client bot (answers wait till then).
    pub public: Option<(String, String, bool)>,
}

/// A form answer on the card is a glance, not the record (the thread and the console have it
/// whole): long reasons are cut, and a card stays far below Telegram's 4,096 characters.
const FIELD_CHARS: usize = 80;
const FIELDS_SHOWN: usize = 8;

/// Renders the card in the desk's language (agents share one channel, so one language).
pub fn render(t: &Translator, lang: Language, facts: &CardFacts) -> (String, Keyboard) {
    let ticket = facts.ticket;
    let number = ticket.number.to_string();
    let topic = facts
        .topic
        .map(|topic| topic.name.in_language(lang).to_string())
        .unwrap_or_else(|| t.text(lang, "card-no-topic", &[]));
    let status = t.text(lang, &format!("status-{}", ticket.status.as_str()), &[]);
    let mut lines = vec![
        t.text(
            lang,
            "card-title",
            &[("number", number.clone().into()), ("topic", topic.into())],
        ),
        if facts.client.is_erased() {
            // The row names nobody any more (docs/privacy.md): say so rather than "(id -7)".
            t.text(lang, "card-client-erased", &[])
        } else {
            t.text(
                lang,
                "card-client",
                &[("client", facts.client.display_name().into())],
            )
        },
        t.text(lang, "card-status", &[("status", status.into())]),
        t.text(
            lang,
            "card-priority",
            &[(
                "priority",
                t.text(lang, &format!("priority-{}", ticket.priority.as_str()), &[])
                    .into(),
            )],
        ),
        match facts.assignee {
            Some(agent) => t.text(
                lang,
                "card-assignee",
                &[("agent", agent.name.clone().into())],
            ),
            None => t.text(lang, "card-unassigned", &[]),
        },
        t.text(
            lang,
            "card-opened",
            &[(
                "opened",
                desk_time(ticket.created_at, facts.time_zone).into(),
            )],
        ),
    ];
    // Which language to answer in (agents write their own; translation starts from it).
    if let Some(code) = facts
        .client
        .written_language
        .as_deref()
        .filter(|_| !facts.client.is_erased())
    {
        lines.insert(
            2,
            t.text(
                lang,
                "card-language",
                &[("language", crate::client_bot::language_name(code).into())],
            ),
        );
    }
    // The model's guess, with how sure it was: agents judge a 55 % guess differently.
    if let Some((topic, confidence)) = &facts.intent {
        lines.insert(
            2,
            t.text(
                lang,
                "card-intent",
                &[
                    ("topic", topic.clone().into()),
                    ("confidence", (*confidence).into()),
                ],
            ),
        );
    }
    if let Some((category, severity)) = &facts.complaint {
        lines.insert(
            2,
            t.text(
                lang,
                "card-complaint",
                &[
                    ("category", category.clone().into()),
                    ("severity", severity.clone().into()),
                ],
            ),
        );
    }
    if let Some((chat, link, waiting)) = &facts.public {
        let key = if *waiting {
            "card-public-waiting"
        } else {
            "card-public"
        };
        lines.insert(
            2,
            t.text(
                lang,
                key,
                &[("chat", chat.clone().into()), ("link", link.clone().into())],
            ),
        );
    }
    // Set by the system when the client sounds angry (see `client_bot::mood`).
    if ticket
        .tags
        .iter()
        .any(|tag| tag.as_str() == crate::client_bot::ANGRY_TAG)
    {
        lines.insert(2, t.text(lang, "card-client-angry", &[]));
    }
    // Agents must see at a glance that nothing this client sends reaches the thread.
    if let Some(block) = &facts.client.blocked {
        lines.insert(
            2,
            t.text(
                lang,
                "card-client-blocked",
                &[("reason", block.reason.clone().into())],
            ),
        );
    }
    // A deadline only while someone still owes the first reply: not once answered, and not
    // on a ticket closed without one.
    if let (Some(due), None, true) = (
        facts.first_reply_due,
        ticket.first_response_at,
        ticket.status.is_active(),
    ) {
        let due = desk_time(due, facts.time_zone);
        lines.push(t.text(lang, "card-sla-due", &[("due", due.into())]));
    }
    if let Some(rating) = ticket.rating {
        let stars = "★".repeat(rating.score() as usize);
        let comment = ticket.rating_comment.clone().unwrap_or_default();
        lines.push(t.text(
            lang,
            "card-rating",
            &[("stars", stars.into()), ("comment", comment.into())],
        ));
    }
    if !ticket.subject.is_empty() {
        lines.push(String::new());
        lines.push(ticket.subject.clone());
    }
    if !facts.fields.is_empty() {
        lines.push(String::new());
        lines.push(t.text(lang, "card-form", &[]));
        for (name, answer) in facts.fields.iter().take(FIELDS_SHOWN) {
            let mut shown: String = answer.chars().take(FIELD_CHARS).collect();
            if answer.chars().count() > FIELD_CHARS {
                shown.push('…');
            }
            lines.push(format!("• {name}: {shown}"));
        }
    }
    (lines.join("\n"), keyboard(t, lang, ticket))
}

fn keyboard(t: &Translator, lang: Language, ticket: &Ticket) -> Keyboard {
    let button = |key: &str, action: CallbackAction| Button {
        text: t.text(lang, key, &[]),
        data: action.encode(),
    };
    let row = if ticket.status.is_active() {
        let mut row = vec![];
        if ticket.assignee.is_none() {
            row.push(button("button-take", CallbackAction::Take(ticket.id)));
        }
        row.push(button(
            "button-close-ticket",
            CallbackAction::CloseByAgent(ticket.id),
        ));
        row.push(button(
            "button-transfer",
            CallbackAction::Transfer(ticket.id),
        ));
        row
    } else {
        vec![button(
            "button-reopen-ticket",
            CallbackAction::ReopenByAgent(ticket.id),
        )]
    };
    Keyboard::Inline(vec![row])
}

/// What the card shows, in a few bytes: two renderings with the same fingerprint look the
/// same in the channel, so editing one into the other is work Telegram would refuse anyway
/// ("message is not modified").
pub fn fingerprint(text: &str, keyboard: &Keyboard) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(text.as_bytes());
    hash.update([0]);
    // Our own keyboard type: its JSON is stable whatever the Telegram library does.
    hash.update(serde_json::to_vec(keyboard).unwrap_or_default());
    format!("{:x}", hash.finalize())
}

/// A status as agents read it (the manager bot); the card and the console say the same.
pub fn status_label(t: &Translator, lang: Language, status: TicketStatus) -> String {
    t.status(lang, status, ticketgram_i18n::Audience::Agents)
}
