//! The OpenAPI 3.1 document, generated from [`crate::routes::ENDPOINTS`] (so every served
//! route is in it) and the schemas below (kept next to the views they describe).

use axum::Json;
use serde_json::{json, Map, Value};

use crate::error::ApiError;
use crate::routes::{Endpoint, Param, Verb, ENDPOINTS};
use crate::rules;
use crate::scope::Scope;

pub(crate) async fn serve() -> Json<Value> {
    Json(document())
}

pub fn document() -> Value {
    let mut paths = Map::new();
    for endpoint in ENDPOINTS {
        let item = paths
            .entry(endpoint.path.to_string())
            .or_insert_with(|| json!({}));
        item[endpoint.verb.as_str()] = operation(endpoint);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Ticketgram API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Tickets, clients, reports and webhooks of one Ticketgram desk. \
                Authenticate with `Authorization: Bearer tg_…`; each operation names the scope it needs. \
                Errors are `{\"error\": {\"code\", \"message\"}}`. POSTs accept an `Idempotency-Key` header."
        },
        "servers": [{ "url": "/api/v1" }],
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": schemas(),
        }
    })
}

/// Path parameters: ticket numbers and row ids are 64-bit integers, clients are addressed by
/// Telegram user id.
fn path_params(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            let schema = match name {
                "telegram_user_id" => rules::telegram_user_id_schema(),
                _ => rules::id_schema(),
            };
            json!({ "name": name, "in": "path", "required": true, "schema": schema })
        })
        .collect()
}

fn query_param(p: &Param) -> Value {
    let schema = (p.schema)();
    let mut param = json!({
        "name": p.name, "in": "query", "required": p.required,
        "description": p.description, "schema": schema,
    });
    // Lists travel as `status=new,open`.
    if param["schema"]["type"] == "array" {
        param["style"] = json!("form");
        param["explode"] = json!(false);
    }
    param
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    })
}

/// The errors an operation can answer besides its success, each with what causes it there.
fn error_responses(endpoint: &Endpoint, scope: Scope, responses: &mut Map<String, Value>) {
    let reads_input = endpoint.request.is_some()
        || !endpoint.query.is_empty()
        || endpoint.path.contains('{')
        || endpoint.verb == Verb::Post;
    if reads_input {
        responses.insert(
            "400".into(),
            error_response(
                "`malformed_request`: the request cannot be read — a body that is not JSON or not sent \
                 as `application/json`, a path or query parameter of the wrong type (or beyond 64 bits), \
                 a missing required parameter, a malformed `Idempotency-Key`",
            ),
        );
    }
    responses.insert(
        "401".into(),
        error_response("`unauthenticated`: no token, an unknown or a revoked one, or one whose agent was deactivated or is no longer an admin"),
    );
    responses.insert(
        "403".into(),
        error_response(&format!("`insufficient_scope`: the token lacks {scope}")),
    );
    responses.insert(
        "404".into(),
        error_response("`not_found`: what the request names (a ticket, client, topic, webhook) is not in this desk"),
    );
    responses.insert(
        "422".into(),
        error_response("`invalid_request`: readable but not acceptable (a value outside what the schema allows, \
            an unknown field, a rule the schema cannot express such as a period longer than a year); \
            `idempotency_key_reused`: the Idempotency-Key was used for a different request"),
    );
    if endpoint.verb != Verb::Get {
        let mut causes = String::from(
            "`conflict`: a concurrent change, retry; `idempotency_in_progress`: a request with this Idempotency-Key is still running",
        );
        if endpoint.operation == "updateKbArticle" {
            causes.push_str(
                "; also when the article was saved by someone else after `revision` (reload it and merge)",
            );
        }
        if endpoint.path.starts_with("/kb/") && endpoint.verb != Verb::Delete {
            causes.push_str("; also when another article of that language already has the slug");
        }
        if endpoint.operation == "changeTicketStatus" {
            causes.push_str(
                "; `invalid_transition`: the ticket cannot move to that status from where it is",
            );
        }
        responses.insert("409".into(), error_response(&causes));
    }
}

/// A response that is a zip archive rather than a JSON schema of the components.
pub const ZIP: &str = "zip";

