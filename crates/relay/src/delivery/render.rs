//! Carries out one outbox job: loads what it is about from the store, renders it as it is
//! now, and makes the Telegram calls. Returns whether it is done or must wait.

use super::replies::{agent_to_client, join_signature, signature, sync_edit};
use super::split::{split_text, CAPTION_LIMIT, TEXT_LIMIT};
use super::telegram_calls as call;
use super::translate::AlbumCaption;
use crate::card::{self, CardFacts};
use crate::desk::Desk;
use crate::jobs::Delivery;
use std::time::Duration;
use ticketgram_domain::{Message, MessageId, TelegramCopy, TicketId, WorkspaceId};
use ticketgram_store::{MessageTranslation, StoreError, Tx};
use ticketgram_telegram::{TelegramClient, TelegramError};

#[derive(Debug)]
pub enum Outcome {
    Done,
    /// Something it depends on is not there yet (the card's thread): try again shortly.
    NotReady(Duration, &'static str),
    /// Not yet, on purpose (the client is still writing): look again after this long, for
    /// as long as it takes.
    Wait(Duration, &'static str),
}

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Telegram(#[from] TelegramError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Impossible(String),
}

pub(super) const THREAD_WAIT: Duration = Duration::from_millis(300);

/// What Telegram answered that the desk must remember: where each message now also lives,
/// and which channel post is a ticket's card. Written by the dispatcher in the same
/// transaction that completes (or reschedules) the job, so a job is never marked done
/// without its record, nor the record kept without the job's progress.
#[derive(Debug, Default)]
pub struct Recorded {
    pub copies: Vec<(MessageId, TelegramCopy)>,
    pub card: Option<(TicketId, i64)>,
    /// What the ticket's card now shows in the channel (its fingerprint), once posted or edited.
    pub card_shown: Option<(TicketId, String)>,
    /// Calls of this job made by earlier attempts (the job's stored progress): a long answer
    /// resumes at the part that failed, so each part reaches the client once.
    pub resume_from: usize,
    /// Calls made so far, counting the earlier attempts'.
    pub calls_done: usize,
    /// What the provider made of a message (`crate::translation`), and what it cost on
    /// which of the desk's days.
    pub translation: Option<MessageTranslation>,
    /// A client's edit, translated anew: the message and its translation's new text.
    pub translation_edit: Option<(MessageId, Option<String>)>,
    pub translation_usage: Option<(String, u64)>,
    /// Jobs this one leads to (a translated answer's delivery), queued with its outcome.
    pub follow_ups: Vec<(Delivery, TicketId)>,
    /// Jobs queued behind this one whose messages went out in its comment
    /// ([`super::joining`]): finished with it.
    pub joined: Vec<i64>,
}

impl Recorded {
    pub fn resuming(progress: i64) -> Recorded {
        let resume_from = usize::try_from(progress).unwrap_or(0);
        Recorded {
            resume_from,
            calls_done: resume_from,
            ..Recorded::default()
        }
    }

    /// Whether call `i` of the job (0-based) still has to be made.
    pub fn pending(&self, i: usize) -> bool {
        i >= self.resume_from
    }

    /// Call `i` went through.
    pub fn made(&mut self, i: usize) {
        self.calls_done = self.calls_done.max(i + 1);
    }
}

impl Recorded {
    /// Writes what the calls produced, but for the copies ([`Recorded::copies`]), which the
    /// dispatcher writes for its whole batch of outcomes in one statement.
    pub async fn write(&self, tx: &Tx, ws: WorkspaceId) -> Result<(), StoreError> {
        if let Some((ticket, message_id)) = self.card {
            if !tx.set_channel_message(ws, ticket, message_id).await? {
                // Its forward will be recognised as a second card and the post removed.
                tracing::warn!(
                    ticket = ticket.0,
                    message_id,
                    "a second card was sent; the first one stays"
                );
                return Ok(());
            }
        }
        if let Some((ticket, fingerprint)) = &self.card_shown {
            tx.set_card_fingerprint(ws, *ticket, fingerprint).await?;
        }
        if let Some(translation) = &self.translation {
            tx.record_translation(ws, translation).await?;
        }
        if let Some((message, text)) = &self.translation_edit {
            tx.update_translation_text(ws, *message, text.as_deref())
                .await?;
        }
        if let Some((day, chars)) = &self.translation_usage {
            tx.add_translation_usage(ws, day, *chars).await?;
        }
        Ok(())
    }
}

pub async fn deliver(
    desk: &Desk,
    tg: &TelegramClient,
    job: &Delivery,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let ws = desk.ws();
    match job {
        Delivery::PostCard { ticket } => post_card(desk, tg, *ticket, rec).await,
        Delivery::RefreshCard { ticket } => {
            let Some(post) = desk.store.find_ticket_post(ws, *ticket).await? else {
                return Ok(Outcome::Done);
            };
            let Some(message_id) = post.channel_message_id else {
                return Ok(Outcome::Done);
            };
            let (text, keyboard) = render_card(desk, *ticket).await?;
            let shown = card::fingerprint(&text, &keyboard);
            if post.card_fingerprint.as_deref() == Some(shown.as_str()) {
                return Ok(Outcome::Done); // nothing the card shows changed
            }
            call::edit_text(tg, post.channel_chat_id, message_id, &text, Some(&keyboard)).await?;
            rec.card_shown = Some((*ticket, shown));
            Ok(Outcome::Done)
        }
        Delivery::ClientToThread { message } => {
            let message = desk.store.get_message(ws, *message).await?;
            let Some((group, thread)) = thread_of(desk, message.ticket).await? else {
                return Ok(Outcome::NotReady(
                    THREAD_WAIT,
                    "waiting for the card's discussion thread",
                ));
            };
            if message.copies.iter().any(|c| c.chat_id == group) {
                return Ok(Outcome::Done); // copied before a crash
            }
            let source = source_copy(&message, desk.bot_id(), Some(group))?;
            let new_id = call::copy(
                tg,
                group,
                source.chat_id,
                source.message_id,
                None,
                Some(thread),
            )
            .await?;
            record_copy(desk, rec, &message, group, new_id);
            Ok(Outcome::Done)
        }
        Delivery::ClientAlbumToThread {
            ticket,
            media_group_id,
        } => {
            let Some((group, thread)) = thread_of(desk, *ticket).await? else {
                return Ok(Outcome::NotReady(
                    THREAD_WAIT,
                    "waiting for the card's discussion thread",
                ));
            };
            send_album(
                desk,
                tg,
                rec,
                *ticket,
                media_group_id,
                group,
                Some(thread),
                None,
            )
            .await
        }
        Delivery::AgentToClient { message } => agent_to_client(desk, tg, *message, rec).await,
        Delivery::AgentAlbumToClient {
            ticket,
            media_group_id,
        } => {
            let ticket = desk.store.get_ticket(ws, *ticket).await?;
            let client = desk.store.get_client(ws, ticket.client).await?;
            let messages = desk
                .store
                .messages_in_album(ws, ticket.id, media_group_id)
                .await?;
            let signature = match messages.first() {
                Some(first) => signature(desk, &ticket, first).await?,
                None => return Ok(Outcome::Done),
            };
            let captioned = messages
                .iter()
                .find(|m| m.media.first().is_some_and(|x| x.caption.is_some()));
            let translated = match captioned {
                Some(captioned) => {
                    match super::translate::album_caption(desk, tg, captioned, rec).await? {
                        AlbumCaption::Deciding => return Ok(Outcome::Done),
                        AlbumCaption::Translated(text) => Some(text),
                        AlbumCaption::AsWritten => None,
                    }
                }
                None => None,
            };
            let written = captioned.and_then(|m| m.media.first()?.caption.as_deref());
            let caption = translated.as_deref().or(written);
            // Too long with the signature: the caption alone (a translation only: the written
            // one is the album's own already).
            let caption = join_signature(caption, &signature, CAPTION_LIMIT)
                .or_else(|| translated.filter(|t| t.chars().count() <= CAPTION_LIMIT));
            send_album(
                desk,
                tg,
                rec,
                ticket.id,
                media_group_id,
                client.telegram_user_id,
                None,
                caption,
            )
            .await
        }
        Delivery::SyncEdit { message } => sync_edit(desk, tg, *message).await,
        Delivery::MirrorToThread { message } => {
            let message = desk.store.get_message(ws, *message).await?;
            let Some((group, thread)) = thread_of(desk, message.ticket).await? else {
                return Ok(Outcome::NotReady(
                    THREAD_WAIT,
                    "waiting for the card's discussion thread",
                ));
            };
            super::mirror::mirror_to_thread(desk, tg, &message, group, thread, rec).await
        }
        Delivery::ClientNotice { message, keyboard } => {
            let message = desk.store.get_message(ws, *message).await?;
            if !message.copies.is_empty() {
                return Ok(Outcome::Done);
            }
            let ticket = desk.store.get_ticket(ws, message.ticket).await?;
            let client = desk.store.get_client(ws, ticket.client).await?;
            let text = message.text.clone().unwrap_or_default();
            let id = call::send_text(tg, client.telegram_user_id, &text, keyboard.as_ref(), None)
                .await?;
            record_copy(desk, rec, &message, client.telegram_user_id, id);
            Ok(Outcome::Done)
        }
        Delivery::Say {
            chat_id,
            text,
            keyboard,
        } => {
            for (i, part) in split_text(text, TEXT_LIMIT).iter().enumerate() {
                if !rec.pending(i) {
                    continue;
                }
                let keyboard = if i == 0 { keyboard.as_ref() } else { None };
                call::send_text(tg, *chat_id, part, keyboard, None).await?;
                rec.made(i);
            }
            Ok(Outcome::Done)
        }
        Delivery::PublicReply {
            ticket,
            text,
            button,
        } => {
            let Some(post) = desk.store.public_post(ws, *ticket).await? else {
                return Ok(Outcome::Done);
            };
            let keyboard =
                call::bot_username(tg)
                    .await?
                    .map(|bot| crate::jobs::Keyboard::OpenLink {
                        text: button.clone(),
                        url: format!(
                            "https://t.me/{bot}?start={}",
                            ticketgram_domain::public_chats::JOIN_PAYLOAD
                        ),
                    });
            // The input keeps public answers short; a longer one is cut, never split into
            // a chain of replies in someone else's chat.
            let text = split_text(text, TEXT_LIMIT)
                .into_iter()
                .next()
                .unwrap_or_default();
            call::send_text(
                tg,
                post.chat_id,
                &text,
                keyboard.as_ref(),
                Some(post.message_id),
            )
            .await?;
            Ok(Outcome::Done)
        }
        Delivery::SaySealed {
            chat_id,
            sealed_text,
        } => {
            let text = crate::jobs::open_sealed_text(desk.token_key.as_ref(), sealed_text)
                .map_err(DeliveryError::Impossible)?;
            call::send_text(tg, *chat_id, &text, None, None).await?;
            Ok(Outcome::Done)
        }
        Delivery::ThreadNotice {
            ticket,
            text,
            keyboard,
        } => {
            let Some((group, thread)) = thread_of(desk, *ticket).await? else {
                return Ok(Outcome::NotReady(
                    THREAD_WAIT,
                    "waiting for the card's discussion thread",
                ));
            };
            call::send_text(tg, group, text, keyboard.as_ref(), Some(thread)).await?;
            Ok(Outcome::Done)
        }
        Delivery::SendDocument {
            chat_id,
            file_name,
            bytes_b64,
            caption,
        } => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(bytes_b64)
                .map_err(|e| DeliveryError::Impossible(format!("unreadable document: {e}")))?;
            call::send_document(tg, *chat_id, file_name, bytes, caption.as_deref()).await?;
            Ok(Outcome::Done)
        }
        Delivery::ClientBurst { ticket, first } => {
            use crate::notices::bursts::{burst_notice, BurstNotice};
            match burst_notice(desk, *ticket, *first, chrono::Utc::now()).await? {
                BurstNotice::StillWriting(wait) => {
                    Ok(Outcome::Wait(wait, "the client is still writing"))
                }
                BurstNotice::Nobody => Ok(Outcome::Done),
                BurstNotice::Tell { chat_id, text } => {
                    call::send_text(tg, chat_id, &text, None, None).await?;
                    Ok(Outcome::Done)
                }
            }
        }
        Delivery::FloodSummary {
            ticket,
            client,
            since,
            held_before,
        } => {
            use crate::notices::flood::{flood_summary, FloodSummary};
            let held = (*since, *held_before);
            match flood_summary(desk, *client, held, chrono::Utc::now()).await? {
                FloodSummary::StillWriting(wait) => {
                    Ok(Outcome::Wait(wait, "the client is still flooding"))
                }
                FloodSummary::Nothing => Ok(Outcome::Done),
                FloodSummary::Tell(text) => {
                    let Some((group, thread)) = thread_of(desk, *ticket).await? else {
                        return Ok(Outcome::NotReady(
                            THREAD_WAIT,
                            "waiting for the card's discussion thread",
                        ));
                    };
                    call::send_text(tg, group, &text, None, Some(thread)).await?;
                    Ok(Outcome::Done)
                }
            }
        }
        Delivery::DeleteMessage {
            chat_id,
            message_id,
        } => {
            call::delete_message(tg, *chat_id, *message_id).await?;
            Ok(Outcome::Done)
        }
        Delivery::FollowUp { ticket } => {
            let Some((chat, text, keyboard)) =
                crate::actions::follow_up::question(desk, *ticket).await?
            else {
                return Ok(Outcome::Done);
            };
            call::send_text(tg, chat, &text, Some(&keyboard), None).await?;
            Ok(Outcome::Done)
        }
        Delivery::TranslateForThread { message } => {
            super::translate::for_thread(desk, tg, *message, rec).await
        }
        Delivery::TranslateEditForThread { message } => {
            super::translate::edit_for_thread(desk, tg, *message, rec).await
        }
        Delivery::TranslateAnswer { message } => {
            super::translate::answer(desk, tg, *message, rec).await
        }
        Delivery::EditThreadMessage {
            ticket,
            message_id,
            text,
        } => {
            let Some((group, _)) = thread_of(desk, *ticket).await? else {
                return Ok(Outcome::Done);
            };
            call::edit_text(tg, group, *message_id, text, None).await?;
            Ok(Outcome::Done)
        }
        Delivery::AnswerCallback {
            callback_id,
            text,
            alert,
        } => {
            call::answer_callback(tg, callback_id, text.as_deref(), *alert).await?;
            Ok(Outcome::Done)
        }
    }
}

async fn post_card(
    desk: &Desk,
    tg: &TelegramClient,
    ticket: TicketId,
    rec: &mut Recorded,
) -> Result<Outcome, DeliveryError> {
    let Some((channel, sent)) = claim_card(desk, ticket).await? else {
        return Err(DeliveryError::Impossible(
            "no agents' channel is configured".into(),
        ));
    };
    if sent {
        return Ok(Outcome::Done);
    }
    let (text, keyboard) = render_card(desk, ticket).await?;
    let id = call::send_text(tg, channel, &text, Some(&keyboard), None).await?;
    rec.card = Some((ticket, id));
    rec.card_shown = Some((ticket, card::fingerprint(&text, &keyboard)));
    Ok(Outcome::Done)
}

/// Claims the channel a ticket's card goes to, once: the dispatcher claims it before pacing
/// the card (so the card waits for the budget of the channel it will be posted in) and the
/// send finds the claim. A claim stands while its channel is still one of the desk's; a card
/// sent again after a crash goes where its claim said. The claim is committed before the
/// card is sent: a forward that arrives before the card's id is recorded then knows a card
/// is in flight and waits for it. Returns the channel and whether the card is already out;
/// `None` when the desk has no channel.
pub(super) async fn claim_card(
    desk: &Desk,
    ticket: TicketId,
) -> Result<Option<(i64, bool)>, DeliveryError> {
    let ws = desk.ws();
    let shards = desk.config.shards();
    let ours = |channel: i64| shards.iter().any(|s| s.channel_id == channel);
    let tx = desk.store.begin_tx().await?;
    // Read through the transaction, not the round's snapshot: another round may have
    // claimed since.
    let live = desk.bound_to(&tx);
    let existing = live.store.find_ticket_post(ws, ticket).await?;
    let channel = match existing {
        Some(post) if post.channel_message_id.is_some() => {
            tx.commit().await?;
            return Ok(Some((post.channel_chat_id, true)));
        }
        Some(post) if ours(post.channel_chat_id) => post.channel_chat_id,
        existing => {
            let Some(chosen) = card_channel(&live, ticket).await? else {
                tx.rollback().await;
                return Ok(None);
            };
            match existing {
                Some(_) => tx.move_unsent_ticket_post(ws, ticket, chosen).await?,
                None => {
                    tx.claim_ticket_post(ws, ticket, chosen, chrono::Utc::now())
                        .await?;
                }
            }
            chosen
        }
    };
    tx.commit().await?;
    Ok(Some((channel, false)))
}

/// The channel a new ticket's card goes to: one of the desk's shards, by the ticket's queue
/// and how many active tickets each already holds (`ticketgram_domain::shard`).
async fn card_channel(desk: &Desk, ticket: TicketId) -> Result<Option<i64>, DeliveryError> {
    let shards = desk.config.shards();
    if shards.len() < 2 {
        // One channel: nothing to choose, nothing to count.
        return Ok(shards.first().map(|s| s.channel_id));
    }
    let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
    let queue = ticket.queue;
    let load: std::collections::HashMap<i64, i64> = desk
        .store
        .active_cards_per_channel(desk.ws())
        .await?
        .into_iter()
        .collect();
    Ok(ticketgram_domain::shard::card_channel(
        &shards,
        queue.as_deref(),
        |channel| load.get(&channel).copied().unwrap_or(0),
        ticket.number.0,
    ))
}

pub(crate) async fn render_card(
    desk: &Desk,
    ticket: TicketId,
) -> Result<(String, crate::jobs::Keyboard), DeliveryError> {
    let ws = desk.ws();
    let ticket = desk.store.get_ticket(ws, ticket).await?;
    let client = desk.store.get_client(ws, ticket.client).await?;
    let topic = match ticket.topic {
        Some(id) => Some(desk.store.get_topic(ws, id).await?),
        None => None,
    };
    let assignee = match ticket.assignee {
        Some(id) => Some(desk.store.get_agent(ws, id).await?),
        None => None,
    };
    let due = desk.first_reply_due(&ticket);
    let fields: Vec<(String, String)> = desk
        .store
        .ticket_fields(ws, ticket.id)
        .await?
        .into_iter()
        .map(|field| (field.name, field.display))
        .collect();
    let intent = match desk.store.ticket_intent(ws, ticket.id).await? {
        Some(intent) => intent_name(desk, &intent.label)
            .await?
            .map(|name| (name, intent.confidence_pct)),
        None => None,
    };
    let lang = desk.config.agent_language;
    let complaint = desk.store.complaint(ws, ticket.id).await?.map(|r| {
        use crate::actions::complaint::{category_label, severity_label};
        (
            category_label(desk, lang, &r.complaint.category),
            severity_label(desk, lang, r.complaint.severity()),
        )
    });
    // Only a desk that ever watched a public chat has public tickets to show.
    let public = match desk.profile.public {
        Some(_) => desk
            .store
            .public_post(ws, ticket.id)
            .await?
            .map(|p| (p.chat_title.clone(), p.link.clone(), p.is_waiting())),
        None => None,
    };
    let facts = CardFacts {
        ticket: &ticket,
        client: &client,
        topic: topic.as_ref(),
        assignee: assignee.as_ref(),
        first_reply_due: due,
        time_zone: desk.config.hours.time_zone,
        fields: &fields,
        intent,
        complaint,
        public,
    };
    Ok(card::render(&desk.t, desk.config.agent_language, &facts))
}

/// What the model's label names, as the card says it: "Payments", "#refund" or
/// "Payments · #refund"; `None` when it names nothing the desk still has.
async fn intent_name(desk: &Desk, label: &str) -> Result<Option<String>, DeliveryError> {
    let Some(label) = crate::intents::Label::parse(label) else {
        return Ok(None);
    };
    let topic = match label.topic {
        Some(id) => match desk.store.get_topic(desk.ws(), id).await {
            Ok(topic) => Some(
                topic
                    .name
                    .in_language(desk.config.agent_language)
                    .to_string(),
            ),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let tag = label.tag.map(|tag| format!("#{}", tag.as_str()));
    let named: Vec<String> = topic.into_iter().chain(tag).collect();
    Ok((!named.is_empty()).then(|| named.join(" · ")))
}

/// The discussion group and the thread id of a ticket, once the card's forward was seen.
pub(super) async fn thread_of(
    desk: &Desk,
    ticket: TicketId,
) -> Result<Option<(i64, i64)>, DeliveryError> {
    let post = desk.store.find_ticket_post(desk.ws(), ticket).await?;
    Ok(post.and_then(|p| Some((p.group_chat_id?, p.thread_message_id?))))
}

/// Where the message was written originally: the client's private chat for client messages,
/// the group for agents' replies.
pub(super) fn source_copy(
    message: &Message,
    bot_id: i64,
    not_in: Option<i64>,
) -> Result<TelegramCopy, DeliveryError> {
    message
        .copies
        .iter()
        .find(|c| c.bot_id == bot_id && Some(c.chat_id) != not_in)
        .cloned()
        .ok_or_else(|| {
            DeliveryError::Impossible(format!("message {} has no Telegram original", message.id.0))
        })
}

pub(super) fn record_copy(
    desk: &Desk,
    rec: &mut Recorded,
    message: &Message,
    chat_id: i64,
    telegram_id: i64,
) {
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id,
        message_id: telegram_id,
    };
    rec.copies.push((message.id, copy));
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn send_album(
    desk: &Desk,
    tg: &TelegramClient,
    rec: &mut Recorded,
    ticket: TicketId,
    media_group_id: &str,
    to_chat: i64,
    reply_to: Option<i64>,
    caption: Option<String>,
) -> Result<Outcome, DeliveryError> {
    let messages = desk
        .store
        .messages_in_album(desk.ws(), ticket, media_group_id)
        .await?;
    let pending: Vec<&Message> = messages
        .iter()
        .filter(|m| !m.copies.iter().any(|c| c.chat_id == to_chat))
        .collect();
    if pending.is_empty() {
        return Ok(Outcome::Done);
    }
    let items: Vec<_> = pending
        .iter()
        .filter_map(|m| m.media.first().cloned())
        .collect();
    let ids = call::send_album(tg, to_chat, &items, caption, reply_to).await?;
    for (message, id) in pending.iter().zip(ids) {
        record_copy(desk, rec, message, to_chat, id);
    }
    Ok(Outcome::Done)
}
