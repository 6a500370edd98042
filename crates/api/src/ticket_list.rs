//! `GET /tickets`: filters and paging over the store's ticket search.

use axum::{Extension, Json};

use crate::auth::Caller;
use crate::error::ApiError;

pub(crate) async fn list(Extension(_caller): Extension<Caller>) -> Result<Json<()>, ApiError> {
    Err(ApiError::Internal("ticket search is not merged yet".into()))
}

pub(crate) const DEFAULT_LIMIT: i64 = 50;
pub(crate) const MAX_LIMIT: i64 = 100;

/// `limit` as asked, 1 to 100, or the default.
pub(crate) fn page_size(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::Invalid(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        ))),
    }
}
