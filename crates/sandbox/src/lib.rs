//! A spec-faithful Telegram Bot API server for tests, the demo and load runs.
//!
//! Telegram cannot be reached from the machines we test on, so this crate plays Telegram: the
//! Bot API over HTTP (validated against the compiled-in `bot-api.json`), a world of users, groups
//! and channels, flood limits and injectable faults, and a control API to act as users.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use ticketgram_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let bot = sandbox.world().create_bot("echo_bot");
//! let alice = sandbox.world().create_user("Alice", Some("alice"), Some("en"));
//! let chat = sandbox.world().private_chat(bot.id, alice)?;
//! sandbox.world().user_sends_text(alice, chat, "/start")?;
//! // point a bot library at sandbox.base_url() with bot.token
//! # Ok(()) }
//! ```

mod calls;
mod config;
mod control;
pub mod entities;
mod error;
mod faults;
mod flood;
mod methods;
mod params;
mod server;
mod shared;
pub mod spec;
pub mod validate;
mod webhook;
pub mod world;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::SandboxConfig;
pub use error::{ApiError, ControlError};
pub use faults::Fault;
pub use webhook::SECRET_HEADER;
pub use world::{
    AdminRights, BotHandle, ChatKind, ChatRef, GroupKind, MediaKind, MediaUpload, Status, UserId,
    UserMessage, World,
};

use shared::Shared;

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    world: World,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds `config.addr` (default `127.0.0.1:0`) and serves in the background.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config));
        let world = World::new(shared.clone());
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(async move {
            let served = serve_shared(shared, listener, async {
                let _ = rx.await;
            })
            .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(Sandbox {
            addr,
            world,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// The Bot API root: bots call `{base_url}/bot{token}/{method}`, download files from
    /// `{base_url}/file/bot{token}/{file_path}`; the control API is under `{base_url}/control`.
    pub fn base_url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}", self.addr)).expect("socket address forms a valid URL")
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The in-process control API.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves a sandbox on an already bound listener until `shutdown` completes.
pub async fn serve(
    config: SandboxConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_shared(Arc::new(Shared::new(config)), listener, shutdown).await
}

async fn serve_shared(
    shared: Arc<Shared>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, server::router(shared))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Entry point for `ticketgram sandbox`: binds `addr` (keep it on 127.0.0.1) and serves with
/// default settings until `shutdown` completes.
pub async fn run_standalone(
    addr: SocketAddr,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "Telegram sandbox listening; control API under /control");
    let config = SandboxConfig {
        addr,
        ..SandboxConfig::default()
    };
    serve(config, listener, shutdown).await
}
