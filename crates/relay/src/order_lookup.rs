//! The desk's order lookup on its platform (docs/platform.md), as the console and the API
//! configure it and the client bot uses it.
//!
//! The store keeps what the admin entered as JSON and the secret sealed with the instance's
//! key; here the two become a [`LookupConfig`] again. A save is checked with
//! [`LookupConfig::validate`] first (the form shows its `ConfigError`), seals the secret, and
//! writes its audit row in the caller's transaction. The secret is write-only: a form left
//! blank keeps the stored one, and nothing here ever hands it back to a surface.

use serde::{Deserialize, Serialize};
use ticketgram_domain::{Actor, AgentId, AuditEntry, Timestamp, WorkspaceId};
use ticketgram_platform::{
    ConfigError, FieldMapping, LookupConfig, LookupOutcome, PlatformClient, Reason, Secret,
};
use ticketgram_store::{SealingKey, Store, StoreError, StoredLookup, Tx};

/// What is stored as JSON: the configuration without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupSettings {
    pub url_template: String,
    pub timeout_ms: u64,
    #[serde(default)]
    pub fields: Vec<FieldMapping>,
    pub status_template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_pattern: Option<String>,
}

impl LookupSettings {
    fn with_secret(self, secret: Secret) -> LookupConfig {
        LookupConfig {
            url_template: self.url_template,
            secret,
            timeout_ms: self.timeout_ms,
            fields: self.fields,
            status_template: self.status_template,
            order_pattern: self.order_pattern,
        }
    }

    /// The settings of `config`, without its secret.
    pub fn of(config: &LookupConfig) -> LookupSettings {
        LookupSettings {
            url_template: config.url_template.clone(),
            timeout_ms: config.timeout_ms,
            fields: config.fields.clone(),
            status_template: config.status_template.clone(),
            order_pattern: config.order_pattern.clone(),
        }
    }
}

/// The desk's lookup as a form or the API shows it: never the secret, only that one is set
/// (a stored lookup always has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownLookup {
    pub settings: LookupSettings,
    pub updated_at: Timestamp,
    pub updated_by: Option<AgentId>,
}

/// Why a lookup could not be saved or used.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// What the admin entered is not a lookup that can work; worded for them.
    #[error(transparent)]
    Invalid(#[from] ConfigError),
    /// A first save, or one that changes nothing but leaves no secret stored.
    #[error("the secret is required")]
    SecretRequired,
    /// This instance has no key to seal (or open) the secret with.
    #[error("this instance has no secret key to seal the lookup's secret with")]
    NoKey,
    /// The stored secret was sealed with another key, or the stored settings are damaged.
    #[error("the stored lookup cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an admin submits: the settings, and a new secret or `None` to keep the stored one.
#[derive(Debug, Clone)]
pub struct LookupChange {
    pub settings: LookupSettings,
    pub secret: Option<String>,
}

/// Who saves, for the audit row.
#[derive(Debug, Clone, Copy)]
pub struct SavedBy {
    pub actor: Actor,
    /// `console` or `api`.
    pub via: &'static str,
}

fn settings_of(stored: &StoredLookup) -> Result<LookupSettings, LookupError> {
    serde_json::from_str(&stored.settings).map_err(|e| LookupError::Unreadable(e.to_string()))
}

/// The desk's lookup without its secret; `None` when it has none.
pub async fn shown(store: &Store, ws: WorkspaceId) -> Result<Option<ShownLookup>, LookupError> {
    let Some(stored) = store.order_lookup(ws).await? else {
        return Ok(None);
    };
    Ok(Some(ShownLookup {
        settings: settings_of(&stored)?,
        updated_at: stored.updated_at,
        updated_by: stored.updated_by,
    }))
}

/// The desk's lookup, ready to ask the platform with; `None` when it has none.
pub async fn configured(
    store: &Store,
    key: Option<&SealingKey>,
    ws: WorkspaceId,
) -> Result<Option<LookupConfig>, LookupError> {
    let Some(stored) = store.order_lookup(ws).await? else {
        return Ok(None);
    };
    Ok(Some(open(&stored, key)?))
}

fn open(stored: &StoredLookup, key: Option<&SealingKey>) -> Result<LookupConfig, LookupError> {
    let key = key.ok_or(LookupError::NoKey)?;
    let secret = key
        .open(&stored.sealed_secret)
        .map_err(|e| LookupError::Unreadable(format!("the secret cannot be opened ({e})")))?;
    Ok(settings_of(stored)?.with_secret(Secret::new(secret)))
}

/// The configuration `change` makes, checked, without saving it: what a "test lookup"
/// button tries before the admin saves.
pub async fn proposed(
    store: &Store,
    key: Option<&SealingKey>,
    ws: WorkspaceId,
    change: &LookupChange,
) -> Result<LookupConfig, LookupError> {
    let secret = match change.secret.as_deref().map(str::trim) {
        Some(secret) if !secret.is_empty() => Secret::new(secret),
        _ => match store.order_lookup(ws).await? {
            Some(stored) => open(&stored, key)?.secret,
            None => return Err(LookupError::SecretRequired),
        },
    };
    let config = change.settings.clone().with_secret(secret);
    config.validate()?;
    Ok(config)
}

/// Checks and saves `change` with its audit row, in the caller's transaction (the input's).
pub async fn save(
    tx: &Tx,
    key: Option<&SealingKey>,
    ws: WorkspaceId,
    change: &LookupChange,
    by: SavedBy,
    now: Timestamp,
) -> Result<LookupConfig, LookupError> {
    let config = proposed(tx.store(), key, ws, change).await?;
    let key = key.ok_or(LookupError::NoKey)?;
    let stored = StoredLookup {
        settings: serde_json::to_string(&LookupSettings::of(&config))
            .map_err(|e| LookupError::Unreadable(e.to_string()))?,
        sealed_secret: key.seal(config.secret.expose()),
        updated_at: now,
        updated_by: match by.actor {
            Actor::Agent(agent) => Some(agent),
            _ => None,
        },
    };
    tx.set_order_lookup(ws, &stored).await?;
    let secret_changed = change
        .secret
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty());
    audit(
        tx,
        ws,
        by,
        "order_lookup.save",
        &config,
        secret_changed,
        now,
    )
    .await?;
    Ok(config)
}

