//! The agents' side of a ticket in Telegram: its card in the channel, its thread in the
//! discussion group, and the outbox that carries both.

use serde_json::Value;
use ticketgram_domain::{Ticket, TicketNumber};
use ticketgram_sandbox::UserId;

use crate::desk::TestDesk;
use crate::eventually::{eventually, WAIT};
use crate::messages::{button_data, message_id, text_of};

impl TestDesk {
    /// A desk open around the clock whose first replies are due within a second, whatever the
    /// priority: missed by the time a story looks (escalation stories).
    pub async fn first_reply_due_in_a_second(&self) {
        self.due_in_a_second(|sla| &mut sla.first_response).await;
    }

    /// The same for the next reply: a client who writes back after an answer waits at most a
    /// second of (always open) working time for the next one.
    pub async fn next_reply_due_in_a_second(&self) {
        self.due_in_a_second(|sla| &mut sla.next_reply).await;
    }

    async fn due_in_a_second(
        &self,
        target: impl Fn(
            &mut ticketgram_domain::SlaTargets,
        ) -> &mut ticketgram_domain::sla::ByPriority<Option<chrono::Duration>>,
    ) {
        let mut sla = ticketgram_domain::SlaTargets::default();
        let second = Some(chrono::Duration::seconds(1));
        let by = target(&mut sla);
        by.low = second;
        by.normal = second;
        by.high = second;
        by.urgent = second;
        let always = ticketgram_domain::sla::WorkingHours::always_open();
        self.store
            .write(async |tx| {
                let now = chrono::Utc::now();
                tx.set_sla_targets(self.ws, &sla, now).await?;
                tx.set_working_hours(self.ws, &always, now).await
            })
            .await
            .expect("sla");
    }

    /// Ticket #`number`, once it exists.
    pub async fn ticket(&self, number: i64) -> Ticket {
        eventually(&format!("ticket #{number} to exist"), || async {
            self.store
                .find_ticket_by_number(self.ws, TicketNumber(number))
                .await
                .expect("store")
        })
        .await
    }

    /// The thread id of a ticket's card in the discussion group, once the relay posted it.
    pub async fn thread(&self, number: i64) -> i64 {
        eventually(&format!("ticket #{number} to get a thread"), || async {
            let ticket = self
                .store
                .find_ticket_by_number(self.ws, TicketNumber(number))
                .await
                .expect("store")?;
            self.store
                .find_ticket_post(self.ws, ticket.id)
                .await
                .expect("store")?
                .thread_message_id
        })
        .await
    }

    /// Messages in a ticket's thread, waiting until `done` holds.
    pub async fn thread_sees(&self, number: i64, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let thread = self.thread(number).await;
        let in_thread = |all: &[Value]| -> Vec<Value> {
            all.iter()
                .filter(|m| m.get("message_thread_id").and_then(Value::as_i64) == Some(thread))
                .cloned()
                .collect()
        };
        self.sandbox
            .world()
            .wait_for(self.group, WAIT, |all| done(&in_thread(all)))
            .await
            .map(|all| in_thread(&all))
            .unwrap_or_else(|all| {
                panic!(
                    "thread of #{number} never showed it; got {:#?}",
                    in_thread(&all)
                )
            })
    }

    /// `agent` writes `text` in the ticket's thread; returns the comment's id.
    pub async fn agent_comments(&self, agent: UserId, number: i64, text: &str) -> i64 {
        let thread = self.thread(number).await;
        let sent = self
            .sandbox
            .world()
            .user_comments(agent, self.group, thread, text)
            .expect("comment");
        message_id(&sent)
    }

    /// The card of a ticket as the channel shows it now.
    pub async fn card(&self, number: i64) -> Value {
        let ticket = self.ticket(number).await;
        let post = self
            .store
            .find_ticket_post(self.ws, ticket.id)
            .await
            .expect("store")
            .expect("post");
        let id = post.channel_message_id.expect("card posted");
        self.sandbox
            .world()
            .message(self.channel, id)
            .expect("card exists")
    }

    /// Waits until the card's text contains `needle`.
    pub async fn card_shows(&self, number: i64, needle: &str) -> Value {
        eventually(&format!("card #{number} to show {needle:?}"), || async {
            let card = self.card(number).await;
            if text_of(&card).contains(needle) {
                Ok(card)
            } else {
                Err(card)
            }
        })
        .await
    }

    /// Presses a card button as `user`.
    pub async fn press_on_card(&self, user: UserId, number: i64, label: &str) -> String {
        let card = self.card(number).await;
        let data = button_data(&card, label).unwrap_or_else(|| panic!("no {label} on {card:#}"));
        self.sandbox
            .world()
            .user_presses_button(user, self.channel, message_id(&card), &data)
            .expect("press")
    }

    /// Waits until the outbox has nothing left to send.
    pub async fn settled(&self) {
        eventually("the outbox to drain", || async {
            match self.store.pending_count(self.ws).await.expect("store") {
                0 => Ok(()),
                pending => Err(format!("{pending} jobs pending")),
            }
        })
        .await
    }
}
