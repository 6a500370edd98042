//! The desk's self-service flow in the client bot (docs/flows.md): messages and button presses
//! become the engine's inputs, its effects become messages, searches, tickets and report rows,
//! all in the input's transaction together with the client's new flow state.
//!
//! A desk runs a flow once it saved one (console or `ticketgram flow import`); until then the
//! built-in menu answers, unchanged.

use super::menu;
use super::opening::{open_request, Opening};
use crate::content::{self, Content};
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use std::sync::Arc;
use teloxide_core::types::{CallbackQuery, Message};
use ticketgram_domain::{Client, ClientState, HeldFile, MessageDirection, TelegramCopy, Ticket};
use ticketgram_flows::{
    advance, BuiltinAction, BuiltinLabel, Effect, FieldValue, Flow, FlowState, HandOff, Input,
    Label, LookupResult, Notice, Rejection, Say,
};
use ticketgram_knowledge::excerpt;
use ticketgram_platform::LookupOutcome;
use ticketgram_store::FlowEventKind;

/// Inputs one client action may chain (a search result fed back, a lookup's answer): far more
/// than any flow needs, and a bound on a definition that would loop.
const MAX_CHAINED: usize = 8;

/// Articles shown for a knowledge step.
const ARTICLES_SHOWN: usize = 3;

/// A client's message, if the flow takes it: true when it did (the caller does nothing more).
pub async fn took_message(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
) -> Result<bool, RelayError> {
    let Some((revision, flow)) = desk
        .flows
        .active(&desk.store, desk.ws(), desk.profile.flow_revision)
        .await?
    else {
        return Ok(false);
    };
    let text = message.text().unwrap_or("").trim();
    let current = desk.store.client_state(desk.ws(), client.id).await?;
    let (in_flow, mut files) = flow_state(&current);
    let input = if is_start(text) {
        Input::Start
    } else if let Some(state) = &in_flow {
        if !state.is_active() {
            return Ok(false);
        }
        match content::extract(message) {
            Ok(Content { media, .. }) if !media.is_empty() => {
                let file = &media[0];
                match file.file_id.clone() {
                    Some(file_id) => {
                        files.push(HeldFile {
                            chat_id: message.chat.id.0,
                            message_id: message.id.0 as i64,
                            media: file.clone(),
                        });
                        Input::Media {
                            kind: file.kind.clone(),
                            file_id,
                        }
                    }
                    None => Input::Text(String::new()),
                }
            }
            Ok(Content { text: Some(t), .. }) => Input::Text(t),
            _ => return Ok(false),
        }
    } else if matches!(current, ClientState::Idle) && !text.is_empty() && !text.starts_with('/') {
        // Outside the flow a keyword ("dispute", "оператор") may start it; the engine answers
        // with nothing for any other text, which then goes where it always went. A client
        // with requests open is writing to them, not to the menu.
        let open = desk
            .store
            .active_tickets_of_client(desk.ws(), client.id)
            .await?;
        if !open.is_empty() {
            return Ok(false);
        }
        Input::Text(text.to_string())
    } else {
        return Ok(false);
    };
    let state = in_flow.unwrap_or_default();
    run(desk, fx, client, (revision, &flow), (state, files), input).await
}

/// A press on a flow button.
pub async fn took_press(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    query: &CallbackQuery,
) -> Result<(), RelayError> {
    let data = query.data.clone().unwrap_or_default();
    let Some((revision, flow)) = desk
        .flows
        .active(&desk.store, desk.ws(), desk.profile.flow_revision)
        .await?
    else {
        // The desk went back to the built-in menu since the button was sent.
        return menu::welcome(desk, fx, client).await;
    };
    let current = desk.store.client_state(desk.ws(), client.id).await?;
    let (state, files) = flow_state(&current);
    let held = (state.unwrap_or_default(), files);
    if !run(
        desk,
        fx,
        client,
        (revision, &flow),
        held,
        Input::Button(data),
    )
    .await?
    {
        menu::welcome(desk, fx, client).await?;
    }
    Ok(())
}

