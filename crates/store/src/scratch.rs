//! A PostgreSQL database made for one run and dropped after it: a benchmark or a test must
//! start empty and must never write into a database someone uses. The benchmark and the test
//! kit both make theirs here, so there is one `CREATE DATABASE` / `DROP DATABASE` in the code.
//! (SQLite's counterpart is a file in a temporary directory, which the callers make.)

use crate::StoreError;
use sqlx::{Connection, Executor, PgConnection};

/// `CREATE DATABASE <prefix>_<random>` on a server, and the URL that reaches it.
#[derive(Debug, Clone)]
pub struct ScratchDatabase {
    server_url: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// Creates a database named `<prefix>_<32 hex digits>` on the server `server_url` names
    /// (the database in that URL is only used to connect). `prefix` is ours, plain letters,
    /// digits and underscores.
    pub async fn create(server_url: &str, prefix: &str) -> Result<ScratchDatabase, StoreError> {
        if prefix.is_empty()
            || !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(StoreError::Invalid(format!(
                "scratch database prefix {prefix:?}"
            )));
        }
        let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
        let url = with_database(server_url, &name)?;
        let mut admin = PgConnection::connect(server_url).await?;
        // The name is ours (checked above), so quoting it is enough.
        admin
            .execute(format!("CREATE DATABASE \"{name}\"").as_str())
            .await?;
        admin.close().await?;
        Ok(ScratchDatabase {
            server_url: server_url.to_string(),
            name,
            url,
        })
    }

    /// The URL of the new database (the server's URL with its database replaced).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The URL the database was created through, to ask the server about it.
    pub fn server_url(&self) -> &str {
        &self.server_url
    }

    /// Drops the database. `WITH (FORCE)` (PostgreSQL 13+) ends the connections a failed run
    /// may have left open, so a crash half-way still leaves nothing behind.
    pub async fn remove(&self) -> Result<(), StoreError> {
        let mut admin = PgConnection::connect(&self.server_url).await?;
        admin
            .execute(format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name).as_str())
            .await?;
        admin.close().await?;
        Ok(())
    }
}

/// `postgres://u@h:5432/test?x=y` -> `postgres://u@h:5432/<name>?x=y`
fn with_database(server_url: &str, name: &str) -> Result<String, StoreError> {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let authority = base
        .split_once("://")
        .map(|(_, rest)| rest)
        .ok_or_else(|| StoreError::Invalid("a PostgreSQL URL has a scheme".into()))?;
    let server = match authority.find('/') {
        Some(slash) => &base[..base.len() - authority.len() + slash],
        None => base,
    };
    Ok(format!("{server}/{name}{query}"))
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_new_database_replaces_the_servers_and_keeps_the_options() {
        for (server, expected) in [
            ("postgres://pg@db:5432/test", "postgres://pg@db:5432/tg_x"),
            ("postgres://pg@db:5432", "postgres://pg@db:5432/tg_x"),
            (
                "postgresql://pg:secret@db/test?sslmode=disable",
                "postgresql://pg:secret@db/tg_x?sslmode=disable",
            ),
        ] {
            assert_eq!(with_database(server, "tg_x").unwrap(), expected);
        }
    }
}
