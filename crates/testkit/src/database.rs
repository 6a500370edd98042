//! A fresh database for each test: a SQLite file in a temporary directory, or a PostgreSQL
//! database created on the server `TEST_DATABASE_URL` names and dropped when the test ends —
//! also when it fails half-way. Without `TEST_DATABASE_URL` the PostgreSQL tests are skipped
//! with a notice.

use ticketgram_store::{ScratchDatabase, Store};

/// The variable naming the PostgreSQL server tests create their databases on, e.g.
/// `postgres://postgres@127.0.0.1:5432/test` (that database itself is only used to connect).
pub const TEST_DATABASE_URL: &str = "TEST_DATABASE_URL";

/// A database of the test's own, removed when this value is dropped.
pub struct TestDatabase {
    /// Where it is; a test may open connections of its own (a second instance, a restart).
    pub url: String,
    place: Place,
}

enum Place {
    /// The directory removes itself (and the file) when dropped.
    Sqlite {
        _dir: tempfile::TempDir,
    },
    Postgres(ScratchDatabase),
}

impl TestDatabase {
    /// A SQLite file that does not exist yet (connecting creates it) in a new temporary
    /// directory.
    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        TestDatabase {
            url: format!("sqlite://{}/desk.db", dir.path().display()),
            place: Place::Sqlite { _dir: dir },
        }
    }

    /// A new, empty database `tg_test_<random>` on the `TEST_DATABASE_URL` server; `None`, with
    /// a notice, when the variable is not set: the caller skips its test.
    pub async fn postgres() -> Option<TestDatabase> {
        let server = postgres_server()?;
        let scratch = ScratchDatabase::create(&server, "tg_test")
            .await
            .unwrap_or_else(|e| {
                panic!("cannot create a database through {TEST_DATABASE_URL}: {e}")
            });
        Some(TestDatabase {
            url: scratch.url().to_string(),
            place: Place::Postgres(scratch),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.place, Place::Postgres(_))
    }

    /// A store on this database with the schema brought up to date.
    pub async fn open(&self) -> Store {
        let store = Store::connect(&self.url).await.expect("database opens");
        store.migrate().await.expect("migrations run");
        store
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Place::Postgres(scratch) = &self.place else {
            return; // The temporary directory removes itself.
        };
        let scratch = scratch.clone();
        // Drop cannot await, and may run inside the test's runtime: a short-lived runtime on
        // its own thread does the clean-up. `WITH (FORCE)` ends connections still open.
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(scratch.remove())
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("could not drop the test database: {e}");
        }
    }
}

/// The PostgreSQL server `TEST_DATABASE_URL` names, for a test that needs the server itself
/// (to name a database that does not exist, say); `None`, with a notice, when it is not set.
pub fn postgres_server() -> Option<String> {
    let server = std::env::var(TEST_DATABASE_URL)
        .ok()
        .filter(|url| !url.is_empty());
    if server.is_none() {
        skip_notice();
    }
    server
}

/// Printed once per test binary, straight to stderr so the test harness's output capture
/// cannot hide it for passing tests.
fn skip_notice() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "notice: the PostgreSQL tests are skipped: set \
             {TEST_DATABASE_URL}=postgres://user@host:5432/db to run them"
        );
    });
}
