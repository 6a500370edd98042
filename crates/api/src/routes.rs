//! The one list of the API's routes. The router, the OpenAPI document and the authorization
//! tests are all built from [`ENDPOINTS`], so a route cannot be served undocumented or
//! unprotected: its scope is declared here, not inside the handler.

use axum::middleware::from_fn_with_state;
use axum::routing::{delete, get, patch, post, put, MethodRouter};
use axum::Router;
use serde_json::{json, Value};

use crate::rules;
use crate::scope::Scope;
use crate::{
    clients, complaints, events, forecast, kb, openapi, order_lookup, privacy, reports, routing,
    ticket_actions, tickets, translation, webhook_endpoints, ApiState,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::Post => "post",
            Verb::Put => "put",
            Verb::Patch => "patch",
            Verb::Delete => "delete",
        }
    }
}

/// A query parameter, for the document; its schema comes from [`crate::rules`], next to the
/// check the handler runs.
#[derive(Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub required: bool,
    pub schema: fn() -> Value,
    pub description: &'static str,
}

pub struct Endpoint {
    pub verb: Verb,
    /// Relative to `/api/v1`, in axum's and OpenAPI's shared `{param}` syntax.
    pub path: &'static str,
    /// `None`: public (only the OpenAPI document itself).
    pub scope: Option<Scope>,
    pub operation: &'static str,
    pub summary: &'static str,
    pub query: &'static [Param],
    /// Name of the request body's schema in the document's components.
    pub request: Option<&'static str>,
    /// Success status and the name of its schema (`None`: no body).
    pub response: (u16, Option<&'static str>),
    handler: fn() -> MethodRouter<ApiState>,
}

const STATUSES: &[&str] = &["new", "open", "waiting_on_client", "resolved", "closed"];
const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];
const DELIVERY_STATUSES: &[&str] = &["pending", "in_flight", "delivered", "dead"];

const fn optional(name: &'static str, schema: fn() -> Value, description: &'static str) -> Param {
    Param {
        name,
        required: false,
        schema,
        description,
    }
}

const TICKET_FILTERS: &[Param] = &[
    optional(
        "status",
        || rules::word_list_schema(STATUSES),
        "Comma-separated statuses: new, open, waiting_on_client, resolved, closed",
    ),
    optional("topic", rules::id_schema, "Topic id"),
    optional(
        "priority",
        || rules::word_schema(PRIORITIES),
        "low, normal, high or urgent",
    ),
    optional(
        "assignee",
        || json!({ "anyOf": [rules::id_schema(), rules::word_schema(&["none"])] }),
        "Agent id of the assignee, or `none` for unassigned tickets",
    ),
    optional(
        "language",
        rules::language_schema,
        "Ticket language: en, ru, zh, de",
    ),
    optional(
        "client",
        rules::telegram_user_id_schema,
        "The client's Telegram user id",
    ),
    optional(
        "q",
        || json!({ "type": "string" }),
        "Text to look for in subjects and messages (never in internal notes)",
    ),
    optional(
        "cursor",
        rules::cursor_schema,
        "`next_cursor` of the previous page",
    ),
    optional(
        "limit",
        rules::limit_schema,
        "Page size, 1 to 100 (default 50)",
    ),
];

const REPORT_PERIOD: &[Param] = &[
    Param {
        name: "from",
        required: true,
        schema: || rules::day_schema("First day, YYYY-MM-DD, in the desk's time zone"),
        description: "First day, YYYY-MM-DD, in the desk's time zone",
    },
    Param {
        name: "to",
        required: true,
        schema: || {
            rules::day_schema("Last day (included), not before `from`, at most 366 days after it")
        },
        description:
            "Last day (included), YYYY-MM-DD: not before `from`, at most 366 days after it",
    },
];

