//! A dispute accepted: the platform is told, so it can tell the counterparty (the seller, the
//! other party of a payment) that the dispute was opened and when to expect an answer.
//!
//! The flow format has no "dispute" kind of its own: a hand-off is a dispute when it completes
//! a form that asked for a `dispute_type` choice (the shipped marketplace flow's, and
//! docs/flows.md's convention). The history row written here, in the hand-off's transaction,
//! is what the webhook worker turns into `dispute.accepted` (docs/platform.md): the event
//! exists exactly when the ticket does, and a replayed update writes neither twice.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use serde_json::{json, Value};
use ticketgram_domain::Ticket;
use ticketgram_flows::{FieldValue, HandOff, HandOffReason};

/// The field whose presence makes a completed form a dispute.
pub const DISPUTE_TYPE_FIELD: &str = "dispute_type";

/// The field a dispute form keeps the client's account of what happened in.
const REASON_FIELD: &str = "reason";

pub(super) async fn accepted(
    desk: &Desk,
    fx: &mut Effects<'_>,
    ticket: &Ticket,
    hand_off: &HandOff,
) -> Result<(), RelayError> {
    let Some(details) = details(desk, ticket, hand_off) else {
        return Ok(());
    };
    fx.tx
        .record_dispute_accepted(desk.ws(), ticket.id, details, fx.now)
        .await?;
    Ok(())
}

/// What `dispute.accepted` carries besides the ticket; `None` when the hand-off is no dispute.
fn details(desk: &Desk, ticket: &Ticket, hand_off: &HandOff) -> Option<Value> {
    // A client who asked for a person midway has not submitted a dispute yet.
    if hand_off.reason != HandOffReason::Completed {
        return None;
    }
    let field = |name: &str| {
        hand_off
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    };
    let Some(FieldValue::Choice { value, label }) = field(DISPUTE_TYPE_FIELD) else {
        return None;
    };
    let order = hand_off.fields.iter().find_map(|(_, v)| match v {
        FieldValue::Order { number, check, .. } => {
            Some(json!({ "number": number, "check": check }))
        }
        _ => None,
    });
    let reason = field(REASON_FIELD).map(|v| v.display().into_owned());
    let evidence_count: usize = hand_off
        .fields
        .iter()
        .map(|(_, v)| match v {
            FieldValue::Media { files } => files.len(),
            _ => 0,
        })
        .sum();
    let fields: Vec<Value> = hand_off
        .fields
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value, "display": value.display() }))
        .collect();
    Some(json!({
        "order": order,
        "dispute_type": value,
        "dispute_type_label": label,
        "reason": reason,
        "evidence_count": evidence_count,
        "answer_within_hours": super::self_service::promised_hours(desk, ticket),
        "answer_due_at": desk.first_reply_due(ticket),
        "fields": fields,
    }))
}
