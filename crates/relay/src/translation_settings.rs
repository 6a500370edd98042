//! The desk's translation settings as the console and the API configure them.
//!
//! The settings are stored as JSON under the desk's `desk.translation` setting, and the
//! provider's API key sealed with the instance's key under `desk.translation_key`, so a
//! database dump holds no usable key. A save is checked with
//! [`TranslationConfig::validate`] first and writes its audit row in the caller's transaction
//! (the input's). The key is write-only: left blank it is kept, and nothing here hands it back.

use crate::order_lookup::SavedBy;
use ticketgram_domain::{Actor, AuditEntry, Timestamp, WorkspaceId};
use ticketgram_store::{desk_profile_keys as keys, DeskProfile, SealingKey, StoreError, Tx};
use ticketgram_translation::{ApiKey, ConfigError, TranslationConfig};

/// What a form or the API shows: the settings and whether a key is stored, never the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTranslation {
    pub config: TranslationConfig,
    pub has_key: bool,
}

/// What becomes of the stored key on a save.
#[derive(Debug, Clone)]
pub enum KeyChange {
    Keep,
    Set(String),
    Remove,
}

/// What an admin submits.
#[derive(Debug, Clone)]
pub struct TranslationChange {
    pub config: TranslationConfig,
    pub key: KeyChange,
}

#[derive(Debug, thiserror::Error)]
pub enum TranslationSettingsError {
    /// What the admin entered cannot work; worded for them.
    #[error(transparent)]
    Invalid(#[from] ConfigError),
    /// This instance has no key to seal (or open) the provider's key with.
    #[error("this instance has no secret key to seal the translation service's key with")]
    NoKey,
    /// The stored key was sealed with another key, or the stored settings are damaged.
    #[error("the stored translation settings cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The desk's settings as of `profile`, without the key; `None` when it translates nothing.
pub fn shown(profile: &DeskProfile) -> Result<Option<ShownTranslation>, TranslationSettingsError> {
    let Some(json) = &profile.translation else {
        return Ok(None);
    };
    Ok(Some(ShownTranslation {
        config: parse(json)?,
        has_key: profile.translation_key.is_some(),
    }))
}

/// The desk's settings with the key opened, ready to translate with.
pub fn configured(
    profile: &DeskProfile,
    sealing: Option<&SealingKey>,
) -> Result<Option<(TranslationConfig, Option<ApiKey>)>, TranslationSettingsError> {
    let Some(json) = &profile.translation else {
        return Ok(None);
    };
    let config = parse(json)?;
    let key = match &profile.translation_key {
        None => None,
        Some(sealed) => Some(ApiKey::new(open(sealing, sealed)?)),
    };
    Ok(Some((config, key)))
}

fn parse(json: &str) -> Result<TranslationConfig, TranslationSettingsError> {
    serde_json::from_str(json).map_err(|e| TranslationSettingsError::Unreadable(e.to_string()))
}

fn open(sealing: Option<&SealingKey>, sealed: &str) -> Result<String, TranslationSettingsError> {
    let sealing = sealing.ok_or(TranslationSettingsError::NoKey)?;
    sealing.open(sealed).map_err(|e| {
        TranslationSettingsError::Unreadable(format!("the key cannot be opened ({e})"))
    })
}

/// Checks and saves `change` with its audit row, in the caller's transaction.
pub async fn save(
    tx: &Tx,
    sealing: Option<&SealingKey>,
    ws: WorkspaceId,
    change: &TranslationChange,
    by: SavedBy,
    now: Timestamp,
) -> Result<(), TranslationSettingsError> {
    change.config.validate()?;
    let stored = tx.store().desk_profile(ws).await?;
    let has_key = match &change.key {
        KeyChange::Keep => stored.translation_key.is_some(),
        KeyChange::Set(key) => !key.trim().is_empty(),
        KeyChange::Remove => false,
    };
    if change.config.provider.requires_key() && !has_key {
        return Err(ConfigError::MissingKey.into());
    }
    let json = serde_json::to_string(&change.config)
        .map_err(|e| TranslationSettingsError::Unreadable(e.to_string()))?;
    tx.set_setting(ws, keys::TRANSLATION, &json, now).await?;
    let key_changed = match &change.key {
        KeyChange::Keep => false,
        KeyChange::Set(key) if key.trim().is_empty() => false,
        KeyChange::Set(key) => {
            let sealing = sealing.ok_or(TranslationSettingsError::NoKey)?;
            let sealed = sealing.seal(key.trim());
            tx.set_setting(ws, keys::TRANSLATION_KEY, &sealed, now)
                .await?;
            true
        }
        KeyChange::Remove => tx.delete_setting(ws, keys::TRANSLATION_KEY).await?,
    };
    tx.record_audit(&AuditEntry {
        workspace: ws,
        actor: by.actor,
        action: "translation.save".into(),
        subject: "translation".into(),
        // What changed, never the key itself.
        details: vec![
            ("provider".into(), provider_name(&change.config).into()),
            ("key_changed".into(), key_changed.to_string()),
            ("via".into(), by.via.into()),
        ],
        at: now,
    })
    .await?;
    Ok(())
}

/// Stops translating on the desk (settings and key removed); whether it translated.
pub async fn remove(
    tx: &Tx,
    ws: WorkspaceId,
    by: SavedBy,
    now: Timestamp,
) -> Result<bool, TranslationSettingsError> {
    let removed = tx.delete_setting(ws, keys::TRANSLATION).await?;
    tx.delete_setting(ws, keys::TRANSLATION_KEY).await?;
    if removed {
        tx.record_audit(&AuditEntry {
            workspace: ws,
            actor: by.actor,
            action: "translation.remove".into(),
            subject: "translation".into(),
            details: vec![("via".into(), by.via.into())],
            at: now,
        })
        .await?;
    }
    Ok(removed)
}

/// The provider's short name, as stored with each translation and shown in the audit log.
pub fn provider_name(config: &TranslationConfig) -> &'static str {
    use ticketgram_translation::ProviderConfig;
    match config.provider {
        ProviderConfig::DeepL { .. } => "deepl",
        ProviderConfig::Google { .. } => "google",
        ProviderConfig::LibreTranslate { .. } => "libretranslate",
        ProviderConfig::OpenAi { .. } => "openai",
    }
}

/// Who saved, for callers outside the relay that only know an agent.
pub fn saved_by_agent(agent: ticketgram_domain::AgentId, via: &'static str) -> SavedBy {
    SavedBy {
        actor: Actor::Agent(agent),
        via,
    }
}
