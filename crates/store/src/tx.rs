//! One input, one transaction.
//!
//! Every write the desk makes happens on a [`Tx`]: a Telegram update, a console form, an API
//! call or a timer opens one, hands it to the code that decides what the input means, and
//! commits state, history, audit rows, outbox jobs and the input's processed mark together —
//! or rolls all of it back. Write methods are defined on `Tx` only, so code holding a plain
//! [`Store`] cannot write outside a transaction; reads are defined on `Store`, and a `Tx`
//! derefs to a `Store` bound to the transaction, so reads made while handling an input see
//! that input's own writes.
//!
//! The transaction's connection sits behind an async mutex because one handler awaits one
//! store call at a time; the lock is never contended, it only lets `&self` methods share the
//! connection the way they shared the pool.
//!
//! Fault points: a test gives the store a [`FaultPoints`] and the next transaction fails at
//! its n-th step (every store call and the commit count as steps), exactly as a process killed
//! there would leave the database: nothing of the input written. Replaying the input must then
//! produce the whole effect once. In production the check is one `Option` test per call.

use crate::{Store, StoreError};
use sqlx::pool::PoolConnection;
use sqlx::AnyConnection;
use sqlx::{Any, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard, OwnedMutexGuard};

/// The open transaction a [`Tx`] and the stores bound to it share.
pub(crate) struct TxCell {
    conn: Mutex<Option<Transaction<'static, Any>>>,
    steps: AtomicU32,
    /// What kind of input the transaction applies ("update", "delivery", ...), so a crash
    /// test can aim at one kind while the others run on.
    purpose: &'static str,
    /// SQLite: this process's turn at the write lock, given back when the transaction ends.
    turn: std::sync::Mutex<Option<OwnedMutexGuard<()>>>,
    /// Outbox jobs queued by [`Tx::queue`], written together before anything reads the
    /// outbox through this transaction and at the latest just before it commits.
    pub(crate) queued: std::sync::Mutex<Vec<crate::outbox::QueuedJob>>,
    /// Whether the transaction added an agent: a Telegram id the staff list read before it
    /// (`DeskProfile::staff`) does not hold.
    hired: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for TxCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TxCell")
            .field("steps", &self.steps.load(Ordering::Relaxed))
            .finish()
    }
}

/// Makes the next transaction of one purpose that reaches step `n` fail there, once. Shared
/// by every store cloned from the one it was installed on.
#[derive(Debug, Default)]
pub struct FaultPoints {
    fail_at: AtomicU32,
    fired: AtomicU32,
    purpose: std::sync::Mutex<&'static str>,
    /// Every transaction of the aimed purpose fails at its first step while set: an outage
    /// of one kind of write (the records of deliveries, say) rather than one crash.
    every: std::sync::atomic::AtomicBool,
    /// Transactions committed, by purpose: what a test of batching counts.
    commits: std::sync::Mutex<std::collections::HashMap<&'static str, u32>>,
}

impl FaultPoints {
    pub fn new() -> Arc<FaultPoints> {
        Arc::new(FaultPoints::default())
    }

    /// Arms the fault: the next transaction for `purpose` (see [`Store::begin_tx_for`]) to
    /// reach its `step`-th step (1-based) fails.
    pub fn fail_at_step(&self, purpose: &'static str, step: u32) {
        *self.purpose.lock().unwrap_or_else(|e| e.into_inner()) = purpose;
        self.fail_at.store(step, Ordering::SeqCst);
    }

    /// Every transaction for `purpose` fails at its first step until [`FaultPoints::heal`].
    pub fn fail_every(&self, purpose: &'static str) {
        *self.purpose.lock().unwrap_or_else(|e| e.into_inner()) = purpose;
        self.every.store(true, Ordering::SeqCst);
    }

    /// Ends [`FaultPoints::fail_every`].
    pub fn heal(&self) {
        self.every.store(false, Ordering::SeqCst);
    }

    /// How many faults fired since the store was created.
    pub fn fired(&self) -> u32 {
        self.fired.load(Ordering::SeqCst)
    }

    /// How many transactions of `purpose` committed since the store was created.
    pub fn commits(&self, purpose: &str) -> u32 {
        let commits = self.commits.lock().unwrap_or_else(|e| e.into_inner());
        commits.get(purpose).copied().unwrap_or(0)
    }

