//! Menus and screens of the client bot: the welcome, the topic list, "My requests".

use crate::callback::CallbackAction;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use ticketgram_domain::{Client, ClientState, Language, Ticket};

/// The persistent reply keyboard under the input field.
pub fn main_menu(desk: &Desk, lang: Language) -> Keyboard {
    Keyboard::Reply(vec![
        vec![
            desk.text(lang, "menu-new-request", &[]),
            desk.text(lang, "menu-my-requests", &[]),
        ],
        vec![
            desk.text(lang, "menu-help", &[]),
            desk.text(lang, "menu-language", &[]),
        ],
    ])
}

/// Which menu entry a typed text is, in any language (a client may switch languages while an
/// old keyboard is still on screen).
pub fn menu_action(desk: &Desk, text: &str) -> Option<CallbackAction> {
    let text = text.trim();
    Language::ALL.into_iter().find_map(|lang| {
        [
            ("menu-new-request", CallbackAction::NewRequest),
            ("menu-my-requests", CallbackAction::MyRequests),
            ("menu-help", CallbackAction::Help),
            ("menu-language", CallbackAction::ChooseLanguage),
        ]
        .into_iter()
        .find(|(key, _)| desk.text(lang, key, &[]) == text)
        .map(|(_, action)| action)
    })
}

pub async fn welcome(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let lang = client.language;
    let text = match crate::desk::custom_text(&desk.profile.welcome, lang) {
        Some(custom) => custom.replace("{ $name }", &client.first_name),
        None => desk.text(
            lang,
            "welcome",
            &[("name", client.first_name.clone().into())],
        ),
    };
    fx.say_to(client, text, Some(main_menu(desk, lang))).await
}

pub async fn help(desk: &Desk, fx: &mut Effects<'_>, client: &Client) -> Result<(), RelayError> {
    let text = desk.text(client.language, "help-text", &[]);
    fx.say_to(client, text, Some(main_menu(desk, client.language)))
        .await
}

pub async fn choose_language(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    let names = [
        (Language::En, "English"),
        (Language::Ru, "Русский"),
        (Language::Zh, "中文"),
        (Language::De, "Deutsch"),
    ];
    let row = names
        .into_iter()
        .map(|(lang, name)| Button {
            text: name.to_string(),
            data: CallbackAction::SetLanguage(lang).encode(),
        })
        .collect();
    let text = desk.text(client.language, "choose-language", &[]);
    fx.say_to(client, text, Some(Keyboard::Inline(vec![row])))
        .await
}

/// "New request": the topic list, or straight to the question when the desk has no topics.
pub async fn choose_topic(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    let lang = client.language;
    let topics = desk.store.list_topics(desk.ws(), false).await?;
    if topics.is_empty() {
        fx.tx
            .set_client_state(
                desk.ws(),
                client.id,
                &ClientState::WritingQuestion { topic: None },
                fx.now,
            )
            .await?;
        let topic = desk.text(lang, "card-no-topic", &[]);
        let text = desk.text(lang, "write-question", &[("topic", topic.into())]);
        return fx.say_to(client, text, None).await;
    }
    fx.tx
        .set_client_state(desk.ws(), client.id, &ClientState::ChoosingTopic, fx.now)
        .await?;
    let rows = topics
        .iter()
        .map(|topic| {
            vec![Button {
                text: topic.name.in_language(lang).to_string(),
                data: CallbackAction::ChooseTopic(Some(topic.id)).encode(),
            }]
        })
        .collect();
    let text = desk.text(lang, "choose-topic", &[]);
    fx.say_to(client, text, Some(Keyboard::Inline(rows))).await
}

/// "My requests": open and recent tickets with what can be done to each.
pub async fn my_requests(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
) -> Result<(), RelayError> {
    let lang = client.language;
    let tickets = desk
        .store
        .recent_tickets_of_client(desk.ws(), client.id, 10)
        .await?;
    if tickets.is_empty() {
        let text = desk.text(lang, "no-tickets", &[]);
        return fx.say_to(client, text, Some(main_menu(desk, lang))).await;
    }
    let current = desk.store.current_ticket(desk.ws(), client.id).await?;
    let mut lines = vec![desk.text(lang, "my-requests-title", &[])];
    let mut rows = vec![];
    for ticket in &tickets {
        let key = if Some(ticket.id) == current {
            "ticket-line-current"
        } else {
            "ticket-line"
        };
        lines.push(desk.text(lang, key, &ticket_args(desk, lang, ticket).await?));
        rows.push(ticket_buttons(desk, lang, ticket));
    }
    fx.say_to(client, lines.join("\n"), Some(Keyboard::Inline(rows)))
        .await
}

async fn ticket_args(
    desk: &Desk,
    lang: Language,
    ticket: &Ticket,
) -> Result<Vec<(&'static str, ticketgram_i18n::Arg)>, RelayError> {
    let topic = match ticket.topic {
        Some(id) => desk
            .store
            .get_topic(desk.ws(), id)
            .await?
            .name
            .in_language(lang)
            .to_string(),
        None => desk.text(lang, "card-no-topic", &[]),
    };
    Ok(vec![
        ("number", ticket.number.to_string().into()),
        ("topic", topic.into()),
        (
            "status",
            desk.t
                .status(lang, ticket.status, ticketgram_i18n::Audience::Client)
                .into(),
        ),
    ])
}

fn ticket_buttons(desk: &Desk, lang: Language, ticket: &Ticket) -> Vec<Button> {
    let number = ticket.number.to_string();
    let button = |key: &str, action: CallbackAction| Button {
        text: desk.text(lang, key, &[("number", number.clone().into())]),
        data: action.encode(),
    };
    if ticket.status.is_active() {
        vec![
            button("button-switch", CallbackAction::SwitchTo(ticket.id)),
            button("button-close", CallbackAction::CloseByClient(ticket.id)),
        ]
    } else {
        vec![button(
            "button-reopen",
            CallbackAction::ReopenByClient(ticket.id),
        )]
    }
}