fn operation(endpoint: &Endpoint) -> Value {
    let mut parameters = path_params(endpoint.path);
    parameters.extend(endpoint.query.iter().map(query_param));
    if endpoint.verb == Verb::Post && endpoint.scope.is_some() {
        parameters.push(json!({
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "Repeat a request safely: the same key (per token) answers what the first request did. \
                1 to 255 printable ASCII characters, no spaces",
            "schema": rules::idempotency_key_schema(),
        }));
    }
    let (status, schema) = endpoint.response;
    let mut success = json!({ "description": "Success" });
    if schema == Some(ZIP) {
        success["content"] = json!({
            "application/zip": { "schema": { "type": "string", "contentMediaType": "application/zip" } }
        });
    } else if let Some(schema) = schema {
        success["content"] = json!({
            "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } }
        });
    }
    let mut responses = Map::new();
    responses.insert(status.to_string(), success);
    let mut op = json!({
        "operationId": endpoint.operation,
        "summary": endpoint.summary,
        "parameters": parameters,
    });
    if let Some(scope) = endpoint.scope {
        op["security"] = json!([{ "bearer": [scope.as_str()] }]);
        op["x-required-scope"] = json!(scope.as_str());
        error_responses(endpoint, scope, &mut responses);
    } else {
        op["security"] = json!([]);
    }
    if let Some(request) = endpoint.request {
        op["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{request}") } } }
        });
    }
    op["responses"] = Value::Object(responses);
    op
}

/// `GET /reports/forecast`: see docs/forecasting.md for what each number means.
fn forecast_schema() -> Value {
    let number = || json!({ "type": "number" });
    let count = || json!({ "type": "integer", "minimum": 0 });
    let days_missing = |what: &str| {
        json!({ "type": ["integer", "null"], "minimum": 1,
                "description": format!("Days of history still missing before {what}; null when there is enough") })
    };
    let hour = object(
        &[
            "local_time",
            "starts_at",
            "expected",
            "lower",
            "upper",
            "open",
            "agents",
            "holiday_multiplier",
        ],
        json!({
            "local_time": { "type": "string", "description": "The local wall-clock hour it starts at, YYYY-MM-DDTHH:MM:SS in the desk's zone" },
            "starts_at": { "type": ["string", "null"], "format": "date-time", "description": "The instant it starts (UTC); null for the hour skipped when clocks go forward" },
            "expected": { "type": "number", "minimum": 0, "description": "Tickets expected to be opened in the hour" },
            "lower": { "type": ["number", "null"], "description": "Low end of the band (see interval_level)" },
            "upper": { "type": ["number", "null"], "description": "High end of the band" },
            "open": { "type": "boolean", "description": "The desk works during (part of) the hour" },
            "agents": { "type": "integer", "minimum": 0, "description": "Agents answering tickets needed to meet the target (Erlang C); 0 while closed" },
            "holiday_multiplier": { "type": ["number", "null"], "description": "Applied when the day is one of the desk's holidays" },
        }),
    );
    let day = object(
        &["date", "expected", "peak_agents", "agent_hours"],
        json!({
            "date": { "type": "string", "format": "date" }, "expected": number(),
            "peak_agents": count(), "agent_hours": count(),
        }),
    );
    let backtest = object(
        &[
            "model_wape",
            "seasonal_naive_wape",
            "model_mae",
            "seasonal_naive_mae",
            "model_beats_seasonal_naive",
            "hours",
        ],
        json!({
            "model_wape": { "type": ["number", "null"], "description": "Σ|actual − forecast| / Σ actual over the last two weeks, each forecast a week ahead (0.17 = 17 %)" },
            "seasonal_naive_wape": { "type": ["number", "null"], "description": "The same for \"same hour last week\"" },
            "model_mae": number(), "seasonal_naive_mae": number(),
            "model_beats_seasonal_naive": { "type": "boolean" }, "hours": count(),
        }),
    );
    let assumptions = object(
        &[
            "average_handling_secs",
            "handling_measured_on",
            "target_answer_secs",
            "target_is_default",
            "service_level",
        ],
        json!({
            "average_handling_secs": { "type": "number", "description": "Median time from first reply to resolution of tickets resolved in the last 8 weeks (600 when none)" },
            "handling_measured_on": count(),
            "target_answer_secs": { "type": "number", "description": "The desk's first-reply target for normal priority" },
            "target_is_default": { "type": "boolean" },
            "service_level": { "type": "number", "description": "Share of first replies within the target (0.8)" },
        }),
    );
    let mut schema = object(
        &[
            "time_zone",
            "history_hours",
            "forecast_needs_more_days",
            "backtest_needs_more_days",
            "backtest",
            "assumptions",
            "interval_level",
            "days",
            "hours",
        ],
        json!({
            "time_zone": string(),
            "history_hours": count(),
            "forecast_needs_more_days": days_missing("there is a forecast (two days)"),
            "backtest_needs_more_days": days_missing("the back-test runs (three weeks)"),
            "backtest": { "anyOf": [backtest, { "type": "null" }] },
            "assumptions": assumptions,
            "interval_level": number(),
            "days": { "type": "array", "items": day },
            "hours": { "type": "array", "items": hour, "description": "336 hours from the next local midnight; empty while the history is too short" },
        }),
    );
    schema["description"] =
        json!("The desk's forecast and staffing plan, as the console's forecast page shows it");
    schema
}

