//! `/kb refund after escrow` in a ticket's thread: the help centre's articles for it, in the
//! ticket's language, with their public links for the agent to paste into the reply. The
//! command is an internal note (kept in the history, never relayed to the client).

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::TicketId;
use ticketgram_knowledge::{excerpt, Audience};

/// Articles listed per lookup: enough to choose from in a thread.
const LISTED: usize = 5;

/// The query of a `/kb` comment, if it is one (`None` for any other text).
pub fn query_of(text: &str) -> Option<&str> {
    crate::commands::Command::parse(text)
        .filter(|command| command.name == "kb")
        .map(|command| command.args)
}

/// Posts the matching published articles into the ticket's thread.
pub async fn look_up(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    query: &str,
) -> Result<(), RelayError> {
    let language = desk.store.get_ticket(desk.ws(), ticket).await?.language;
    let hits = desk
        .knowledge
        .search(
            &desk.store,
            desk.ws(),
            query,
            language,
            Audience::Clients,
            LISTED,
        )
        .await?;
    // The desk's pages' address, read once for every article listed.
    let pages = match desk.config.console_url.as_deref() {
        Some(base) => Some((base, desk.store.get_workspace(desk.ws()).await?.slug)),
        None => None,
    };
    let mut lines = Vec::new();
    let ids = hits.iter().map(|hit| hit.article).collect();
    for article in crate::help_centre::published(desk, ids).await? {
        let mut line = format!("• {} — {}", article.title, excerpt(&article.body, 100));
        if let Some((base, workspace)) = &pages {
            let link = crate::knowledge::article_url(base, workspace, &article);
            line.push_str(&format!("\n  {link}"));
        }
        lines.push(line);
    }
    let text = if lines.is_empty() {
        desk.agent_text("kb-thread-nothing", &[("query", query.to_string().into())])
    } else {
        format!(
            "{}\n{}",
            desk.agent_text("kb-thread-found", &[("query", query.to_string().into())]),
            lines.join("\n")
        )
    };
    fx.tell_agents(ticket, text).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_kb_command_is_a_lookup() {
        assert_eq!(
            query_of("/kb refund after escrow"),
            Some("refund after escrow")
        );
        assert_eq!(query_of("/kb@desk_bot refund"), Some("refund"));
        assert_eq!(query_of("/kbx refund"), None);
        assert_eq!(query_of("see /kb refund"), None);
    }
}
