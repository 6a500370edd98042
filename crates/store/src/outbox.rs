//! The outbox: every outgoing Telegram call is a job here, sent by whichever instance claims it.
//!
//! Ordering: jobs sharing an `ordering_key` ("chat:123", "ticket:42") are sent strictly in
//! insertion order, one at a time. Only the oldest unfinished job of a key is claimable, so a
//! job waiting to retry holds back the later ones of its key. Dead jobs are finished: they stop
//! blocking their key and stay visible in [`Store::dead_jobs`].
//!
//! Delivery is at-least-once: a claim is short and its holder extends it while the call is
//! under way ([`Tx::extend_claims`]); a killed (or stalled) instance's claim expires within
//! seconds and another instance claims the job again.

use crate::job_queue::{JobEnd, JobQueue};
use crate::time::{duration_millis, from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use sqlx::AnyConnection;
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};

/// The outbox as a [`JobQueue`]: ordered by key, `done_at` stamped on success and on giving up.
pub(crate) const OUTBOX: JobQueue = JobQueue {
    table: "outbox",
    due_at: "not_before",
    done_status: "done",
    done_at: "done_at",
    dead_at: Some("done_at"),
    ordered_by: Some("ordering_key"),
    noun: "outbox job",
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxJob {
    pub bot_id: i64,
    pub ordering_key: String,
    /// JSON of the Telegram call; opaque to the store.
    pub payload: String,
    /// Not sent before this instant (scheduled messages, rate-limit backoff).
    pub not_before: Timestamp,
    pub created_at: Timestamp,
    /// Makes enqueueing idempotent within the workspace: a second job with the same key is not
    /// added (re-handling an update after a crash must not send its replies twice).
    pub dedupe_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    Pending,
    InFlight,
    Done,
    Dead,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::InFlight => "in_flight",
            OutboxStatus::Done => "done",
            OutboxStatus::Dead => "dead",
        }
    }

    fn parse(s: &str) -> Result<OutboxStatus, StoreError> {
        [
            OutboxStatus::Pending,
            OutboxStatus::InFlight,
            OutboxStatus::Done,
            OutboxStatus::Dead,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
        .ok_or_else(|| StoreError::Invalid(format!("stored outbox status {s:?}")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxJob {
    pub id: i64,
    pub workspace: WorkspaceId,
    pub bot_id: i64,
    pub ordering_key: String,
    pub payload: String,
    pub status: OutboxStatus,
    /// Claims so far, including the current one.
    pub attempts: i64,
    pub not_before: Timestamp,
    pub claimed_by: Option<String>,
    pub claim_expires_at: Option<Timestamp>,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
    /// What Telegram answered (e.g. the sent message), recorded on completion.
    pub result: Option<String>,
    pub dedupe_key: Option<String>,
    /// Calls of a multi-part job already made (parts of a long answer sent).
    pub progress: i64,
}

const JOB_COLUMNS: &str =
    "id, workspace_id, bot_id, ordering_key, payload, status, attempts, not_before, \
     claimed_by, claim_expires_at, last_error, created_at, done_at, result, dedupe_key, progress";

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    workspace_id: i64,
    bot_id: i64,
    ordering_key: String,
    payload: String,
    status: String,
    attempts: i64,
    not_before: i64,
    claimed_by: Option<String>,
    claim_expires_at: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    done_at: Option<i64>,
    result: Option<String>,
    dedupe_key: Option<String>,
    progress: i64,
}

impl TryFrom<JobRow> for OutboxJob {
    type Error = StoreError;
    fn try_from(row: JobRow) -> Result<OutboxJob, StoreError> {
        Ok(OutboxJob {
            id: row.id,
            workspace: WorkspaceId(row.workspace_id),
            bot_id: row.bot_id,
            ordering_key: row.ordering_key,
            payload: row.payload,
            status: OutboxStatus::parse(&row.status)?,
            attempts: row.attempts,
            not_before: from_millis(row.not_before)?,
            claimed_by: row.claimed_by,
            claim_expires_at: opt_from_millis(row.claim_expires_at)?,
            last_error: row.last_error,
            created_at: from_millis(row.created_at)?,
            done_at: opt_from_millis(row.done_at)?,
            result: row.result,
            dedupe_key: row.dedupe_key,
            progress: row.progress,
        })
    }
}

/// A job [`Tx::queue`] holds until the transaction writes its queue.
#[derive(Debug)]
pub(crate) struct QueuedJob {
    ws: WorkspaceId,
    job: NewOutboxJob,
}

impl Store {
    /// The connection for a statement that reads or changes the outbox: the jobs this
    /// transaction queued are written first, so it sees them.
    pub(crate) async fn outbox_conn(&self) -> Result<crate::tx::Conn<'_>, StoreError> {
        self.write_queued_jobs().await?;
        self.conn().await
    }

    /// Writes the jobs queued in this transaction, in their order, in one statement (each job
    /// an array in one JSON parameter, as [`crate::id_lists`] binds ids). A job whose dedupe
    /// key is already in the outbox is skipped, as [`enqueue_tx`] skips it.
    pub(crate) async fn write_queued_jobs(&self) -> Result<(), StoreError> {
        let Some(cell) = self.tx.as_deref() else {
            return Ok(());
        };
        let queued = std::mem::take(&mut *cell.queued.lock().unwrap_or_else(|e| e.into_inner()));
        if queued.is_empty() {
            return Ok(());
        }
        let rows: Vec<serde_json::Value> = queued
            .iter()
            .map(|QueuedJob { ws, job }| {
                serde_json::json!([
                    ws.0,
                    job.bot_id,
                    job.ordering_key,
                    job.payload,
                    to_millis(job.not_before),
                    to_millis(job.created_at),
                    job.dedupe_key,
                ])
            })
            .collect();
        // SQLite reads `INSERT … SELECT … ON CONFLICT` only with a WHERE in the SELECT.
        let sql = match self.backend {
            crate::Backend::Sqlite => {
                "INSERT INTO outbox (workspace_id, bot_id, ordering_key, payload, status, attempts,
                                     not_before, created_at, dedupe_key)
                 SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
                        json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), 'pending', 0,
                        json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'),
                        json_extract(j.value, '$[6]')
                 FROM json_each($1) j WHERE true ORDER BY j.key
                 ON CONFLICT (workspace_id, dedupe_key) DO NOTHING"
            }
            crate::Backend::Postgres => {
                "INSERT INTO outbox (workspace_id, bot_id, ordering_key, payload, status, attempts,
                                     not_before, created_at, dedupe_key)
                 SELECT (j ->> 0)::bigint, (j ->> 1)::bigint, j ->> 2, j ->> 3, 'pending', 0,
                        (j ->> 4)::bigint, (j ->> 5)::bigint, j ->> 6
                 FROM json_array_elements($1::json) WITH ORDINALITY AS q(j, n) ORDER BY n
                 ON CONFLICT (workspace_id, dedupe_key) DO NOTHING"
            }
        };
        sqlx::query(sql)
            .bind(serde_json::Value::Array(rows).to_string())
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}

