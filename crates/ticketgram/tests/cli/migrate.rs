//! `migrate` on the embedded SQLite default and, when `TEST_DATABASE_URL` names a server, on a
//! fresh PostgreSQL database of its own.

use sqlx::Connection as _;

use crate::helpers::{run, sqlite_url, Sandbox, TOKEN};
use ticketgram_testkit::{postgres_server, TestDatabase};

/// Tables in a SQLite file, read directly (not through the binary under test).
async fn sqlite_tables(path: &std::path::Path) -> Vec<String> {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("open SQLite");
    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .fetch_all(&mut conn)
        .await
        .expect("list tables")
}

#[tokio::test]
async fn migrate_creates_the_schema_in_a_fresh_sqlite_file() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("fresh.db");
    assert!(!db.exists());
    let migrate = || {
        run(sandbox
            .cmd(&["migrate"])
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db))
            .env("TICKETGRAM_BOT_TOKEN", TOKEN)
            .env("RUST_LOG", "trace"))
    };
    let out = migrate();
    out.assert_success().assert_no_secret(TOKEN);
    assert!(
        out.stderr.contains("database schema is up to date"),
        "{}",
        out.dump()
    );

    let tables = sqlite_tables(&db).await;
    assert!(tables.iter().any(|t| t == "_sqlx_migrations"), "{tables:?}");
    assert!(
        tables.len() > 3,
        "expected the Ticketgram schema, got {tables:?}"
    );

    // Running it again is a no-op, not an error.
    migrate().assert_success();
    assert_eq!(sqlite_tables(&db).await, tables);
}

#[test]
fn migrate_reports_a_database_it_cannot_open() {
    let sandbox = Sandbox::new();
    let url = sqlite_url(&sandbox.path("no-such-dir/x.db"));
    let out = run(sandbox
        .cmd(&["migrate"])
        .env("TICKETGRAM_DATABASE_URL", &url));
    assert_eq!(out.code, Some(1), "{}", out.dump());
    assert!(
        out.stderr
            .contains(&format!("error: cannot open the database {url}")),
        "{}",
        out.dump()
    );
}

#[tokio::test]
async fn migrate_creates_the_schema_in_a_fresh_postgres_database() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let out = run(Sandbox::new()
        .cmd(&["migrate"])
        .env("DATABASE_URL", &db.url));

    let tables: Vec<String> = {
        let mut conn = sqlx::PgConnection::connect(&db.url).await.expect("connect");
        sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_all(&mut conn)
        .await
        .expect("list tables")
    };
    drop(db);

    out.assert_success();
    assert!(tables.iter().any(|t| t == "_sqlx_migrations"), "{tables:?}");
    assert!(
        tables.len() > 3,
        "expected the Ticketgram schema, got {tables:?}"
    );
}

#[test]
fn migrate_error_never_shows_the_database_password() {
    let Some(admin_url) = postgres_server() else {
        return;
    };
    // A database that does not exist on a server that answers: fails at once. (An unreachable
    // port would make the pool retry until its acquire timeout.)
    let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
    url.set_password(Some("pw-not-to-print"))
        .expect("URL with a host");
    url.set_path("tg_cli_no_such_database");
    let out = run(Sandbox::new()
        .cmd(&["migrate"])
        .env("TICKETGRAM_DATABASE_URL", url.as_str()));
    assert_eq!(out.code, Some(1), "{}", out.dump());
    out.assert_no_secret("pw-not-to-print");
    assert!(out.stderr.contains(":[redacted]@"), "{}", out.dump());
}
