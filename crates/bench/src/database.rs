//! A database of the run's own: a benchmark must start empty (a full inbox or outbox would
//! change the figures) and must never write into a database someone uses.

use crate::BenchError;
use rand::Rng;
use sqlx::{Connection, Executor, PgConnection};
use ticketgram_store::Backend;

pub enum BenchDatabase {
    /// The file lives in the directory, removed when it is dropped.
    Sqlite {
        url: String,
        _dir: tempfile::TempDir,
    },
    /// `server` is the URL we were given; `url` points at the fresh database on it.
    Postgres {
        server: String,
        url: String,
        name: String,
    },
}

impl BenchDatabase {
    /// For SQLite a file in a new temporary directory; for PostgreSQL `CREATE DATABASE
    /// tg_bench_<random>` on the server the URL names.
    pub async fn create(database_url: &str) -> Result<BenchDatabase, BenchError> {
        match Backend::from_url(database_url)? {
            Backend::Sqlite => {
                let dir = tempfile::Builder::new()
                    .prefix("tg-bench-")
                    .tempdir()
                    .map_err(BenchError::TempDir)?;
                let url = format!("sqlite://{}/bench.db", dir.path().display());
                Ok(BenchDatabase::Sqlite { url, _dir: dir })
            }
            Backend::Postgres => {
                let name = format!("tg_bench_{:016x}", rand::thread_rng().gen::<u64>());
                let mut url = url::Url::parse(database_url)
                    .map_err(|e| BenchError::Config(format!("database URL: {e}")))?;
                url.set_path(&format!("/{name}"));
                let mut admin = PgConnection::connect(database_url).await?;
                // The name is ours (hex digits), so quoting it is enough.
                admin
                    .execute(format!("CREATE DATABASE \"{name}\"").as_str())
                    .await?;
                admin.close().await?;
                Ok(BenchDatabase::Postgres {
                    server: database_url.to_string(),
                    url: url.to_string(),
                    name,
                })
            }
        }
    }

    /// Brings the schema up to date before the run, so the migration's commits are not
    /// counted as the desk's.
    pub async fn prepare(&self) -> Result<(), BenchError> {
        let store = ticketgram_store::Store::connect(self.url()).await?;
        store.migrate().await?;
        store.close().await;
        Ok(())
    }

    /// Transactions committed in this database so far (PostgreSQL's own count, which includes
    /// every statement run outside a transaction); `None` on SQLite. Backends report their
    /// counts when they end, so read it once the desk's connections are closed.
    pub async fn commits(&self) -> Result<Option<u64>, BenchError> {
        let BenchDatabase::Postgres { server, name, .. } = self else {
            return Ok(None);
        };
        let mut admin = PgConnection::connect(server).await?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT xact_commit FROM pg_stat_database WHERE datname = $1")
                .bind(name)
                .fetch_one(&mut admin)
                .await?;
        admin.close().await?;
        Ok(u64::try_from(count).ok())
    }

    pub fn url(&self) -> &str {
        match self {
            BenchDatabase::Sqlite { url, .. } | BenchDatabase::Postgres { url, .. } => url,
        }
    }

    /// Deletes what `create` made. `WITH (FORCE)` (PostgreSQL 13+) ends connections a failed
    /// run may have left open, so a crash half-way still leaves no database behind.
    pub async fn remove(self) -> Result<(), BenchError> {
        match self {
            BenchDatabase::Sqlite { .. } => Ok(()),
            BenchDatabase::Postgres { server, name, .. } => {
                let mut admin = PgConnection::connect(&server).await?;
                admin
                    .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                    .await?;
                admin.close().await?;
                Ok(())
            }
        }
    }
}
