//! Asking Telegram and the platform the questions of [`crate::lookups`], with no transaction
//! open.

use crate::desk::Desk;
use crate::lookups::{rights_of, Answer, Lookup, Rights};
use crate::order_lookup::LookupError;
use crate::RelayError;
use teloxide_core::prelude::Requester as _;
use teloxide_core::types::{ChatId, UserId};
use ticketgram_platform::LookupOutcome;
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};

/// Asks Telegram or the platform (outside any transaction: `desk` must read from the pool)
/// and keeps the answer, success or failure.
pub async fn ask(desk: &Desk, question: Lookup) -> Result<(), RelayError> {
    let answer = match &question {
        Lookup::BotBehindToken(token) => match desk.telegram.as_ref() {
            Some(tg) => {
                let candidate =
                    TelegramClient::new(tg.api_base().clone(), Secret::new(token.clone()));
                candidate
                    .bot()
                    .get_me()
                    .await
                    .map_err(TelegramError::from)
                    .map(|me| Answer::Bot {
                        id: me.user.id.0 as i64,
                        username: me.user.username.clone().unwrap_or_default(),
                    })
            }
            None => Err(unreachable_bot()),
        },
        Lookup::LinkedChat { bot, chat } => match client_for(desk, *bot).await? {
            Some(tg) => linked_chat(&tg, *chat).await.map(Answer::LinkedChat),
            None => Err(unreachable_bot()),
        },
        Lookup::Rights { bot, chat, channel } => match client_for(desk, *bot).await? {
            Some(tg) => rights_in(&tg, *chat, *bot, *channel)
                .await
                .map(Answer::Rights),
            None => Err(unreachable_bot()),
        },
        Lookup::Order(order) => Ok(Answer::Order(ask_platform(desk, order).await?)),
    };
    desk.lookups.remember(question, answer);
    Ok(())
}

/// The platform's answer about `order`, with the desk's lookup read now; `Err` (for the
/// operator) when there is none any more or its secret cannot be opened here.
async fn ask_platform(
    desk: &Desk,
    order: &str,
) -> Result<Result<LookupOutcome, String>, RelayError> {
    let config = match crate::order_lookup::configured(
        &desk.store,
        desk.token_key.as_ref(),
        desk.ws(),
    )
    .await
    {
        Ok(Some(config)) => config,
        Ok(None) => return Ok(Err("the desk has no order lookup configured".into())),
        Err(LookupError::Store(e)) => return Err(e.into()),
        Err(other) => {
            tracing::error!(error = %other, "the desk's order lookup cannot be used");
            return Ok(Err(other.to_string()));
        }
    };
    Ok(Ok(crate::order_lookup::ask(
        &desk.config.outbound,
        &config,
        order,
    )
    .await))
}

/// No client for that bot here (its token is not stored, or cannot be opened).
fn unreachable_bot() -> TelegramError {
    TelegramError::Other("no Bot API client for that bot here".into())
}

/// The bot's rights in `chat`, asked of Telegram.
pub async fn rights_in(
    tg: &TelegramClient,
    chat: i64,
    bot: i64,
    is_channel: bool,
) -> Result<Rights, TelegramError> {
    let member = tg
        .bot()
        .get_chat_member(ChatId(chat), UserId(bot as u64))
        .await?;
    Ok(rights_of(&member.kind, is_channel))
}

/// The chat linked to `chat` (a channel's discussion group, a group's channel).
pub async fn linked_chat(tg: &TelegramClient, chat: i64) -> Result<Option<i64>, TelegramError> {
    let info = tg.bot().get_chat(ChatId(chat)).await?;
    Ok(info.linked_chat_id())
}

/// A Bot API client for one of the desk's bots: this bot's own, or a stored bot's with its
/// token opened. `None` when the token cannot be read here.
pub async fn client_for(desk: &Desk, bot_id: i64) -> Result<Option<TelegramClient>, RelayError> {
    let Some(tg) = desk.telegram.as_ref() else {
        return Ok(None);
    };
    if bot_id == desk.bot_id() {
        return Ok(Some(tg.clone()));
    }
    let (Some(bot), Some(key)) = (desk.store.find_bot(bot_id).await?, desk.token_key.as_ref())
    else {
        return Ok(None);
    };
    Ok(key
        .open(&bot.token_ciphertext)
        .ok()
        .map(|token| TelegramClient::new(tg.api_base().clone(), Secret::new(token))))
}
