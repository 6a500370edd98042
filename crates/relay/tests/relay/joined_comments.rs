//! A client who writes in short lines while the agents' group is at Telegram's limit. One bot
//! may post about twenty messages a minute into a group, whatever the number of threads; five
//! lines of one client would cost five of them. While the ticket's comment waits for the
//! group's budget, the lines queued behind it go out with it: one comment, each line with the
//! time it was written, in order, each once. The agents can still answer it, and the client's
//! later edit of one line still reaches it.

use crate::harness::TestDesk;
use ticketgram_sandbox::Fault;
use ticketgram_testkit::{eventually, message_id, text_of};

const LINES: [&str; 4] = [
    "It was sent on Monday",
    "to the card ending 4417",
    "the amount was 250 EUR",
    "please check",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_written_while_the_group_is_at_its_limit_arrive_together_each_once() {
    let desk = TestDesk::start().await;
    let hana = desk.client("Hana", "en");
    desk.says(&hana, "My payout did not arrive");
    desk.client_gets(&hana, "Request #1000 created").await;
    desk.thread(1000).await;
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c) == "My payout did not arrive")
    })
    .await;
    desk.settled().await;

    // Telegram answers the group's next comment "retry after 3 seconds": the group is at
    // its limit, and Hana goes on writing meanwhile.
    desk.sandbox.world().inject_fault(Fault::ChatFloodStorm {
        chat: desk.group.telegram_id(),
        after: 0,
        n: 1,
        retry_after: 3,
    });
    desk.says(&hana, "Hello?");
    let mut lines = Vec::new();
    for line in LINES {
        lines.push(desk.says(&hana, line));
    }
    let ticket = desk.ticket(1000).await;
    eventually("Hana's lines to be stored", || async {
        let stored = desk
            .store
            .ticket_messages(desk.ws, ticket.id)
            .await
            .expect("messages");
        match stored.iter().any(|m| m.text.as_deref() == Some(LINES[3])) {
            true => Ok(()),
            false => Err(stored.len()),
        }
    })
    .await;

    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("please check"))
    })
    .await;
    desk.settled().await;
    let comments = desk.thread_sees(1000, |_| true).await;
    let joined: Vec<&serde_json::Value> = comments
        .iter()
        .filter(|c| text_of(c).contains("Hello?"))
        .collect();
    assert_eq!(joined.len(), 1, "one comment: {comments:#?}");
    let joined = joined[0].clone();
    let text = text_of(&joined);
    let written: Vec<&str> = text.lines().map(|l| l.split_once(' ').unwrap().1).collect();
    assert_eq!(
        written,
        ["Hello?", LINES[0], LINES[1], LINES[2], LINES[3]],
        "in order, each once: {text}"
    );
    assert!(
        text.lines().all(|l| l.as_bytes()[2] == b':'),
        "each line starts with its time: {text}"
    );
    for line in LINES {
        let times = comments
            .iter()
            .filter(|c| text_of(c).contains(line))
            .count();
        assert_eq!(times, 1, "{line:?} reached the thread once");
    }

    // The comment is the copy of each line: Kate's reply to it reaches Hana.
    desk.sandbox
        .world()
        .user_replies(
            desk.kate.0,
            desk.group,
            message_id(&joined),
            "Checking the transfer now",
        )
        .expect("reply");
    desk.client_sees(&hana, |m| {
        m.iter()
            .any(|x| text_of(x).starts_with("Checking the transfer now"))
    })
    .await;

    // Hana corrects the amount: the comment shows the new line among the others.
    desk.sandbox
        .world()
        .user_edits(hana.user, hana.chat, lines[2], "the amount was 205 EUR")
        .expect("edit");
    eventually("the joined comment to show the edit", || async {
        let now = desk
            .sandbox
            .world()
            .message(desk.group, message_id(&joined))
            .expect("comment");
        let text = text_of(&now);
        match text.contains("205 EUR") && text.contains("please check") && !text.contains("250") {
            true => Ok(()),
            false => Err(text),
        }
    })
    .await;
}
