//! The desks one instance serves, by workspace: what a surface serving every desk (the REST
//! API, the console) picks the request's desk from. Desks join and leave while the instance
//! runs (`ticketgram desk create` while `serve` runs), so it is shared and changeable, and a
//! lookup is a short read lock, never held across an await.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use ticketgram_domain::WorkspaceId;

use crate::desk::Desk;

#[derive(Clone, Default)]
pub struct DeskDirectory {
    desks: Arc<RwLock<HashMap<WorkspaceId, Desk>>>,
}

impl DeskDirectory {
    /// A directory of one desk.
    pub fn of(desk: Desk) -> DeskDirectory {
        let directory = DeskDirectory::default();
        directory.insert(desk);
        directory
    }

    /// The desk of `ws`, if this instance serves it.
    pub fn get(&self, ws: WorkspaceId) -> Option<Desk> {
        let desks = self.desks.read().unwrap_or_else(PoisonError::into_inner);
        desks.get(&ws).cloned()
    }

    /// Serves `desk` from now on (replacing an earlier desk of its workspace).
    pub fn insert(&self, desk: Desk) {
        let mut desks = self.desks.write().unwrap_or_else(PoisonError::into_inner);
        desks.insert(desk.ws(), desk);
    }

    /// Stops serving the desk of `ws`: its tokens and sessions are refused from now on.
    pub fn remove(&self, ws: WorkspaceId) {
        let mut desks = self.desks.write().unwrap_or_else(PoisonError::into_inner);
        desks.remove(&ws);
    }

    /// The workspaces served, in no particular order.
    pub fn workspaces(&self) -> Vec<WorkspaceId> {
        let desks = self.desks.read().unwrap_or_else(PoisonError::into_inner);
        desks.keys().copied().collect()
    }
}
