//! The desk's routing rules (docs/routing.md) for integrations: read them, replace them. The
//! same rules the console's Admin → Routing writes, saved through the same action
//! (`relay::actions::route::save_rules`, audit-logged `routing.save`) in one input. A queue's
//! leads are agent ids, each an active agent of the desk; its own SLA targets (whole working
//! minutes) tighten its tickets' priority targets.

use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use ticketgram_domain::routing::{QueueRule, RoutingRules, Strategy};
use ticketgram_domain::sla::{QueueTargets, MAX_QUEUE_TARGET_MINUTES};
use ticketgram_domain::AgentId;
use ticketgram_relay::actions::route;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// More queues than any desk names; more leads than any queue has.
const MAX_QUEUES: usize = 50;
const MAX_LEADS: usize = 20;
const MAX_QUEUE_NAME: usize = 64;
const MAX_CAP: u32 = 1000;

#[derive(Debug, Serialize)]
pub(crate) struct RuleView {
    strategy: String,
    cap: Option<u32>,
    reassign: bool,
    leads: Vec<i64>,
    targets: TargetsView,
}

/// A queue's own targets in working minutes; `null`: its tickets' priority targets apply.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetsView {
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    first_response_minutes: Option<i64>,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    next_reply_minutes: Option<i64>,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    resolution_minutes: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RulesView {
    default: RuleView,
    queues: BTreeMap<String, RuleView>,
}

