//! The translation jobs (`crate::translation`): the provider is asked here, with no
//! transaction open, and what it answered is recorded with the job's outcome.
//!
//! - A client's message: its translation is posted under it in the thread (or why it could
//!   not be translated). The original is already there, so nothing waits for the provider.
//! - An agent's answer: sent translated (automatic mode), shown to the agent with two buttons
//!   (confirm mode, or a risky translation), or sent as written with a note when it cannot
//!   be translated. The client always gets an answer; the original stays in the history.

use super::render::{thread_of, DeliveryError, Outcome, Recorded, THREAD_WAIT};
use super::split::{split_text, TEXT_LIMIT};
use super::telegram_calls as call;
use crate::callback::CallbackAction;
use crate::client_bot::language_name;
use crate::desk::Desk;
use crate::jobs::{Button, Keyboard};
use crate::translation::plan::{self, Plan};
use crate::translation::run::{translate, Attempted};
use crate::translation::{desk_config, settings};
use ticketgram_domain::{Message, MessageId};
use ticketgram_i18n::Arg;
use ticketgram_store::{MessageTranslation, TranslationPurpose, TranslationState};
use ticketgram_telegram::TelegramClient;
use ticketgram_translation::{assess, AnswerStep, Risk};

/// The text a message carries: its text, or its first caption.
fn words_of(message: &Message) -> Option<String> {
    message
        .text
        .clone()
        .or_else(|| message.media.iter().find_map(|m| m.caption.clone()))
        .filter(|t| !t.trim().is_empty())
}

fn translation_row(
    desk: &Desk,
    message: MessageId,
    purpose: TranslationPurpose,
    plan: &Plan,
) -> MessageTranslation {
    MessageTranslation {
        message,
        purpose,
        source_lang: plan.source.as_ref().map(|l| l.as_str().to_owned()),
        target_lang: plan.target.as_str().to_owned(),
        text: None,
        state: TranslationState::Failed,
        note: None,
        provider: desk_config(desk)
            .map(|c| settings::provider_name(&c))
            .unwrap_or("none")
            .to_owned(),
        shown_message_id: None,
        decided_by: None,
        created_at: chrono::Utc::now(),
        decided_at: None,
    }
}

/// Posts `text` in the thread, split when long, replying to `reply_to`; the keyboard goes on
/// the last part. Returns the id of the last part.
async fn post(
    tg: &TelegramClient,
    group: i64,
    reply_to: i64,
    text: &str,
    keyboard: Option<&Keyboard>,
    rec: &mut Recorded,
) -> Result<Option<i64>, DeliveryError> {
    let parts = split_text(text, TEXT_LIMIT);
    let last = parts.len().saturating_sub(1);
    let mut id = None;
    for (i, part) in parts.iter().enumerate() {
        if !rec.pending(i) {
            continue;
        }
        let keyboard = if i == last { keyboard } else { None };
        id = Some(call::send_text(tg, group, part, keyboard, Some(reply_to)).await?);
        rec.made(i);
    }
    Ok(id)
}

fn why_text(desk: &Desk, why: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, Arg)> = args
        .iter()
        .map(|(name, value)| (*name, value.clone().into()))
        .collect();
    desk.agent_text(why, &args)
}

/// How a client's message is translated for the agents, if the desk translates its language.
async fn incoming_plan(
    desk: &Desk,
    config: &ticketgram_translation::TranslationConfig,
    message: &Message,
    text: &str,
) -> Result<Option<Plan>, DeliveryError> {
    let ticket = desk.store.get_ticket(desk.ws(), message.ticket).await?;
    let client = desk.store.get_client(desk.ws(), ticket.client).await?;
    Ok(plan::incoming(
        config,
        desk.config.agent_language,
        &client,
        text,
    ))
}

/// A client's words as the thread shows them: the provider asked (its cost noted in `rec`),
/// the translation under `heading`, or why there is none.
struct Incoming {
    body: String,
    /// The language it came from: the provider's word, else what the desk knew (`known`).
    source: Option<String>,
    translated: Option<String>,
    /// Why it was not translated (the agents' text key).
    why: Option<&'static str>,
}

/// `None` when the desk no longer translates (its settings were removed meanwhile).
async fn incoming_text(
    desk: &Desk,
    plan: &Plan,
    text: &str,
    heading: &str,
    known: Option<String>,
    rec: &mut Recorded,
) -> Result<Option<Incoming>, DeliveryError> {
    Ok(Some(match translate(desk, text, plan).await? {
        Attempted::Off => return Ok(None),
        Attempted::Translated {
            text: translated,
            detected,
            usage,
        } => {
            let source = detected.or(known);
            let from = source.as_deref().map(language_name).unwrap_or_default();
            let body = desk.agent_text(
                heading,
                &[("from", from.into()), ("text", translated.clone().into())],
            );
            rec.translation_usage = Some(usage);
            Incoming {
                body,
                source,
                translated: Some(translated),
                why: None,
            }
        }
        Attempted::NotTranslated { why, args } => {
            let reason = why_text(desk, why, &args);
            Incoming {
                body: desk.agent_text("translation-incoming-failed", &[("why", reason.into())]),
                source: known,
                translated: None,
                why: Some(why),
            }
        }
    }))
}

