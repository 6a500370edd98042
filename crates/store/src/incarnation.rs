//! Incarnations: one running process of a named instance.
//!
//! Leases and claims are held by an incarnation (`<instance name>~<random>`), not by the
//! instance name alone. A restarted process has the same name but a new incarnation, so it
//! never mistakes a dead predecessor's claims for its own; and because it knows its name, it
//! can end them at once instead of waiting for them to expire: nothing else can hold claims
//! under that name, names being unique among live instances.

use crate::{StoreError, Tx};
use rand::Rng;
use ticketgram_domain::Timestamp;

/// Separates the instance name from the random part. Names may contain anything else.
const SEPARATOR: char = '~';

/// This process as leases and claims name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incarnation {
    name: String,
    id: String,
}

impl Incarnation {
    /// A fresh incarnation of the instance `name`: call once per process start.
    pub fn start(name: &str) -> Incarnation {
        let random: u64 = rand::thread_rng().gen();
        Incarnation {
            name: name.to_owned(),
            id: format!("{name}{SEPARATOR}{random:016x}"),
        }
    }

    /// The instance name, stable across restarts.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What leases and claims record as their holder.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How every incarnation of this instance's name begins.
    fn prefix(&self) -> String {
        format!("{}{SEPARATOR}", self.name)
    }
}

impl std::fmt::Display for Incarnation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

/// What a new incarnation found left behind by its predecessors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TakenOver {
    /// Bot leases released (the pollers take them again on their first round).
    pub leases: u64,
    /// Outbox jobs that were in flight, due again at once.
    pub jobs: u64,
    /// Webhook deliveries that were in flight, due again at once.
    pub deliveries: u64,
}

impl TakenOver {
    pub fn is_empty(&self) -> bool {
        *self == TakenOver::default()
    }
}

/// `column` names an earlier incarnation of the name whose prefix is `$1`, not `$2` (us).
/// `substr`/`length` count characters on both backends.
fn earlier(column: &str) -> String {
    format!("(substr({column}, 1, length($1)) = $1 AND {column} <> $2)")
}

impl Tx {
    /// Ends what earlier incarnations of `me`'s instance left behind: their leases are
    /// released and their in-flight jobs and deliveries become due at once (attempts and
    /// progress kept; a send the dead process made but never recorded goes out again, the
    /// at-least-once edge of Telegram's send window). Call once at start, before the relays.
    pub async fn take_over_from_predecessors(
        &self,
        me: &Incarnation,
        now: Timestamp,
    ) -> Result<TakenOver, StoreError> {
        let prefix = me.prefix();
        let mut conn = self.outbox_conn().await?;
        let leases = sqlx::query(&format!("DELETE FROM leases WHERE {}", earlier("holder")))
            .bind(&prefix)
            .bind(me.id())
            .execute(&mut *conn)
            .await?
            .rows_affected();
        // Its row among the instances: a dead predecessor must not be counted as live.
        sqlx::query(&format!("DELETE FROM instances WHERE {}", earlier("id")))
            .bind(&prefix)
            .bind(me.id())
            .execute(&mut *conn)
            .await?;
        let held = earlier("claimed_by");
        let jobs = crate::outbox::OUTBOX
            .lapse_claims(&mut conn, &held, &prefix, me.id(), now)
            .await?;
        let deliveries = crate::webhooks::WEBHOOK_DELIVERIES
            .lapse_claims(&mut conn, &held, &prefix, me.id(), now)
            .await?;
        Ok(TakenOver {
            leases,
            jobs,
            deliveries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Incarnation;

    #[test]
    fn each_start_is_a_new_incarnation_of_the_same_name() {
        let first = Incarnation::start("helpdesk-1");
        let second = Incarnation::start("helpdesk-1");
        assert_ne!(first.id(), second.id());
        assert_eq!(first.name(), second.name());
        assert!(second.id().starts_with("helpdesk-1~"));
    }
}
