//! One implementation of a claimable job queue, shared by the Telegram outbox and the webhook
//! deliveries.
//!
//! A job waits (`pending`, due at a time), is claimed by one instance for a short while
//! (`in_flight`, `claimed_by`, `claim_expires_at`, extended by the holder's heartbeat), and ends
//! done or dead, or goes back to waiting with its error. A claim that lapsed (its holder died)
//! is claimable again, so delivery is at-least-once and a dead instance's work resumes within
//! one claim. On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`, so instances
//! claiming at the same moment never get the same job and never wait for each other; on SQLite
//! the single UPDATE statement is atomic. Where the queue orders jobs (the outbox's ordering
//! keys), only the oldest unfinished job of a key is claimable.
//!
//! The tables differ only in column names, which this describes; the statements are written
//! once here.

use crate::time::to_millis;
use crate::{Backend, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::Timestamp;

pub(crate) struct JobQueue {
    pub table: &'static str,
    /// When a pending job may be tried (again).
    pub due_at: &'static str,
    /// The status a job that succeeded ends in, and the column stamped then.
    pub done_status: &'static str,
    pub done_at: &'static str,
    /// The column stamped when a job is given up, if the table keeps it.
    pub dead_at: Option<&'static str>,
    /// Jobs sharing a value of this column go out one at a time, oldest first.
    pub ordered_by: Option<&'static str>,
    /// What a job is called in errors ("outbox job").
    pub noun: &'static str,
}

/// How an attempt ended.
pub(crate) enum JobEnd<'a> {
    Done {
        at: Timestamp,
    },
    /// Try again at `at`; the job (and the later ones of its key) wait until then.
    Later {
        at: Timestamp,
        error: &'a str,
    },
    Dead {
        at: Timestamp,
        error: &'a str,
    },
}

impl JobQueue {
    /// The statement that claims up to `$4` due jobs for instance `$1` until `$2`, at time `$3`.
    /// `filter` is a further condition on the candidate `o` (its placeholders start at `$5`);
    /// `returning` lists the claimed rows' columns to hand back.
    pub fn claim_sql(&self, backend: Backend, filter: &str, returning: &str) -> String {
        let table = self.table;
        let due = self.due_at;
        let lock = match backend {
            Backend::Postgres => "FOR UPDATE OF o SKIP LOCKED",
            Backend::Sqlite => "",
        };
        format!(
            "UPDATE {table} SET status = 'in_flight', claimed_by = $1, claim_expires_at = $2, attempts = attempts + 1
             WHERE id IN (
                 SELECT o.id FROM {table} o
                 WHERE o.status IN ('pending', 'in_flight')
                   AND ((o.status = 'pending' AND o.{due} <= $3) OR (o.status = 'in_flight' AND o.claim_expires_at <= $3))
                   {filter}
                   {ordering}
                 ORDER BY o.id LIMIT $4 {lock})
             RETURNING {returning}",
            ordering = self.head_of_key(),
        )
    }

    /// The statement reading when the next job becomes claimable (a pending job's due time, an
    /// in-flight one's claim expiry), among the jobs `filter` keeps (placeholders from `$1`).
    pub fn next_due_sql(&self, filter: &str) -> String {
        format!(
            "SELECT MIN(CASE WHEN o.status = 'pending' THEN o.{due} ELSE o.claim_expires_at END)
             FROM {table} o
             WHERE o.status IN ('pending', 'in_flight') {filter} {ordering}",
            due = self.due_at,
            table = self.table,
            ordering = self.head_of_key(),
        )
    }

