//! Bearer-token authentication and the per-route scope check, as one middleware.

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use ticketgram_domain::{Actor, AgentId, WorkspaceId};
use ticketgram_relay::order_lookup::SavedBy;
use ticketgram_relay::Desk;
use ticketgram_store::ApiToken;

use crate::error::ApiError;
use crate::scope::Scope;
use crate::ApiState;

/// `last_used_at` is precise to this; more would write on every request.
const LAST_USED_GRANULARITY: Duration = Duration::from_secs(60);

/// Who is calling: the token, what it may do, and its desk.
#[derive(Clone)]
pub struct Caller {
    pub token: ApiToken,
    pub scopes: Vec<Scope>,
    pub desk: Desk,
    /// The request's Idempotency-Key, set by that middleware: the origin of the outbox jobs
    /// the request queues, so a retried request queues nothing twice.
    pub idempotency_key: Option<String>,
}

impl Caller {
    pub fn ws(&self) -> WorkspaceId {
        self.token.workspace
    }

    /// Opens the request as one input (one transaction). Its jobs are keyed by the token and
    /// the Idempotency-Key; a request without one can only be told apart by a fresh id.
    pub async fn input(&self) -> Result<ticketgram_relay::Input, ApiError> {
        let key = match &self.idempotency_key {
            Some(key) => key.clone(),
            None => uuid::Uuid::new_v4().simple().to_string(),
        };
        let origin = format!("api:{}:{key}", self.token.id);
        Ok(ticketgram_relay::Input::open(&self.desk, origin, chrono::Utc::now()).await?)
    }

    /// The agent whose name the token acts in: its creator, when one was recorded.
    pub fn agent(&self) -> Option<AgentId> {
        self.token.created_by
    }

    /// Who the ticket history names for changes made with this token.
    pub fn actor(&self) -> Actor {
        match self.agent() {
            Some(agent) => Actor::Agent(agent),
            None => Actor::System,
        }
    }

    /// Who saves a setting with this token, for its audit row.
    pub fn saved_by(&self) -> SavedBy {
        SavedBy {
            actor: self.actor(),
            via: "api",
        }
    }
}

pub(crate) async fn authorize(
    State((state, scope)): State<(ApiState, Scope)>,
    mut request: Request,
    next: Next,
) -> Response {
    match authenticate(&state, request.headers(), scope).await {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

async fn authenticate(
    state: &ApiState,
    headers: &HeaderMap,
    scope: Scope,
) -> Result<Caller, ApiError> {
    let raw = bearer(headers).ok_or(ApiError::Unauthenticated(
        "send the token as `Authorization: Bearer tg_…`",
    ))?;
    let token = state
        .store
        .find_api_token_by_hash(&crate::token::hash(raw))
        .await?
        .ok_or(ApiError::Unauthenticated("unknown token"))?;
    if token.is_revoked() {
        return Err(ApiError::Unauthenticated("this token was revoked"));
    }
    // A token of a desk this instance does not serve is as good as unknown here.
    let desk = state
        .desk(token.workspace)
        .ok_or(ApiError::Unauthenticated("unknown token"))?;
    holder_may_still_act(state, &token).await?;
    let scopes = Scope::parse_all(&token.scopes);
    if !scopes.contains(&scope) {
        return Err(ApiError::MissingScope(scope));
    }
    let now = chrono::Utc::now();
    let recently = token.last_used_at.is_some_and(|at| {
        now.signed_duration_since(at)
            .to_std()
            .is_ok_and(|age| age < LAST_USED_GRANULARITY)
    });
    // Most requests skip the write entirely; the store re-checks, so racing requests write once.
    if !recently {
        state
            .store
            .touch_api_token(token.workspace, token.id, now, LAST_USED_GRANULARITY)
            .await?;
    }
    Ok(Caller {
        token,
        scopes,
        desk,
        idempotency_key: None,
    })
}

/// A token made for an agent is that agent's credential: it works only while the agent is
/// active and still an admin or owner (the role `api-token create --agent` requires, whatever
/// the scopes). Checked on every request, so deactivating or demoting the agent stops the
/// token at once, from any instance; reactivating or promoting them again brings it back
/// (revoke it to end it for good).
async fn holder_may_still_act(state: &ApiState, token: &ApiToken) -> Result<(), ApiError> {
    let Some(agent) = token.created_by else {
        return Ok(());
    };
    let agent = match state.store.get_agent(token.workspace, agent).await {
        Err(ticketgram_store::StoreError::NotFound) => {
            return Err(ApiError::Unauthenticated(
                "the agent this token acts for no longer exists",
            ))
        }
        other => other?,
    };
    if !agent.active {
        return Err(ApiError::Unauthenticated(
            "the agent this token acts for was deactivated",
        ));
    }
    if !agent.role.can_configure() {
        return Err(ApiError::Unauthenticated(
            "the agent this token acts for is no longer an admin",
        ));
    }
    Ok(())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_bearer_header_carries_a_token() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(AUTHORIZATION, value.parse().unwrap());
            bearer(&headers).map(str::to_owned)
        };
        assert_eq!(with("Bearer tg_abc").as_deref(), Some("tg_abc"));
        assert_eq!(with("bearer  tg_abc ").as_deref(), Some("tg_abc"));
        assert_eq!(with("Basic dXNlcg=="), None);
        assert_eq!(with("Bearer "), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }
}
