//! Canned replies. `/templates` lists those of the agent's language, each with a button that
//! copies its text with one tap (Telegram's `copy_text` button) to paste into a reply in the
//! ticket's thread. Admins keep them: `/template add <name> | <text>`, `/template remove <name>`.

use super::Me;
use crate::desk::Effects;
use crate::jobs::{InlineButton, Keyboard};
use crate::RelayError;
use ticketgram_store::ReplyTemplate;

/// Telegram copies at most this many characters with one tap.
const COPY_LIMIT: usize = 256;
const NAME_LIMIT: usize = 32;

pub async fn list(me: &Me<'_>, fx: &mut Effects<'_>) -> Result<(), RelayError> {
    let desk = me.desk;
    let templates = desk.store.templates(desk.ws(), me.language()).await?;
    if templates.is_empty() {
        return me.say(fx, "manager-templates-empty", &[]).await;
    }
    let mut lines = vec![me.text("manager-templates-title", &[])];
    let mut rows = vec![];
    for template in &templates {
        lines.push(format!("• {}: {}", template.name, template.body));
        rows.push(vec![InlineButton::CopyText {
            text: me.text(
                "manager-template-copy",
                &[("name", template.name.clone().into())],
            ),
            copy: template.body.clone(),
        }]);
    }
    let keyboard = Some(Keyboard::InlineWithCopy(rows));
    super::say(fx, me.chat_id, lines.join("\n"), keyboard).await
}

pub async fn edit(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    if !me.agent.role.can_configure() {
        return me.say(fx, "manager-admins-only", &[]).await;
    }
    let (verb, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let desk = me.desk;
    match verb {
        "add" => {
            let Some((name, body)) = rest.split_once('|') else {
                return me.say(fx, "manager-template-usage", &[]).await;
            };
            let (name, body) = (name.trim(), body.trim());
            if name.is_empty() || body.is_empty() || name.chars().count() > NAME_LIMIT {
                return me.say(fx, "manager-template-usage", &[]).await;
            }
            if body.chars().count() > COPY_LIMIT {
                return me
                    .say(
                        fx,
                        "manager-template-too-long",
                        &[("limit", (COPY_LIMIT as i64).into())],
                    )
                    .await;
            }
            let template = ReplyTemplate {
                language: me.language(),
                name: name.to_string(),
                body: body.to_string(),
            };
            fx.tx.save_template(desk.ws(), &template, fx.now).await?;
            me.say(
                fx,
                "manager-template-saved",
                &[("name", name.to_string().into())],
            )
            .await
        }
        "remove" => {
            let name = rest.trim();
            let removed = fx
                .tx
                .remove_template(desk.ws(), me.language(), name)
                .await?;
            let key = if removed {
                "manager-template-removed"
            } else {
                "manager-template-unknown"
            };
            me.say(fx, key, &[("name", name.to_string().into())]).await
        }
        _ => me.say(fx, "manager-template-usage", &[]).await,
    }
}
