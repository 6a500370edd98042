//! The shutdown signal for `serve`: Ctrl-C (SIGINT) or SIGTERM, which is what systemd and
//! container runtimes send. Tests pass their own future to `app::run` instead.

use std::future::Future;
use std::io;

/// Starts listening for SIGINT and SIGTERM *now* and returns a future that completes when one
/// arrives. Registering up front matters: a signal that arrives between startup and the first
/// poll of a lazily-registered handler would kill the process without a clean shutdown.
///
/// Must be called inside a Tokio runtime.
#[cfg(unix)]
pub fn signal() -> io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};

    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("Ctrl-C received, shutting down"),
            _ = terminate.recv() => tracing::info!("SIGTERM received, shutting down"),
        }
    })
}

/// Elsewhere only Ctrl-C is available.
#[cfg(not(unix))]
pub fn signal() -> io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("Ctrl-C received, shutting down");
        }
    })
}

/// The shutdown signal shared by every part of a running instance: startup steps that wait
/// (retrying an unreachable Telegram), the demo script and the main loop all watch one `Stop`,
/// so Ctrl-C during any of them ends the process cleanly instead of hanging in a retry.
#[derive(Debug, Clone)]
pub struct Stop(tokio::sync::watch::Receiver<bool>);

impl Stop {
    /// Fires when `signal` completes. Must be called inside a Tokio runtime.
    pub fn on(signal: impl Future<Output = ()> + Send + 'static) -> Stop {
        let (tx, rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            signal.await;
            let _ = tx.send(true);
        });
        Stop(rx)
    }

    pub fn is_stopped(&self) -> bool {
        *self.0.borrow()
    }

    /// Completes once shutdown was asked for (at once if it already was).
    pub async fn wait(&self) {
        let mut rx = self.0.clone();
        // An error means the sender is gone, which only happens after it sent `true`.
        let _ = rx.wait_for(|stopped| *stopped).await;
    }

    /// Sleeps for `pause` unless shutdown comes first; returns `false` if it did.
    pub async fn sleep(&self, pause: std::time::Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(pause) => true,
            _ = self.wait() => false,
        }
    }
}