fn string() -> Value {
    json!({ "type": "string" })
}
fn nullable(kind: &str) -> Value {
    json!({ "type": [kind, "null"] })
}
fn time() -> Value {
    json!({ "type": "string", "format": "date-time" })
}
fn nullable_time() -> Value {
    json!({ "type": ["string", "null"], "format": "date-time" })
}
fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}
fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}
/// An optional request field: `null` means the same as leaving it out.
fn or_null(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}
/// A request body: fields besides these are refused (422), so the document says so.
fn request(required: &[&str], properties: Value) -> Value {
    json!({
        "type": "object", "required": required, "properties": properties,
        "additionalProperties": false,
    })
}

/// A typed field of a ticket: the flow's `FieldValue` (docs/flows.md) and its one line.
fn ticket_field_schema() -> Value {
    let value = json!({
        "type": "object", "required": ["type"],
        "description": "By `type`: text {text}; number {number}; choice {value, label}; \
            media {files: [{kind, file_id}]}; order {number, check: found|not_found|failed (absent: \
            not looked up), details: the platform's status line when found}",
        "properties": {
            "type": { "type": "string", "enum": ["text", "number", "choice", "media", "order"] },
        },
    });
    object(
        &["name", "value", "display"],
        json!({
            "name": string(),
            "value": value,
            "display": string(),
            "message_ids": { "type": "array", "items": { "type": "integer" },
                "description": "For files: the ticket's messages that carry them (absent otherwise)" },
        }),
    )
}