/// Removes the desk's lookup (its flows' lookups fail over again); whether it had one.
pub async fn remove(
    tx: &Tx,
    ws: WorkspaceId,
    by: SavedBy,
    now: Timestamp,
) -> Result<bool, LookupError> {
    let removed = tx.remove_order_lookup(ws).await?;
    if removed {
        tx.record_audit(&AuditEntry {
            workspace: ws,
            actor: by.actor,
            action: "order_lookup.remove".into(),
            subject: "order_lookup".into(),
            details: vec![("via".into(), by.via.into())],
            at: now,
        })
        .await?;
    }
    Ok(removed)
}

async fn audit(
    tx: &Tx,
    ws: WorkspaceId,
    by: SavedBy,
    action: &str,
    config: &LookupConfig,
    secret_changed: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    tx.record_audit(&AuditEntry {
        workspace: ws,
        actor: by.actor,
        action: action.into(),
        subject: "order_lookup".into(),
        // What changed, never the secret itself.
        details: vec![
            ("url_template".into(), config.url_template.clone()),
            ("timeout_ms".into(), config.timeout_ms.to_string()),
            ("secret_changed".into(), secret_changed.to_string()),
            ("via".into(), by.via.into()),
        ],
        at: now,
    })
    .await
}

/// Asks the platform about `order`, through a client that reaches only where `policy` allows.
/// Never fails: every problem is an outcome (docs/platform.md).
pub async fn ask(
    policy: &ticketgram_outbound::DestinationPolicy,
    config: &LookupConfig,
    order: &str,
) -> LookupOutcome {
    // A client per lookup: lookups come as rarely as clients type order numbers, and this
    // way the desk's policy of the moment is the one applied.
    let timeout = std::time::Duration::from_millis(ticketgram_platform::MAX_TIMEOUT_MS);
    match ticketgram_outbound::GuardedClient::new(policy.clone(), timeout) {
        Ok(http) => PlatformClient::new(http).lookup(config, order).await,
        Err(error) => {
            tracing::error!(%error, "no HTTP client for the order lookup");
            LookupOutcome::Unavailable(Reason::Connection)
        }
    }
}
