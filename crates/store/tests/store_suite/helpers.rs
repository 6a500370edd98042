//! Test databases and fixtures shared by the stories.

use chrono::TimeZone;
use sqlx::{Connection, Executor};
use std::future::Future;
use ticketgram_domain::{AgentRole, Client, Language, Priority, Ticket, Timestamp, WorkspaceId};
use ticketgram_store::{NewAgent, NewClient, NewTicket, NewWorkspace, Store};

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
    let dir = tempfile::tempdir().expect("temp dir");
    // The file does not exist yet: connecting must create it.
    let url = format!("sqlite://{}/ticketgram.db", dir.path().display());
    let store = Store::connect(&url).await.expect("connect to SQLite");
    store.migrate().await.expect("migrate SQLite");
    story(TestDb {
        store: store.clone(),
        url,
    })
    .await;
    store.close().await;
}

/// Runs a story in a freshly created PostgreSQL database, dropped afterwards even when the
/// story fails. Without `TEST_DATABASE_URL` the story is skipped with a notice.
pub async fn run_on_postgres<F, Fut>(story: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        skip_notice();
        return;
    };
    let name = format!("tg_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");

    let url = replace_database(&admin_url, &name);
    let store = Store::connect(&url)
        .await
        .expect("connect to test database");
    store.migrate().await.expect("migrate PostgreSQL");
    // Spawned so a failing story still lets us drop its database before re-raising the panic.
    let outcome = tokio::spawn(story(TestDb {
        store: store.clone(),
        url,
    }))
    .await;
    store.close().await;
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await
        .expect("drop test database");
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

/// Printed once per run, straight to stderr so the test harness's output capture cannot hide it.
fn skip_notice() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipping PostgreSQL store tests: TEST_DATABASE_URL not set"
        );
    });
}

/// `postgres://u@h:5432/test?x=y` -> `postgres://u@h:5432/<name>?x=y`
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let (server, _db) = base.rsplit_once('/').expect("database URL has a path");
    format!("{server}/{name}{query}")
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
