//! `ticketgram desk create|list`: the desks (workspaces) one deployment serves. Each desk has
//! its own bot, channel, agents, settings and reports; `serve` runs every desk that has a bot
//! (`crate::desks`). A new desk is claimed like the first one: its owner sends the setup code
//! printed here to the desk's bot.
//!
//! `create` is idempotent: run again, it keeps the desk, updates the bot's token and prints a
//! fresh setup code while nobody has claimed the desk. Two runs at once are safe: the loser of
//! the creation race finds the winner's desk, and a bot is stored for one desk only.

use std::fmt::Write as _;
use std::io::BufRead as _;

use ticketgram_store::{BotRole, NewBot, NewWorkspace, SetupCode, Store, StoreError, Workspace};
use ticketgram_telegram::teloxide_core::prelude::Requester as _;
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};

use crate::app::{self, RunError};
use crate::cli::{DeskCommand, DeskCreateArgs};
use crate::settings::Settings;
use crate::workspace::FIRST_TICKET_NUMBER;

/// Why a `desk` command failed.
#[derive(Debug, thiserror::Error)]
pub enum DeskAdminError {
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(transparent)]
    TokenKey(#[from] crate::token_key::TokenKeyError),
    #[error("cannot read the bot token from standard input")]
    Stdin(#[source] std::io::Error),
    #[error("Telegram refused the bot token given with --bot-token: check it with @BotFather")]
    TokenRefused,
    #[error("desk {0:?} is the default desk (instance.workspace): its bot is telegram.bot_token")]
    DefaultDeskBot(String),
    #[error("cannot reach the Bot API to check the token (telegram.api_url)")]
    Telegram(#[source] TelegramError),
    #[error("@{username} is the bot of desk {desk:?}; each desk needs its own bot")]
    BotTaken { username: String, desk: String },
    #[error("cannot {action}")]
    Store {
        action: &'static str,
        #[source]
        source: StoreError,
    },
}

fn store_error(action: &'static str) -> impl FnOnce(StoreError) -> DeskAdminError {
    move |source| DeskAdminError::Store { action, source }
}

/// Runs a `desk` command; returns what to print.
pub async fn desk(settings: &Settings, command: DeskCommand) -> Result<String, DeskAdminError> {
    let store = app::migrate(&settings.database).await?;
    let result = match command {
        DeskCommand::Create(args) => create(settings, &store, args).await,
        DeskCommand::List => list(&store).await,
    };
    store.close().await;
    result
}

/// A bot Telegram vouched for, its token sealed for storage.
struct CheckedBot {
    id: i64,
    username: String,
    sealed: String,
}

/// What `create` did, to print.
struct Created {
    workspace: Workspace,
    created: bool,
    code: Option<SetupCode>,
}

async fn create(
    settings: &Settings,
    store: &Store,
    args: DeskCreateArgs,
) -> Result<String, DeskAdminError> {
    if args.bot_token.is_some() && args.slug == settings.instance.workspace {
        return Err(DeskAdminError::DefaultDeskBot(args.slug));
    }
    // Checked before anything is written: a refused token leaves no half-made desk behind.
    let bot = match args.bot_token.as_deref() {
        Some(given) => Some(check_token(settings, &token_from(given)?).await?),
        None => None,
    };
    let done = create_or_update(store, &args, bot.as_ref()).await?;
    let ws = &done.workspace;
    let mut out = String::new();
    let verb = if done.created { "created" } else { "exists" };
    let _ = writeln!(out, "desk {} ({}) {verb}", ws.slug, ws.name);
    if !done.created && ws.name != args.name {
        let _ = writeln!(out, "name kept: {:?} (desks are not renamed here)", ws.name);
    }
    let bots = store
        .bots_of_workspace(ws.id)
        .await
        .map_err(store_error("read the desk's bots"))?;
    let own = bots
        .iter()
        .find(|b| matches!(b.role, BotRole::All | BotRole::Settings));
    match own {
        Some(b) => {
            let _ = writeln!(out, "bot @{}", b.username);
        }
        None if ws.slug == settings.instance.workspace => {
            let _ = writeln!(out, "bot: the configured one (telegram.bot_token)");
        }
        None => {
            let _ = writeln!(
                out,
                "no bot yet: run again with --bot-token to give the desk its bot; serve starts \
                 a desk once it has one"
            );
        }
    }
    match (&done.code, own) {
        (None, _) => {
            let _ = writeln!(out, "already claimed by its owner");
        }
        (Some(code), Some(b)) => {
            let _ = writeln!(
                out,
                "setup code: {} (send it to @{} in Telegram to become the desk's owner)",
                code.as_str(),
                b.username
            );
        }
        (Some(code), None) => {
            let _ = writeln!(
                out,
                "setup code: {} (send it to the desk's bot in Telegram to become its owner)",
                code.as_str()
            );
        }
    }
    Ok(out)
}

/// The desk, its bot and a new setup code, in one transaction. Retried once when another
/// process created the same desk in the meantime: the retry finds theirs.
async fn create_or_update(
    store: &Store,
    args: &DeskCreateArgs,
    bot: Option<&CheckedBot>,
) -> Result<Created, DeskAdminError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        match try_create(store, args, bot).await {
            Err(DeskAdminError::Store {
                source: StoreError::Conflict(_),
                ..
            }) if attempts < 2 => continue,
            other => return other,
        }
    }
}

