//! State shared by the HTTP handlers, the webhook tasks and the in-process control API.

use std::sync::{Mutex, MutexGuard};

use crate::calls::CallCounts;
use crate::config::SandboxConfig;
use crate::faults::Faults;
use crate::flood::FloodControl;
use crate::world::state::WorldState;

#[derive(Debug)]
pub struct Shared {
    pub world: Mutex<WorldState>,
    pub flood: Mutex<FloodControl>,
    pub faults: Mutex<Faults>,
    pub calls: Mutex<CallCounts>,
    pub config: SandboxConfig,
    pub http: reqwest::Client,
}

impl Shared {
    pub fn new(config: SandboxConfig) -> Self {
        Self {
            world: Mutex::new(WorldState::new(config.self_check)),
            flood: Mutex::new(FloodControl::new(config.flood_limits)),
            faults: Mutex::new(Faults::default()),
            calls: Mutex::new(CallCounts::default()),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .build()
                .unwrap_or_default(),
            config,
        }
    }

    /// Locks the world. A panic while holding the lock is a sandbox bug; the data is plain
    /// in-memory state, so carrying on with it is still the most useful behaviour in a test.
    pub fn world(&self) -> MutexGuard<'_, WorldState> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn flood(&self) -> MutexGuard<'_, FloodControl> {
        self.flood.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn calls(&self) -> MutexGuard<'_, CallCounts> {
        self.calls.lock().unwrap_or_else(|e| e.into_inner())
    }
}
