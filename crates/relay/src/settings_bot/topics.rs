//! `/topics`: what clients choose from when they open a request. Names per language, order,
//! default priority; a removed topic is deactivated (its tickets keep it).

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::commands::SETTINGS_BUTTON;
use crate::desk::{Desk, Effects};
use crate::jobs::{Button, Keyboard};
use crate::RelayError;
use ticketgram_domain::{Agent, Language, Priority, TopicId, TopicName};
use ticketgram_store::NewTopic;

pub async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    let topics = desk.store.list_topics(desk.ws(), false).await?;
    let mut lines = vec![reply.text(desk, "settings-topics-title", &[])];
    let mut rows = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        let name = topic.name.in_language(reply.lang).to_string();
        let args = [
            ("position", ((i + 1) as i64).into()),
            ("name", name.clone().into()),
            ("priority", topic.default_priority.as_str().into()),
        ];
        lines.push(reply.text(desk, "settings-topics-line", &args));
        let id = topic.id.0;
        let b = |key: &str, action: &str| Button {
            text: reply.text(desk, key, &[("name", name.clone().into())]),
            data: format!("{SETTINGS_BUTTON}tp:{action}:{id}"),
        };
        rows.push(vec![
            b("settings-topics-up-button", "up"),
            b("settings-topics-priority-button", "prio"),
            b("settings-topics-remove-button", "off"),
        ]);
    }
    rows.push(vec![Button {
        text: reply.text(desk, "settings-topics-add-button", &[]),
        data: format!("{SETTINGS_BUTTON}tp:add"),
    }]);
    reply
        .send(fx, lines.join("\n"), Some(Keyboard::Inline(rows)))
        .await
}

pub async fn button(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    data: &str,
) -> Result<(), RelayError> {
    let (action, id) = data.split_once(':').unwrap_or((data, ""));
    if action == "add" {
        return super::ask(
            desk,
            fx,
            reply,
            admin,
            Dialog::NewTopic,
            "settings-topics-ask",
            &[],
        )
        .await;
    }
    let Ok(id) = id.parse::<i64>() else {
        return Ok(());
    };
    let mut topics = desk.store.list_topics(desk.ws(), false).await?;
    let Some(index) = topics.iter().position(|t| t.id == TopicId(id)) else {
        return show(desk, fx, reply).await;
    };
    match action {
        "up" if index > 0 => {
            topics.swap(index, index - 1);
            for (position, topic) in topics.iter_mut().enumerate() {
                topic.position = position as i64;
                fx.tx.update_topic(topic).await?;
            }
        }
        "prio" => {
            let topic = &mut topics[index];
            let next = Priority::ALL
                .iter()
                .position(|p| *p == topic.default_priority)
                .map_or(Priority::Normal, |i| {
                    Priority::ALL[(i + 1) % Priority::ALL.len()]
                });
            topic.default_priority = next;
            fx.tx.update_topic(topic).await?;
        }
        "off" => {
            topics[index].active = false;
            fx.tx.update_topic(&topics[index]).await?;
        }
        _ => return Ok(()),
    }
    let details = vec![("change", action.to_string())];
    audit(
        desk,
        fx,
        admin,
        "topic.changed",
        format!("topic:{id}"),
        details,
    )
    .await?;
    show(desk, fx, reply).await
}

/// "en: Payments | ru: Платежи"; a bare "Payments" is the English name.
pub fn parse_names(text: &str) -> Option<TopicName> {
    let mut names = Vec::new();
    for part in text.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let (language, name) = match part.split_once(':') {
            Some((code, name)) if Language::from_code(code.trim()).is_some() => {
                (Language::from_code(code.trim())?, name.trim())
            }
            _ => (Language::En, part),
        };
        if name.is_empty() || name.chars().count() > 64 || names.iter().any(|(l, _)| *l == language)
        {
            return None;
        }
        names.push((language, name.to_string()));
    }
    (!names.is_empty()).then_some(TopicName(names))
}

pub async fn add(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    text: &str,
) -> Result<(), RelayError> {
    let Some(name) = parse_names(text) else {
        return reply.say(desk, fx, "settings-topics-invalid", &[]).await;
    };
    let position = desk.store.list_topics(desk.ws(), true).await?.len() as i64;
    let new = NewTopic {
        name,
        position,
        default_priority: Priority::Normal,
        queue: None,
    };
    let topic = fx.tx.add_topic(desk.ws(), &new).await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let shown = topic.name.in_language(reply.lang).to_string();
    audit(
        desk,
        fx,
        admin,
        "topic.added",
        format!("topic:{}", topic.id.0),
        vec![("name", shown)],
    )
    .await?;
    show(desk, fx, reply).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_names_come_per_language() {
        let name = parse_names("en: Payments | ru: Платежи").unwrap();
        assert_eq!(name.in_language(Language::Ru), "Платежи");
        assert_eq!(
            parse_names("Payments").unwrap(),
            TopicName::single("Payments")
        );
        assert_eq!(parse_names("en: A | en: B"), None);
        assert_eq!(parse_names(" | "), None);
    }
}