    fn count_commit(&self, purpose: &'static str) {
        let mut commits = self.commits.lock().unwrap_or_else(|e| e.into_inner());
        *commits.entry(purpose).or_default() += 1;
    }

    /// Whether an armed fault is still waiting for its step.
    pub fn armed(&self) -> bool {
        self.fail_at.load(Ordering::SeqCst) != 0
    }

    fn check(&self, purpose: &'static str, step: u32) -> Result<(), StoreError> {
        let aimed = *self.purpose.lock().unwrap_or_else(|e| e.into_inner());
        if aimed == purpose && self.every.load(Ordering::SeqCst) {
            self.fired.fetch_add(1, Ordering::SeqCst);
            return Err(StoreError::Fault(step));
        }
        if aimed == purpose
            && step != 0
            && self
                .fail_at
                .compare_exchange(step, 0, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        {
            self.fired.fetch_add(1, Ordering::SeqCst);
            return Err(StoreError::Fault(step));
        }
        Ok(())
    }
}

/// A connection for one store call: a pooled one for plain reads, the transaction's own
/// inside a [`Tx`].
pub(crate) enum Conn<'a> {
    Pool(PoolConnection<Any>),
    Tx(MappedMutexGuard<'a, Transaction<'static, Any>>),
}

impl Deref for Conn<'_> {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Conn::Pool(c) => c,
            Conn::Tx(t) => t,
        }
    }
}

impl DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Conn::Pool(c) => c,
            Conn::Tx(t) => t,
        }
    }
}

/// An open database transaction: the only place write methods live. Commit it, or drop it
/// (or [`Tx::rollback`]) to leave nothing behind.
#[derive(Debug)]
pub struct Tx {
    store: Store,
}

impl Deref for Tx {
    type Target = Store;
    /// Reads through the transaction, so they see its uncommitted writes.
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Tx {
    /// The store bound to this transaction, for code that reads (and hands it on).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Makes every write of the transaction durable at once.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.store.write_queued_jobs().await?;
        let cell = self.cell()?;
        let step = cell.steps.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(faults) = &self.store.faults {
            faults.check(cell.purpose, step)?;
        }
        let tx = cell
            .conn
            .lock()
            .await
            .take()
            .ok_or(StoreError::Invalid("the transaction already ended".into()))?;
        let committed = tx.commit().await;
        cell.end_turn();
        committed?;
        if let Some(faults) = &self.store.faults {
            faults.count_commit(cell.purpose);
        }
        Ok(())
    }

    /// Leaves nothing behind. Dropping a `Tx` does the same, a little later.
    pub async fn rollback(self) {
        if let Ok(cell) = self.cell() {
            if let Some(tx) = cell.conn.lock().await.take() {
                let _ = tx.rollback().await;
            }
            cell.end_turn();
        }
    }

    fn cell(&self) -> Result<&TxCell, StoreError> {
        self.store
            .tx
            .as_deref()
            .ok_or(StoreError::Invalid("not a transaction".into()))
    }
}

impl Drop for Tx {
    /// A transaction dropped without commit gives its turn back too (sqlx rolls it back).
    fn drop(&mut self) {
        if let Ok(cell) = self.cell() {
            cell.end_turn();
        }
    }
}

impl TxCell {
    fn end_turn(&self) {
        if let Ok(mut turn) = self.turn.lock() {
            turn.take();
        }
    }
}

impl Store {
    /// Opens the transaction an input is applied in. On SQLite it is `BEGIN IMMEDIATE`: the
    /// write lock is taken up front, so a transaction that reads before it writes waits its
    /// turn instead of failing when another writer got there first. Never hold one across a
    /// network call: ask Telegram what a decision needs before opening it.
    pub async fn begin_tx(&self) -> Result<Tx, StoreError> {
        self.begin_tx_for("other").await
    }

