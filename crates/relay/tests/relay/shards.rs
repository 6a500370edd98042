//! A desk outgrows its group. Telegram lets a bot post about twenty messages a minute into one
//! discussion group, whatever the number of threads in it; a desk whose clients write more
//! links a second agents' channel with its group, the same way as the first. New requests are
//! then spread over both, the least busy first; each ticket's conversation stays in its own
//! channel's thread, in both directions; and when the second channel is unlinked, new requests
//! go back to the first while the old threads keep working.

use crate::harness::TestDesk;
use serde_json::Value;
use ticketgram_domain::TicketNumber;
use ticketgram_sandbox::ChatRef;
use ticketgram_testkit::telegram::join_team_chats;
use ticketgram_testkit::{eventually, text_of};

/// The channel a ticket's card was posted in, and its thread there.
async fn card_place(desk: &TestDesk, number: i64) -> (i64, i64) {
    eventually(&format!("#{number} to have its thread"), || async {
        let ticket = desk
            .store
            .find_ticket_by_number(desk.ws, TicketNumber(number))
            .await
            .expect("store")
            .ok_or("no ticket")?;
        let post = desk
            .store
            .find_ticket_post(desk.ws, ticket.id)
            .await
            .expect("store")
            .ok_or("no post")?;
        match post.thread_message_id {
            Some(thread) => Ok((post.channel_chat_id, thread)),
            None => Err("no thread yet"),
        }
    })
    .await
}

/// Waits until `group` shows a message containing `needle`.
async fn group_shows(desk: &TestDesk, group: ChatRef, needle: &str) -> Value {
    let found = |all: &[Value]| all.iter().find(|m| text_of(m).contains(needle)).cloned();
    match desk
        .sandbox
        .world()
        .wait_for(group, ticketgram_testkit::WAIT, |all| found(all).is_some())
        .await
    {
        Ok(all) => found(&all).expect("found"),
        Err(all) => panic!("{group} never showed {needle:?}: {all:#?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_channel_shares_the_new_requests_and_its_threads_work_both_ways() {
    let desk = TestDesk::start().await;
    let (lena, _) = desk.admin("Lena").await;
    let world = desk.sandbox.world();
    let (channel2, group2) = world
        .create_channel_with_discussion(lena, "Helpdesk 2")
        .expect("channel");
    world
        .add_bot_to_chat(desk.bot.id, channel2, true)
        .expect("bot in channel");
    desk.agent_gets(lena, "is now another agents' channel")
        .await;
    world
        .add_bot_to_chat(desk.bot.id, group2, true)
        .expect("bot in group");
    desk.agent_gets(lena, "take new requests beside the other channels")
        .await;
    let kate = desk.kate.0;
    join_team_chats(world, channel2, group2, kate);

    // Four clients write one after another: the cards alternate, the least busy channel
    // first (the first channel on a tie).
    let clients: Vec<_> = (0..4)
        .map(|i| desk.client(&format!("Client{i}"), "en"))
        .collect();
    let mut places = Vec::new();
    for (i, client) in clients.iter().enumerate() {
        desk.says(client, &format!("Question {i}"));
        places.push(card_place(&desk, 1000 + i as i64).await);
    }
    let first = desk.channel.telegram_id();
    let second = channel2.telegram_id();
    let channels: Vec<i64> = places.iter().map(|(channel, _)| *channel).collect();
    assert_eq!(channels, [first, second, first, second]);
    group_shows(&desk, group2, "Question 1").await;
    group_shows(&desk, group2, "Question 3").await;
    group_shows(&desk, desk.group, "Question 0").await;
    let in_first = world.chat_messages(desk.group);
    assert!(
        !in_first.iter().any(|m| text_of(m).contains("Question 1")),
        "#1001 lives in the second group only"
    );

    // Kate answers in the second group's thread; the client's follow-up comes back there.
    let (_, thread) = places[1];
    world
        .user_comments(kate, group2, thread, "Your payout is on its way")
        .expect("comment");
    desk.client_sees(&clients[1], |m| {
        m.iter()
            .any(|x| text_of(x).starts_with("Your payout is on its way"))
    })
    .await;
    desk.says(&clients[1], "Thank you!");
    let thanks = group_shows(&desk, group2, "Thank you!").await;
    assert_eq!(
        thanks["reply_to_message"]["message_id"].as_i64(),
        Some(thread),
        "in #1001's thread: {thanks:#}"
    );

    // /channels lists both; then the second one is unlinked: new requests go to the first,
    // and the second's tickets keep their threads.
    desk.agent_says(lena, "/channels");
    desk.agent_gets(lena, &format!("2. channel {second}: every request"))
        .await;
    world
        .remove_member(channel2, desk.bot.id)
        .expect("bot removed");
    desk.agent_gets(lena, "I was removed from “Helpdesk 2”")
        .await;
    let late = desk.client("Late", "en");
    desk.says(&late, "Question 4");
    let (channel, _) = card_place(&desk, 1004).await;
    assert_eq!(
        channel, first,
        "the first channel takes every new request again"
    );
    eventually("the desk to keep only its first channel", || async {
        let profile = desk.store.desk_profile(desk.ws).await.expect("profile");
        match profile.more_chats.is_empty() {
            true => Ok(()),
            false => Err(profile.more_chats),
        }
    })
    .await;
}
