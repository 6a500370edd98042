//! `/welcome`, `/offhours` and `/blocknotice`: what the client bot says on its own, per
//! language. `-` restores the standard text. The out-of-hours notice may name `{ $opens }`,
//! the next opening time; the notice for blocked clients never names the block's reason.

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::commands::SETTINGS_BUTTON;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use serde::{Deserialize, Serialize};
use ticketgram_domain::{Agent, Language};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    Welcome,
    OutOfHours,
    Blocked,
}

impl Which {
    fn code(self) -> &'static str {
        match self {
            Which::Welcome => "w",
            Which::OutOfHours => "o",
            Which::Blocked => "b",
        }
    }
}

pub async fn choose_language(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    which: Which,
) -> Result<(), RelayError> {
    let row = Language::ALL
        .iter()
        .map(|l| Button {
            text: l.code().to_string(),
            data: format!("{SETTINGS_BUTTON}tx:{}:{}", which.code(), l.code()),
        })
        .collect();
    let key = match which {
        Which::Welcome => "settings-texts-welcome-choose",
        Which::OutOfHours => "settings-texts-offhours-choose",
        Which::Blocked => "settings-texts-blocked-choose",
    };
    reply
        .send(
            fx,
            reply.text(desk, key, &[]),
            Some(Keyboard::Inline(vec![row])),
        )
        .await
}

pub async fn button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    data: &str,
) -> Result<(), RelayError> {
    let (which, code) = data.split_once(':').unwrap_or((data, ""));
    let which = match which {
        "w" => Which::Welcome,
        "o" => Which::OutOfHours,
        "b" => Which::Blocked,
        _ => return Ok(()),
    };
    let Some(language) = Language::from_code(code) else {
        return Ok(());
    };
    let texts = match which {
        Which::Welcome => &desk.profile.welcome,
        Which::OutOfHours => &desk.profile.out_of_hours,
        Which::Blocked => &desk.profile.blocked_notice,
    };
    let current = texts
        .iter()
        .find(|(l, _)| *l == language)
        .map_or_else(|| "—".to_string(), |(_, t)| t.clone());
    let key = match which {
        Which::Welcome => "settings-texts-welcome-ask",
        Which::OutOfHours => "settings-texts-offhours-ask",
        Which::Blocked => "settings-texts-blocked-ask",
    };
    let args = [
        ("language", code.to_string().into()),
        ("current", current.into()),
    ];
    super::ask(
        desk,
        fx,
        reply,
        admin,
        Dialog::Text { which, language },
        key,
        &args,
    )
    .await
}

pub async fn set(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    which: Which,
    language: Language,
    text: &str,
) -> Result<(), RelayError> {
    if text.is_empty() || text.chars().count() > 2000 {
        return reply.say(desk, fx, "settings-texts-invalid", &[]).await;
    }
    let value = (text != "-").then_some(text);
    let (action, stored) = match which {
        Which::Welcome => {
            fx.tx
                .set_welcome_text(desk.ws(), language, value, fx.now)
                .await?;
            ("desk.welcome_set", "settings-texts-welcome-set")
        }
        Which::OutOfHours => {
            fx.tx
                .set_out_of_hours_text(desk.ws(), language, value, fx.now)
                .await?;
            ("desk.out_of_hours_set", "settings-texts-offhours-set")
        }
        Which::Blocked => {
            fx.tx
                .set_blocked_notice_text(desk.ws(), language, value, fx.now)
                .await?;
            ("desk.blocked_notice_set", "settings-texts-blocked-set")
        }
    };
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    audit(
        desk,
        fx,
        admin,
        action,
        "desk".into(),
        vec![("language", language.code().into())],
    )
    .await?;
    reply
        .say(desk, fx, stored, &[("language", language.code().into())])
        .await
}
