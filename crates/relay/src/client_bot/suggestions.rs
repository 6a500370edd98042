//! Before a question becomes a request, the knowledge base gets a chance to answer it: up to
//! three articles that cover the question, and "Did this answer your question?". "Yes" is a
//! request no human had to handle (a deflection, counted per article); "no", or writing on,
//! opens the request with the very message that was held, and the agents see what was tried.
//!
//! Only text questions are matched: a photo or a voice message has no words to search, and
//! holding a file back from the agents to suggest articles about nothing would only delay.

use super::menu;
use crate::callback::CallbackAction;
use crate::content::Content;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use teloxide_core::types::Message;
use ticketgram_domain::{
    Article, ArticleId, Client, ClientState, PendingMessage, SuggestionOutcome, TelegramCopy,
    TicketId, TopicId,
};
use ticketgram_knowledge::{excerpt, plain_text};

/// At most this many articles: more is a reading list, not an answer.
const MAX_SUGGESTIONS: usize = 3;

/// Telegram allows 4,096 characters per message; the title, the link and the buttons' question
/// need the rest.
const ARTICLE_CHARS: usize = 3_500;

/// Suggests articles for the question in `message` and holds it; false when there is nothing
/// worth suggesting (the caller opens the request as usual).
pub async fn offered(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    message: &Message,
    content: &Content,
    topic: Option<TopicId>,
) -> Result<bool, RelayError> {
    let Some(question) = content.text.as_deref().filter(|_| content.media.is_empty()) else {
        return Ok(false);
    };
    let articles =
        crate::help_centre::suggestions(desk, question, client.language, MAX_SUGGESTIONS).await?;
    if articles.is_empty() {
        return Ok(false);
    }
    let pending = PendingMessage {
        chat_id: message.chat.id.0,
        message_id: message.id.0 as i64,
        text: content.text.clone(),
        media: Vec::new(),
    };
    let state = ClientState::ReadingArticles {
        topic,
        pending,
        articles: articles.iter().map(|a| a.id).collect(),
        read: None,
    };
    fx.tx
        .set_client_state(desk.ws(), client.id, &state, fx.now)
        .await?;
    let lang = client.language;
    let mut text = desk.text(lang, "kb-suggest-intro", &[]);
    for (n, article) in articles.iter().enumerate() {
        text.push_str(&format!(
            "\n\n{}. {}\n{}",
            n + 1,
            article.title,
            excerpt(&article.body, 160)
        ));
    }
    text.push_str("\n\n");
    text.push_str(&desk.text(lang, "kb-did-it-help", &[]));
    let keyboard = keyboard(desk, client, &articles);
    fx.say_to(client, text, Some(keyboard)).await?;
    Ok(true)
}

fn keyboard(desk: &Desk, client: &Client, articles: &[Article]) -> Keyboard {
    let lang = client.language;
    let mut rows: Vec<Vec<Button>> = articles
        .iter()
        .map(|article| {
            vec![Button {
                text: desk.text(lang, "kb-read", &[("title", article.title.clone().into())]),
                data: CallbackAction::ReadArticle(article.id).encode(),
            }]
        })
        .collect();
    rows.push(vec![
        Button {
            text: desk.text(lang, "kb-helped", &[]),
            data: CallbackAction::ArticlesHelped.encode(),
        },
        Button {
            text: desk.text(lang, "kb-not-helped", &[]),
            data: CallbackAction::ArticlesDidNotHelp.encode(),
        },
    ]);
    Keyboard::Inline(rows)
}

/// What the client is reading, if they are: the held question's state.
async fn reading(
    desk: &Desk,
    client: &Client,
) -> Result<
    Option<(
        Option<TopicId>,
        PendingMessage,
        Vec<ArticleId>,
        Option<ArticleId>,
    )>,
    RelayError,
> {
    Ok(match desk.store.client_state(desk.ws(), client.id).await? {
        ClientState::ReadingArticles {
            topic,
            pending,
            articles,
            read,
        } => Some((topic, pending, articles, read)),
        _ => None,
    })
}

