//! A question that says it is urgent, or that money or an account is in danger, does not wait
//! in the queue as "normal": the ticket opens at the priority its words call for (never
//! lower than its topic's), and its history says the rules raised it and on which words.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{Actor, Priority, Ticket};
use ticketgram_understanding::cues::{urgency, Urgency};

/// The priority the question's words call for, and the words.
pub(crate) fn called_for(text: Option<&str>) -> Option<(Priority, Vec<&'static str>)> {
    let found = urgency(text?);
    let priority = match found.urgency {
        Urgency::Normal => return None,
        Urgency::High => Priority::High,
        Urgency::Critical => Priority::Urgent,
    };
    Some((priority, found.cues))
}

/// Raises a new ticket's priority when its question calls for more, in the input's
/// transaction. Returns the ticket as it now is.
pub(crate) async fn raise_if_called_for(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: Ticket,
    question: Option<&str>,
) -> Result<Ticket, RelayError> {
    let Some((priority, cues)) = called_for(question) else {
        return Ok(ticket);
    };
    if priority <= ticket.priority {
        return Ok(ticket);
    }
    tracing::info!(
        ticket = ticket.number.0,
        ?cues,
        to = priority.as_str(),
        "priority raised by the question's words"
    );
    fx.tx
        .set_ticket_priority(desk.ws(), ticket.id, priority, Actor::System, fx.now)
        .await?;
    Ok(Ticket { priority, ..ticket })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraud_is_urgent_a_hurry_is_high_and_a_plain_question_stays_as_it_is() {
        let fraud = called_for(Some(
            "Someone stole my card and made payments I did not make",
        ));
        assert_eq!(fraud.map(|(p, _)| p), Some(Priority::Urgent));
        let hurry = called_for(Some("Срочно! Не могу войти в аккаунт"));
        assert_eq!(hurry.map(|(p, _)| p), Some(Priority::High));
        assert_eq!(called_for(Some("Where is my order 42?")), None);
        assert_eq!(called_for(None), None);
    }
}
