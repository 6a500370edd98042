//! The simulated clients. Each is a task: it opens a ticket, waits for the whole crowd to
//! have theirs (so the two phases are measured apart), then writes its follow-ups one at a
//! time, each after the previous one reached the thread.

use crate::desk::BenchDesk;
use crate::ledger::{Ledger, Token};
use crate::BenchError;
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
    deadline: Instant,
) -> Result<(), BenchError> {
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
        for message in 1..=follow_ups {
            if !self.say_and_wait(&client, message).await? {
                break;
            }
        }
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
