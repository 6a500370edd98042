//! A database of the run's own: a benchmark must start empty (a full inbox or outbox would
//! change the figures) and must never write into a database someone uses.

use crate::BenchError;
use sqlx::{Connection, PgConnection};
use ticketgram_store::{Backend, ScratchDatabase};

pub enum BenchDatabase {
    /// The file lives in the directory, removed when it is dropped.
    Sqlite {
        url: String,
        _dir: tempfile::TempDir,
    },
    /// A fresh database on the server we were given.
    Postgres(ScratchDatabase),
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
            Backend::Postgres => Ok(BenchDatabase::Postgres(
                ScratchDatabase::create(database_url, "tg_bench").await?,
            )),
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
        let BenchDatabase::Postgres(scratch) = self else {
            return Ok(None);
        };
        let mut admin = PgConnection::connect(scratch.server_url()).await?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT xact_commit FROM pg_stat_database WHERE datname = $1")
                .bind(scratch.name())
                .fetch_one(&mut admin)
                .await?;
        admin.close().await?;
        Ok(u64::try_from(count).ok())
    }

    pub fn url(&self) -> &str {
        match self {
            BenchDatabase::Sqlite { url, .. } => url,
            BenchDatabase::Postgres(scratch) => scratch.url(),
        }
    }

    /// Deletes what `create` made, also after a run that failed half-way.
    pub async fn remove(self) -> Result<(), BenchError> {
        match self {
            BenchDatabase::Sqlite { .. } => Ok(()),
            BenchDatabase::Postgres(scratch) => Ok(scratch.remove().await?),
        }
    }
}
