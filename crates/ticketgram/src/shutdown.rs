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
