//! `/block <who> <reason>` and `/unblock <who>`: a client's access to the desk. `<who>` is a
//! Telegram id, an `@username` or a ticket (`#1042`, `ticket 1042`). The desk's action
//! (`actions::block`) does the rest: audit, the tickets' history, cards and threads, and the
//! client's neutral notice.

use super::Me;
use crate::actions::block::{self, Changed};
use crate::desk::Effects;
use crate::RelayError;
use ticketgram_domain::{Client, TicketNumber};
use ticketgram_store::StoreError;

pub async fn block(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    let Some((who, reason)) = split_target(args) else {
        return me.say(fx, "manager-block-usage", &[]).await;
    };
    if reason.is_empty() {
        return me.say(fx, "manager-block-usage", &[]).await;
    }
    let Some(client) = find_client(me, fx, who).await? else {
        return Ok(());
    };
    let name = client.display_name();
    match block::block(me.desk, fx, &client, reason, me.agent.id).await? {
        Changed::AlreadySo => {
            me.say(fx, "manager-already-blocked", &[("client", name.into())])
                .await
        }
        Changed::Done => {
            let args = [
                ("client", name.into()),
                ("reason", reason.to_string().into()),
            ];
            me.say(fx, "manager-blocked", &args).await
        }
    }
}

pub async fn unblock(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    let Some((who, _)) = split_target(args) else {
        return me.say(fx, "manager-unblock-usage", &[]).await;
    };
    let Some(client) = find_client(me, fx, who).await? else {
        return Ok(());
    };
    let name = client.display_name();
    let key = match block::unblock(me.desk, fx, &client, me.agent.id).await? {
        Changed::AlreadySo => "manager-not-blocked",
        Changed::Done => "manager-unblocked",
    };
    me.say(fx, key, &[("client", name.into())]).await
}

/// Whom a `/block` means: the client of a ticket, or a client by `@username` or Telegram id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who<'a> {
    Ticket(&'a str),
    Client(&'a str),
}

/// `"ticket 1042 spam"` → `(Ticket("1042"), "spam")`; `"@anna rude"` → `(Client("@anna"), "rude")`.
fn split_target(args: &str) -> Option<(Who<'_>, &str)> {
    let args = args.trim();
    let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if first.is_empty() {
        return None;
    }
    if first.eq_ignore_ascii_case("ticket") {
        let rest = rest.trim_start();
        let (number, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        return (!number.is_empty()).then_some((Who::Ticket(number), reason.trim()));
    }
    if first.starts_with('#') {
        return Some((Who::Ticket(first), rest.trim()));
    }
    Some((Who::Client(first), rest.trim()))
}

/// The client a `<who>` names: `@username`, a Telegram id, or `#N` / the number after
/// `ticket` (the client of that ticket).
async fn find_client(
    me: &Me<'_>,
    fx: &mut Effects<'_>,
    who: Who<'_>,
) -> Result<Option<Client>, RelayError> {
    let desk = me.desk;
    let ws = desk.ws();
    let client = match who {
        Who::Client(name) if name.starts_with('@') => {
            desk.store.find_client_by_username(ws, name).await?
        }
        Who::Client(id) => match id.parse::<i64>() {
            Ok(id) => desk.store.find_client_by_telegram_id(ws, id).await?,
            Err(_) => None,
        },
        Who::Ticket(number) => match number.parse::<TicketNumber>() {
            Ok(number) => match desk.store.find_ticket_by_number(ws, number).await? {
                Some(ticket) => match desk.store.get_client(ws, ticket.client).await {
                    Ok(client) => Some(client),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e.into()),
                },
                None => None,
            },
            Err(_) => None,
        },
    };
    if client.is_none() {
        let (Who::Ticket(who) | Who::Client(who)) = who;
        me.say(
            fx,
            "manager-no-such-client",
            &[("who", who.to_string().into())],
        )
        .await?;
    }
    Ok(client)
}

#[cfg(test)]
mod tests {
    use super::{split_target, Who};

    #[test]
    fn a_target_is_followed_by_the_reason() {
        assert_eq!(
            split_target("@anna  rude words"),
            Some((Who::Client("@anna"), "rude words"))
        );
        assert_eq!(
            split_target("ticket 1042 spam"),
            Some((Who::Ticket("1042"), "spam"))
        );
        assert_eq!(split_target("#1042"), Some((Who::Ticket("#1042"), "")));
        assert_eq!(
            split_target("555123 spam"),
            Some((Who::Client("555123"), "spam"))
        );
        assert_eq!(split_target("  "), None);
    }
}
