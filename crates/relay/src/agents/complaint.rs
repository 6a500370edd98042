//! The complaint register from a ticket's thread (docs/complaints.md): `/complaint [category]`,
//! `/severity <level> <reason>`, `/cause <text>`, `/resolution <text>` and
//! `/compensate <kind> <amount> [note]`; and `/public [text]`, which answers a public
//! complaint where it was written (docs/public-complaints.md). Like `/kb`, the command is an internal note (kept in
//! the history, never relayed to the client); the thread hears what changed or why not.

use crate::actions::complaint::{self as register, Refusal};
use crate::commands::Command;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::complaint::{CompensationKind, Money, Severity};
use ticketgram_domain::{Actor, Agent, TicketId};
use ticketgram_store::ComplaintNote;

/// A register command written in a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadCommand<'a> {
    Complaint(Option<&'a str>),
    Severity(&'a str, &'a str),
    Note(ComplaintNote, &'a str),
    Compensate(&'a str, &'a str, &'a str),
    /// Answer in the public chat: the agent's words, or the desk's acknowledgement.
    Public(&'a str),
}

/// The register command of a comment, if it is one.
pub fn command_of(text: &str) -> Option<ThreadCommand<'_>> {
    let command = Command::parse(text)?;
    let (first, rest) = split(command.args);
    Some(match command.name {
        "complaint" => ThreadCommand::Complaint((!first.is_empty()).then_some(first)),
        "severity" => ThreadCommand::Severity(first, rest),
        "cause" => ThreadCommand::Note(ComplaintNote::RootCause, command.args),
        "resolution" => ThreadCommand::Note(ComplaintNote::Resolution, command.args),
        "compensate" => {
            let (amount, note) = split(rest);
            ThreadCommand::Compensate(first, amount, note)
        }
        "public" => ThreadCommand::Public(command.args.trim()),
        _ => return None,
    })
}

fn split(text: &str) -> (&str, &str) {
    let text = text.trim();
    let (head, tail) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    (head, tail.trim())
}

/// Applies the command and tells the thread when it was refused (what changed is told by
/// the action itself).
pub async fn apply(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    agent: &Agent,
    command: ThreadCommand<'_>,
) -> Result<(), RelayError> {
    if let ThreadCommand::Public(text) = command {
        let text = (!text.is_empty()).then_some(text);
        let by = Actor::Agent(agent.id);
        return match crate::actions::public::answer(desk, fx, ticket, text, by).await? {
            Ok(()) => Ok(()),
            Err(refusal) => {
                let text = desk.agent_text(refusal.key(), &[]);
                fx.tell_agents(ticket, text).await
            }
        };
    }
    let ticket = desk.store.get_ticket(desk.ws(), ticket).await?;
    let outcome = match command {
        ThreadCommand::Complaint(category) => {
            let registered = desk.store.complaint(desk.ws(), ticket.id).await?.is_some();
            match category {
                Some(category) if registered => {
                    register::set_category(desk, fx, &ticket, category, agent).await?
                }
                None if registered => Ok(()),
                category => {
                    let listed = match category.map(|slug| register::listed_category(desk, slug)) {
                        Some(None) => {
                            return refused(desk, fx, ticket.id, Refusal::UnknownCategory).await
                        }
                        Some(listed) => listed,
                        None => None,
                    };
                    let words = register::client_words(desk, ticket.id).await?;
                    let actor = Actor::Agent(agent.id);
                    register::register(desk, fx, &ticket, listed, words.as_deref(), false, actor)
                        .await?;
                    Ok(())
                }
            }
        }
        ThreadCommand::Severity(level, reason) => match Severity::parse(level) {
            Some(severity) => {
                register::adjust_severity(desk, fx, &ticket, severity, reason, agent).await?
            }
            None => Err(Refusal::BadNote),
        },
        ThreadCommand::Note(field, text) => {
            register::write_note(desk, fx, &ticket, field, text, agent).await?
        }
        ThreadCommand::Public(_) => Ok(()),
        ThreadCommand::Compensate(kind, amount, note) => {
            match (CompensationKind::parse(kind), Money::parse(amount)) {
                (Some(kind), Ok(amount)) => {
                    register::propose_compensation(desk, fx, &ticket, kind, amount, note, agent)
                        .await?
                        .map(|_| ())
                }
                _ => Err(Refusal::BadCompensation),
            }
        }
    };
    match outcome {
        Ok(()) => Ok(()),
        Err(refusal) => refused(desk, fx, ticket.id, refusal).await,
    }
}

async fn refused(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: TicketId,
    refusal: Refusal,
) -> Result<(), RelayError> {
    let text = desk.agent_text(refusal.key(), &[]);
    fx.tell_agents(ticket, text).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_commands_are_read_from_a_comment() {
        assert_eq!(
            command_of("/complaint"),
            Some(ThreadCommand::Complaint(None))
        );
        assert_eq!(
            command_of("/complaint delivery"),
            Some(ThreadCommand::Complaint(Some("delivery")))
        );
        assert_eq!(
            command_of("/severity high  partner with 2,000 orders"),
            Some(ThreadCommand::Severity("high", "partner with 2,000 orders"))
        );
        assert_eq!(
            command_of("/cause courier lost the parcel"),
            Some(ThreadCommand::Note(
                ComplaintNote::RootCause,
                "courier lost the parcel"
            ))
        );
        assert_eq!(
            command_of("/compensate refund 20.50 charged twice"),
            Some(ThreadCommand::Compensate(
                "refund",
                "20.50",
                "charged twice"
            ))
        );
        assert_eq!(
            command_of("/public We are on it, see your messages"),
            Some(ThreadCommand::Public("We are on it, see your messages"))
        );
        assert_eq!(command_of("/public"), Some(ThreadCommand::Public("")));
        assert_eq!(command_of("/kb refunds"), None);
        assert_eq!(command_of("the complaint is fair"), None);
    }
}