    /// [`Store::begin_tx`] naming what the transaction applies: "update" (a Telegram update),
    /// "request" (a console form or API call), "delivery" (an outbox job's outcome), "timer",
    /// "intake" (a batch of updates stored), "claim" (a round of deliveries claimed).
    pub async fn begin_tx_for(&self, purpose: &'static str) -> Result<Tx, StoreError> {
        if self.tx.is_some() {
            return Err(StoreError::Invalid(
                "a transaction inside a transaction: pass the Tx down instead".into(),
            ));
        }
        // SQLite has one write lock, and a connection that finds it taken sleeps in growing
        // steps (up to 100 ms) before trying again. Queueing this process's writers here
        // instead hands the lock over the moment it is free: a dispatcher recording what
        // Telegram just accepted waits microseconds, not a sleep, which keeps the window in
        // which a crash sends a message twice as short as it can be. (Other processes still
        // meet the busy timeout.)
        let turn = match &self.writers {
            Some(writers) => Some(
                tokio::time::timeout(
                    std::time::Duration::from_millis(crate::SQLITE_BUSY_TIMEOUT_MS),
                    writers.clone().lock_owned(),
                )
                .await
                .map_err(|_| {
                    StoreError::Invalid("waited too long for the SQLite write lock".into())
                })?,
            ),
            None => None,
        };
        // Begun in a task of its own: a caller cancelled while BEGIN is under way (a select!
        // that lost, an aborted task) would otherwise hand a connection back to the pool with
        // its transaction open, holding SQLite's write lock for good. The task always ends
        // with a `Transaction` value, whose drop rolls back.
        let pool = self.pool.clone();
        let backend = self.backend;
        let begun = tokio::spawn(async move {
            match backend {
                crate::Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
                crate::Backend::Postgres => pool.begin().await,
            }
        });
        let tx = begun
            .await
            .map_err(|e| StoreError::Invalid(format!("beginning a transaction failed: {e}")))??;
        let cell = TxCell {
            conn: Mutex::new(Some(tx)),
            steps: AtomicU32::new(0),
            purpose,
            turn: std::sync::Mutex::new(turn),
            queued: Default::default(),
            hired: Default::default(),
        };
        let mut store = self.clone();
        store.tx = Some(Arc::new(cell));
        // A write decision never rests on rows read ahead for a round of sends.
        store.snapshot = None;
        Ok(Tx { store })
    }

    /// One input that is a single change (a console form that saves a template, an API call
    /// that registers a webhook): `f` writes through the transaction, which commits if it
    /// returns `Ok` and leaves nothing behind otherwise.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: AsyncFnOnce(&Tx) -> Result<T, E>,
        E: From<StoreError>,
    {
        let tx = self.begin_tx().await?;
        let out = f(&tx).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// This store (and its clones) with fault points for crash tests.
    pub fn with_fault_points(mut self, faults: Arc<FaultPoints>) -> Store {
        self.faults = Some(faults);
        self
    }

    /// This store reading the rows `snapshot` holds from it, and everything else from the
    /// database (see [`crate::Snapshot`]).
    pub fn reading_from(&self, snapshot: Arc<crate::Snapshot>) -> Store {
        let mut store = self.clone();
        store.snapshot = Some(snapshot);
        store
    }

    /// Whether this handle reads through an open transaction.
    pub fn in_transaction(&self) -> bool {
        self.tx.is_some()
    }

    /// Whether the transaction this handle reads through added an agent (see
    /// [`crate::DeskProfile::staff`]): a list of the staff read before it may miss them.
    pub fn hired_in_transaction(&self) -> bool {
        self.tx
            .as_deref()
            .is_some_and(|cell| cell.hired.load(Ordering::Relaxed))
    }

    /// How many store calls the transaction this handle reads through has made (0 outside
    /// one): two equal readings mean nothing was read or written in between.
    pub(crate) fn step(&self) -> u32 {
        self.tx
            .as_deref()
            .map_or(0, |cell| cell.steps.load(Ordering::Relaxed))
    }

    pub(crate) fn note_hire(&self) {
        if let Some(cell) = self.tx.as_deref() {
            cell.hired.store(true, Ordering::Relaxed);
        }
    }

    /// The connection for one store call. Hold it for one statement, or for a sequence of
    /// statements that calls no other store method (inside a transaction that would wait on
    /// itself).
    pub(crate) async fn conn(&self) -> Result<Conn<'_>, StoreError> {
        let Some(cell) = &self.tx else {
            return Ok(Conn::Pool(self.pool.acquire().await?));
        };
        let step = cell.steps.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(faults) = &self.faults {
            faults.check(cell.purpose, step)?;
        }
        // Never contended: a handler awaits one store call at a time. Failing loudly beats
        // waiting forever when a method calls another while holding the connection.
        let guard = cell.conn.try_lock().map_err(|_| {
            StoreError::Invalid("a store call while the transaction's connection is in use".into())
        })?;
        MutexGuard::try_map(guard, |tx| tx.as_mut())
            .map(Conn::Tx)
            .map_err(|_| StoreError::Invalid("the transaction already ended".into()))
    }
}
