//! The manager bot: agents' own view of the desk in a private chat — their queue, ticket
//! summaries, transfers, blocks, client search, canned replies and reports — and the private
//! notifications it sends them (new ticket, transfer, client reply, SLA at risk).
//!
//! Only active agents are served. On a one-bot desk the same bot is also the client bot, so a
//! stranger's `/start`, `/help` or `/my` is left to the client bot (`Ok(false)`), while the
//! commands only agents have are refused politely.

mod blocks;
mod clients;
mod compensations;
mod help;
pub(crate) mod login;
mod presence;
pub(crate) mod queues;
mod report;
mod templates;
mod ticket_view;
pub mod timers;
mod transfer;

use crate::commands::Command;
use crate::desk::{Desk, Effects};
use crate::jobs::{Delivery, Keyboard};
pub(crate) use crate::notices::{language_of, preview};
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message};
use ticketgram_domain::routing::Presence;
use ticketgram_domain::{Agent, Language, Ticket, TicketNumber};
use ticketgram_i18n::Arg;

/// Commands only agents have; anyone else is told so instead of having them taken as a
/// question for the desk.
const AGENT_ONLY: &[&str] = &[
    "queue",
    "ticket",
    "transfer",
    "block",
    "unblock",
    "clients",
    "templates",
    "template",
    "report",
    "duty",
    "away",
    "off",
];

/// A private message to the manager bot. `Ok(false)` leaves it to the client bot (on a
/// one-bot desk an agent may also be a client).
pub async fn handle_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some(command) = message.text().and_then(Command::parse) else {
        return Ok(false);
    };
    let Some(user) = message.from.as_ref() else {
        return Ok(false);
    };
    let chat_id = message.chat.id.0;
    let Some(agent) = desk.active_agent(user.id.0 as i64).await? else {
        // A stranger's or a deactivated agent's `/login` gets no link, and is not a question
        // for the desk either: it would open a ticket that echoes the attempt to the team.
        let refusal = match command.name {
            "login" => "login-refused",
            name if AGENT_ONLY.contains(&name) => "manager-agents-only",
            _ => return Ok(false),
        };
        let language = Language::from_telegram_code(user.language_code.as_deref());
        let text = desk.text(language, refusal, &[]);
        say(fx, chat_id, text, None).await?;
        return Ok(true);
    };
    let me = Me {
        desk,
        agent: &agent,
        chat_id,
    };
    let args = command.args;
    match command.name {
        "login" => {
            login::handle_login(desk, fx, &agent, message.chat.id.0).await?;
        }
        "start" | "help" => help::show(&me, fx).await?,
        "my" => queues::my_tickets(&me, fx).await?,
        "queue" => queues::unassigned(&me, fx).await?,
        "ticket" => ticket_view::show(&me, fx, args).await?,
        "transfer" => transfer::choose(&me, fx, args).await?,
        "block" => blocks::block(&me, fx, args).await?,
        "unblock" => blocks::unblock(&me, fx, args).await?,
        "clients" => clients::search(&me, fx, args, 0).await?,
        "templates" => templates::list(&me, fx).await?,
        "template" => templates::edit(&me, fx, args).await?,
        "report" => report::on_demand(&me, fx, args).await?,
        "approvals" => compensations::pending(&me, fx).await?,
        "duty" => presence::set(&me, fx, Presence::OnDuty).await?,
        "myhours" => presence::hours(&me, fx, args).await?,
        "away" => presence::set(&me, fx, Presence::Away).await?,
        "off" => presence::set(&me, fx, Presence::Off).await?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// A manager button; `data` is the callback data without [`crate::commands::MANAGER_BUTTON`].
pub async fn handle_button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    data: &str,
) -> Result<(), RelayError> {
    let agent = desk.active_agent(query.from.id.0 as i64).await?;
    let refusal = agent
        .is_none()
        .then(|| desk.agent_text("not-an-agent", &[]));
    let job = Delivery::AnswerCallback {
        callback_id: query.id.0.clone(),
        alert: refusal.is_some(),
        text: refusal,
    };
    fx.send(job, None).await?;
    let Some(agent) = agent else {
        return Ok(());
    };
    let me = Me {
        desk,
        agent: &agent,
        // Buttons live in the agent's private chat with the bot.
        chat_id: query.from.id.0 as i64,
    };
    let (head, rest) = data.split_once(':').unwrap_or((data, ""));
    match head {
        "take" => queues::take(&me, fx, rest).await,
        "cp" => compensations::decided(&me, fx, rest).await,
        "tr" => transfer::chosen(&me, fx, rest).await,
        "cl" => {
            let (page, query) = rest.split_once(':').unwrap_or((rest, ""));
            clients::search(&me, fx, query, page.parse().unwrap_or(0)).await
        }
        _ => Ok(()),
    }
}

/// The agent using the bot, and where to answer them.
pub(crate) struct Me<'a> {
    pub desk: &'a Desk,
    pub agent: &'a Agent,
    pub chat_id: i64,
}

impl Me<'_> {
    pub fn language(&self) -> Language {
        language_of(self.desk, self.agent)
    }

    pub fn text(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.desk.text(self.language(), key, args)
    }

    pub async fn say(
        &self,
        fx: &mut Effects<'_>,
        key: &str,
        args: &[(&str, Arg)],
    ) -> Result<(), RelayError> {
        say(fx, self.chat_id, self.text(key, args), None).await
    }

    /// The ticket an agent typed ("1042" or "#1042"), or a polite "no such ticket".
    pub async fn ticket_named(
        &self,
        fx: &mut Effects<'_>,
        args: &str,
        usage: &str,
    ) -> Result<Option<Ticket>, RelayError> {
        let Ok(number) = args
            .split_whitespace()
            .next()
            .unwrap_or("")
            .parse::<TicketNumber>()
        else {
            self.say(fx, usage, &[]).await?;
            return Ok(None);
        };
        let ticket = self
            .desk
            .store
            .find_ticket_by_number(self.desk.ws(), number)
            .await?;
        if ticket.is_none() {
            self.say(
                fx,
                "manager-no-such-ticket",
                &[("number", number.to_string().into())],
            )
            .await?;
        }
        Ok(ticket)
    }
}

pub(crate) async fn say(
    fx: &mut Effects<'_>,
    chat_id: i64,
    text: String,
    keyboard: Option<Keyboard>,
) -> Result<(), RelayError> {
    fx.send(
        Delivery::Say {
            chat_id,
            text,
            keyboard,
        },
        None,
    )
    .await
}
