//! `/clients [query]`: clients by name, username or Telegram id, ten a page, with ‹ › buttons.

use super::Me;
use crate::desk::Effects;
use crate::jobs::{Button, Keyboard};
use crate::RelayError;

const PER_PAGE: i64 = 10;
/// Telegram allows 64 bytes of callback data; the query rides along in what is left.
const QUERY_BYTES: usize = 40;

pub async fn search(
    me: &Me<'_>,
    fx: &mut Effects<'_>,
    query: &str,
    page: i64,
) -> Result<(), RelayError> {
    let query = shorten(query.trim());
    let page = page.max(0);
    let desk = me.desk;
    let found = desk
        .store
        .search_clients(desk.ws(), query, page * PER_PAGE, PER_PAGE)
        .await?;
    if found.total == 0 {
        return me
            .say(
                fx,
                "manager-clients-none",
                &[("query", query.to_string().into())],
            )
            .await;
    }
    let pages = (found.total + PER_PAGE - 1) / PER_PAGE;
    let mut lines = vec![me.text(
        "manager-clients-title",
        &[
            ("total", found.total.into()),
            ("page", (page + 1).into()),
            ("pages", pages.into()),
        ],
    )];
    for client in &found.clients {
        let mut line = client.display_name();
        if let Some(block) = &client.blocked {
            line.push(' ');
            line.push_str(&me.text(
                "manager-clients-blocked",
                &[("reason", block.reason.clone().into())],
            ));
        }
        lines.push(line);
    }
    let button = |label: &str, to: i64| Button {
        text: label.to_string(),
        data: format!("{}cl:{to}:{query}", crate::commands::MANAGER_BUTTON),
    };
    let mut row = vec![];
    if page > 0 {
        row.push(button("‹", page - 1));
    }
    if page + 1 < pages {
        row.push(button("›", page + 1));
    }
    let keyboard = (!row.is_empty()).then(|| Keyboard::Inline(vec![row]));
    super::say(fx, me.chat_id, lines.join("\n"), keyboard).await
}

/// The query cut to what fits in a button, at a character boundary.
fn shorten(query: &str) -> &str {
    let mut end = query.len().min(QUERY_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    &query[..end]
}