fn schemas() -> Value {
    let statuses = json!({ "type": "string", "enum": ["new", "open", "waiting_on_client", "resolved", "closed"] });
    let priorities = json!({ "type": "string", "enum": ["low", "normal", "high", "urgent"] });
    let languages = json!({ "type": "string", "enum": ["en", "ru", "zh", "de"] });
    let events = json!({ "type": "array", "items": { "type": "string", "enum": crate::webhooks::events::EVENT_TYPES } });
    let webhook_url = rules::webhook_url_schema();
    let webhook_secret = rules::webhook_secret_schema();
    let first_name = rules::not_blank_schema(
        "Needed when the desk does not know the client yet; ignored for a known client (its Telegram profile is the bot's to keep)",
    );
    let ticket = object(
        &[
            "number",
            "subject",
            "status",
            "priority",
            "language",
            "client",
            "tags",
            "created_at",
        ],
        json!({
            "number": { "type": "integer" },
            "subject": string(),
            "status": statuses.clone(),
            "priority": priorities.clone(),
            "topic_id": nullable("integer"),
            "assignee_id": nullable("integer"),
            "queue": nullable("string"),
            "language": languages.clone(),
            "client": object(&["telegram_user_id", "name"], json!({
                "telegram_user_id": { "type": "integer" }, "name": string()
            })),
            "tags": { "type": "array", "items": string() },
            "created_at": time(),
            "first_response_at": nullable_time(),
            "awaiting_reply_since": nullable_time(),
            "resolved_at": nullable_time(),
            "closed_at": nullable_time(),
            "rating": { "type": ["integer", "null"], "minimum": 1, "maximum": 5 },
            "rating_comment": nullable("string"),
        }),
    );
    let message = object(
        &["id", "direction", "media", "created_at"],
        json!({
            "id": { "type": "integer" },
            "direction": { "type": "string", "enum": ["client", "agent", "system"] },
            "author_agent_id": nullable("integer"),
            "text": nullable("string"),
            "media": { "type": "array", "items": object(&["kind"], json!({
                "kind": string(), "file_name": nullable("string"), "mime": nullable("string"),
                "size": nullable("integer"), "caption": nullable("string")
            })) },
            "created_at": time(),
            "edited_at": nullable_time(),
        }),
    );
    let webhook = object(
        &["id", "url", "events", "active", "created_at"],
        json!({
            "id": { "type": "integer" }, "url": string(),
            "events": events.clone(), "active": { "type": "boolean" }, "created_at": time()
        }),
    );
    let kb_summary = object(
        &[
            "id",
            "slug",
            "language",
            "category",
            "title",
            "status",
            "revision",
            "updated_at",
            "excerpt",
        ],
        json!({
            "id": { "type": "integer" },
            "slug": crate::kb::slug_schema(),
            "language": languages.clone(),
            "category": string(),
            "title": string(),
            "status": crate::kb::status_schema(),
            "revision": { "type": "integer", "minimum": 1, "description": "1 for the first text, +1 per save" },
            "updated_at": time(),
            "updated_by": nullable("integer"),
            "excerpt": { "type": "string", "description": "The start of the text, without Markdown" },
            "public_url": { "type": ["string", "null"], "description": "The public page (published articles only)" },
        }),
    );
    let kb_article = json!({
        "allOf": [kb_summary.clone(), object(&["body"], json!({ "body": crate::kb::body_schema() }))]
    });
    let kb_revision = object(
        &[
            "revision",
            "slug",
            "category",
            "title",
            "body",
            "status",
            "edited_at",
        ],
        json!({
            "revision": { "type": "integer" }, "slug": crate::kb::slug_schema(),
            "category": string(), "title": string(), "body": string(),
            "status": crate::kb::status_schema(), "edited_at": time(),
            "edited_by": nullable("integer"),
        }),
    );
    let kb_deflections = object(
        &["from", "to", "helped", "not_helped", "articles"],
        json!({
            "from": { "type": "string", "format": "date" },
            "to": { "type": "string", "format": "date" },
            "helped": { "type": "integer", "description": "Suggestions clients said answered their question" },
            "not_helped": { "type": "integer", "description": "Suggestions followed by \"no\" and a request" },
            "articles": { "type": "array", "items": object(
                &["article_id", "helped", "not_helped", "deflection_rate"],
                json!({
                    "article_id": { "type": "integer" },
                    "slug": nullable("string"), "language": nullable("string"),
                    "title": { "type": ["string", "null"], "description": "null: the article was deleted since" },
                    "helped": { "type": "integer" }, "not_helped": { "type": "integer" },
                    "deflection_rate": { "type": "number", "minimum": 0, "maximum": 1,
                        "description": "helped / (helped + not_helped)" },
                }),
            ) },
        }),
    );
    let count = json!({ "type": "integer", "minimum": 0 });
    let self_service = object(
        &[
            "from",
            "to",
            "resolutions",
            "by_articles",
            "by_flows",
            "tickets_created",
            "rate",
            "articles",
            "steps",
        ],
        json!({
            "from": { "type": "string", "format": "date" },
            "to": { "type": "string", "format": "date" },
            "resolutions": { "type": "integer", "minimum": 0, "description": "Requests answered without an agent: by_articles + by_flows" },
            "by_articles": { "type": "integer", "minimum": 0, "description": "Suggested articles the client said answered the question" },
            "by_flows": { "type": "integer", "minimum": 0, "description": "Flows' knowledge steps whose answer the client accepted" },
            "tickets_created": { "type": "integer", "minimum": 0, "description": "Tickets opened in the same days" },
            "rate": { "type": ["number", "null"], "minimum": 0, "maximum": 1,
                "description": "resolutions / (resolutions + tickets_created); null when nothing was asked" },
            "articles": { "type": "array", "items": object(
                &["title", "helped", "not_helped"],
                json!({ "title": string(), "helped": count.clone(), "not_helped": count.clone() }),
            ) },
            "steps": { "type": "array", "items": object(
                &["step", "entered", "completed", "abandoned", "rejected", "self_served"],
                json!({
                    "step": { "type": "string", "description": "The step's id in the flow definition" },
                    "entered": count.clone(), "completed": count.clone(), "abandoned": count.clone(),
                    "rejected": count.clone(), "self_served": count.clone(),
                }),
            ) },
        }),
    );
    let created_webhook = json!({
        "allOf": [reference("Webhook"), object(&["secret"], json!({ "secret": string() }))]
    });
    let mut all = json!({
        "Error": object(&["error"], json!({
            "error": object(&["code", "message"], json!({
                "code": { "type": "string", "enum": ApiError::CODES },
                "message": string(),
            }))
        })),
        "Ticket": ticket,
        "Message": message,
        "TicketDetail": { "allOf": [reference("Ticket"), object(&["fields", "messages"], json!({
            "fields": { "type": "array", "items": reference("TicketField"),
                "description": "What a self-service form collected, in the order asked (empty otherwise)" },
            "messages": { "type": "array", "items": reference("Message") }
        }))] },
        "TicketField": ticket_field_schema(),
        "TicketPage": object(&["tickets", "total"], json!({
            "tickets": { "type": "array", "items": reference("Ticket") },
            "total": { "type": "integer", "description": "Tickets matching the filters, all pages" },
            "next_cursor": nullable("string"),
        })),
        "NewTicket": request(&["client", "text"], json!({
            "client": request(&["telegram_user_id"], json!({
                "telegram_user_id": rules::telegram_user_id_schema(),
                "first_name": or_null(first_name.clone()),
                "last_name": or_null(string()), "username": or_null(string()),
                "language": or_null(languages.clone()),
            })),
            "text": rules::not_blank_schema("The client's question: the first message"),
            "subject": or_null(json!({ "type": "string", "description": "Defaults to the start of the text when absent or blank" })),
            "topic_id": or_null(rules::id_schema()),
            "priority": or_null(priorities.clone()),
            "notify_client": { "type": "boolean", "default": false,
                "description": "Tell the client the ticket number through the bot" },
        })),
        "NewReply": request(&["text"], json!({ "text": rules::not_blank_schema("Sent to the client as written, without surrounding white space") })),
        "StatusChangeRequest": request(&["status"], json!({ "status": statuses })),
        "Client": object(&["telegram_user_id", "first_name", "language", "blocked", "attributes", "created_at"], json!({
            "telegram_user_id": { "type": "integer" },
            "first_name": string(), "last_name": nullable("string"), "username": nullable("string"),
            "language": languages,
            "language_source": { "type": "string", "enum": ["telegram", "detected", "chosen"],
                "description": "Where language came from; a language the client chose in the bot is never changed by detection" },
            "written_language": { "type": ["string", "null"], "description": "ISO 639-1 code of the language the client writes in, detected from their messages (any language, not only the bots')" },
            "blocked": { "type": "boolean" },
            "attributes": { "type": "object" }, "created_at": time(),
            "erased_at": nullable_time(),
        })),
        "Erasure": object(&["erased", "tickets", "messages"], json!({
            "erased": { "type": "boolean", "description": "false: the client was erased before, nothing changed" },
            "tickets": { "type": "integer", "description": "Tickets whose subject and conversation were emptied (they still count in reports)" },
            "messages": { "type": "integer", "description": "Messages whose text and files were removed" },
        })),
        "ClientAttributes": request(&["attributes"], json!({
            "attributes": { "type": "object", "description": "Replaces the stored attributes (orders, reputation…)" },
            "first_name": or_null(first_name),
            "last_name": or_null(string()), "username": or_null(string()),
            "language": or_null(languages.clone()),
        })),
        "Report": { "type": "object", "description": "The desk report (totals, per agent, per topic, daily trend), as computed by Ticketgram's report maths" },
        "Forecast": forecast_schema(),
        "KbArticle": kb_article,
        "KbArticleList": object(&["articles"], json!({ "articles": { "type": "array", "items": kb_summary } })),
        "NewKbArticle": request(&["title", "body", "language"], json!({
            "title": crate::kb::title_schema(),
            "body": crate::kb::body_schema(),
            "language": languages.clone(),
            "slug": or_null(json!({ "allOf": [crate::kb::slug_schema()],
                "description": "Made from the title when absent" })),
            "category": or_null(crate::kb::category_schema()),
            "status": or_null(crate::kb::status_schema()),
        })),
        "KbArticleChange": request(&["revision"], json!({
            "revision": { "type": "integer", "format": "int64", "minimum": 1,
                "description": "The revision the edit started from" },
            "title": or_null(crate::kb::title_schema()),
            "body": or_null(crate::kb::body_schema()),
            "language": or_null(languages.clone()),
            "slug": or_null(crate::kb::slug_schema()),
            "category": or_null(crate::kb::category_schema()),
            "status": or_null(crate::kb::status_schema()),
        })),
        "KbRestore": request(&["revision"], json!({
            "revision": { "type": "integer", "format": "int64", "minimum": 1,
                "description": "The revision whose text becomes the newest" },
        })),
        "KbRevisionList": object(&["revisions"], json!({ "revisions": { "type": "array", "items": kb_revision } })),
        "KbDeflections": kb_deflections,
        "Webhook": webhook,
        "CreatedWebhook": created_webhook,
        "WebhookList": object(&["webhooks"], json!({ "webhooks": { "type": "array", "items": reference("Webhook") } })),
        "NewWebhook": request(&["url"], json!({
            "url": webhook_url.clone(),
            "events": events.clone(),
            "secret": or_null(webhook_secret.clone()),
        })),
        "WebhookChange": request(&[], json!({
            "url": or_null(webhook_url), "events": or_null(events),
            "secret": or_null(webhook_secret), "active": or_null(json!({ "type": "boolean" })),
        })),
        "DeliveryList": object(&["deliveries"], json!({ "deliveries": { "type": "array", "items": object(
            &["id", "event_id", "event_type", "status", "attempts", "next_attempt_at", "created_at"],
            json!({
                "id": { "type": "integer" }, "event_id": string(), "event_type": string(),
                "status": { "type": "string", "enum": ["pending", "in_flight", "delivered", "dead"] },
                "attempts": { "type": "integer" }, "next_attempt_at": time(),
                "last_error": nullable("string"), "created_at": time(), "delivered_at": nullable_time(),
            })
        ) } })),
    });
    if let (Some(all), Value::Object(more)) = (all.as_object_mut(), crate::order_lookup::schemas())
    {
        all.extend(more);
    }
    // Outside the big `json!` above, whose nesting is at the macro's recursion limit.
    all["SelfServiceReport"] = self_service;
    for (name, schema) in crate::complaints::schemas()
        .into_iter()
        .chain(crate::events::schemas())
        .chain(crate::routing::schemas())
        .chain(crate::translation::schemas())
    {
        all[name] = schema;
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_with_its_scope_and_every_schema_it_names_exists() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for endpoint in ENDPOINTS {
            let op = &doc["paths"][endpoint.path][endpoint.verb.as_str()];
            assert_eq!(op["operationId"], endpoint.operation, "{}", endpoint.path);
            if let Some(scope) = endpoint.scope {
                assert_eq!(op["x-required-scope"], scope.as_str());
            }
            let named = (endpoint.request.into_iter().chain(endpoint.response.1))
                .filter(|schema| *schema != ZIP);
            for schema in named {
                assert!(schemas.contains_key(schema), "schema {schema} is missing");
            }
        }
        let text = doc.to_string();
        for reference in text.split("#/components/schemas/").skip(1) {
            let name: String = reference
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            assert!(schemas.contains_key(&name), "dangling $ref {name}");
        }
    }
}
