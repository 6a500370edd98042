//! A client flooding the desk: a thousand messages in a second. Past the desk's limit (thirty at
//! once, then thirty a minute) they are kept in the ticket's history but not relayed one by
//! one; the client is told once, the thread gets one summary line, and another client writing
//! meanwhile is not held up behind the flood.

use crate::harness::{text_of, TestDesk};
use ticketgram_domain::{FloodLimit, MessageDirection};
use ticketgram_relay::DeskConfig;
use ticketgram_testkit::sent_by;

const FLOOD: usize = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_is_kept_not_relayed_the_client_told_once_and_others_go_through() {
    // The default limit with a quicker refill, so the flood is over (and summarised) within
    // seconds rather than half a minute.
    let limit = FloodLimit {
        burst: FloodLimit::default().burst,
        per_minute: 60,
    };
    let tune = move |config: &mut DeskConfig| config.client_flood = Some(limit);
    let desk = TestDesk(
        ticketgram_testkit::TestDesk::setup()
            .tune(tune)
            .start()
            .await,
    );
    let fred = desk.client("Fred", "de");
    let ann = desk.client("Ann", "en");
    for i in 0..FLOOD {
        desk.says(&fred, &format!("spam {i}"));
    }
    desk.says(&ann, "My card was declined");

    // Ann's question reaches her thread and she is answered as usual.
    desk.client_gets(&ann, "Request #1001 created").await;
    desk.thread_sees(1001, |m| {
        m.iter().any(|c| text_of(c) == "My card was declined")
    })
    .await;
    // Fred is told once, in his language.
    desk.client_gets(&fred, "schneller, als wir sie lesen")
        .await;
    // The agents read one line about the rest of the flood.
    let summary = desk
        .thread_sees(1000, |m| {
            m.iter().any(|c| text_of(c).contains("more messages"))
        })
        .await;
    desk.settled().await;

    let world = desk.sandbox.world();
    let told: Vec<_> = sent_by(&world.chat_messages(fred.chat), desk.bot.id)
        .into_iter()
        .filter(|m| text_of(m).contains("schneller, als wir sie lesen"))
        .collect();
    assert_eq!(told.len(), 1, "one notice per flood: {told:#?}");

    // Everything Fred sent is in the ticket's history.
    let ticket = desk.ticket(1000).await;
    let history = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("history");
    let from_fred = history
        .iter()
        .filter(|m| m.direction == MessageDirection::Client)
        .count();
    assert_eq!(from_fred, FLOOD, "every message is kept");

    // The outbox got at most the limit's worth of Fred's messages to relay: a burst, and what
    // the bucket refills in the minute his thousand messages could span at the very most.
    let (relays,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE workspace_id = $1 AND ordering_key = $2
           AND payload LIKE '%client_to_thread%'",
    )
    .bind(desk.ws.0)
    .bind(format!("ticket:{}", ticket.id.0))
    .fetch_one(desk.store.pool())
    .await
    .expect("count");
    assert!(
        (1..=i64::from(limit.burst + limit.per_minute)).contains(&relays),
        "{relays} of Fred's messages queued for the thread"
    );
    // The summary counts the rest, and there is one.
    let lines: Vec<String> = summary
        .iter()
        .map(text_of)
        .filter(|t| t.contains("more messages"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let held = FLOOD as i64 - relays;
    assert!(
        lines[0].contains(&format!("sent {held} more messages")),
        "{} (expected {held})",
        lines[0]
    );
    assert!(desk
        .store
        .dead_jobs(desk.ws)
        .await
        .expect("dead")
        .is_empty());
}