fn is_start(text: &str) -> bool {
    crate::commands::Command::parse(text).is_some_and(|c| c.name == "start")
}

/// The engine's state and the files held so far, when the client is in the desk's flow. A
/// state of an older revision is handed to the engine all the same: it recognises steps that
/// are gone and says so.
fn flow_state(current: &ClientState) -> (Option<FlowState>, Vec<HeldFile>) {
    match current {
        ClientState::SelfService { flow, files, .. } => {
            (serde_json::from_str(flow).ok(), files.clone())
        }
        _ => (None, Vec::new()),
    }
}

async fn run(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    (revision, flow): (i64, &Arc<Flow>),
    (mut state, files): (FlowState, Vec<HeldFile>),
    input: Input,
) -> Result<bool, RelayError> {
    let mut inputs = vec![input];
    // Why the platform could not be asked, for the agents if the flow hands over.
    let mut lookup_failure: Option<String> = None;
    let mut first = true;
    let mut chained = 0;
    while let Some(input) = inputs.pop() {
        chained += 1;
        if chained > MAX_CHAINED {
            tracing::warn!(
                workspace = desk.ws().0,
                revision,
                "flow chained too many steps"
            );
            break;
        }
        let outcome = advance(flow, &state, input, client.language);
        if first && outcome.effects.is_empty() {
            return Ok(false);
        }
        first = false;
        state = outcome.state;
        let saved = if state.is_active() {
            ClientState::SelfService {
                revision,
                flow: serde_json::to_string(&state)?,
                files: files.clone(),
            }
        } else {
            ClientState::Idle
        };
        fx.tx
            .set_client_state(desk.ws(), client.id, &saved, fx.now)
            .await?;
        for effect in outcome.effects {
            match effect {
                Effect::Say(say) => show(desk, fx, client, say).await?,
                Effect::Lookup { order } => {
                    let result = looked_up(desk, fx, client, &order, &mut lookup_failure).await?;
                    inputs.push(Input::LookupResult(result));
                }
                Effect::SearchKnowledge { query } => {
                    let found = show_articles(desk, fx, client, &query).await?;
                    inputs.push(Input::KnowledgeResult { articles: found });
                }
                Effect::HandOff(hand_off) => {
                    let failure = lookup_failure.as_deref();
                    handed_off(desk, fx, client, hand_off, &files, failure).await?
                }
                Effect::Builtin(action) => builtin(desk, fx, client, action).await?,
                Effect::Analytics(event) => {
                    let (kind, step) = FlowEventKind::of(&event);
                    fx.tx
                        .record_flow_event(desk.ws(), revision, step, kind, Some(client.id), fx.now)
                        .await?;
                }
            }
        }
    }
    Ok(true)
}

/// What the platform says about `order`. It was asked before this input's transaction opened
/// (`crate::lookups`: the first pass returns `RelayError::Ask`, the input is applied again with
/// the answer). A desk without a lookup answers `Failed` at once, which the flow's `failed`
/// branch expects; a platform that could not answer is `Failed` too, and the client is told
/// so before the flow carries on or hands over, with everything they wrote kept.
async fn looked_up(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    order: &str,
    failure: &mut Option<String>,
) -> Result<LookupResult, RelayError> {
    if desk.store.order_lookup(desk.ws()).await?.is_none() {
        return Ok(LookupResult::Failed);
    }
    let reason = match desk.lookups.order(order)? {
        Ok(LookupOutcome::Found { text, .. }) => return Ok(LookupResult::Found { details: text }),
        Ok(LookupOutcome::NotFound | LookupOutcome::Invalid) => return Ok(LookupResult::NotFound),
        Ok(LookupOutcome::Unavailable(reason)) => reason.to_string(),
        Err(unusable) => unusable,
    };
    let text = desk.text(
        client.language,
        "flow-lookup-unavailable",
        &[("order", order.to_string().into())],
    );
    fx.say_to(client, text, None).await?;
    *failure = Some(reason);
    Ok(LookupResult::Failed)
}