/// A client's message, translated for the agents under its copy in the thread.
pub(super) async fn for_thread(
    desk: &Desk,
    tg: &TelegramClient,
    message: MessageId,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    if desk.store.message_translation(ws, message).await?.is_some() {
        return Ok(Outcome::Done); // translated before a crash
    }
    let message = desk.store.get_message(ws, message).await?;
    let (Some(text), Some(config)) = (words_of(&message), desk_config(desk)) else {
        return Ok(Outcome::Done);
    };
    let Some((group, _thread)) = thread_of(desk, message.ticket).await? else {
        return Ok(Outcome::NotReady(
            THREAD_WAIT,
            "waiting for the card's discussion thread",
        ));
    };
    let Some(copy) = message.copies.iter().find(|c| c.chat_id == group) else {
        return Ok(Outcome::NotReady(
            THREAD_WAIT,
            "waiting for the message in the thread",
        ));
    };
    let Some(plan) = incoming_plan(desk, &config, &message, &text).await? else {
        return Ok(Outcome::Done);
    };
    let mut row = translation_row(desk, message.id, TranslationPurpose::Incoming, &plan);
    let heading = "translation-incoming";
    let known = row.source_lang.clone();
    let Some(incoming) = incoming_text(desk, &plan, &text, heading, known, rec).await? else {
        return Ok(Outcome::Done);
    };
    row.source_lang = incoming.source;
    row.note = incoming.why.map(str::to_owned);
    if incoming.translated.is_some() {
        row.state = TranslationState::Shown;
    }
    row.text = incoming.translated;
    let shown = incoming.body;
    row.shown_message_id = post(tg, group, copy.message_id, &shown, None, rec).await?;
    rec.translation = Some(row);
    Ok(Outcome::Done)
}

/// A client's edit of a translated message: translated anew, and the translation shown under
/// it in the thread edited to match (said to be of the edit), so agents never read a
/// translation of words the client took back.
pub(super) async fn edit_for_thread(
    desk: &Desk,
    tg: &TelegramClient,
    message: MessageId,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    let Some(shown) = desk.store.message_translation(ws, message).await? else {
        return Ok(Outcome::Done);
    };
    let (Some(shown_id), TranslationPurpose::Incoming) = (shown.shown_message_id, shown.purpose)
    else {
        return Ok(Outcome::Done);
    };
    let message = desk.store.get_message(ws, message).await?;
    let (Some(text), Some(config)) = (words_of(&message), desk_config(desk)) else {
        return Ok(Outcome::Done);
    };
    let Some((group, _thread)) = thread_of(desk, message.ticket).await? else {
        return Ok(Outcome::Done);
    };
    let Some(plan) = incoming_plan(desk, &config, &message, &text).await? else {
        return Ok(Outcome::Done);
    };
    let heading = "translation-incoming-edited";
    let known = shown.source_lang.clone();
    let Some(incoming) = incoming_text(desk, &plan, &text, heading, known, rec).await? else {
        return Ok(Outcome::Done);
    };
    let (body, translated) = (incoming.body, incoming.translated);
    // One message shows it: a long translation is cut rather than split after the fact.
    let body = split_text(&body, TEXT_LIMIT)
        .into_iter()
        .next()
        .unwrap_or_default();
    call::edit_text(tg, group, shown_id, &body, None).await?;
    rec.translation_edit = Some((message.id, translated));
    Ok(Outcome::Done)
}

