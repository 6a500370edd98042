//! Test databases and fixtures shared by the stories.

use chrono::TimeZone;
use std::future::Future;
use ticketgram_domain::{AgentRole, Client, Language, Priority, Ticket, Timestamp, WorkspaceId};
use ticketgram_store::{NewAgent, NewClient, NewTicket, NewWorkspace, Store};
use ticketgram_testkit::TestDatabase;

/// A migrated store and the URL it was opened with (stories that simulate a restart or a
/// second instance connect to it again).
#[derive(Clone)]
pub struct TestDb {
    pub store: Store,
    pub url: String,
}

impl TestDb {
    /// Another instance on the same database: its own pool, its own connections.
    pub async fn second_instance(&self) -> Store {
        Store::connect(&self.url)
            .await
            .expect("second instance connects")
    }
}

/// Runs a story in a fresh SQLite file that disappears afterwards.
pub async fn run_on_sqlite<F, Fut>(story: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    run_on(TestDatabase::sqlite(), story).await
}

/// Runs a story in a freshly created PostgreSQL database, dropped afterwards even when the
/// story fails. Without `TEST_DATABASE_URL` the story is skipped with a notice.
pub async fn run_on_postgres<F, Fut>(story: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(database) = TestDatabase::postgres().await {
        run_on(database, story).await
    }
}

async fn run_on<F, Fut>(database: TestDatabase, story: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    // The file or database does not exist yet: connecting must create it (SQLite), and
    // migrating must build the whole schema.
    let store = database.open().await;
    story(TestDb {
        store: store.clone(),
        url: database.url.clone(),
    })
    .await;
    store.close().await;
    // `database` is dropped here, or while a failing story unwinds: either way it is removed.
}

/// Declares each story twice: `<story>::sqlite` and `<story>::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => {$(
        mod $story {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::run_on_sqlite(super::$story).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::run_on_postgres(super::$story).await
            }
        }
    )*};
}

/// Monday 2 November 2026, 09:00 UTC, plus `minutes`. Stories pass time in explicitly.
pub fn at(minutes: i64) -> Timestamp {
    chrono::Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap() + chrono::Duration::minutes(minutes)
}

pub async fn open_desk(store: &Store, slug: &str) -> WorkspaceId {
    open_desk_numbered_from(store, slug, 1).await
}

pub async fn open_desk_numbered_from(store: &Store, slug: &str, first: i64) -> WorkspaceId {
    let new = NewWorkspace {
        slug: slug.into(),
        name: format!("{slug} support"),
        first_ticket_number: first,
        created_at: at(0),
    };
    store
        .write(async |tx| tx.create_workspace(&new).await)
        .await
        .expect("create workspace")
        .id
}

pub async fn client_writes_in(
    store: &Store,
    ws: WorkspaceId,
    telegram_user_id: i64,
    name: &str,
) -> Client {
    let new = NewClient {
        telegram_user_id,
        first_name: name.into(),
        last_name: None,
        username: Some(name.to_lowercase()),
        language: Language::En,
        attributes: serde_json::json!({ "is_premium": false }),
        seen_at: at(0),
    };
    store
        .write(async |tx| tx.upsert_client(ws, &new).await)
        .await
        .expect("upsert client")
}

pub fn new_agent(telegram_user_id: i64, name: &str) -> NewAgent {
    NewAgent {
        telegram_user_id,
        name: name.into(),
        role: AgentRole::Agent,
        alias: None,
        languages: vec![Language::En],
        skills: vec![],
        schedule: None,
        created_at: at(0),
    }
}

pub async fn open_ticket(
    store: &Store,
    ws: WorkspaceId,
    client: &Client,
    subject: &str,
    minute: i64,
) -> Ticket {
    let new = NewTicket {
        client: client.id,
        topic: None,
        subject: subject.into(),
        priority: Priority::Normal,
        queue: None,
        language: client.language,
        created_at: at(minute),
    };
    store
        .write(async |tx| tx.create_ticket(ws, &new).await)
        .await
        .expect("create ticket")
}

/// The client writes `text` (with `media`) on `ticket` at `minute`.
pub async fn client_says(
    store: &Store,
    ws: WorkspaceId,
    ticket: ticketgram_domain::TicketId,
    text: &str,
    minute: i64,
    media: Vec<ticketgram_domain::MediaRef>,
) -> ticketgram_domain::MessageId {
    let new = ticketgram_store::NewMessage {
        ticket,
        direction: ticketgram_domain::MessageDirection::Client,
        author_agent: None,
        text: Some(text.into()),
        media,
        created_at: at(minute),
    };
    store
        .write(async |tx| tx.add_message(ws, &new).await)
        .await
        .unwrap()
        .message
        .id
}
