//! A list of ids bound as one parameter, so a statement reading or marking several rows keeps
//! one text whatever their number (one prepared statement, not one per list length) and costs
//! one round trip, not one per row.

use crate::Backend;

/// `column IN (…the ids in parameter $n…)`; bind [`ids_param`] of the ids as `$n`.
pub(crate) fn in_ids(backend: Backend, column: &str, n: usize) -> String {
    match backend {
        Backend::Sqlite => format!("{column} IN (SELECT value FROM json_each(${n}))"),
        Backend::Postgres => {
            format!("{column} IN (SELECT json_array_elements_text(${n}::json)::bigint)")
        }
    }
}

/// The ids as the parameter [`in_ids`] reads: a JSON array of numbers.
pub(crate) fn ids_param(ids: impl IntoIterator<Item = i64>) -> String {
    let ids: Vec<i64> = ids.into_iter().collect();
    serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())
}
