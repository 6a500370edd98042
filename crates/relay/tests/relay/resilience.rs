//! Nothing lost, nothing doubled, order kept: restarts, flood limits and Telegram outages.

use crate::harness::*;
use ticketgram_sandbox::Fault;

/// Texts of the thread's comments that start with `prefix`, in the order they appear.
fn numbered(thread: &[serde_json::Value], prefix: &str) -> Vec<String> {
    said(thread)
        .into_iter()
        .filter(|t| t.starts_with(prefix))
        .collect()
}

#[tokio::test]
async fn a_restart_in_the_middle_loses_and_duplicates_nothing() {
    let mut desk = TestDesk::start().await;
    let dana = desk.client("Dana", "en");
    desk.says(&dana, "My card was charged twice");
    desk.client_gets(&dana, "Request #1000 created").await;
    desk.thread(1000).await;

    // The service goes down; Dana keeps writing and Kate answers in the thread meanwhile.
    desk.stop_relay().await;
    for i in 1..=5 {
        desk.says(&dana, &format!("part {i} of my story"));
    }
    desk.agent_comments(desk.kate.0, 1000, "reply while you were down")
        .await;

    // It comes back: every message arrives once, in the order written.
    desk.start_relay();
    let thread = desk
        .thread_sees(1000, |m| numbered(m, "part ").len() >= 5)
        .await;
    let expected: Vec<String> = (1..=5).map(|i| format!("part {i} of my story")).collect();
    assert_eq!(numbered(&thread, "part "), expected);
    desk.client_gets(&dana, "reply while you were down").await;
    desk.settled().await;

    // A second restart replays nothing.
    desk.stop_relay().await;
    desk.start_relay();
    desk.says(&dana, "part 6 of my story");
    let thread = desk
        .thread_sees(1000, |m| numbered(m, "part ").len() >= 6)
        .await;
    desk.settled().await;
    assert_eq!(
        numbered(&thread, "part ").len(),
        6,
        "nothing relayed twice: {:#?}",
        numbered(&thread, "part ")
    );
    let replies = desk.client_sees(&dana, |_| true).await;
    assert_eq!(
        replies
            .iter()
            .filter(|m| text_of(m).contains("reply while you were down"))
            .count(),
        1
    );
}

#[tokio::test]
async fn a_429_storm_delays_messages_but_keeps_all_of_them_in_order() {
    let desk = TestDesk::start().await;
    let eve = desk.client("Eve", "en");
    desk.says(&eve, "Refund for order 77?");
    desk.thread(1000).await;

    desk.sandbox.world().inject_fault(Fault::FloodStorm {
        n: 6,
        retry_after: 1,
    });
    for i in 1..=6 {
        desk.says(&eve, &format!("detail {i}"));
    }
    let thread = desk
        .thread_sees(1000, |m| numbered(m, "detail ").len() >= 6)
        .await;
    desk.settled().await;
    let expected: Vec<String> = (1..=6).map(|i| format!("detail {i}")).collect();
    assert_eq!(numbered(&thread, "detail "), expected);
}

#[tokio::test]
async fn a_5xx_burst_is_retried_until_every_reply_arrives_once_in_order() {
    let desk = TestDesk::start().await;
    let finn = desk.client("Finn", "en");
    desk.says(&finn, "Where is my payout?");
    desk.thread(1000).await;

    // teloxide itself pauses 10 s after each 5xx before reporting it, so a short burst is
    // already a long outage in wall-clock time.
    desk.sandbox
        .world()
        .inject_fault(Fault::ServerErrors { n: 2 });
    for i in 1..=4 {
        desk.agent_comments(desk.kate.0, 1000, &format!("step {i}"))
            .await;
    }
    let seen = desk
        .client_sees_within(&finn, std::time::Duration::from_secs(90), |m| {
            m.iter().filter(|x| text_of(x).starts_with("step ")).count() >= 4
        })
        .await;
    desk.settled().await;
    let steps: Vec<String> = seen
        .iter()
        .map(text_of)
        .filter(|t| t.starts_with("step "))
        .collect();
    assert_eq!(steps.len(), 4, "{steps:#?}");
    for (i, step) in steps.iter().enumerate() {
        assert!(
            step.starts_with(&format!("step {}", i + 1)),
            "out of order: {steps:#?}"
        );
    }
}

