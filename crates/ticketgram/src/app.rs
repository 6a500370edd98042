//! What `serve` runs. One entry point, [`run`], taking the settings and a shutdown future, so
//! tests can start a whole instance in-process and stop it when they are done (atuin and
//! zero2prod do the same).
//!
//! Start order: database (migrated), workspace, HTTP listener (bound first so a taken port
//! fails before anything else starts), Telegram (the demo sandbox when there is no token),
//! the bot's identity, the relay, the webhook registration. Shutdown runs in reverse, and the
//! relay stops before the store closes so no update is left half-applied.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use ticketgram_domain::WorkspaceId;
use ticketgram_i18n::Translator;
use ticketgram_relay::{webhook, DeskChats};
use ticketgram_store::{Incarnation, Store, StoreError, StoreOptions};
use ticketgram_telegram::{Secret as TgSecret, TelegramClient};
use tokio::net::TcpListener;
use tracing::info;

use crate::bot::{self, BotError, BotIdentity};
use crate::demo::{self, Demo, DemoError};
use crate::http::{self, HttpServer};
use crate::settings::{DatabaseSettings, DatabaseUrl, Settings};
use crate::shutdown::Stop;
use crate::workspace::ensure_workspace;

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
    #[error("cannot take over what the previous run of this instance left in flight")]
    Recover(#[source] StoreError),
    #[error("cannot prepare the workspace {slug:?} (instance.workspace)")]
    Workspace {
        slug: String,
        #[source]
        source: StoreError,
    },
    #[error("cannot load the translations")]
    Translations(#[source] ticketgram_i18n::I18nError),
    #[error("cannot listen on {addr} (http.addr / TICKETGRAM_HTTP_ADDR)")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error(transparent)]
    Bot(#[from] BotError),
    #[error(transparent)]
    TokenKey(#[from] crate::token_key::TokenKeyError),
    #[error("cannot register this instance among the desk's instances")]
    Roster(#[source] StoreError),
    #[error("cannot make the first-run setup code")]
    SetupCode(#[source] StoreError),
    #[error("telegram.webhook_url plus the bot's webhook path is not a valid URL")]
    WebhookUrl(#[source] url::ParseError),
    #[error(transparent)]
    Webhooks(#[from] ticketgram_api::webhooks::WebhookError),
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
    let stop = Stop::on(shutdown);
    // A new incarnation at every start: what a dead predecessor of this instance held is
    // ended at once below, never waited for.
    let me = Incarnation::start(&settings.instance_id());
    info!(
        version = env!("CARGO_PKG_VERSION"),
        instance = %me,
        workspace = %settings.instance.workspace,
        database = %settings.database.url,
        "starting Ticketgram"
    );
    if settings.database.url.is_sqlite() {
        info!("SQLite database: run a single instance; use PostgreSQL to run several");
    }
    let store = migrate(&settings.database).await?;
    take_over_from_predecessors(&store, &me).await?;
    let served = serve(&settings, &store, &stop, &me).await;
    store.close().await;
    if served.is_ok() {
        info!("stopped");
    }
    served
}

/// Releases the leases and claims an earlier process of this instance left behind (killed,
/// crashed), so its bots and its messages under way resume now rather than when they lapse.
async fn take_over_from_predecessors(store: &Store, me: &Incarnation) -> Result<(), RunError> {
    let taken = store
        .write(async |tx| tx.take_over_from_predecessors(me, chrono::Utc::now()).await)
        .await
        .map_err(RunError::Recover)?;
    if !taken.is_empty() {
        info!(
            leases = taken.leases,
            jobs = taken.jobs,
            webhook_deliveries = taken.deliveries,
            "took over what the previous run of this instance left in flight"
        );
    }
    Ok(())
}

/// How updates reach this instance.
enum Receive {
    /// Long polling (`getUpdates`), one instance per bot at a time.
    Poll,
    /// Telegram posts to our HTTP listener, reached at `public` (`telegram.webhook_url`).
    Webhook { public: url::Url, secret: TgSecret },
}

/// Everything the running desk is made of, gathered before the relay starts.
struct Parts<'a> {
    settings: &'a Settings,
    incarnation: &'a Incarnation,
    store: &'a Store,
    stop: &'a Stop,
    ws: WorkspaceId,
    demo: Option<&'a Demo>,
}

async fn serve(
    settings: &Settings,
    store: &Store,
    stop: &Stop,
    me: &Incarnation,
) -> Result<(), RunError> {
    let slug = &settings.instance.workspace;
    let workspace = ensure_workspace(store, slug)
        .await
        .map_err(|source| RunError::Workspace {
            slug: slug.clone(),
            source,
        })?;
    let addr = settings.http.addr;
    let listener = http::bind(addr)
        .await
        .map_err(|source| RunError::Listen { addr, source })?;
    let demo = match settings.telegram.bot_token {
        Some(_) => None,
        None => {
            // Expected on a first run, so a notice: the demo is what a newcomer came for.
            info!(
                "no bot token configured (telegram.bot_token / TICKETGRAM_BOT_TOKEN): \
                 starting in demo mode against the built-in Telegram sandbox"
            );
            let demo = Demo::start(store, workspace.id).await?;
            info!(
                sandbox = %demo.sandbox.base_url(),
                control_api = %format!("{}control", demo.sandbox.base_url()),
                bot = %demo.bot.username,
                "demo Telegram sandbox is running"
            );
            Some(demo)
        }
    };
    let parts = Parts {
        settings,
        incarnation: me,
        store,
        stop,
        ws: workspace.id,
        demo: demo.as_ref(),
    };
    let served = run_desk(parts, listener).await;
    if let Some(demo) = demo {
        demo.stop().await;
    }
    served
}

/// Connects to Telegram, runs the relay and the HTTP listener until shutdown.
async fn run_desk(parts: Parts<'_>, listener: TcpListener) -> Result<(), RunError> {
    let Parts {
        settings,
        incarnation,
        store,
        stop,
        ws,
        demo,
    } = parts;
    let (telegram, receive) = telegram_endpoint(settings, demo);
    let Some(me) = bot::identify(&telegram, stop).await? else {
        return Ok(());
    };
    info!(bot = %me.username, bot_id = me.id, "connected to the Bot API");
    if matches!(receive, Receive::Poll) && !bot::drop_webhook(&telegram, stop).await? {
        return Ok(());
    }
    let chats = match demo {
        Some(demo) => demo.chats(),
        None => DeskChats {
            bot_user_id: me.id,
            channel_id: settings.desk.channel_id,
            group_id: settings.desk.group_id,
        },
    };
    let translator = Arc::new(Translator::load().map_err(RunError::Translations)?);
    let mut desk = crate::desk::desk(
        store.clone(),
        translator,
        ws,
        chats,
        &settings.desk,
        &settings.telegram,
    );
    let console_url = console_url(settings, &listener);
    desk.config.console_url = Some(console_url.clone());
    // The order lookup reaches the networks webhooks may reach: one operator allow-list for
    // every call to a URL an admin typed in.
    desk.config.outbound = settings.webhooks.destinations();
    let desk = desk.with_token_key(crate::token_key::token_key(settings)?);
    crate::desk::warn_if_incomplete(&crate::desk::chats_in_effect(&desk).await);
    if demo.is_none() {
        announce_setup_code(store, ws, &me).await?;
    }
    // Before anything counts: the metrics recorder is installed here.
    let observability = crate::observability::Observability::new(
        store.clone(),
        desk.signals.health.clone(),
        incarnation.id().to_owned(),
    )
    .router();
    // Registered before the relays start, so they know how many instances share the bots.
    let member = crate::roster::Roster {
        store: store.clone(),
        ws,
        me: incarnation.id().to_owned(),
        spread: desk.spread.clone(),
    }
    .join()
    .await
    .map_err(RunError::Roster)?;
    let relays = crate::supervisor::Fleet {
        desk: desk.clone(),
        telegram: telegram.clone(),
        instance: incarnation.id().to_owned(),
        poll: matches!(receive, Receive::Poll),
    }
    .start()
    .await;
    let destinations = settings.webhooks.destinations();
    let token_key = desk.token_key.clone();
    let signals = desk.signals.clone();
    let api_state = ticketgram_api::ApiState::new(desk.clone())
        .with_webhook_destinations(destinations.clone())
        .with_telegram(telegram.clone());
    // The other desks of the database, each with its own bot; the API serves them all. Their
    // bots live on the configured Bot API even in demo mode (the demo's sandbox knows only
    // its own bot).
    let desks_telegram = match demo {
        Some(_) => TelegramClient::new(settings.telegram.api_url.clone(), TgSecret::new("")),
        None => telegram.clone(),
    };
    let desks = crate::desks::Desks {
        template: desk.clone(),
        telegram: desks_telegram,
        instance: incarnation.id().to_owned(),
        directory: api_state.directory(),
        destinations: destinations.clone(),
    }
    .start()
    .await;
    // One console for every desk: each request goes to its session's desk.
    let console = ticketgram_web::desks::router(ticketgram_web::desks::Consoles::new(
        api_state.directory(),
        ws,
        telegram.clone(),
        Arc::new(ticketgram_web::WebSettings::new(Some(console_url.clone()))),
    ));
    let api = ticketgram_api::router(api_state);
    // The relays' processors hear stored updates through the desk's bell
    // (`Desk::signals`), so the router's own signal needs no listener.
    let webhook_routes = match &receive {
        Receive::Webhook { secret, .. } => Some(webhook::router(
            desk,
            secret.clone(),
            Arc::new(tokio::sync::Notify::new()),
        )),
        Receive::Poll => None,
    };
    let server = match HttpServer::serve(
        listener,
        http::router(webhook_routes)
            .merge(observability)
            .merge(console)
            .nest("/api/v1", api),
    ) {
        Ok(server) => server,
        Err(source) => {
            desks.stop().await;
            relays.shutdown().await;
            member.leave(vec![]).await;
            let addr = settings.http.addr;
            return Err(RunError::Listen { addr, source });
        }
    };
    let webhooks = match crate::webhooks::Webhooks::start(
        store,
        ws,
        incarnation.id().to_owned(),
        destinations,
        token_key,
        &signals.jobs_queued,
    ) {
        Ok(webhooks) => webhooks,
        Err(error) => {
            server.stop().await;
            desks.stop().await;
            relays.shutdown().await;
            member.leave(vec![]).await;
            return Err(error.into());
        }
    };
    let retention = crate::retention::Retention::start(store.clone(), ws);
    let running = Running {
        telegram: &telegram,
        me: &me,
        server: &server,
        stop,
        demo: demo.map(|d| (d, store, ws)),
        console_url: &console_url,
    };
    let outcome = running.until_stopped(&receive).await;
    // Draining: the others stop counting this instance and take each bot the moment its relay
    // lets it go (after the update under way is applied and the sends under way are recorded).
    let handed = member.drain().await;
    server.stop().await;
    retention.stop().await;
    webhooks.stop().await;
    desks.stop().await;
    relays.shutdown().await;
    member.leave(handed).await;
    outcome
}

/// Where people reach the console: `http.public_url`, or the local listener when unset (a
/// desk on one machine, the demo). A listener on every address (`0.0.0.0:8080`, as in the
/// container) is reached on this machine at the loopback address: browsers refuse 0.0.0.0.
fn console_url(settings: &Settings, listener: &TcpListener) -> String {
    let local = |mut addr: SocketAddr| {
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        format!("http://{addr}")
    };
    match (&settings.http.public_url, listener.local_addr()) {
        (Some(url), _) => url.as_str().trim_end_matches('/').to_string(),
        (None, Ok(addr)) => local(addr),
        (None, Err(_)) => local(settings.http.addr),
    }
}

/// While nobody owns the desk, each start prints a fresh one-time code; the first Telegram
/// user who sends it to the settings bot becomes the owner. The code is meant to be read from
/// the console or the log, so it is both printed and logged.
async fn announce_setup_code(
    store: &Store,
    ws: WorkspaceId,
    me: &BotIdentity,
) -> Result<(), RunError> {
    if store.has_owner(ws).await.map_err(RunError::SetupCode)? {
        return Ok(());
    }
    let code = store
        .write(async |tx| tx.new_setup_code(ws, chrono::Utc::now()).await)
        .await
        .map_err(RunError::SetupCode)?;
    println!(
        "First run: send this setup code to @{} in Telegram to become the desk's owner: {}",
        me.username,
        code.as_str()
    );
    info!(
        bot = %me.username,
        setup_code = code.as_str(),
        "the desk has no owner yet: send this setup code to @{} in Telegram",
        me.username
    );
    Ok(())
}

/// The Bot API client and how updates arrive: the demo sandbox by polling in demo mode,
/// otherwise the configured Telegram, by webhook when `telegram.webhook_url` is set.
fn telegram_endpoint(settings: &Settings, demo: Option<&Demo>) -> (TelegramClient, Receive) {
    if let Some(demo) = demo {
        return (demo.telegram(), Receive::Poll);
    }
    let tg = &settings.telegram;
    info!(api_url = %tg.api_url, "using the Telegram Bot API");
    let token = tg
        .bot_token
        .as_ref()
        .map(|t| TgSecret::new(t.expose()))
        .unwrap_or_else(|| TgSecret::new(""));
    let client = TelegramClient::new(tg.api_url.clone(), token);
    let receive = match (&tg.webhook_url, &tg.webhook_secret) {
        (Some(url), Some(secret)) => Receive::Webhook {
            public: url.clone(),
            secret: TgSecret::new(secret.expose()),
        },
        // Settings refuse a webhook URL without its secret, so this is polling.
        _ => Receive::Poll,
    };
    (client, receive)
}

/// The desk once the relay runs.
struct Running<'a> {
    telegram: &'a TelegramClient,
    me: &'a BotIdentity,
    server: &'a HttpServer,
    stop: &'a Stop,
    demo: Option<(&'a Demo, &'a Store, WorkspaceId)>,
    console_url: &'a str,
}

impl Running<'_> {
    async fn until_stopped(&self, receive: &Receive) -> Result<(), RunError> {
        if let Receive::Webhook { public, secret } = receive {
            let url = http::webhook_url(public, self.me.id).map_err(RunError::WebhookUrl)?;
            if !bot::register_webhook(self.telegram, &url, secret, self.stop).await? {
                return Ok(());
            }
        }
        let script = self.demo.map(|(demo, store, ws)| {
            let script = demo::Script {
                world: demo.sandbox.world().clone(),
                cast: demo.cast,
                bot_id: demo.bot.id,
                sandbox_url: demo.sandbox.base_url(),
                store: store.clone(),
                ws,
                agent: demo.agent,
                console_url: self.console_url.to_owned(),
            };
            tokio::spawn(demo::play(script, self.stop.clone()))
        });
        info!(
            http_addr = %self.server.addr,
            "Ticketgram is running; press Ctrl-C to stop"
        );
        self.stop.wait().await;
        info!("stopping");
        if let Some(script) = script {
            script.abort();
        }
        Ok(())
    }
}