/// Enqueues inside the caller's transaction, so the job exists exactly when the change that
/// caused it was committed. Pass `&mut *tx` of a transaction from [`Store::begin`].
pub async fn enqueue_tx(
    conn: &mut AnyConnection,
    ws: WorkspaceId,
    job: &NewOutboxJob,
) -> Result<i64, StoreError> {
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO outbox (workspace_id, bot_id, ordering_key, payload, status, attempts, not_before,
                             created_at, dedupe_key)
         VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7)
         ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
         RETURNING id",
    )
    .bind(ws.0)
    .bind(job.bot_id)
    .bind(&job.ordering_key)
    .bind(&job.payload)
    .bind(to_millis(job.not_before))
    .bind(to_millis(job.created_at))
    .bind(&job.dedupe_key)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((id,)) = inserted {
        return Ok(id);
    }
    // Only a dedupe key can conflict: the job is already queued, hand back its id.
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM outbox WHERE workspace_id = $1 AND dedupe_key = $2")
            .bind(ws.0)
            .bind(&job.dedupe_key)
            .fetch_one(&mut *conn)
            .await?;
    Ok(id)
}

impl Store {
    /// Claims up to `limit` due jobs for `instance` until `now + lease`. A job is due when it is
    /// pending (or its previous claim expired), its `not_before` has passed, and no older job
    /// of its key is unfinished.
    ///
    /// One UPDATE statement does it, so it is atomic on SQLite; on PostgreSQL the candidate rows
    /// are locked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers on several instances
    /// never get the same job and never wait for each other.
    pub async fn claim_due(
        &self,
        instance: &str,
        now: Timestamp,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxJob>, StoreError> {
        self.claim(instance, None, now, lease, limit).await
    }

    /// [`Store::claim_due`] restricted to the bots this instance sends for (the ones whose
    /// lease it holds). Ordering keys still span all bots.
    pub async fn claim_due_for_bots(
        &self,
        instance: &str,
        bot_ids: &[i64],
        now: Timestamp,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxJob>, StoreError> {
        if bot_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.claim(instance, Some(bot_ids), now, lease, limit).await
    }

    async fn claim(
        &self,
        instance: &str,
        bot_ids: Option<&[i64]>,
        now: Timestamp,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxJob>, StoreError> {
        // `Any` cannot bind arrays: one placeholder per bot, numbered after the fixed four.
        let bot_filter = match bot_ids {
            Some(ids) => {
                let placeholders: Vec<String> =
                    (0..ids.len()).map(|i| format!("${}", i + 5)).collect();
                format!("AND o.bot_id IN ({})", placeholders.join(", "))
            }
            None => String::new(),
        };
        let sql = OUTBOX.claim_sql(self.backend, &bot_filter, JOB_COLUMNS);
        let now_ms = to_millis(now);
        let mut query = sqlx::query_as::<_, JobRow>(&sql)
            .bind(instance)
            .bind(now_ms.saturating_add(duration_millis(lease)))
            .bind(now_ms)
            .bind(limit);
        for id in bot_ids.into_iter().flatten() {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(&mut *self.outbox_conn().await?).await?;
        let mut jobs = rows
            .into_iter()
            .map(OutboxJob::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        jobs.sort_by_key(|job| job.id);
        Ok(jobs)
    }

    /// When the next job of these bots becomes claimable, if any is waiting: the earliest
    /// `not_before` of a pending job, or claim expiry of an in-flight one, among the jobs at
    /// the head of their key. A dispatcher with nothing to send sleeps until then instead of
    /// asking every few milliseconds.
    pub async fn next_due_for_bots(
        &self,
        bot_ids: &[i64],
    ) -> Result<Option<Timestamp>, StoreError> {
        if bot_ids.is_empty() {
            return Ok(None);
        }
        let placeholders: Vec<String> = (1..=bot_ids.len()).map(|i| format!("${i}")).collect();
        let sql = OUTBOX.next_due_sql(&format!("AND o.bot_id IN ({})", placeholders.join(", ")));
        let mut query = sqlx::query_as::<_, (Option<i64>,)>(&sql);
        for id in bot_ids {
            query = query.bind(*id);
        }
        let (due,) = query.fetch_one(&mut *self.outbox_conn().await?).await?;
        opt_from_millis(due)
    }

    pub async fn outbox_job(&self, ws: WorkspaceId, id: i64) -> Result<OutboxJob, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM outbox WHERE workspace_id = $1 AND id = $2");
        let row: Option<JobRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id)
            .fetch_optional(&mut *self.outbox_conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// The pending jobs queued behind `job` on its ordering key, oldest first, at most
    /// `limit`: what may go out joined with it (a client's texts waiting for the same thread).
    /// They cannot be claimed meanwhile: only the head of a key is claimable, and `job` is it.
    pub async fn waiting_behind(
        &self,
        job: &OutboxJob,
        limit: i64,
    ) -> Result<Vec<OutboxJob>, StoreError> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM outbox
             WHERE workspace_id = $1 AND ordering_key = $2 AND id > $3 AND status = 'pending'
             ORDER BY id LIMIT $4"
        );
        let rows: Vec<JobRow> = sqlx::query_as(&sql)
            .bind(job.workspace.0)
            .bind(&job.ordering_key)
            .bind(job.id)
            .bind(limit)
            .fetch_all(&mut *self.outbox_conn().await?)
            .await?;
        rows.into_iter().map(OutboxJob::try_from).collect()
    }

    /// Jobs that were given up, newest first.
    pub async fn dead_jobs(&self, ws: WorkspaceId) -> Result<Vec<OutboxJob>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM outbox WHERE workspace_id = $1 AND status = 'dead' ORDER BY id DESC");
        let rows: Vec<JobRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.outbox_conn().await?)
            .await?;
        rows.into_iter().map(OutboxJob::try_from).collect()
    }

    /// Jobs not yet finished (pending or in flight) for the desk.
    pub async fn pending_count(&self, ws: WorkspaceId) -> Result<i64, StoreError> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE workspace_id = $1 AND status IN ('pending', 'in_flight')")
                .bind(ws.0)
                .fetch_one(&mut *self.outbox_conn().await?)
                .await?;
        Ok(count)
    }
}