#[tokio::test]
async fn a_client_who_blocked_the_bot_is_reported_to_the_agents_not_dropped_silently() {
    let desk = TestDesk::start().await;
    let gus = desk.client("Gus", "en");
    desk.says(&gus, "Never mind, bye");
    desk.thread(1000).await;
    desk.settled().await;
    desk.sandbox
        .world()
        .user_blocks_bot(gus.user, desk.bot.id)
        .expect("block");
    desk.agent_comments(desk.kate.0, 1000, "Are you still there?")
        .await;
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("blocked the bot"))
    })
    .await;
    let dead = desk.store.dead_jobs(desk.ws).await.expect("store");
    assert_eq!(
        dead.len(),
        1,
        "the undeliverable reply is kept as dead, visibly"
    );
}

#[tokio::test]
async fn in_webhook_mode_updates_arrive_over_http_and_strangers_are_refused() {
    let desk = TestDesk::start_webhook().await;
    let kim = desk.client("Kim", "en");
    desk.says(&kim, "Webhook question");
    desk.client_gets(&kim, "Request #1000 created").await;
    desk.thread_sees(1000, |m| said(m).iter().any(|t| t == "Webhook question"))
        .await;
    desk.agent_comments(desk.kate.0, 1000, "Webhook answer")
        .await;
    desk.client_gets(&kim, "Webhook answer").await;

    // Someone who is not Telegram (no secret, or a wrong one) is refused and stores nothing.
    let http = reqwest::Client::new();
    let fake = serde_json::json!({"update_id": 1, "message": {"message_id": 1, "date": 0,
        "chat": {"id": 1, "type": "private", "first_name": "X"}, "text": "hi"}});
    for secret in [None, Some("guess")] {
        let mut request = http.post(desk.webhook().url.clone()).json(&fake);
        if let Some(secret) = secret {
            request = request.header(ticketgram_relay::webhook::SECRET_HEADER, secret);
        }
        let response = request.send().await.expect("http");
        assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    }
    let _ = &desk.webhook().secret;
}

#[tokio::test]
async fn a_long_answer_hit_by_a_429_on_its_second_part_reaches_the_client_once_in_order() {
    let desk = TestDesk::start().await;
    let hana = desk.client("Hana", "en");
    desk.says(&hana, "Explain every fee please");
    desk.client_gets(&hana, "Request #1000 created").await;
    desk.thread(1000).await;
    desk.settled().await;

    // As much as Telegram lets Kate write, in numbered rules so a repeated or missing part
    // shows; her signature pushes it into a second message.
    let mut answer = String::from("Fee rule 1.");
    let mut count = 1;
    while answer.len() + format!(" Fee rule {}.", count + 1).len() <= 4096 {
        count += 1;
        answer.push_str(&format!(" Fee rule {count}."));
    }
    // Part 1 goes out, then Telegram refuses the next three sends into Hana's chat.
    desk.sandbox.world().inject_fault(Fault::ChatFloodStorm {
        chat: hana.user,
        after: 1,
        n: 3,
        retry_after: 1,
    });
    desk.agent_comments(desk.kate.0, 1000, &answer).await;
    // The rest of the ticket's work queues behind the answer and must follow it.
    desk.agent_comments(desk.kate.0, 1000, "Anything else?")
        .await;
    desk.says(&hana, "Thanks, that was all");

    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c) == "Thanks, that was all")
    })
    .await;
    desk.client_sees(&hana, |m| {
        m.iter().any(|x| text_of(x).starts_with("Anything else?"))
    })
    .await;
    desk.settled().await;
    let seen = desk.client_sees(&hana, |_| true).await;
    let texts: Vec<String> = seen.iter().map(text_of).collect();
    let first = texts
        .iter()
        .position(|t| t.starts_with("Fee rule 1."))
        .unwrap();
    let parts: Vec<&String> = texts[first..]
        .iter()
        .take_while(|t| !t.starts_with("Anything else?"))
        .collect();
    let numbers: Vec<u32> = parts
        .iter()
        .flat_map(|p| p.split("Fee rule ").skip(1))
        .map(|rule| rule.split('.').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(
        numbers,
        (1..=count).collect::<Vec<u32>>(),
        "every rule exactly once, in order: {parts:#?}"
    );
    assert_eq!(
        parts.len(),
        2,
        "the answer and its signature, each once: {parts:#?}"
    );
    let signed = texts
        .iter()
        .filter(|t| t.contains("— Kate · #1000"))
        .count();
    assert_eq!(signed, 2, "the answer and the follow-up, each signed once");
    let tries = desk
        .sandbox
        .world()
        .call_count(desk.bot.id, "sendMessage", Some(hana.chat));
    assert_eq!(
        tries,
        texts.len() as u64 + 3,
        "the three refused tries were the only extra calls"
    );
}
