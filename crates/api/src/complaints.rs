//! `GET /complaints` and `GET /tickets/{number}/complaint`: the complaint register
//! (docs/complaints.md) for the platform's own dashboards — each complaint with its category,
//! the severity in force and the computed one with its reasons, root cause, resolution, the
//! promise made, and its compensation decisions; the period's totals by category and severity.

use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use ticketgram_domain::complaint::{Compensation, ComplaintCategory, Severity};
use ticketgram_domain::{ReportPeriod, Timestamp};
use ticketgram_store::{ComplaintFilter, RegisteredComplaint};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery};
use crate::reports::PeriodQuery;

/// Complaints listed at most (newest first): the totals still count every one.
const LISTED: usize = 500;

#[derive(Debug, Deserialize)]
pub(crate) struct ComplaintQuery {
    from: String,
    to: String,
    category: Option<String>,
    severity: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct CompensationView {
    id: i64,
    kind: &'static str,
    amount: String,
    amount_minor: i64,
    note: String,
    status: &'static str,
    proposed_by: i64,
    proposed_at: Timestamp,
    decided_by: Option<i64>,
    decided_at: Option<Timestamp>,
}

impl From<&Compensation> for CompensationView {
    fn from(c: &Compensation) -> Self {
        CompensationView {
            id: c.id,
            kind: c.kind.as_str(),
            amount: c.amount.to_string(),
            amount_minor: c.amount.minor(),
            note: c.note.clone(),
            status: c.status.as_str(),
            proposed_by: c.proposed_by.0,
            proposed_at: c.proposed_at,
            decided_by: c.decided_by.map(|a| a.0),
            decided_at: c.decided_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct ComplaintView {
    ticket: i64,
    category: String,
    severity: &'static str,
    computed_severity: &'static str,
    points: u8,
    reasons: Vec<String>,
    adjusted_reason: Option<String>,
    public: bool,
    root_cause: Option<String>,
    resolution: Option<String>,
    acknowledged_at: Option<Timestamp>,
    promised_by: Option<Timestamp>,
    registered_at: Timestamp,
    currency: String,
    compensations: Vec<CompensationView>,
}

fn view(r: &RegisteredComplaint, compensations: &[Compensation], currency: &str) -> ComplaintView {
    let c = &r.complaint;
    ComplaintView {
        ticket: r.number.0,
        category: c.category.to_string(),
        severity: c.severity().as_str(),
        computed_severity: c.assessed.severity.as_str(),
        points: c.assessed.points,
        reasons: c.assessed.reasons.clone(),
        adjusted_reason: c.adjusted.as_ref().map(|(_, reason)| reason.clone()),
        public: c.public,
        root_cause: c.root_cause.clone(),
        resolution: c.resolution.clone(),
        acknowledged_at: c.acknowledged_at,
        promised_by: c.promised_by,
        registered_at: c.registered_at,
        currency: currency.to_string(),
        compensations: compensations.iter().map(CompensationView::from).collect(),
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct ComplaintList {
    from: String,
    to: String,
    total: usize,
    by_category: BTreeMap<String, u64>,
    by_severity: BTreeMap<&'static str, u64>,
    /// Approved compensation per kind, in minor units of `currency`.
    approved_minor: BTreeMap<&'static str, i64>,
    pending_compensations: u64,
    currency: String,
    complaints: Vec<ComplaintView>,
}

pub(crate) async fn list(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<ComplaintQuery>,
) -> Result<Json<ComplaintList>, ApiError> {
    let period = PeriodQuery {
        from: query.from,
        to: query.to,
    };
    let (first, last) = period.days()?;
    let category = match query.category.as_deref() {
        Some(slug) => Some(
            ComplaintCategory::parse(slug)
                .filter(|c| c.as_str() == slug)
                .ok_or_else(|| ApiError::Invalid("category: a slug like delivery".into()))?,
        ),
        None => None,
    };
    let severity = match query.severity.as_deref() {
        Some(s) => Some(
            Severity::parse(s)
                .filter(|v| v.as_str() == s)
                .ok_or_else(|| {
                    ApiError::Invalid("severity: low, medium, high or critical".into())
                })?,
        ),
        None => None,
    };
    let desk = caller.desk.current().await?;
    let period = ReportPeriod::local_days(&desk.config.hours, first, last);
    let filter = ComplaintFilter {
        from: Some(period.start),
        to: Some(period.end),
        category,
        severity,
        limit: i64::MAX,
    };
    let register = ticketgram_relay::reporting::complaint_register(&desk, &filter).await?;
    let currency = ticketgram_relay::actions::complaint::settings(&desk).currency;
    let mut by_severity: BTreeMap<&'static str, u64> =
        Severity::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for (severity, count) in &register.by_severity {
        by_severity.insert(severity.as_str(), *count);
    }
    let no_decisions = Vec::new();
    let complaints = register
        .complaints
        .iter()
        .take(LISTED)
        .map(|r| {
            let decisions = register
                .compensations
                .get(&r.complaint.ticket)
                .unwrap_or(&no_decisions);
            view(r, decisions, &currency)
        })
        .collect();
    let list = ComplaintList {
        from: first.to_string(),
        to: last.to_string(),
        total: register.complaints.len(),
        by_category: register.by_category,
        by_severity,
        approved_minor: register.approved_minor,
        pending_compensations: register.pending,
        currency,
        complaints,
    };
    Ok(Json(list))
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
    ApiPath(number): ApiPath<i64>,
) -> Result<Json<ComplaintView>, ApiError> {
    let ticket = crate::tickets::ticket_by_number(&caller, number).await?;
    let desk = caller.desk.current().await?;
    let registered = desk
        .store
        .complaint(caller.ws(), ticket.id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("ticket {number} is not a complaint")))?;
    let compensations = desk.store.compensations(caller.ws(), ticket.id).await?;
    let currency = ticketgram_relay::actions::complaint::settings(&desk).currency;
    Ok(Json(view(&registered, &compensations, &currency)))
}

/// `GET /reports/complaints`: complaints registered per category and local day, with each
/// category's total and its last 7 days against the 7 before.
#[derive(Debug, Serialize)]
pub(crate) struct ComplaintTrendView {
    from: String,
    to: String,
    categories: Vec<String>,
    totals: Vec<u64>,
    week_over_week: Vec<Option<f64>>,
    days: Vec<ticketgram_domain::complaint::ComplaintDay>,
}

pub(crate) async fn trend(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> Result<Json<ComplaintTrendView>, ApiError> {
    let (first, last) = query.days()?;
    let desk = caller.desk.current().await?;
    let period = ReportPeriod::local_days(&desk.config.hours, first, last);
    let trend = ticketgram_relay::reporting::complaint_trend(&desk, &period).await?;
    Ok(Json(ComplaintTrendView {
        from: first.to_string(),
        to: last.to_string(),
        totals: trend.totals(),
        week_over_week: trend.week_over_week(),
        categories: trend.categories,
        days: trend.days,
    }))
}

/// The document's schemas of these views.
pub(crate) fn schemas() -> Vec<(&'static str, Value)> {
    let time = json!({ "type": "string", "format": "date-time" });
    let nullable_time = json!({ "type": ["string", "null"], "format": "date-time" });
    let nullable_text = json!({ "type": ["string", "null"] });
    let severities = json!({ "type": "string", "enum": ["low", "medium", "high", "critical"] });
    let compensation = json!({
        "type": "object",
        "required": ["id", "kind", "amount", "amount_minor", "note", "status", "proposed_by", "proposed_at", "decided_by", "decided_at"],
        "properties": {
            "id": { "type": "integer" },
            "kind": { "type": "string", "enum": ["refund", "coupon", "replacement", "goodwill"] },
            "amount": { "type": "string", "description": "In the desk's currency, two decimals (120.00)" },
            "amount_minor": { "type": "integer", "description": "The same in minor units (12000)" },
            "note": { "type": "string" },
            "status": { "type": "string", "enum": ["pending", "approved", "rejected"],
                "description": "pending: above its author's approval limit, waiting for an approver" },
            "proposed_by": { "type": "integer", "description": "Agent id" },
            "proposed_at": time,
            "decided_by": { "type": ["integer", "null"] },
            "decided_at": nullable_time,
        },
    });
    let complaint = json!({
        "type": "object",
        "required": ["ticket", "category", "severity", "computed_severity", "points", "reasons", "adjusted_reason", "public", "root_cause", "resolution", "acknowledged_at", "promised_by", "registered_at", "currency", "compensations"],
        "properties": {
            "ticket": { "type": "integer", "description": "The ticket's number" },
            "category": { "type": "string", "description": "One of the desk's categories (product_quality, delivery, payment, service_attitude, account, other by default)" },
            "severity": severities.clone(),
            "computed_severity": severities,
            "points": { "type": "integer", "description": "What the computed severity added up" },
            "reasons": { "type": "array", "items": { "type": "string", "enum": ["upset", "angry", "threat", "high_value", "high_reputation", "repeat", "public"] } },
            "adjusted_reason": nullable_text.clone(),
            "public": { "type": "boolean" },
            "root_cause": nullable_text.clone(),
            "resolution": nullable_text,
            "acknowledged_at": nullable_time.clone(),
            "promised_by": nullable_time,
            "registered_at": time,
            "currency": { "type": "string", "description": "ISO 4217 code of the amounts" },
            "compensations": { "type": "array", "items": compensation },
        },
    });
    let list = json!({
        "type": "object",
        "required": ["from", "to", "total", "by_category", "by_severity", "approved_minor", "pending_compensations", "currency", "complaints"],
        "properties": {
            "from": { "type": "string", "format": "date" },
            "to": { "type": "string", "format": "date" },
            "total": { "type": "integer" },
            "by_category": { "type": "object", "additionalProperties": { "type": "integer" } },
            "by_severity": { "type": "object", "additionalProperties": { "type": "integer" } },
            "approved_minor": { "type": "object", "additionalProperties": { "type": "integer" },
                "description": "Approved compensation per kind, in minor units" },
            "pending_compensations": { "type": "integer" },
            "currency": { "type": "string" },
            "complaints": { "type": "array", "items": { "$ref": "#/components/schemas/Complaint" },
                "description": "Newest first, at most 500 (the totals count every one)" },
        },
    });
    let trend = json!({
        "type": "object",
        "required": ["from", "to", "categories", "totals", "week_over_week", "days"],
        "properties": {
            "from": { "type": "string", "format": "date" },
            "to": { "type": "string", "format": "date" },
            "categories": { "type": "array", "items": { "type": "string" },
                "description": "Category slugs, the most complained-about first" },
            "totals": { "type": "array", "items": { "type": "integer" },
                "description": "Per category, in the order of `categories`" },
            "week_over_week": { "type": "array", "items": { "type": ["number", "null"] },
                "description": "Per category: the period's last 7 days ÷ the 7 before (null when those had none or the period is shorter than 14 days)" },
            "days": { "type": "array", "items": {
                "type": "object", "required": ["date", "counts"],
                "properties": {
                    "date": { "type": "string", "format": "date" },
                    "counts": { "type": "array", "items": { "type": "integer" } },
                },
            }, "description": "Every local day of the period, quiet days included" },
        },
    });
    vec![
        ("Complaint", complaint),
        ("ComplaintList", list),
        ("ComplaintTrend", trend),
    ]
}