async fn show(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    say: Say,
) -> Result<(), RelayError> {
    let lang = client.language;
    let mut parts = Vec::new();
    if let Some(notice) = &say.notice {
        parts.push(notice_text(desk, client, notice));
    }
    if let Some(text) = &say.text {
        parts.push(text.replace("{name}", &client.first_name));
    }
    let rows: Vec<Vec<Button>> = say
        .buttons
        .iter()
        .map(|row| {
            row.iter()
                .map(|button| Button {
                    text: match &button.label {
                        Label::Text(text) => text.clone(),
                        Label::Builtin(builtin) => desk.text(lang, button_key(*builtin), &[]),
                    },
                    data: button.id.clone(),
                })
                .collect()
        })
        .collect();
    let keyboard = (!rows.is_empty()).then_some(Keyboard::Inline(rows));
    fx.say_to(client, parts.join("\n\n"), keyboard).await
}

fn button_key(label: BuiltinLabel) -> &'static str {
    match label {
        BuiltinLabel::Human => "flow-button-human",
        BuiltinLabel::Back => "flow-button-back",
        BuiltinLabel::Done => "flow-button-done",
        BuiltinLabel::Yes => "flow-button-yes",
        BuiltinLabel::No => "flow-button-no",
    }
}

fn notice_text(desk: &Desk, client: &Client, notice: &Notice) -> String {
    let lang = client.language;
    match notice {
        Notice::Rejected(rejection) => {
            let (min, max) = match rejection {
                Rejection::OutOfRange { min, max } => (*min, *max),
                Rejection::TooLong { max } | Rejection::TooManyFiles { max } => {
                    (None, Some(f64::from(*max)))
                }
                Rejection::NotEnoughFiles { min } => (Some(f64::from(*min)), None),
                _ => (None, None),
            };
            let shown = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            desk.text(
                lang,
                "flow-rejected",
                &[
                    ("code", rejection.code().into()),
                    ("min", shown(min).into()),
                    ("max", shown(max).into()),
                ],
            )
        }
        Notice::MediaReceived { count, max } => desk.text(
            lang,
            "flow-media-received",
            &[
                ("count", i64::from(*count).into()),
                ("max", i64::from(*max).into()),
            ],
        ),
        Notice::OutdatedButton => desk.text(lang, "flow-outdated-button", &[]),
        Notice::FlowChanged => desk.text(lang, "flow-changed", &[]),
    }
}

/// The knowledge step: the articles found for the client's words; how many were shown.
async fn show_articles(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    query: &str,
) -> Result<usize, RelayError> {
    let articles =
        crate::help_centre::suggestions(desk, query, client.language, ARTICLES_SHOWN).await?;
    let lines: Vec<String> = articles
        .iter()
        .map(|article| format!("• {}\n{}", article.title, excerpt(&article.body, 400)))
        .collect();
    if !lines.is_empty() {
        fx.say_to(client, lines.join("\n\n"), None).await?;
    }
    Ok(lines.len())
}

async fn builtin(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    action: BuiltinAction,
) -> Result<(), RelayError> {
    match action {
        BuiltinAction::NewRequest => menu::choose_topic(desk, fx, client).await,
        BuiltinAction::MyRequests => menu::my_requests(desk, fx, client).await,
        BuiltinAction::Help => menu::help(desk, fx, client).await,
        BuiltinAction::ChooseLanguage => menu::choose_language(desk, fx, client).await,
    }
}