async fn try_create(
    store: &Store,
    args: &DeskCreateArgs,
    bot: Option<&CheckedBot>,
) -> Result<Created, DeskAdminError> {
    let existing = store
        .find_workspace_by_slug(&args.slug)
        .await
        .map_err(store_error("read the desks"))?;
    if let Some(checked) = bot {
        let stored = store
            .find_bot(checked.id)
            .await
            .map_err(store_error("read the bots"))?;
        if let Some(stored) = stored {
            // Compared by slug, not by the desk read above: another run may have created
            // this very desk, with this bot, in between; that is the same desk, not a theft.
            let desk = store
                .get_workspace(stored.workspace)
                .await
                .map_err(store_error("read the desks"))?;
            if desk.slug != args.slug {
                return Err(DeskAdminError::BotTaken {
                    username: stored.username,
                    desk: desk.slug,
                });
            }
        }
    }
    let owned = match &existing {
        Some(w) => store
            .has_owner(w.id)
            .await
            .map_err(store_error("read the desk's owner"))?,
        None => false,
    };
    let now = chrono::Utc::now();
    let new = NewWorkspace {
        slug: args.slug.clone(),
        name: args.name.clone(),
        first_ticket_number: FIRST_TICKET_NUMBER,
        created_at: now,
    };
    store
        .write(async |tx| {
            let (workspace, created) = match &existing {
                Some(w) => (w.clone(), false),
                None => (tx.create_workspace(&new).await?, true),
            };
            if let Some(checked) = bot {
                let new_bot = NewBot {
                    role: BotRole::All,
                    telegram_bot_id: checked.id,
                    username: checked.username.clone(),
                    token_ciphertext: checked.sealed.clone(),
                    created_at: now,
                };
                tx.register_bot(workspace.id, &new_bot).await?;
            }
            let code = match owned {
                true => None,
                false => Some(tx.new_setup_code(workspace.id, now).await?),
            };
            Ok::<_, StoreError>(Created {
                workspace,
                created,
                code,
            })
        })
        .await
        .map_err(store_error("create the desk"))
}

/// `--bot-token -` reads the token from standard input, so it stays out of `ps` and the
/// shell's history.
fn token_from(given: &str) -> Result<String, DeskAdminError> {
    if given != "-" {
        return Ok(given.trim().to_owned());
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(DeskAdminError::Stdin)?;
    Ok(line.trim().to_owned())
}

/// Asks Telegram who the token's bot is (`getMe`), as the settings bot does with a pasted
/// token, and seals the token with the instance's key.
async fn check_token(settings: &Settings, token: &str) -> Result<CheckedBot, DeskAdminError> {
    let configured = settings
        .telegram
        .bot_token
        .as_ref()
        .is_some_and(|t| t.expose() == token);
    let client = TelegramClient::new(settings.telegram.api_url.clone(), Secret::new(token));
    let me = match client.bot().get_me().await {
        Ok(me) => me,
        Err(e) => {
            let e = TelegramError::from(e);
            return Err(if e.is_transient() {
                DeskAdminError::Telegram(e)
            } else {
                DeskAdminError::TokenRefused
            });
        }
    };
    let username = me.user.username.clone().unwrap_or_default();
    if configured {
        // The configured bot already serves the default desk (instance.workspace).
        return Err(DeskAdminError::BotTaken {
            username,
            desk: settings.instance.workspace.clone(),
        });
    }
    let key = crate::token_key::token_key(settings)?;
    Ok(CheckedBot {
        id: me.user.id.0 as i64,
        username,
        sealed: key.seal(token),
    })
}

/// One desk per line: slug, name, bots, active agents, open tickets (tab-separated).
async fn list(store: &Store) -> Result<String, DeskAdminError> {
    let desks = store
        .desk_summaries()
        .await
        .map_err(store_error("read the desks"))?;
    let bots = store
        .all_bots()
        .await
        .map_err(store_error("read the bots"))?;
    let mut out = String::from("slug\tname\tbots\tagents\topen_tickets\n");
    for desk in desks {
        let names: Vec<String> = bots
            .iter()
            .filter(|b| b.workspace == desk.workspace.id)
            .map(|b| format!("@{}", b.username))
            .collect();
        let names = if names.is_empty() {
            "-".to_owned()
        } else {
            names.join(",")
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            desk.workspace.slug, desk.workspace.name, names, desk.agents, desk.open_tickets
        );
    }
    Ok(out)
}
