//! `ticketgram agent …` and `ticketgram topic …`: managing the desk from the command line
//! until the settings bot does it from Telegram. Each command opens the configured database
//! (migrating it, so it works on a fresh file), finds or creates the workspace, and returns
//! plain lines for stdout: one record per line, fields separated by tabs, easy to read and to
//! `cut`.

use ticketgram_domain::{Agent, Topic, TopicName};
use ticketgram_store::{NewAgent, NewTopic, Store, StoreError};

use crate::app::{self, RunError};
use crate::cli::{AgentAddArgs, AgentCommand, TopicCommand};
use crate::settings::Settings;
use crate::workspace::ensure_workspace;

/// Why an admin command failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Run(#[from] RunError),
    #[error("no agent with Telegram id {telegram_id} in workspace {workspace:?}")]
    NoSuchAgent { telegram_id: i64, workspace: String },
    #[error("workspace {workspace:?} already has a topic named {name:?}")]
    TopicExists { name: String, workspace: String },
    #[error("cannot {action}")]
    Store {
        action: &'static str,
        #[source]
        source: StoreError,
    },
}

fn store_error(action: &'static str) -> impl FnOnce(StoreError) -> AdminError {
    move |source| AdminError::Store { action, source }
}

/// The open database and the workspace the command acts on.
struct Desk {
    store: Store,
    ws: ticketgram_domain::WorkspaceId,
    slug: String,
}

async fn open(settings: &Settings) -> Result<Desk, AdminError> {
    let store = app::migrate(&settings.database).await?;
    let slug = settings.instance.workspace.clone();
    let workspace =
        ensure_workspace(&store, &slug)
            .await
            .map_err(|source| RunError::Workspace {
                slug: slug.clone(),
                source,
            })?;
    Ok(Desk {
        store,
        ws: workspace.id,
        slug,
    })
}

/// Runs an `agent` command; returns what to print.
pub async fn agent(settings: &Settings, command: AgentCommand) -> Result<String, AdminError> {
    let desk = open(settings).await?;
    let result = match command {
        AgentCommand::Add(args) => add_agent(&desk, args).await,
        AgentCommand::Remove { telegram_id } => remove_agent(&desk, telegram_id).await,
        AgentCommand::List => list_agents(&desk).await,
    };
    desk.store.close().await;
    result
}

/// Runs a `topic` command; returns what to print.
pub async fn topic(settings: &Settings, command: TopicCommand) -> Result<String, AdminError> {
    let desk = open(settings).await?;
    let result = match command {
        TopicCommand::Add { name, priority } => add_topic(&desk, name, priority).await,
        TopicCommand::List => list_topics(&desk).await,
    };
    desk.store.close().await;
    result
}

async fn add_agent(desk: &Desk, args: AgentAddArgs) -> Result<String, AdminError> {
    let existed = desk
        .store
        .find_agent_by_telegram_id(desk.ws, args.telegram_id)
        .await
        .map_err(store_error("look the agent up"))?
        .is_some();
    let new = NewAgent {
        telegram_user_id: args.telegram_id,
        name: args.name,
        role: args.role,
        alias: args.alias,
        languages: args.languages,
        skills: vec![],
        schedule: None,
        created_at: chrono::Utc::now(),
    };
    let agent = desk
        .store
        .write(async |tx| tx.upsert_agent(desk.ws, &new).await)
        .await
        .map_err(store_error("save the agent"))?;
    let verb = if existed { "updated" } else { "added" };
    Ok(format!("{verb}\t{}\n", agent_line(&agent)))
}

async fn remove_agent(desk: &Desk, telegram_id: i64) -> Result<String, AdminError> {
    let agent = desk
        .store
        .find_agent_by_telegram_id(desk.ws, telegram_id)
        .await
        .map_err(store_error("look the agent up"))?
        .ok_or_else(|| AdminError::NoSuchAgent {
            telegram_id,
            workspace: desk.slug.clone(),
        })?;
    desk.store
        .write(async |tx| tx.set_agent_active(desk.ws, agent.id, false).await)
        .await
        .map_err(store_error("deactivate the agent"))?;
    let agent = Agent {
        active: false,
        ..agent
    };
    Ok(format!("deactivated\t{}\n", agent_line(&agent)))
}

async fn list_agents(desk: &Desk) -> Result<String, AdminError> {
    let agents = desk
        .store
        .list_agents(desk.ws)
        .await
        .map_err(store_error("list the agents"))?;
    Ok(agents.iter().map(|a| agent_line(a) + "\n").collect())
}

/// `ID  NAME  ALIAS  ROLE  LANGUAGES  STATUS`, tab-separated; `-` for no alias.
fn agent_line(agent: &Agent) -> String {
    let languages: Vec<&str> = agent.languages.iter().map(|l| l.code()).collect();
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        agent.telegram_user_id,
        agent.name,
        agent.alias.as_ref().map_or("-", |a| a.as_str()),
        agent.role,
        languages.join(","),
        if agent.active { "active" } else { "inactive" },
    )
}

async fn add_topic(
    desk: &Desk,
    name: String,
    priority: ticketgram_domain::Priority,
) -> Result<String, AdminError> {
    let topics = desk
        .store
        .list_topics(desk.ws, true)
        .await
        .map_err(store_error("list the topics"))?;
    if topics.iter().any(|t| same_name(t, &name)) {
        return Err(AdminError::TopicExists {
            name,
            workspace: desk.slug.clone(),
        });
    }
    let position = topics.iter().map(|t| t.position + 1).max().unwrap_or(0);
    let topic = desk
        .store
        .write(async |tx| {
            tx.add_topic(
                desk.ws,
                &NewTopic {
                    name: TopicName::single(&name),
                    position,
                    default_priority: priority,
                    queue: None,
                },
            )
            .await
        })
        .await
        .map_err(store_error("save the topic"))?;
    Ok(format!("added\t{}\n", topic_line(&topic)))
}

/// Two topics a client could not tell apart ("payments" and "Payments") are one too many.
fn same_name(topic: &Topic, name: &str) -> bool {
    topic
        .name
        .0
        .iter()
        .any(|(_, existing)| existing.to_lowercase() == name.to_lowercase())
}

async fn list_topics(desk: &Desk) -> Result<String, AdminError> {
    let topics = desk
        .store
        .list_topics(desk.ws, true)
        .await
        .map_err(store_error("list the topics"))?;
    Ok(topics.iter().map(|t| topic_line(t) + "\n").collect())
}

/// `POSITION  NAME  PRIORITY  STATUS`, tab-separated.
fn topic_line(topic: &Topic) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        topic.position,
        topic.name.in_language(ticketgram_domain::Language::En),
        topic.default_priority,
        if topic.active { "active" } else { "inactive" },
    )
}
