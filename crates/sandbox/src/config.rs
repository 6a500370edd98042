//! Sandbox settings, passed in (never global) so tests can run several sandboxes side by side.

use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where to listen; the default `127.0.0.1:0` picks a free port.
    pub addr: SocketAddr,
    /// Enforce Telegram's flood limits (429 with retry_after). On by default, like Telegram.
    pub flood_limits: bool,
    /// Validate every emitted object against the reference and record violations
    /// (see `World::spec_violations`). Costs CPU; a load run may turn it off.
    pub self_check: bool,
    /// First delay before re-sending a webhook update that was not answered with 2xx. Telegram
    /// waits about a minute; tests want it short.
    pub webhook_retry_initial: Duration,
    /// Upper bound of the doubling webhook retry delay.
    pub webhook_retry_max: Duration,
    /// Upper bound for getUpdates' `timeout` (Telegram allows 50 s).
    pub max_poll_timeout: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            flood_limits: true,
            self_check: true,
            webhook_retry_initial: Duration::from_millis(200),
            webhook_retry_max: Duration::from_secs(5),
            max_poll_timeout: Duration::from_secs(50),
        }
    }
}
