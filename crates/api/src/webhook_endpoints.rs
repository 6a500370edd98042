//! Managing webhook endpoints and looking at their deliveries.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use ticketgram_domain::Timestamp;
use ticketgram_outbound::DestinationError;
use ticketgram_store::{
    DeliveryStatus, NewWebhookEndpoint, WebhookDelivery, WebhookEndpoint, WebhookEndpointChange,
};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::webhooks::events::EVENT_TYPES;
use crate::webhooks::standard;
use crate::ApiState;

/// An endpoint as listed: never its secret.
#[derive(Debug, Serialize)]
pub(crate) struct WebhookView {
    id: i64,
    url: String,
    /// Empty: every event.
    events: Vec<String>,
    active: bool,
    created_at: Timestamp,
}

impl WebhookView {
    fn new(endpoint: &WebhookEndpoint) -> WebhookView {
        WebhookView {
            id: endpoint.id,
            url: endpoint.url.clone(),
            events: endpoint.events.clone(),
            active: endpoint.active,
            created_at: endpoint.created_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct CreatedWebhook {
    #[serde(flatten)]
    endpoint: WebhookView,
    /// Shown once: verify `webhook-signature` with it.
    secret: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct WebhookList {
    webhooks: Vec<WebhookView>,
}

/// An http(s) URL whose host is allowed now (each delivery checks again, on the address the
/// name resolves to then).
async fn valid_url(state: &ApiState, raw: &str) -> Result<String, ApiError> {
    crate::rules::webhook_url_shape(raw)?;
    let url = url::Url::parse(raw).map_err(|e| ApiError::Invalid(format!("url: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::Invalid("url must be http or https".into()));
    }
    state
        .destinations
        .check_url(&url)
        .await
        .map_err(|refused| {
            let hint = match refused {
                DestinationError::Refused { .. } => {
                    " (an operator can allow a network with webhooks.allow_private_networks)"
                }
                _ => "",
            };
            ApiError::Invalid(format!("url: {refused}{hint}"))
        })?;
    Ok(url.to_string())
}

fn valid_events(events: Vec<String>) -> Result<Vec<String>, ApiError> {
    if let Some(unknown) = events.iter().find(|e| !EVENT_TYPES.contains(&e.as_str())) {
        return Err(ApiError::Invalid(format!(
            "unknown event {unknown:?} (expected {})",
            EVENT_TYPES.join(", ")
        )));
    }
    Ok(events)
}

fn valid_secret(secret: String) -> Result<String, ApiError> {
    standard::check_secret(&secret).map_err(ApiError::Invalid)?;
    Ok(secret)
}

/// The secret as the store keeps it: sealed with the instance's key. Without a key (an API
/// set up without one) nothing is stored rather than a plain secret.
fn sealed(caller: &Caller, secret: &str) -> Result<String, ApiError> {
    let key =
        caller.desk.token_key.as_ref().ok_or_else(|| {
            ApiError::Internal("no secret key to seal webhook secrets with".into())
        })?;
    Ok(ticketgram_store::seal_webhook_secret(key, secret))
}

pub(crate) async fn list(
    Extension(caller): Extension<Caller>,
) -> Result<Json<WebhookList>, ApiError> {
    let endpoints = caller.desk.store.webhook_endpoints(caller.ws()).await?;
    Ok(Json(WebhookList {
        webhooks: endpoints.iter().map(WebhookView::new).collect(),
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewWebhook {
    url: String,
    #[serde(default)]
    events: Vec<String>,
    /// Generated when absent.
    secret: Option<String>,
}

pub(crate) async fn create(
    State(state): State<ApiState>,
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<NewWebhook>,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    let secret = match request.secret {
        Some(secret) => valid_secret(secret)?,
        None => standard::generate_secret(),
    };
    let new = NewWebhookEndpoint {
        url: valid_url(&state, &request.url).await?,
        secret: sealed(&caller, &secret)?,
        events: valid_events(request.events)?,
        created_at: chrono::Utc::now(),
    };
    let endpoint = caller
        .desk
        .store
        .write(async |tx| tx.create_webhook_endpoint(caller.ws(), &new).await)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedWebhook {
            endpoint: WebhookView::new(&endpoint),
            secret,
        }),
    ))
}

async fn endpoint(caller: &Caller, id: i64) -> Result<WebhookEndpoint, ApiError> {
    match caller.desk.store.webhook_endpoint(caller.ws(), id).await {
        Err(ticketgram_store::StoreError::NotFound) => {
            Err(ApiError::not_found(format!("no webhook {id}")))
        }
        other => Ok(other?),
    }
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WebhookView>, ApiError> {
    Ok(Json(WebhookView::new(&endpoint(&caller, id).await?)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WebhookChange {
    url: Option<String>,
    events: Option<Vec<String>>,
    secret: Option<String>,
    active: Option<bool>,
}

pub(crate) async fn update(
    State(state): State<ApiState>,
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<WebhookChange>,
) -> Result<Json<WebhookView>, ApiError> {
    endpoint(&caller, id).await?;
    let url = match request.url.as_deref() {
        Some(raw) => Some(valid_url(&state, raw).await?),
        None => None,
    };
    let secret = match request.secret {
        Some(secret) => Some(sealed(&caller, &valid_secret(secret)?)?),
        None => None,
    };
    let change = WebhookEndpointChange {
        url,
        secret,
        events: request.events.map(valid_events).transpose()?,
        active: request.active,
    };
    let changed = caller
        .desk
        .store
        .write(async |tx| tx.change_webhook_endpoint(caller.ws(), id, &change).await)
        .await?;
    Ok(Json(WebhookView::new(&changed)))
}

pub(crate) async fn remove(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    endpoint(&caller, id).await?;
    caller
        .desk
        .store
        .write(async |tx| tx.delete_webhook_endpoint(caller.ws(), id).await)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeliveryQuery {
    status: Option<String>,
    limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DeliveryView {
    id: i64,
    event_id: String,
    event_type: String,
    status: &'static str,
    attempts: i64,
    next_attempt_at: Timestamp,
    last_error: Option<String>,
    created_at: Timestamp,
    delivered_at: Option<Timestamp>,
}

impl DeliveryView {
    fn new(d: &WebhookDelivery) -> DeliveryView {
        DeliveryView {
            id: d.id,
            event_id: d.event_id.clone(),
            event_type: d.event_type.clone(),
            status: d.status.as_str(),
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            last_error: d.last_error.clone(),
            created_at: d.created_at,
            delivered_at: d.delivered_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct DeliveryList {
    deliveries: Vec<DeliveryView>,
}

pub(crate) async fn deliveries(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DeliveryQuery>,
) -> Result<Json<DeliveryList>, ApiError> {
    endpoint(&caller, id).await?;
    let status = query
        .status
        .as_deref()
        .map(|s| {
            DeliveryStatus::parse(s)
                .ok_or_else(|| ApiError::Invalid(format!("unknown delivery status {s:?}")))
        })
        .transpose()?;
    let limit = crate::rules::page_size(query.limit)?;
    let found = caller
        .desk
        .store
        .webhook_deliveries(caller.ws(), id, status, limit)
        .await?;
    Ok(Json(DeliveryList {
        deliveries: found.iter().map(DeliveryView::new).collect(),
    }))
}
