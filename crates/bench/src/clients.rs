//! The simulated clients. Each is a task: it opens a ticket, waits for the whole crowd to
//! have theirs (so the two phases are measured apart), then writes its follow-ups one at a
//! time, each after the previous one reached the thread (closed loop) or one per interval
//! (open loop, [`Pace::Open`]).

use crate::desk::BenchDesk;
use crate::ledger::{Ledger, Token};
use crate::{BenchError, Pace};
use std::sync::Arc;
use ticketgram_sandbox::{ChatRef, ControlError, UserId, World};
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use tokio::time::Instant;

pub struct SimClient {
    index: usize,
    user: UserId,
    chat: ChatRef,
}

/// Creates the users and opens their private chats with the bot before any clock starts.
pub fn create(desk: &BenchDesk, count: usize) -> Result<Vec<SimClient>, BenchError> {
    let world = desk.world();
    (0..count)
        .map(|index| {
            let name = format!("Client {index}");
            let username = format!("client_{index}");
            let user = world.create_user(&name, Some(&username), Some("en"));
            let chat = world.private_chat(desk.bot.id, user)?;
            Ok(SimClient { index, user, chat })
        })
        .collect()
}

/// Runs every client to the end (or to the deadline). A client whose message does not
/// arrive in time stops writing; the read-back reports what is missing.
pub async fn run_all(
    desk: &BenchDesk,
    clients: Vec<SimClient>,
    ledger: Arc<Ledger>,
    follow_ups: usize,
    pace: Pace,
    deadline: Instant,
) -> Result<(), BenchError> {
    let crowd = clients.len();
    // Both barriers count the clients only: every client passes both, whatever happened to
    // it, so one failure cannot leave the others waiting for ever.
    let opened = Arc::new(Barrier::new(clients.len()));
    let start = Arc::new(Barrier::new(clients.len()));
    let mut tasks = JoinSet::new();
    for client in clients {
        let run = ClientRun {
            world: desk.world().clone(),
            ledger: ledger.clone(),
            deadline,
            pace,
            crowd,
        };
        let (opened, start) = (opened.clone(), start.clone());
        tasks.spawn(async move { run.client(client, follow_ups, &start, &opened).await });
    }
    let mut failure = None;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failure = failure.or(Some(e)),
            Err(panic) => std::panic::resume_unwind(panic.into_panic()),
        }
    }
    match failure {
        Some(e) => Err(BenchError::World(e)),
        None => Ok(()),
    }
}

struct ClientRun {
    world: World,
    ledger: Arc<Ledger>,
    deadline: Instant,
    pace: Pace,
    /// How many clients write: an open loop spreads their first follow-ups over one interval.
    crowd: usize,
}

impl ClientRun {
    async fn client(
        &self,
        client: SimClient,
        follow_ups: usize,
        start: &Barrier,
        opened: &Barrier,
    ) -> Result<(), ControlError> {
        start.wait().await;
        let ticket = self.say_and_wait(&client, 0).await;
        opened.wait().await;
        if !ticket? {
            return Ok(());
        }
        match self.pace {
            Pace::Closed => {
                for message in 1..=follow_ups {
                    if !self.say_and_wait(&client, message).await? {
                        break;
                    }
                }
            }
            Pace::Open { every } => self.write_steadily(&client, follow_ups, every).await?,
        }
        Ok(())
    }

    /// One follow-up per `every` without waiting for the last to arrive (a client does not
    /// wait for the desk before writing again), then waits for them all to arrive.
    async fn write_steadily(
        &self,
        client: &SimClient,
        follow_ups: usize,
        every: std::time::Duration,
    ) -> Result<(), ControlError> {
        if follow_ups == 0 {
            return Ok(());
        }
        // Client i starts i/N of an interval in: the crowd's messages come evenly, not in waves.
        let phase = every.mul_f64(client.index as f64 / self.crowd.max(1) as f64);
        let mut ticks = tokio::time::interval_at(Instant::now() + phase, every);
        // Behind schedule (a busy machine), the next message goes at once and the rest keep
        // their pace: the offered rate stays what was asked for.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
        let mut arrived = self.ledger.watch(client.index);
        for message in 1..=follow_ups {
            ticks.tick().await;
            if Instant::now() >= self.deadline {
                return Ok(());
            }
            let token = Token {
                client: client.index,
                message,
            };
            self.world
                .user_sends_text(client.user, client.chat, &token.text())?;
            self.ledger.sent(token, Instant::now());
        }
        let _ = tokio::time::timeout_at(self.deadline, arrived.wait_for(|n| *n > follow_ups)).await;
        Ok(())
    }

    /// Sends message `message` and waits until it reached the thread. `false` when the
    /// deadline passed first.
    async fn say_and_wait(&self, client: &SimClient, message: usize) -> Result<bool, ControlError> {
        let token = Token {
            client: client.index,
            message,
        };
        if Instant::now() >= self.deadline {
            // Past the cap nothing more is sent: it could only be counted as lost.
            return Ok(false);
        }
        let mut arrived = self.ledger.watch(client.index);
        self.world
            .user_sends_text(client.user, client.chat, &token.text())?;
        self.ledger.sent(token, Instant::now());
        let waited =
            tokio::time::timeout_at(self.deadline, arrived.wait_for(|n| *n > message)).await;
        Ok(matches!(waited, Ok(Ok(_))))
    }
}
