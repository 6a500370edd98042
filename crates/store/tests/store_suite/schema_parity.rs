//! SQLite and PostgreSQL each have their own migrations; the code above them is one. Every
//! table and column must exist on both, or a query that works on one desk breaks on another.

use crate::helpers::run_on_postgres;
use std::collections::BTreeSet;
use ticketgram_store::Store;

type Columns = BTreeSet<(String, String)>;

async fn sqlite_columns(store: &Store) -> Columns {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(store.pool())
    .await
    .expect("SQLite catalogue");
    rows.into_iter().collect()
}

async fn postgres_columns(store: &Store) -> Columns {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(store.pool())
    .await
    .expect("PostgreSQL catalogue");
    rows.into_iter().collect()
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    run_on_postgres(|postgres| async move {
        let dir = tempfile::tempdir().expect("temp dir");
        let sqlite = Store::connect(&format!("sqlite://{}/parity.db", dir.path().display()))
            .await
            .expect("SQLite opens");
        sqlite.migrate().await.expect("SQLite migrations");
        let lite = sqlite_columns(&sqlite).await;
        let pg = postgres_columns(&postgres.store).await;
        assert!(lite.len() > 50, "SQLite columns: {lite:?}");
        let only_lite: Vec<_> = lite.difference(&pg).collect();
        let only_pg: Vec<_> = pg.difference(&lite).collect();
        assert!(
            only_lite.is_empty() && only_pg.is_empty(),
            "only in SQLite: {only_lite:?}\nonly in PostgreSQL: {only_pg:?}"
        );
    })
    .await;
}
