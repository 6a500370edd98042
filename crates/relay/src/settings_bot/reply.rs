//! Saying things to an admin in their language, answering buttons, recording changes.

use crate::desk::{Desk, Effects};
use crate::jobs::{Delivery, Keyboard};
use crate::RelayError;
use teloxide_core::types::{CallbackQuery, Message, User};
use ticketgram_domain::{Actor, Agent, AuditEntry, Language};
use ticketgram_i18n::Arg;

/// Where and in which language the settings bot answers.
#[derive(Debug, Clone, Copy)]
pub struct Reply {
    pub chat_id: i64,
    pub lang: Language,
}

pub fn language_of(user: Option<&User>) -> Language {
    Language::from_telegram_code(user.and_then(|u| u.language_code.as_deref()))
}

impl Reply {
    pub fn to(message: &Message) -> Reply {
        Reply {
            chat_id: message.chat.id.0,
            lang: language_of(message.from.as_ref()),
        }
    }

    pub fn chat(chat_id: i64, admin: &Agent) -> Reply {
        Reply {
            chat_id,
            lang: Reply::agent_language(admin, Language::En),
        }
    }

    /// The admin's own language when the team set one, else their Telegram's.
    pub fn for_agent(self, admin: &Agent) -> Reply {
        Reply {
            lang: Reply::agent_language(admin, self.lang),
            ..self
        }
    }

    fn agent_language(admin: &Agent, fallback: Language) -> Language {
        admin.languages.first().copied().unwrap_or(fallback)
    }

    pub fn text(&self, desk: &Desk, key: &str, args: &[(&str, Arg)]) -> String {
        desk.text(self.lang, key, args)
    }

    pub async fn say(
        &self,
        desk: &Desk,
        fx: &mut Effects<'_>,
        key: &str,
        args: &[(&str, Arg)],
    ) -> Result<(), RelayError> {
        self.send(fx, self.text(desk, key, args), None).await
    }

    pub async fn send(
        &self,
        fx: &mut Effects<'_>,
        text: String,
        keyboard: Option<Keyboard>,
    ) -> Result<(), RelayError> {
        let job = Delivery::Say {
            chat_id: self.chat_id,
            text,
            keyboard,
        };
        fx.send(job, None).await
    }
}

pub async fn answer_button(
    fx: &mut Effects<'_>,
    query: &CallbackQuery,
    text: Option<String>,
) -> Result<(), RelayError> {
    let job = Delivery::AnswerCallback {
        callback_id: query.id.0.clone(),
        text,
        alert: false,
    };
    fx.send(job, None).await
}

/// One line in the audit log for a change made in the settings bot.
pub async fn audit(
    desk: &Desk,
    fx: &Effects<'_>,
    admin: &Agent,
    action: &str,
    subject: String,
    details: Vec<(&str, String)>,
) -> Result<(), RelayError> {
    let entry = AuditEntry {
        workspace: desk.ws(),
        actor: Actor::Agent(admin.id),
        action: action.to_string(),
        subject,
        details: details
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        at: fx.now,
    };
    fx.tx.record_audit(&entry).await?;
    Ok(())
}