/// "📄 Refunds": the article in the chat, with the same question under it.
pub async fn read(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    article: ArticleId,
) -> Result<(), RelayError> {
    let Some((topic, pending, articles, _)) = reading(desk, client).await? else {
        return stale(desk, fx, client).await;
    };
    // Button data can be forged: only the articles suggested to this client are shown.
    if !articles.contains(&article) {
        return stale(desk, fx, client).await;
    }
    let Some(shown) = crate::help_centre::published(desk, vec![article])
        .await?
        .pop()
    else {
        let text = desk.text(client.language, "kb-article-gone", &[]);
        return fx.say_to(client, text, None).await;
    };
    let state = ClientState::ReadingArticles {
        topic,
        pending,
        articles: articles.clone(),
        read: Some(article),
    };
    fx.tx
        .set_client_state(desk.ws(), client.id, &state, fx.now)
        .await?;
    let mut text = format!("{}\n\n{}", shown.title, plain_text(&shown.body));
    if text.chars().count() > ARTICLE_CHARS {
        text = text.chars().take(ARTICLE_CHARS).collect::<String>() + "…";
    }
    if let Some(link) = crate::help_centre::public_link(desk, &shown).await? {
        text.push_str(&format!("\n\n{link}"));
    }
    text.push_str("\n\n");
    text.push_str(&desk.text(client.language, "kb-did-it-help", &[]));
    let mut suggested = Vec::new();
    for id in articles {
        if let Ok(article) = desk.store.kb_article(desk.ws(), id).await {
            suggested.push(article);
        }
    }
    let keyboard = keyboard(desk, client, &suggested);
    fx.say_to(client, text, Some(keyboard)).await
}

/// "Yes, this answered my question": counted for the article read (the first suggested when
/// none was opened), and the held question is let go.
pub async fn helped(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let Some((_, _, articles, read)) = reading(desk, client).await? else {
        return stale(desk, fx, client).await;
    };
    if let Some(article) = read.or(articles.first().copied()) {
        fx.tx
            .record_suggestion_outcome(
                desk.ws(),
                article,
                client.id,
                None,
                SuggestionOutcome::Helped,
                fx.now,
            )
            .await?;
    }
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::Idle, fx.now)
        .await?;
    let text = desk.text(client.language, "kb-glad-it-helped", &[]);
    fx.say_to(client, text, Some(menu::main_menu(desk, client.language)))
        .await
}

/// "No, I need a person" (or the client wrote on): the held question opens the request, every
/// suggested article is counted as not having helped, and the agents are told what the
/// client already read. The new ticket, or `None` when nothing was held (a second press).
pub async fn did_not_help(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<Option<TicketId>, RelayError> {
    let Some((topic, pending, articles, _)) = reading(desk, client).await? else {
        return Ok(None);
    };
    let copy = TelegramCopy {
        bot_id: desk.bot_id(),
        chat_id: pending.chat_id,
        message_id: pending.message_id,
    };
    let content = Content {
        text: pending.text,
        media: pending.media,
    };
    let ticket = super::messages::open_ticket_from(desk, fx, client, copy, &content, topic).await?;
    let mut titles = Vec::new();
    for article in articles {
        fx.tx
            .record_suggestion_outcome(
                desk.ws(),
                article,
                client.id,
                Some(ticket),
                SuggestionOutcome::NotHelped,
                fx.now,
            )
            .await?;
        if let Ok(found) = desk.store.kb_article(desk.ws(), article).await {
            titles.push(found.title);
        }
    }
    if !titles.is_empty() {
        let notice = desk.agent_text(
            "kb-suggested-before",
            &[("articles", titles.join("; ").into())],
        );
        fx.tell_agents(ticket, notice).await?;
    }
    Ok(Some(ticket))
}

/// The "no" button: as [`did_not_help`], and a second press is told it was already answered.
pub async fn not_helped_pressed(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    match did_not_help(desk, fx, client).await? {
        Some(_) => Ok(()),
        None => stale(desk, fx, client).await,
    }
}

/// A press on suggestions the client already answered.
async fn stale(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let text = desk.text(client.language, "kb-already-answered", &[]);
    fx.say_to(client, text, Some(menu::main_menu(desk, client.language)))
        .await
}
