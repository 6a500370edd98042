//! Durations on the wire as whole seconds: what spreadsheets, charts and API clients can use
//! directly (chrono's own serde form is a `[secs, nanos]` pair).

use chrono::Duration;
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(d: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(d.num_seconds())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    let secs = i64::deserialize(deserializer)?;
    Duration::try_seconds(secs).ok_or_else(|| serde::de::Error::custom("duration out of range"))
}

pub mod option {
    use chrono::Duration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        d: &Option<Duration>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => serializer.serialize_some(&d.num_seconds()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Duration>, D::Error> {
        Option::<i64>::deserialize(deserializer)?
            .map(|secs| {
                Duration::try_seconds(secs)
                    .ok_or_else(|| serde::de::Error::custom("duration out of range"))
            })
            .transpose()
    }
}