    /// Only the oldest unfinished job of its key may go (nothing when the queue is unordered).
    fn head_of_key(&self) -> String {
        match self.ordered_by {
            Some(key) => format!(
                "AND NOT EXISTS (
                     SELECT 1 FROM {table} older
                     WHERE older.{key} = o.{key} AND older.id < o.id
                       AND older.status IN ('pending', 'in_flight'))",
                table = self.table
            ),
            None => String::new(),
        }
    }

    /// The heartbeat of calls under way: our claims on `ids` still in flight last until
    /// `until`. Returns how many were extended (fewer: another instance took one over after our
    /// claim lapsed).
    pub async fn extend_claims(
        &self,
        conn: &mut AnyConnection,
        instance: &str,
        ids: &[i64],
        until: Timestamp,
    ) -> Result<u64, StoreError> {
        if ids.is_empty() {
            return Ok(0);
        }
        // `Any` cannot bind arrays: one placeholder per id.
        let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "UPDATE {} SET claim_expires_at = $1
             WHERE status = 'in_flight' AND claimed_by = $2 AND id IN ({})",
            self.table,
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(to_millis(until)).bind(instance);
        for id in ids {
            query = query.bind(*id);
        }
        Ok(query.execute(conn).await?.rows_affected())
    }

    /// Makes the in-flight jobs whose holder matches `held_by` (an SQL condition on
    /// `claimed_by` whose placeholders are `$1` and `$2`, bound to `first` and `second`)
    /// claimable at `now` (bound as `$3`), attempts and progress kept. Returns how many.
    pub async fn lapse_claims(
        &self,
        conn: &mut AnyConnection,
        held_by: &str,
        first: &str,
        second: &str,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let sql = format!(
            "UPDATE {} SET claim_expires_at = $3 WHERE status = 'in_flight' AND {held_by}",
            self.table
        );
        Ok(sqlx::query(&sql)
            .bind(first)
            .bind(second)
            .bind(to_millis(now))
            .execute(conn)
            .await?
            .rows_affected())
    }

    /// Ends an attempt of a job we hold. `Conflict` means our claim lapsed and another
    /// instance took the job over (it may be sent twice: delivery is at-least-once).
    pub async fn finish(
        &self,
        conn: &mut AnyConnection,
        id: i64,
        instance: &str,
        end: JobEnd<'_>,
    ) -> Result<(), StoreError> {
        let table = self.table;
        // Placeholders: $1 the job, $2 the instance, then the time (if stamped) and the error.
        let (set, at, error) = match end {
            JobEnd::Done { at } => (
                format!(
                    "status = '{}', {} = $3, last_error = NULL",
                    self.done_status, self.done_at
                ),
                Some(at),
                None,
            ),
            JobEnd::Later { at, error } => (
                format!(
                    "status = 'pending', {} = $3, last_error = $4, claimed_by = NULL",
                    self.due_at
                ),
                Some(at),
                Some(error),
            ),
            JobEnd::Dead { at, error } => match self.dead_at {
                Some(column) => (
                    format!("status = 'dead', {column} = $3, last_error = $4"),
                    Some(at),
                    Some(error),
                ),
                None => (
                    "status = 'dead', last_error = $3".to_string(),
                    None,
                    Some(error),
                ),
            },
        };
        let sql = format!(
            "UPDATE {table} SET {set}, claim_expires_at = NULL
             WHERE id = $1 AND status = 'in_flight' AND claimed_by = $2"
        );
        let mut query = sqlx::query(&sql).bind(id).bind(instance);
        if let Some(at) = at {
            query = query.bind(to_millis(at));
        }
        if let Some(error) = error {
            query = query.bind(error);
        }
        let done = query.execute(conn).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "{} {id} is not claimed by this instance",
                self.noun
            )));
        }
        Ok(())
    }

    /// [`JobQueue::finish`] with [`JobEnd::Done`] for several jobs we hold, in one statement:
    /// a round's deliveries are recorded together. `Conflict` if any of them is no longer
    /// ours (the caller's transaction must then not commit).
    pub async fn finish_done(
        &self,
        conn: &mut AnyConnection,
        backend: Backend,
        ids: &[i64],
        instance: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let listed = crate::id_lists::in_ids(backend, "id", 1);
        let sql = format!(
            "UPDATE {} SET status = '{}', {} = $3, last_error = NULL, claim_expires_at = NULL
             WHERE {listed} AND status = 'in_flight' AND claimed_by = $2",
            self.table, self.done_status, self.done_at
        );
        let done = sqlx::query(&sql)
            .bind(crate::id_lists::ids_param(ids.iter().copied()))
            .bind(instance)
            .bind(to_millis(at))
            .execute(conn)
            .await?;
        if done.rows_affected() != ids.len() as u64 {
            return Err(StoreError::Conflict(format!(
                "a {} of {ids:?} is not claimed by this instance",
                self.noun
            )));
        }
        Ok(())
    }
}
