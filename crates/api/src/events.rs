//! `POST /events`: the platform reports something going wrong for a client — a milestone not
//! confirmed, a payment stuck, a late delivery, the counterparty's dispute, or a type of the
//! desk's own — and the client bot writes to the client first (docs/proactive-alerts.md). The
//! event's `id` is the platform's: reporting it again changes nothing and answers the same.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use ticketgram_domain::proactive::{is_type_name, ProactiveError};
use ticketgram_relay::proactive::{self, Event};
use ticketgram_relay::{Input, RelayError};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::rules;

/// Longest event id and data value kept: ids are keys, values fill one message.
const ID_CHARS: usize = 128;
const VALUE_CHARS: usize = 500;
const FIELDS: usize = 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventRequest {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    client: EventClient,
    #[serde(default)]
    data: BTreeMap<String, Value>,
    #[serde(default, deserialize_with = "rules::optional_whole_number")]
    risk: Option<i64>,
    #[serde(default)]
    open_ticket: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventClient {
    #[serde(deserialize_with = "rules::whole_number")]
    telegram_user_id: i64,
}

#[derive(Debug, Serialize)]
pub(crate) struct EventOutcome {
    id: String,
    delivery: &'static str,
    ticket: Option<i64>,
    /// `true` when this event was reported before: nothing new happened.
    repeated: bool,
}

fn checked_id(id: &str) -> Result<&str, ApiError> {
    let ok = (1..=ID_CHARS).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic());
    ok.then_some(id)
        .ok_or_else(|| ApiError::Invalid(format!("id: 1 to {ID_CHARS} printable ASCII characters")))
}

fn data_text(data: &BTreeMap<String, Value>) -> Result<BTreeMap<String, String>, ApiError> {
    if data.len() > FIELDS {
        return Err(ApiError::Invalid(format!("data: at most {FIELDS} fields")));
    }
    data.iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(ApiError::Invalid(format!("data.{k}: a string or a number"))),
            };
            if text.chars().count() > VALUE_CHARS {
                return Err(ApiError::Invalid(format!(
                    "data.{k}: at most {VALUE_CHARS} characters"
                )));
            }
            Ok((k.clone(), text))
        })
        .collect()
}

pub(crate) async fn report(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<EventRequest>,
) -> Result<(StatusCode, Json<EventOutcome>), ApiError> {
    let id = checked_id(&request.id)?;
    if !is_type_name(&request.kind) {
        return Err(ApiError::Invalid(
            "type: 1 to 40 lowercase letters, digits and _".into(),
        ));
    }
    let risk = match request.risk {
        None => None,
        Some(r) => Some(
            u8::try_from(r)
                .ok()
                .filter(|r| *r <= 100)
                .ok_or_else(|| ApiError::Invalid("risk: 0 to 100".into()))?,
        ),
    };
    let data = data_text(&request.data)?;
    let telegram_user_id = rules::telegram_user_id(request.client.telegram_user_id)?;
    let desk = caller.desk.current().await?;
    let ws = caller.ws();
    if let Some(done) = repeated(&caller, id).await? {
        return Ok((StatusCode::OK, Json(done)));
    }
    let client = desk
        .store
        .find_client_by_telegram_id(ws, telegram_user_id)
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no client {telegram_user_id}: they have never written to the bot"
            ))
        })?;
    // Refused before anything is recorded, so a corrected report with the same id still counts.
    let settings = proactive::settings(&desk);
    if let Err(problem) = proactive::text(&desk, &settings, &request.kind, &data, client.language) {
        return Err(refusal(problem));
    }
    let event = Event {
        id,
        kind: &request.kind,
        data,
        risk,
        open_ticket: request.open_ticket,
        by: caller.actor(),
    };
    let origin = format!("api:event:{id}");
    let applied = Input::apply(&desk, origin, chrono::Utc::now(), async |desk, fx| {
        proactive::alert(desk, fx, &client, &event).await
    })
    .await;
    match applied {
        Ok(Ok(outcome)) => Ok((
            StatusCode::CREATED,
            Json(EventOutcome {
                id: id.to_string(),
                delivery: outcome.delivery.as_str(),
                ticket: outcome.ticket.map(|n| n.0),
                repeated: false,
            }),
        )),
        Ok(Err(problem)) => Err(refusal(problem)),
        Err(RelayError::AlreadyApplied) => match repeated(&caller, id).await? {
            Some(done) => Ok((StatusCode::OK, Json(done))),
            None => Err(ApiError::Internal("the event vanished".into())),
        },
        Err(e) => Err(e.into()),
    }
}

fn refusal(problem: ProactiveError) -> ApiError {
    ApiError::Invalid(match problem {
        ProactiveError::UnknownType(kind) => format!("type: the desk knows no {kind:?}"),
        ProactiveError::MissingData(fields) => {
            format!("data: the text needs {}", fields.join(", "))
        }
        other => other.to_string(),
    })
}

async fn repeated(caller: &Caller, id: &str) -> Result<Option<EventOutcome>, ApiError> {
    Ok(caller
        .desk
        .store
        .proactive_alert(caller.ws(), id)
        .await?
        .map(|done| EventOutcome {
            id: id.to_string(),
            delivery: done.delivery.as_str(),
            ticket: done.ticket.map(|n| n.0),
            repeated: true,
        }))
}

/// The document's schemas of the request and its answer.
pub(crate) fn schemas() -> Vec<(&'static str, Value)> {
    let request = json!({
        "type": "object",
        "required": ["id", "type", "client"],
        "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "minLength": 1, "maxLength": ID_CHARS, "pattern": "^[!-~]+$",
                "description": "The platform's id of the event: reporting it again changes nothing" },
            "type": { "type": "string", "pattern": "^[a-z0-9_]{1,40}$",
                "description": "milestone_not_confirmed, payment_stuck, delivery_late, dispute_opened, or a type of the desk's own (Admin → Alerts)" },
            "client": {
                "type": "object", "required": ["telegram_user_id"], "additionalProperties": false,
                "properties": { "telegram_user_id": rules::telegram_user_id_schema() },
            },
            "data": { "type": "object", "maxProperties": FIELDS,
                "additionalProperties": { "anyOf": [
                    { "type": "string", "maxLength": VALUE_CHARS },
                    { "type": "number" },
                ] },
                "description": "Fills the type's text: order, milestone, … (the fields it names are required)" },
            "risk": { "anyOf": [{ "type": "integer", "minimum": 0, "maximum": 100 }, { "type": "null" }],
                "description": "The platform's estimate (0–100) that this becomes a dispute; from the desk's threshold (70 by default) a ticket is opened" },
            "open_ticket": { "type": "boolean", "description": "Open a ticket for the agents whatever the risk" },
        },
    });
    let outcome = json!({
        "type": "object",
        "required": ["id", "delivery", "ticket", "repeated"],
        "properties": {
            "id": { "type": "string" },
            "delivery": { "type": "string", "enum": ["sent", "opted_out", "rate_limited"],
                "description": "sent; opted_out: the client asked for no alerts (or cannot be written to); rate_limited: the day's alerts were already sent" },
            "ticket": { "type": ["integer", "null"], "description": "The ticket opened for the agents" },
            "repeated": { "type": "boolean" },
        },
    });
    vec![("NewEvent", request), ("EventOutcome", outcome)]
}