/// A form finished, a "talk to a person", or a flow that could not help: the ticket opens
/// with everything collected as typed fields, the agents see them in the thread, the client
/// gets the flow's acknowledgement.
async fn handed_off(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    hand_off: HandOff,
    files: &[HeldFile],
    lookup_failure: Option<&str>,
) -> Result<(), RelayError> {
    let topics = desk.store.list_topics(desk.ws(), false).await?;
    let topic = hand_off.topic.as_deref().and_then(|name| {
        topics.iter().find(|t| {
            ticketgram_domain::Language::ALL
                .iter()
                .any(|l| t.name.in_language(*l).eq_ignore_ascii_case(name))
        })
    });
    let subject = match hand_off.fields.first() {
        Some((name, value)) => format!("{name}: {}", value.display()),
        None => hand_off
            .topic
            .clone()
            .unwrap_or_else(|| hand_off.step.clone()),
    };
    let opening = Opening {
        topic,
        subject,
        priority: hand_off.priority,
    };
    let ticket = open_request(desk, fx, client, opening).await?;
    fx.tx
        .set_ticket_fields(desk.ws(), ticket.id, &hand_off.fields)
        .await?;
    let mut notice = fields_notice(desk, &hand_off);
    if let Some(reason) = lookup_failure {
        notice.push_str("\n\n");
        notice.push_str(&desk.agent_text("flow-lookup-failed", &[("reason", reason.into())]));
    }
    fx.tell_agents(ticket.id, notice).await?;
    relay_evidence(desk, fx, ticket.id, &hand_off, files).await?;
    crate::notices::notify::ticket_opened(desk, fx, &ticket, client).await?;
    super::dispute::accepted(desk, fx, &ticket, &hand_off).await?;
    let ack = acknowledgement(desk, &ticket, &hand_off.acknowledgement);
    fx.notify_client(ticket.id, ack, Some(menu::main_menu(desk, client.language)))
        .await
}

/// The files among the answers, stored on the ticket as the client's messages they are and
/// copied into the thread like any other client message (the agents see the screenshots, the
/// console and the export keep them).
async fn relay_evidence(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: ticketgram_domain::TicketId,
    hand_off: &HandOff,
    files: &[HeldFile],
) -> Result<(), RelayError> {
    for (_, value) in &hand_off.fields {
        let FieldValue::Media { files: answered } = value else {
            continue;
        };
        for answer in answered {
            let Some(held) = files
                .iter()
                .find(|h| h.media.file_id.as_deref() == Some(answer.file_id.as_str()))
            else {
                continue;
            };
            let copy = TelegramCopy {
                bot_id: desk.bot_id(),
                chat_id: held.chat_id,
                message_id: held.message_id,
            };
            let mut media = held.media.clone();
            // Relayed one by one: the album the client may have sent is not re-formed here.
            media.media_group_id = None;
            let content = (None, vec![media]);
            let recorded = desk
                .record_message(fx, ticket, MessageDirection::Client, None, content, copy)
                .await?;
            if desk.config.chats.group_id.is_some() {
                fx.send(
                    crate::jobs::Delivery::ClientToThread {
                        message: recorded.message.id,
                    },
                    Some(ticket),
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// What the agents read first in the thread: why the flow handed over and every answer.
fn fields_notice(desk: &Desk, hand_off: &HandOff) -> String {
    let mut text = desk.agent_text(
        "flow-handed-off",
        &[("reason", hand_off.reason.code().into())],
    );
    for (name, value) in &hand_off.fields {
        let shown = match value {
            FieldValue::Media { files } => desk.agent_text(
                "flow-field-files",
                &[("count", (files.len() as i64).into())],
            ),
            other => other.display().into_owned(),
        };
        text.push_str(&format!("\n• {name}: {shown}"));
    }
    text
}

/// `{ticket}` is the request's number, `{hours}` the answer time its priority promises.
fn acknowledgement(desk: &Desk, ticket: &Ticket, text: &str) -> String {
    let hours = promised_hours(desk, ticket);
    text.replace("{ticket}", &ticket.number.to_string())
        .replace("{hours}", &hours.to_string())
}

/// The first answer the ticket's priority promises, in working hours rounded up: what the
/// acknowledgement says, and what the platform is told with `dispute.accepted`.
pub(super) fn promised_hours(desk: &Desk, ticket: &Ticket) -> i64 {
    // A desk without a first-response target promises what such desks usually do: a day.
    let minutes = desk
        .sla_targets_for(ticket)
        .first_response(ticket.priority)
        .map_or(24 * 60, |target| target.num_minutes());
    ((minutes + 59) / 60).max(1)
}
