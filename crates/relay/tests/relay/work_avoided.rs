//! Work the desk does not do: a card is edited only when what it shows changed, and the agent
//! who owns a ticket hears once of a burst of the client's messages, not once per message.

use crate::harness::*;
use ticketgram_domain::TicketStatus;
use ticketgram_relay::{actions, Input};
use ticketgram_sandbox::{MediaKind, MediaUpload};

impl TestDesk {
    /// How many times the bot has edited a message in the agents' channel (the cards).
    fn card_edits(&self) -> u64 {
        self.sandbox
            .world()
            .call_count(self.bot.id, "editMessageText", Some(self.channel))
    }

    /// The client writes `lines` one after another, as fast as they can type, and waits until
    /// the thread shows the last.
    async fn client_rattles_off(&self, client: &Client, number: i64, lines: &[&str]) {
        for line in lines {
            self.says(client, line);
        }
        let last = lines.last().expect("lines").to_string();
        self.thread_sees(number, |m| said(m).contains(&last)).await;
    }

    /// Notifications about `number` the bot sent `agent` after the first `seen` messages.
    fn notices_about(
        &self,
        agent: ticketgram_sandbox::UserId,
        seen: usize,
        number: i64,
    ) -> Vec<String> {
        self.agent_inbox(agent)
            .iter()
            .skip(seen)
            .map(text_of)
            .filter(|t| t.contains(&format!("#{number}")) && t.contains("wrote"))
            .collect()
    }
}

#[tokio::test]
async fn the_card_is_edited_only_when_what_it_shows_changes() {
    let desk = TestDesk::start().await;
    let (kate, kate_agent) = (desk.kate.0, desk.kate.1.clone());
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My parcel is late, the courier does not answer");
    desk.thread(1000).await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Kate").await;
    desk.agent_comments(kate, 1000, "Let me check with the courier")
        .await;
    desk.card_shows(1000, "in progress").await;
    desk.settled().await;
    let before = desk.card_edits();

    // Five quick lines change nothing the card shows: no edit at all.
    desk.client_rattles_off(
        &ann,
        1000,
        &[
            "Order 5531",
            "Shipped on Monday",
            "Tracking says",
            "'in transit'",
            "since Tuesday",
        ],
    )
    .await;
    desk.settled().await;
    assert_eq!(desk.card_edits(), before, "the card was redrawn unchanged");

    // Kate waits for Ann (from the console): the status on the card changes, one edit.
    let ticket = desk.ticket(1000).await;
    let console = relay_desk(&desk);
    Input::apply(
        &console,
        "form:wait".into(),
        chrono::Utc::now(),
        async |d, fx| {
            actions::change_status_as_agent(
                d,
                fx,
                ticket.id,
                TicketStatus::WaitingOnClient,
                kate_agent.id,
            )
            .await
        },
    )
    .await
    .expect("waiting on the client");
    desk.card_shows(1000, "waiting for the client").await;
    desk.settled().await;
    assert_eq!(desk.card_edits(), before + 1);

    // Ann answers with another burst: the first line brings the ticket back to work (one
    // edit), the rest change nothing.
    desk.client_rattles_off(&ann, 1000, &["Still nothing", "Any news?", "Please"])
        .await;
    desk.card_shows(1000, "in progress").await;
    desk.settled().await;
    assert_eq!(desk.card_edits(), before + 2);

    // Ann renames herself in Telegram: the card shows her new name from her next message on.
    desk.sandbox
        .world()
        .rename_user(ann.user, "Ann", Some("Lee"));
    desk.client_rattles_off(&ann, 1000, &["It's Ann Lee now", "same order"])
        .await;
    desk.card_shows(1000, "Ann Lee").await;
    desk.settled().await;
    assert_eq!(desk.card_edits(), before + 3);
}

#[tokio::test]
async fn the_owner_hears_once_of_a_burst_of_messages_or_an_album() {
    let desk = TestDesk::start().await;
    let (kate, max) = (desk.kate.0, desk.max.0);
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "The app crashes at checkout");
    desk.thread(1000).await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Kate").await;
    desk.settled().await;
    let (kate_seen, max_seen) = (desk.agent_inbox(kate).len(), desk.agent_inbox(max).len());

    desk.client_rattles_off(
        &ann,
        1000,
        &[
            "iPhone 12",
            "iOS 17.4",
            "App version 3.2",
            "It happens with Apple Pay",
            "Every time",
        ],
    )
    .await;
    let notice = desk
        .agent_gets_after(kate, kate_seen, "wrote 5 messages on #1000")
        .await;
    assert!(
        text_of(&notice).contains("the first: iPhone 12"),
        "{notice:#}"
    );
    assert!(text_of(&notice).contains("https://t.me/c/"), "{notice:#}");
    desk.settled().await;
    assert_eq!(desk.notices_about(kate, kate_seen, 1000).len(), 1);

    // An album is one burst too: Telegram delivers each photo as a message of its own.
    let kate_seen = desk.agent_inbox(kate).len();
    let screenshot = |bytes: &'static [u8]| MediaUpload {
        kind: MediaKind::Photo,
        bytes: bytes.into(),
        file_name: None,
        mime_type: None,
    };
    desk.sandbox
        .world()
        .user_sends_album(
            ann.user,
            ann.chat,
            vec![
                screenshot(b"cart"),
                screenshot(b"pay"),
                screenshot(b"crash"),
            ],
            Some("screenshots"),
        )
        .expect("album");
    desk.agent_gets_after(kate, kate_seen, "wrote 3 messages on #1000")
        .await;
    desk.settled().await;
    assert_eq!(desk.notices_about(kate, kate_seen, 1000).len(), 1);

    // Max does not own the ticket: he hears nothing of it.
    assert!(desk.notices_about(max, max_seen, 1000).is_empty());
}

#[tokio::test]
async fn twenty_lines_pasted_at_once_are_stored_and_applied_in_a_few_commits() {
    // Twenty lines at once are over the default flood limit (ten): the subject here is
    // batching, so every line is relayed (`flood.rs` has the flood's own story).
    let setup = ticketgram_testkit::TestDesk::setup().tune(|c| c.client_flood = None);
    let desk = TestDesk(setup.start().await);
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My card payment was declined");
    desk.thread(1000).await;
    desk.settled().await;
    let (stored, applied) = (desk.faults.commits("intake"), desk.faults.commits("update"));

    // A client pastes twenty lines: Telegram hands them over in one batch, which is stored
    // in one commit and applied in one transaction, not twenty of each.
    let lines: Vec<String> = (1..=20).map(|i| format!("Line {i} of my log")).collect();
    for line in &lines {
        desk.says(&ann, line);
    }
    desk.thread_sees(1000, |m| said(m).contains(&lines[19]))
        .await;
    desk.settled().await;

    let thread = desk.thread_sees(1000, |_| true).await;
    let relayed: Vec<String> = said(&thread)
        .into_iter()
        .filter(|t| t.starts_with("Line "))
        .collect();
    assert_eq!(relayed, lines, "each line once, in order");
    let stored = desk.faults.commits("intake") - stored;
    let applied = desk.faults.commits("update") - applied;
    assert!(
        stored < 5 && applied < 5,
        "twenty lines took {stored} commits to store and {applied} to apply"
    );
}
