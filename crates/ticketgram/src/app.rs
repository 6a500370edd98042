//! What `serve` runs. One entry point, [`run`], taking the settings and a shutdown future, so
//! tests can start a whole instance in-process and stop it when they are done (atuin and
//! zero2prod do the same). The bots and the web interface are started from here.

use std::future::Future;

use ticketgram_store::{Store, StoreError, StoreOptions};
use tracing::{info, warn};

use crate::demo::{BotApi, Demo};
use crate::settings::{DatabaseSettings, DatabaseUrl, Settings};

/// Why an instance could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The URL is shown with its password redacted.
    #[error("cannot open the database {url}")]
    Connect {
        url: DatabaseUrl,
        #[source]
        source: StoreError,
    },
    #[error("cannot bring the database schema up to date")]
    Migrate(#[source] StoreError),
    #[error("cannot start the demo Telegram sandbox")]
    Sandbox(#[source] std::io::Error),
}

/// Opens the configured database. Does not migrate.
pub async fn open_store(database: &DatabaseSettings) -> Result<Store, RunError> {
    let options = StoreOptions {
        url: database.url.expose().to_owned(),
        max_connections: Some(database.max_connections),
    };
    Store::connect_with(options)
        .await
        .map_err(|source| RunError::Connect {
            url: database.url.clone(),
            source,
        })
}

/// Opens the database and brings its schema up to date: the `migrate` command.
pub async fn migrate(database: &DatabaseSettings) -> Result<Store, RunError> {
    let store = open_store(database).await?;
    store.migrate().await.map_err(RunError::Migrate)?;
    info!(database = %database.url, "database schema is up to date");
    Ok(store)
}

/// Runs one Ticketgram instance until `shutdown` completes.
pub async fn run(
    settings: Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), RunError> {
    let instance = settings.instance_id();
    info!(
        version = env!("CARGO_PKG_VERSION"),
        %instance,
        workspace = %settings.instance.workspace,
        database = %settings.database.url,
        "starting Ticketgram"
    );
    if settings.database.url.is_sqlite() {
        info!("SQLite database: run a single instance; use PostgreSQL to run several");
    }
    let store = migrate(&settings.database).await?;

    let (bot_api, demo) = match BotApi::from_settings(&settings.telegram) {
        Some(api) => {
            info!(api_url = %api.api_url, "using the Telegram Bot API");
            (api, None)
        }
        None => {
            warn!(
                "no bot token configured (telegram.bot_token / TICKETGRAM_BOT_TOKEN): \
                 starting in demo mode against the built-in Telegram sandbox"
            );
            let demo = Demo::start().await.map_err(RunError::Sandbox)?;
            info!(
                sandbox = %demo.sandbox.base_url(),
                control_api = %format!("{}control", demo.sandbox.base_url()),
                bot = %demo.bot.username,
                "demo Telegram sandbox is running"
            );
            (demo.bot_api(), Some(demo))
        }
    };
    // The client bot, the agents' channel and the web interface start here, with `store`
    // and `bot_api` (its token prints as [redacted]).
    tracing::debug!(?bot_api, "Bot API endpoint for the bots");

    info!(http_addr = %settings.http.addr, "Ticketgram is running; press Ctrl-C to stop");
    shutdown.await;
    info!("stopping");
    if let Some(demo) = demo {
        demo.stop().await;
    }
    store.close().await;
    info!("stopped");
    Ok(())
}