impl Tx {
    /// Writes one job now and returns its id (an existing one when its dedupe key was queued
    /// before). Most inputs have no use for the id: [`Tx::queue`] costs them no statement.
    pub async fn enqueue(&self, ws: WorkspaceId, job: &NewOutboxJob) -> Result<i64, StoreError> {
        let mut conn = self.outbox_conn().await?;
        enqueue_tx(&mut conn, ws, job).await
    }

    /// Queues a job to be written with the transaction's others in one statement, before
    /// anything reads the outbox through this transaction and at the latest when it commits:
    /// a backlog of updates queues one or two jobs per message, and each written on its own
    /// was a statement, a round trip, inside SQLite's one write lock. A rolled-back
    /// transaction writes none. Jobs keep their order, among themselves and with
    /// [`Tx::enqueue`]'s.
    pub fn queue(&self, ws: WorkspaceId, job: NewOutboxJob) -> Result<(), StoreError> {
        let cell = self
            .store()
            .tx
            .as_deref()
            .ok_or(StoreError::Invalid("not a transaction".into()))?;
        cell.queued
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(QueuedJob { ws, job });
        Ok(())
    }

    /// The heartbeat of calls under way: our claims on `ids` that are still in flight last
    /// until `until`. Returns how many were extended (fewer: another instance took one over
    /// after our claim lapsed, and it may be sent twice).
    pub async fn extend_claims(
        &self,
        instance: &str,
        ids: &[i64],
        until: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut conn = self.outbox_conn().await?;
        OUTBOX.extend_claims(&mut conn, instance, ids, until).await
    }

