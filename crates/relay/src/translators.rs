//! Each desk's machine translator, kept between messages (`crate::translation`). Apart from
//! the rest of translation so the desk can hold it without depending on what uses the desk.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use ticketgram_domain::WorkspaceId;
use ticketgram_outbound::{DestinationPolicy, GuardedClient};
use ticketgram_store::{DeskProfile, SealingKey};
use ticketgram_translation::{
    Glossary, TranslationConfig, Translator as MachineTranslator, MAX_TIMEOUT_MS,
};

/// Each desk's translator, built once per version of its settings: the HTTP client (and its
/// connection pool) is reused from one message to the next.
#[derive(Clone, Default)]
pub struct TranslatorCache {
    desks: Arc<Mutex<HashMap<WorkspaceId, Built>>>,
}

impl std::fmt::Debug for TranslatorCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TranslatorCache")
    }
}

#[derive(Clone)]
pub(crate) struct Built {
    /// The stored settings and sealed key it was built from.
    version: (String, Option<String>),
    pub(crate) translator: MachineTranslator,
    pub(crate) glossary: Arc<Glossary>,
}

impl TranslatorCache {
    /// The desk's settings and translator; `None` when it translates nothing.
    pub(crate) fn get(
        &self,
        ws: WorkspaceId,
        profile: &DeskProfile,
        sealing: Option<&SealingKey>,
        outbound: &DestinationPolicy,
    ) -> Result<Option<(TranslationConfig, Built)>, String> {
        let Some(json) = &profile.translation else {
            return Ok(None);
        };
        let version = (json.clone(), profile.translation_key.clone());
        let config: TranslationConfig = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut desks = self.desks.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(built) = desks.get(&ws).filter(|b| b.version == version) {
            return Ok(Some((config, built.clone())));
        }
        let (config, key) = crate::translation_settings::configured(profile, sealing)
            .map_err(|e| e.to_string())?
            .ok_or("no settings")?;
        let timeout = std::time::Duration::from_millis(MAX_TIMEOUT_MS);
        let http = GuardedClient::new(outbound.clone(), timeout).map_err(|e| e.to_string())?;
        let translator = MachineTranslator::new(http, &config, key).map_err(|e| e.to_string())?;
        let glossary = config.compiled_glossary().map_err(|e| e.to_string())?;
        let built = Built {
            version,
            translator,
            glossary: Arc::new(glossary),
        };
        desks.insert(ws, built.clone());
        Ok(Some((config, built)))
    }
}
