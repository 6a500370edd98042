//! The desk's self-service flow as the client bot runs it: parsed once per saved revision and
//! kept per process (the store holds the source; any instance's save is a new revision, which
//! every instance notices at its next client message).

use crate::RelayError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use ticketgram_domain::WorkspaceId;
use ticketgram_flows::Flow;
use ticketgram_store::Store;

/// A desk's parsed flow and the revision it was parsed from.
type Parsed = (i64, Arc<Flow>);

#[derive(Clone, Default)]
pub struct FlowCache {
    desks: Arc<Mutex<HashMap<WorkspaceId, Parsed>>>,
}

impl std::fmt::Debug for FlowCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FlowCache")
    }
}

impl FlowCache {
    /// The desk's saved flow at `newest`, the newest revision as the desk's profile was read
    /// for this input ([`ticketgram_store::DeskProfile::flow_revision`]); `None` when the desk
    /// never saved one (its client bot keeps the built-in menu). The source is read only
    /// when this process has not parsed that revision yet.
    pub async fn active(
        &self,
        store: &Store,
        ws: WorkspaceId,
        newest: Option<i64>,
    ) -> Result<Option<Parsed>, RelayError> {
        let Some(newest) = newest else {
            return Ok(None);
        };
        if let Some((revision, flow)) = self.lock().get(&ws) {
            if *revision == newest {
                return Ok(Some((*revision, flow.clone())));
            }
        }
        let saved = store.flow_revision(ws, newest).await?;
        // The store refuses sources that do not parse, so this fails only if a newer version
        // of the format rejects an old file: the desk then keeps the built-in menu, loudly.
        let flow = match Flow::parse(&saved.source) {
            Ok(parsed) => Arc::new(parsed.flow),
            Err(invalid) => {
                tracing::warn!(
                    workspace = ws.0,
                    revision = saved.revision,
                    problems = invalid.problems.len(),
                    "the saved flow no longer parses; the client bot shows its built-in menu"
                );
                return Ok(None);
            }
        };
        self.lock().insert(ws, (saved.revision, flow.clone()));
        Ok(Some((saved.revision, flow)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<WorkspaceId, Parsed>> {
        self.desks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