/// A whole number, also when written as a float (`3.0`), as JSON Schema's `integer` allows.
#[derive(Debug, Deserialize)]
pub(crate) struct Whole(#[serde(deserialize_with = "crate::rules::whole_number")] i64);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleRequest {
    strategy: String,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    cap: Option<i64>,
    #[serde(default)]
    reassign: bool,
    #[serde(default)]
    leads: Vec<Whole>,
    #[serde(default, deserialize_with = "crate::rules::object")]
    targets: TargetsView,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RulesRequest {
    /// Absent: agents press Take; `null` is no rule and refused, as the document says.
    #[serde(default = "take")]
    default: RuleRequest,
    #[serde(default)]
    queues: BTreeMap<String, RuleRequest>,
}

fn take() -> RuleRequest {
    RuleRequest {
        strategy: Strategy::Manual.as_str().to_owned(),
        cap: None,
        reassign: false,
        leads: Vec::new(),
        targets: TargetsView::default(),
    }
}

fn view_of(rule: &QueueRule) -> RuleView {
    let minutes = |d: Option<chrono::Duration>| d.map(|d| d.num_minutes());
    RuleView {
        strategy: rule.strategy.as_str().to_owned(),
        cap: rule.cap,
        reassign: rule.reassign,
        leads: rule.leads.iter().map(|a| a.0).collect(),
        targets: TargetsView {
            first_response_minutes: minutes(rule.targets.first_response),
            next_reply_minutes: minutes(rule.targets.next_reply),
            resolution_minutes: minutes(rule.targets.resolution),
        },
    }
}

/// A queue's targets as requested, refused with the field at fault.
fn targets_of(field: &str, targets: &TargetsView) -> Result<QueueTargets, ApiError> {
    let target = |name: &str, minutes: Option<i64>| match minutes {
        None => Ok(None),
        Some(m @ 1..=MAX_QUEUE_TARGET_MINUTES) => Ok(Some(chrono::Duration::minutes(m))),
        Some(_) => Err(ApiError::Invalid(format!(
            "{field}.targets.{name} is from 1 to {MAX_QUEUE_TARGET_MINUTES} minutes"
        ))),
    };
    Ok(QueueTargets {
        first_response: target("first_response_minutes", targets.first_response_minutes)?,
        next_reply: target("next_reply_minutes", targets.next_reply_minutes)?,
        resolution: target("resolution_minutes", targets.resolution_minutes)?,
    })
}

fn view(rules: &RoutingRules) -> RulesView {
    RulesView {
        default: view_of(&rules.default),
        queues: rules
            .queues
            .iter()
            .map(|(name, rule)| (name.clone(), view_of(rule)))
            .collect(),
    }
}

pub(crate) async fn get_rules(
    Extension(caller): Extension<Caller>,
) -> Result<Json<RulesView>, ApiError> {
    let desk = caller.desk.current().await?;
    Ok(Json(view(
        &desk.profile.routing.clone().unwrap_or_default(),
    )))
}

/// The rule a request states, refused with the field at fault.
fn rule_of(field: &str, rule: RuleRequest, active: &[AgentId]) -> Result<QueueRule, ApiError> {
    let strategy = Strategy::parse(&rule.strategy)
        .ok_or_else(|| ApiError::Invalid(format!("{field}.strategy is not a known strategy")))?;
    let cap = match rule.cap {
        None => None,
        Some(cap) => match u32::try_from(cap) {
            Ok(cap) if (1..=MAX_CAP).contains(&cap) => Some(cap),
            _ => {
                return Err(ApiError::Invalid(format!(
                    "{field}.cap is from 1 to {MAX_CAP}"
                )))
            }
        },
    };
    if rule.leads.len() > MAX_LEADS {
        return Err(ApiError::Invalid(format!(
            "{field}.leads names at most {MAX_LEADS} agents"
        )));
    }
    let mut leads = Vec::new();
    for Whole(id) in rule.leads {
        let lead = AgentId(id);
        if leads.contains(&lead) {
            return Err(ApiError::Invalid(format!("{field}.leads: {id} twice")));
        }
        if !active.contains(&lead) {
            return Err(ApiError::Invalid(format!(
                "{field}.leads: {id} is not an active agent of the desk"
            )));
        }
        leads.push(lead);
    }
    Ok(QueueRule {
        strategy,
        cap,
        reassign: rule.reassign,
        leads,
        targets: targets_of(field, &rule.targets)?,
    })
}

/// Replaces the desk's routing rules; answers what is in force now.
pub(crate) async fn put_rules(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<RulesRequest>,
) -> Result<Json<RulesView>, ApiError> {
    if request.queues.len() > MAX_QUEUES {
        return Err(ApiError::Invalid(format!(
            "queues names at most {MAX_QUEUES} queues"
        )));
    }
    let active: Vec<AgentId> = caller
        .desk
        .store
        .list_agents(caller.ws())
        .await?
        .into_iter()
        .filter(|a| a.active)
        .map(|a| a.id)
        .collect();
    let mut rules = RoutingRules {
        default: rule_of("default", request.default, &active)?,
        ..RoutingRules::default()
    };
    for (name, rule) in request.queues {
        if name.chars().count() > MAX_QUEUE_NAME {
            return Err(ApiError::Invalid(format!(
                "queue names are at most {MAX_QUEUE_NAME} characters"
            )));
        }
        // Kept as tickets name them: without surrounding white space.
        let name = crate::rules::not_blank("a queue's name", &name)?.to_owned();
        let rule = rule_of(&format!("queues.{name}"), rule, &active)?;
        rules.queues.insert(name, rule);
    }
    let input = caller.input().await?;
    route::save_rules(&input.tx, caller.ws(), &rules, caller.actor(), input.now).await?;
    input.commit().await?;
    Ok(Json(view(&rules)))
}

/// The document's schemas of this module, next to the checks above.
pub(crate) fn schemas() -> Vec<(&'static str, Value)> {
    let strategies: Vec<&str> = Strategy::ALL.iter().map(|s| s.as_str()).collect();
    let minutes = json!({
        "anyOf": [ { "type": "integer", "minimum": 1, "maximum": MAX_QUEUE_TARGET_MINUTES }, { "type": "null" } ],
    });
    let rule = json!({
        "type": "object", "additionalProperties": false, "required": ["strategy"],
        "properties": {
            "strategy": { "type": "string", "enum": strategies,
                          "description": "manual: agents press Take; the others assign on their own" },
            "cap": { "anyOf": [ { "type": "integer", "minimum": 1, "maximum": MAX_CAP }, { "type": "null" } ],
                     "description": "At most this many open tickets per agent from routing" },
            "reassign": { "type": "boolean",
                          "description": "A missed first or next reply moves the ticket to someone else on duty" },
            "leads": { "type": "array", "maxItems": MAX_LEADS, "uniqueItems": true,
                       "items": { "type": "integer" },
                       "description": "Agent ids told of every missed target in the queue; each an active agent" },
            "targets": {
                "type": "object", "additionalProperties": false,
                "description": "The queue's own SLA targets in working minutes, tighter than its tickets' priority targets; null: the priority's",
                "properties": {
                    "first_response_minutes": minutes.clone(),
                    "next_reply_minutes": minutes.clone(),
                    "resolution_minutes": minutes,
                },
            },
        },
    });
    vec![
        ("RoutingQueueRule", rule),
        (
            "RoutingRules",
            json!({
                "type": "object", "additionalProperties": false,
                "properties": {
                    "default": { "$ref": "#/components/schemas/RoutingQueueRule" },
                    "queues": {
                        "type": "object", "maxProperties": MAX_QUEUES,
                        "propertyNames": { "maxLength": MAX_QUEUE_NAME, "pattern": crate::rules::not_blank_pattern() },
                        "additionalProperties": { "$ref": "#/components/schemas/RoutingQueueRule" },
                    },
                },
            }),
        ),
    ]
}
