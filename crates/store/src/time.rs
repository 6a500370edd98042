//! Timestamps are stored as unix milliseconds: an `i64` both backends and the `Any` driver
//! handle identically, unlike their native date types.

use crate::StoreError;
use ticketgram_domain::Timestamp;

pub(crate) fn to_millis(at: Timestamp) -> i64 {
    at.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> Result<Timestamp, StoreError> {
    chrono::DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Invalid(format!("timestamp {ms} out of range")))
}

pub(crate) fn opt_from_millis(ms: Option<i64>) -> Result<Option<Timestamp>, StoreError> {
    ms.map(from_millis).transpose()
}

pub(crate) fn opt_to_millis(at: Option<Timestamp>) -> Option<i64> {
    at.map(to_millis)
}

/// Saturating conversion for lease and retry durations.
pub(crate) fn duration_millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}