    /// The call succeeded. `Conflict` means our claim expired and another instance took the
    /// job over (it may be sent twice; delivery is at-least-once).
    pub async fn complete(
        &self,
        id: i64,
        instance: &str,
        result: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.outbox_conn().await?;
        OUTBOX
            .finish(&mut conn, id, instance, JobEnd::Done { at })
            .await?;
        if let Some(result) = result {
            sqlx::query("UPDATE outbox SET result = $1 WHERE id = $2")
                .bind(result)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// [`Tx::complete`] for several delivered jobs (no result kept), in one statement.
    pub async fn complete_all(
        &self,
        ids: &[i64],
        instance: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.outbox_conn().await?;
        OUTBOX
            .finish_done(&mut conn, self.backend(), ids, instance, at)
            .await
    }

    /// Jobs that went out inside the message of job `into` (joined comments): finished with
    /// it, in the same transaction. Only jobs still pending behind it qualify; `Conflict` if
    /// one is not (the transaction must then not commit the joined send as theirs).
    pub async fn complete_joined(
        &self,
        ids: &[i64],
        into: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.outbox_conn().await?;
        let result = format!("joined into job {into}");
        for id in ids {
            let done = sqlx::query(
                "UPDATE outbox SET status = 'done', done_at = $1, result = $2
                 WHERE id = $3 AND status = 'pending'",
            )
            .bind(to_millis(at))
            .bind(&result)
            .bind(*id)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict(format!(
                    "outbox job {id} is no longer waiting behind job {into}"
                )));
            }
        }
        Ok(())
    }

    /// A temporary failure (network, 429): the job and the later ones of its key wait.
    /// `progress` is how many of its calls already went through (never goes back).
    pub async fn retry_later(
        &self,
        id: i64,
        instance: &str,
        not_before: Timestamp,
        error: &str,
        progress: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.outbox_conn().await?;
        let later = JobEnd::Later {
            at: not_before,
            error,
        };
        OUTBOX.finish(&mut conn, id, instance, later).await?;
        if progress > 0 {
            // Never goes back: an attempt that made fewer calls does not undo the parts sent.
            sqlx::query("UPDATE outbox SET progress = $1 WHERE id = $2 AND progress < $1")
                .bind(progress)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// A permanent failure (blocked by the user, bad request): the job is given up, stays
    /// visible in [`Store::dead_jobs`], and stops blocking its key.
    pub async fn mark_dead(
        &self,
        id: i64,
        instance: &str,
        error: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.outbox_conn().await?;
        OUTBOX
            .finish(&mut conn, id, instance, JobEnd::Dead { at, error })
            .await
    }

    /// Gives a dead job another chance (an operator fixed the cause).
    pub async fn requeue_dead(
        &self,
        ws: WorkspaceId,
        id: i64,
        not_before: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET status = 'pending', not_before = $1, done_at = NULL, claimed_by = NULL
             WHERE workspace_id = $2 AND id = $3 AND status = 'dead'",
        )
        .bind(to_millis(not_before))
        .bind(ws.0)
        .bind(id)
        .execute(&mut *self.outbox_conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}
