//! Where a text sits in the database in plain form: every column of every table, read as
//! text, on either backend. Secrets are meant to be sealed or hashed at rest; tests (and an
//! operator wondering about a dump) ask this whether one slipped through anyway.

use crate::{Store, StoreError};

impl Store {
    /// `table.column` of every value that contains `needle`, once per column.
    pub async fn columns_containing(&self, needle: &str) -> Result<Vec<String>, StoreError> {
        let columns: Vec<(String, String)> = if self.backend() == crate::Backend::Postgres {
            sqlx::query_as(
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns
                 WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
            )
            .fetch_all(self.pool())
            .await?
        } else {
            sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' ORDER BY m.name, p.cid",
            )
            .fetch_all(self.pool())
            .await?
        };
        let postgres = self.backend() == crate::Backend::Postgres;
        let mut found = Vec::new();
        for (table, column) in columns {
            // The migrations' own bookkeeping holds no desk's data.
            if table == "_sqlx_migrations" {
                continue;
            }
            // Names come from the catalogue, not from a caller. SQLite compares bytes, so a
            // binary column (a hash) is searched as it is, not decoded as text.
            let sql = if postgres {
                format!("SELECT COUNT(*) FROM \"{table}\" WHERE strpos(CAST(\"{column}\" AS TEXT), $1) > 0")
            } else {
                format!("SELECT COUNT(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS BLOB), CAST($1 AS BLOB)) > 0")
            };
            let (hits,): (i64,) = sqlx::query_as(&sql)
                .bind(needle)
                .fetch_one(self.pool())
                .await?;
            if hits > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
        Ok(found)
    }
}