/// An agent's answer: translated and sent, shown for confirmation, or sent as written.
pub(super) async fn answer(
    desk: &Desk,
    tg: &TelegramClient,
    message: MessageId,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    if desk.store.message_translation(ws, message).await?.is_some() {
        return Ok(Outcome::Done); // decided before a crash: its delivery is queued
    }
    let message = desk.store.get_message(ws, message).await?;
    // Whatever is decided, the answer (its album, if it is an album's caption) goes next.
    let send_as_written = |rec: &mut Recorded| -> Result<Outcome, DeliveryError> {
        let next = crate::translation::answer_to_client(&message);
        rec.follow_ups.push((next, message.ticket));
        Ok(Outcome::Done)
    };
    // A caption is the answer's words when it is a photo or a document.
    let (Some(text), Some(config)) = (words_of(&message), desk_config(desk)) else {
        return send_as_written(rec);
    };
    let ticket = desk.store.get_ticket(ws, message.ticket).await?;
    let client = desk.store.get_client(ws, ticket.client).await?;
    let Some(plan) = plan::answer(&config, desk.config.agent_language, &client, &text) else {
        return send_as_written(rec);
    };
    // The agent's comment in the thread: the note or the prompt answers it there.
    let in_thread = match thread_of(desk, message.ticket).await? {
        Some((group, _)) => message
            .copies
            .iter()
            .find(|c| c.chat_id == group)
            .map(|c| (group, c.message_id)),
        None => None,
    };
    let mut row = translation_row(desk, message.id, TranslationPurpose::Answer, &plan);
    let to = language_name(plan.target.as_str());
    match translate(desk, &text, &plan).await? {
        Attempted::Off => send_as_written(rec),
        Attempted::NotTranslated { why, args } => {
            let reason = why_text(desk, why, &args);
            if let Some((group, reply_to)) = in_thread {
                let note = desk.agent_text("translation-answer-failed", &[("why", reason.into())]);
                post(tg, group, reply_to, &note, None, rec).await?;
            }
            row.note = Some(why.to_owned());
            rec.translation = Some(row);
            send_as_written(rec)
        }
        Attempted::Translated {
            text: translated,
            usage,
            ..
        } => {
            rec.translation_usage = Some(usage);
            let assessment = assess(&text, &translated);
            let step = plan.mode.answer_step(&assessment, config.confirm_risky);
            row.text = Some(translated.clone());
            let Some((group, reply_to)) = in_thread else {
                // Written outside Telegram (the console, the API): no agent in a thread to
                // ask, so the translation goes only when it needs no confirmation.
                row.state = match step {
                    AnswerStep::Send => TranslationState::Approved,
                    _ => TranslationState::Declined,
                };
                rec.translation = Some(row);
                return send_as_written(rec);
            };
            match step {
                AnswerStep::Send => {
                    let shown = desk.agent_text(
                        "translation-answer-sent",
                        &[("to", to.into()), ("text", translated.into())],
                    );
                    row.shown_message_id = post(tg, group, reply_to, &shown, None, rec).await?;
                    row.state = TranslationState::Approved;
                    rec.translation = Some(row);
                    send_as_written(rec)
                }
                AnswerStep::Confirm | AnswerStep::Untranslated => {
                    let mut prompt = desk.agent_text(
                        "translation-answer-confirm",
                        &[("to", to.into()), ("text", translated.into())],
                    );
                    for risk in &assessment.risks {
                        prompt.push_str("\n⚠ ");
                        prompt.push_str(&risk_text(desk, risk));
                    }
                    let keyboard = Keyboard::Inline(vec![vec![
                        Button {
                            text: desk.agent_text("translation-send-button", &[]),
                            data: CallbackAction::SendTranslation(message.id).encode(),
                        },
                        Button {
                            text: desk.agent_text("translation-as-written-button", &[]),
                            data: CallbackAction::SendAsWritten(message.id).encode(),
                        },
                    ]]);
                    row.shown_message_id =
                        post(tg, group, reply_to, &prompt, Some(&keyboard), rec).await?;
                    row.note = assessment.is_risky().then(|| "risky".to_owned());
                    row.state = TranslationState::Pending;
                    rec.translation = Some(row);
                    Ok(Outcome::Done)
                }
            }
        }
    }
}

/// What an agent's album's caption is, as far as translation goes.
pub(super) enum AlbumCaption {
    AsWritten,
    Translated(String),
    /// Being decided: the album goes once it is (the decision queues it again).
    Deciding,
}

/// An agent's album to a client who reads another language: its caption is an answer like a
/// text. The first time, the captioned item goes through [`answer`], which queues the album
/// again once the translation is sent or declined (at once, or at the agent's tap); then the
/// album goes with what was decided.
pub(super) async fn album_caption(
    desk: &Desk,
    tg: &TelegramClient,
    captioned: &Message,
    rec: &mut Recorded,
) -> Result<AlbumCaption, DeliveryError> {
    let ws = desk.ws();
    if let Some(decided) = desk.store.message_translation(ws, captioned.id).await? {
        return Ok(match (decided.state, decided.text) {
            (TranslationState::Approved, Some(text)) => AlbumCaption::Translated(text),
            (TranslationState::Pending, _) => AlbumCaption::Deciding,
            _ => AlbumCaption::AsWritten,
        });
    }
    let (Some(text), Some(config)) = (words_of(captioned), desk_config(desk)) else {
        return Ok(AlbumCaption::AsWritten);
    };
    let ticket = desk.store.get_ticket(ws, captioned.ticket).await?;
    let client = desk.store.get_client(ws, ticket.client).await?;
    if plan::answer(&config, desk.config.agent_language, &client, &text).is_none() {
        return Ok(AlbumCaption::AsWritten);
    }
    answer(desk, tg, captioned.id, rec).await?;
    Ok(AlbumCaption::Deciding)
}

fn risk_text(desk: &Desk, risk: &Risk) -> String {
    match risk {
        Risk::NumbersChanged { missing, added } => desk.agent_text(
            "translation-risk-numbers",
            &[
                ("missing", missing.join(", ").into()),
                ("added", added.join(", ").into()),
            ],
        ),
        Risk::Length { percent } => desk.agent_text(
            "translation-risk-length",
            &[("percent", i64::from(*percent).into())],
        ),
        Risk::Empty => desk.agent_text("translation-risk-empty", &[]),
    }
}