const COMPLAINT_FILTERS: &[Param] = &[
    REPORT_PERIOD[0],
    REPORT_PERIOD[1],
    optional(
        "category",
        || json!({ "type": "string", "pattern": "^[a-z0-9_]{1,32}$" }),
        "Only this category (a slug such as delivery)",
    ),
    optional(
        "severity",
        || rules::word_schema(&["low", "medium", "high", "critical"]),
        "Only this severity (the one in force): low, medium, high or critical",
    ),
];

const KB_FILTERS: &[Param] = &[
    optional(
        "language",
        rules::language_schema,
        "Articles in this language: en, ru, zh, de",
    ),
    optional("status", kb::status_schema, "draft or published"),
    optional("category", kb::category_schema, "Articles of this category"),
    optional(
        "q",
        || json!({ "type": "string" }),
        "Words to search for (titles and texts, drafts included), best matches first",
    ),
    optional(
        "limit",
        rules::limit_schema,
        "At most this many, 1 to 100 (default 50)",
    ),
];

const DELIVERY_FILTER: &[Param] = &[
    optional(
        "status",
        || rules::word_schema(DELIVERY_STATUSES),
        "pending, in_flight, delivered or dead",
    ),
    optional(
        "limit",
        rules::limit_schema,
        "At most this many, newest first, 1 to 100 (default 50)",
    ),
];

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        verb: Verb::Get,
        path: "/tickets",
        scope: Some(Scope::TicketsRead),
        operation: "listTickets",
        summary: "List tickets, newest first, filtered and paged",
        query: TICKET_FILTERS,
        request: None,
        response: (200, Some("TicketPage")),
        handler: || get(tickets::list),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/tickets",
        scope: Some(Scope::TicketsWrite),
        operation: "createTicket",
        summary: "Open a ticket on a client's behalf; its card reaches the agents' channel",
        query: &[],
        request: Some("NewTicket"),
        response: (201, Some("TicketDetail")),
        handler: || post(tickets::create),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/tickets/{number}",
        scope: Some(Scope::TicketsRead),
        operation: "getTicket",
        summary: "A ticket with its conversation (internal notes are never included)",
        query: &[],
        request: None,
        response: (200, Some("TicketDetail")),
        handler: || get(tickets::get_one),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/tickets/{number}/replies",
        scope: Some(Scope::TicketsWrite),
        operation: "replyToTicket",
        summary: "Send a reply to the client through the client bot",
        query: &[],
        request: Some("NewReply"),
        response: (201, Some("Message")),
        handler: || post(ticket_actions::reply),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/tickets/{number}/status",
        scope: Some(Scope::TicketsWrite),
        operation: "changeTicketStatus",
        summary: "Move a ticket to another status",
        query: &[],
        request: Some("StatusChangeRequest"),
        response: (200, Some("Ticket")),
        handler: || post(ticket_actions::change_status),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/clients/{telegram_user_id}",
        scope: Some(Scope::ClientsRead),
        operation: "getClient",
        summary: "A client with their platform attributes",
        query: &[],
        request: None,
        response: (200, Some("Client")),
        handler: || get(clients::get_one),
    },
    Endpoint {
        verb: Verb::Put,
        path: "/clients/{telegram_user_id}/attributes",
        scope: Some(Scope::ClientsWrite),
        operation: "putClientAttributes",
        summary: "Replace a client's platform attributes, registering the client if new",
        query: &[],
        request: Some("ClientAttributes"),
        response: (200, Some("Client")),
        handler: || put(clients::put_attributes),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/clients/{telegram_user_id}/export",
        scope: Some(Scope::ClientsExport),
        operation: "exportClient",
        summary: "Everything the desk holds about a client, as a zip: export.json (profile, tickets, \
                  conversations; never internal notes or agents' names) and the files under files/",
        query: &[],
        request: None,
        response: (200, Some(openapi::ZIP)),
        handler: || get(privacy::export),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/clients/{telegram_user_id}/erase",
        scope: Some(Scope::ClientsErase),
        operation: "eraseClient",
        summary: "Erase a client: name, Telegram id, attributes and every message's text and files removed, \
                  active tickets closed, statistics kept, the client told in their language; irreversible",
        query: &[],
        request: None,
        response: (200, Some("Erasure")),
        handler: || post(privacy::erase),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/reports",
        scope: Some(Scope::ReportsRead),
        operation: "getReport",
        summary: "The desk report for a period of local days",
        query: REPORT_PERIOD,
        request: None,
        response: (200, Some("Report")),
        handler: || get(reports::report),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/events",
        scope: Some(Scope::EventsWrite),
        operation: "reportEvent",
        summary: "A platform event for a client (a milestone not confirmed, a payment stuck, a late \
                  delivery, a dispute opened, or a type of the desk's own): the client bot writes to \
                  the client first, at most a few a day and never after they opted out; a risky \
                  event opens a ticket. The event's id makes a repeated report answer the same",
        query: &[],
        request: Some("NewEvent"),
        response: (201, Some("EventOutcome")),
        handler: || post(events::report),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/complaints",
        scope: Some(Scope::TicketsRead),
        operation: "listComplaints",
        summary: "The complaint register over local days of the desk: each complaint with its \
                  category, severity (in force and computed, with reasons), root cause, resolution, \
                  promise and compensation decisions; totals by category and severity, approved \
                  compensation per kind",
        query: COMPLAINT_FILTERS,
        request: None,
        response: (200, Some("ComplaintList")),
        handler: || get(complaints::list),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/tickets/{number}/complaint",
        scope: Some(Scope::TicketsRead),
        operation: "getTicketComplaint",
        summary: "The ticket's entry in the complaint register (404 when it is not a complaint)",
        query: &[],
        request: None,
        response: (200, Some("Complaint")),
        handler: || get(complaints::get_one),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/reports/complaints",
        scope: Some(Scope::ReportsRead),
        operation: "getComplaintTrend",
        summary: "Complaints registered per category and local day of the desk, each category's \
                  total and its last 7 days against the 7 before",
        query: REPORT_PERIOD,
        request: None,
        response: (200, Some("ComplaintTrend")),
        handler: || get(complaints::trend),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/reports/forecast",
        scope: Some(Scope::ReportsRead),
        operation: "getForecast",
        summary: "Tickets expected per hour of the next 14 local days (with an 80 % band), agents needed \
                  to meet the first-reply target, the back-test's errors and the assumptions",
        query: &[],
        request: None,
        response: (200, Some("Forecast")),
        handler: || get(forecast::forecast),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/reports/self-service",
        scope: Some(Scope::ReportsRead),
        operation: "getSelfServiceReport",
        summary: "Requests answered without an agent over local days of the desk (suggested articles \
                  that helped, flows' knowledge steps), the self-service rate against tickets opened, \
                  per article and per flow step (entered, completed, abandoned)",
        query: REPORT_PERIOD,
        request: None,
        response: (200, Some("SelfServiceReport")),
        handler: || get(reports::self_service),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/reports/kb-deflections",
        scope: Some(Scope::ReportsRead),
        operation: "getKbDeflections",
        summary: "Per knowledge-base article, how often clients said its suggestion answered their \
                  question (helped) or not, over local days of the desk",
        query: REPORT_PERIOD,
        request: None,
        response: (200, Some("KbDeflections")),
        handler: || get(kb::deflections),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/kb/articles",
        scope: Some(Scope::KbRead),
        operation: "listKbArticles",
        summary: "Knowledge-base articles, drafts included: by category and title, or best matches first with `q`",
        query: KB_FILTERS,
        request: None,
        response: (200, Some("KbArticleList")),
        handler: || get(kb::list),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/kb/articles",
        scope: Some(Scope::KbWrite),
        operation: "createKbArticle",
        summary: "Write an article (revision 1); a slug already used in that language is a conflict",
        query: &[],
        request: Some("NewKbArticle"),
        response: (201, Some("KbArticle")),
        handler: || post(kb::create),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/kb/articles/{id}",
        scope: Some(Scope::KbRead),
        operation: "getKbArticle",
        summary: "One article at its latest revision",
        query: &[],
        request: None,
        response: (200, Some("KbArticle")),
        handler: || get(kb::get_one),
    },
    Endpoint {
        verb: Verb::Put,
        path: "/kb/articles/{id}",
        scope: Some(Scope::KbWrite),
        operation: "updateKbArticle",
        summary: "Save a new revision over the one the edit started from (`revision`); a conflict when \
                  someone saved in between. Fields left out keep their value",
        query: &[],
        request: Some("KbArticleChange"),
        response: (200, Some("KbArticle")),
        handler: || put(kb::update),
    },
    Endpoint {
        verb: Verb::Delete,
        path: "/kb/articles/{id}",
        scope: Some(Scope::KbWrite),
        operation: "deleteKbArticle",
        summary: "Delete an article with its history",
        query: &[],
        request: None,
        response: (204, None),
        handler: || delete(kb::remove),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/kb/articles/{id}/revisions",
        scope: Some(Scope::KbRead),
        operation: "listKbArticleRevisions",
        summary: "Every saved text of an article, newest first",
        query: &[],
        request: None,
        response: (200, Some("KbRevisionList")),
        handler: || get(kb::revisions),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/kb/articles/{id}/restore",
        scope: Some(Scope::KbWrite),
        operation: "restoreKbArticle",
        summary: "Roll back: an earlier revision's text saved again as the newest revision",
        query: &[],
        request: Some("KbRestore"),
        response: (200, Some("KbArticle")),
        handler: || post(kb::restore),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/webhooks",
        scope: Some(Scope::WebhooksManage),
        operation: "listWebhooks",
        summary: "The desk's webhook endpoints",
        query: &[],
        request: None,
        response: (200, Some("WebhookList")),
        handler: || get(webhook_endpoints::list),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/webhooks",
        scope: Some(Scope::WebhooksManage),
        operation: "createWebhook",
        summary: "Register an endpoint; the answer shows its signing secret, once",
        query: &[],
        request: Some("NewWebhook"),
        response: (201, Some("CreatedWebhook")),
        handler: || post(webhook_endpoints::create),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/webhooks/{id}",
        scope: Some(Scope::WebhooksManage),
        operation: "getWebhook",
        summary: "One webhook endpoint",
        query: &[],
        request: None,
        response: (200, Some("Webhook")),
        handler: || get(webhook_endpoints::get_one),
    },
    Endpoint {
        verb: Verb::Patch,
        path: "/webhooks/{id}",
        scope: Some(Scope::WebhooksManage),
        operation: "updateWebhook",
        summary: "Change an endpoint's URL, events, secret or active flag",
        query: &[],
        request: Some("WebhookChange"),
        response: (200, Some("Webhook")),
        handler: || patch(webhook_endpoints::update),
    },
    Endpoint {
        verb: Verb::Delete,
        path: "/webhooks/{id}",
        scope: Some(Scope::WebhooksManage),
        operation: "deleteWebhook",
        summary: "Remove an endpoint and its deliveries",
        query: &[],
        request: None,
        response: (204, None),
        handler: || delete(webhook_endpoints::remove),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/webhooks/{id}/deliveries",
        scope: Some(Scope::WebhooksManage),
        operation: "listWebhookDeliveries",
        summary: "An endpoint's deliveries, newest first (dead ones show their last error)",
        query: DELIVERY_FILTER,
        request: None,
        response: (200, Some("DeliveryList")),
        handler: || get(webhook_endpoints::deliveries),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/platform/order-lookup",
        scope: Some(Scope::PlatformManage),
        operation: "getOrderLookup",
        summary: "The desk's order lookup on its platform (never its secret); not found when none is configured",
        query: &[],
        request: None,
        response: (200, Some("OrderLookup")),
        handler: || get(order_lookup::get_one),
    },
    Endpoint {
        verb: Verb::Put,
        path: "/platform/order-lookup",
        scope: Some(Scope::PlatformManage),
        operation: "putOrderLookup",
        summary: "Configure (or replace) the order lookup, secret included; checked before it is saved \
                  (docs/platform.md), audit-logged",
        query: &[],
        request: Some("OrderLookupChange"),
        response: (200, Some("OrderLookup")),
        handler: || put(order_lookup::put),
    },
    Endpoint {
        verb: Verb::Delete,
        path: "/platform/order-lookup",
        scope: Some(Scope::PlatformManage),
        operation: "deleteOrderLookup",
        summary: "Remove the order lookup: the client bot's lookups take their flow's `failed` branch again",
        query: &[],
        request: None,
        response: (204, None),
        handler: || delete(order_lookup::remove),
    },
    Endpoint {
        verb: Verb::Post,
        path: "/platform/order-lookup/test",
        scope: Some(Scope::PlatformManage),
        operation: "testOrderLookup",
        summary: "Ask the platform about an order with the configured lookup, as the client bot would; \
                  nothing is stored",
        query: &[],
        request: Some("OrderLookupTest"),
        response: (200, Some("OrderLookupTestResult")),
        handler: || post(order_lookup::test),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/settings/routing",
        scope: Some(Scope::SettingsManage),
        operation: "getRoutingRules",
        summary: "Who gets new tickets: the rule for tickets without a queue and one per queue \
                  (docs/routing.md)",
        query: &[],
        request: None,
        response: (200, Some("RoutingRules")),
        handler: || get(routing::get_rules),
    },
    Endpoint {
        verb: Verb::Put,
        path: "/settings/routing",
        scope: Some(Scope::SettingsManage),
        operation: "putRoutingRules",
        summary: "Replace the routing rules (as Admin → Routing does); each lead an active agent; \
                  audit-logged, in force on every instance within a round",
        query: &[],
        request: Some("RoutingRules"),
        response: (200, Some("RoutingRules")),
        handler: || put(routing::put_rules),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/settings/translation",
        scope: Some(Scope::SettingsManage),
        operation: "getTranslationSettings",
        summary: "The desk's machine translation: the service, modes per client language, daily limit, \
                  glossary, and whether a key is stored (never the key); not found when none is configured \
                  (docs/translation.md)",
        query: &[],
        request: None,
        response: (200, Some("TranslationSettings")),
        handler: || get(translation::get_one),
    },
    Endpoint {
        verb: Verb::Put,
        path: "/settings/translation",
        scope: Some(Scope::SettingsManage),
        operation: "putTranslationSettings",
        summary: "Replace the translation settings (as Admin → Translation does); the key is kept, set or \
                  removed; checked before it is saved, audit-logged, in force on every instance within a round",
        query: &[],
        request: Some("TranslationSettingsChange"),
        response: (200, Some("TranslationSettings")),
        handler: || put(translation::put),
    },
    Endpoint {
        verb: Verb::Delete,
        path: "/settings/translation",
        scope: Some(Scope::SettingsManage),
        operation: "deleteTranslationSettings",
        summary: "Stop translating: the settings and the key removed (as Admin → Translation's Remove), \
                  audit-logged",
        query: &[],
        request: None,
        response: (204, None),
        handler: || delete(translation::remove),
    },
    Endpoint {
        verb: Verb::Get,
        path: "/openapi.json",
        scope: None,
        operation: "getOpenApi",
        summary: "This document",
        query: &[],
        request: None,
        response: (200, None),
        handler: || get(openapi::serve),
    },
];

pub(crate) fn build(state: ApiState) -> Router {
    let mut router = Router::new();
    for endpoint in ENDPOINTS {
        let mut route = (endpoint.handler)();
        if endpoint.verb == Verb::Post {
            route = route.route_layer(from_fn_with_state(
                state.clone(),
                crate::idempotency::replay_or_record,
            ));
        }
        if let Some(scope) = endpoint.scope {
            // Layers run outside-in in reverse order of adding: authorization comes first.
            route = route.route_layer(from_fn_with_state(
                (state.clone(), scope),
                crate::auth::authorize,
            ));
        }
        router = router.route(endpoint.path, route);
    }
    router.with_state(state)
}
