//! `ticketgram api-token …`: REST API tokens, made by an admin from the command line. The raw
//! token is printed once, by `create`; the database only keeps its hash.

use ticketgram_api::{token, Scope};
use ticketgram_domain::{AgentRole, WorkspaceId};
use ticketgram_store::{ApiToken, NewApiToken, Store, StoreError};

use crate::app::{self, RunError};
use crate::cli::{ApiTokenCommand, ApiTokenCreateArgs};
use crate::settings::Settings;
use crate::workspace::ensure_workspace;

#[derive(Debug, thiserror::Error)]
pub enum ApiTokenError {
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(
        "no agent with Telegram id {0} in this workspace (add them with `ticketgram agent add`)"
    )]
    NoSuchAgent(i64),
    #[error("agent {0} is not an admin: only admins and owners create API tokens")]
    NotAdmin(i64),
    #[error("no API token {0} in this workspace (see `ticketgram api-token list`)")]
    NoSuchToken(i64),
    #[error("cannot {action}")]
    Store {
        action: &'static str,
        #[source]
        source: StoreError,
    },
}

fn store_error(action: &'static str) -> impl FnOnce(StoreError) -> ApiTokenError {
    move |source| ApiTokenError::Store { action, source }
}

/// Runs an `api-token` command; returns what to print.
pub async fn api_token(
    settings: &Settings,
    command: ApiTokenCommand,
) -> Result<String, ApiTokenError> {
    let store = app::migrate(&settings.database).await?;
    let slug = settings.instance.workspace.clone();
    let ws = ensure_workspace(&store, &slug)
        .await
        .map_err(|source| RunError::Workspace { slug, source })?
        .id;
    let result = match command {
        ApiTokenCommand::Create(args) => create(&store, ws, args).await,
        ApiTokenCommand::List => list(&store, ws).await,
        ApiTokenCommand::Revoke { id } => revoke(&store, ws, id).await,
    };
    store.close().await;
    result
}

async fn create(
    store: &Store,
    ws: WorkspaceId,
    args: ApiTokenCreateArgs,
) -> Result<String, ApiTokenError> {
    let created_by = match args.agent {
        Some(telegram_id) => {
            let agent = store
                .find_agent_by_telegram_id(ws, telegram_id)
                .await
                .map_err(store_error("look the agent up"))?
                .ok_or(ApiTokenError::NoSuchAgent(telegram_id))?;
            if !matches!(agent.role, AgentRole::Admin | AgentRole::Owner) {
                return Err(ApiTokenError::NotAdmin(telegram_id));
            }
            Some(agent.id)
        }
        None => None,
    };
    let minted = token::mint();
    let new = NewApiToken {
        name: args.name,
        prefix: minted.prefix,
        token_hash: minted.hash,
        scopes: args.scopes.iter().map(|s| s.as_str().to_string()).collect(),
        created_by,
        created_at: chrono::Utc::now(),
    };
    let stored = store
        .write(async |tx| tx.create_api_token(ws, &new).await)
        .await
        .map_err(store_error("save the token"))?;
    Ok(format!(
        "created\t{}\n{}\n# Shown once: store it now; only its hash is kept.\n",
        token_line(&stored),
        minted.raw
    ))
}

async fn list(store: &Store, ws: WorkspaceId) -> Result<String, ApiTokenError> {
    let tokens = store
        .api_tokens(ws)
        .await
        .map_err(store_error("list the tokens"))?;
    Ok(tokens.iter().map(|t| token_line(t) + "\n").collect())
}

async fn revoke(store: &Store, ws: WorkspaceId, id: i64) -> Result<String, ApiTokenError> {
    match store
        .write(async |tx| tx.revoke_api_token(ws, id, chrono::Utc::now()).await)
        .await
    {
        Err(StoreError::NotFound) => return Err(ApiTokenError::NoSuchToken(id)),
        other => other.map_err(store_error("revoke the token"))?,
    }
    let tokens = store
        .api_tokens(ws)
        .await
        .map_err(store_error("list the tokens"))?;
    let token = tokens
        .iter()
        .find(|t| t.id == id)
        .ok_or(ApiTokenError::NoSuchToken(id))?;
    Ok(format!("revoked\t{}\n", token_line(token)))
}

/// `ID  PREFIX…  NAME  SCOPES  LAST-USED  STATUS`, tab-separated; `-` for never used.
fn token_line(token: &ApiToken) -> String {
    format!(
        "{}\t{}…\t{}\t{}\t{}\t{}",
        token.id,
        token.prefix,
        token.name,
        token.scopes.join(","),
        token.last_used_at.map_or("-".to_string(), |at| at
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()),
        if token.is_revoked() {
            "revoked"
        } else {
            "active"
        },
    )
}

/// clap's parser for `--scope`.
pub fn parse_scope(raw: &str) -> Result<Scope, String> {
    Scope::parse(raw).ok_or_else(|| {
        let all: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown scope (expected one of {})", all.join(", "))
    })
}
