//! A desk with a bot per role: `@desk_bot` talks to clients and sits in the agents' channel
//! and its group; the manager and settings bots sit in neither. Whatever surface acts on a
//! ticket, its card and thread are changed through the bot in the channel: Telegram answers
//! "chat not found" to the others, and a card left unedited keeps a live Take button.

use crate::harness::{button_data, text_of};
use ticketgram_testkit::{sent_by, TestDesk};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn take_and_transfer_in_a_separate_manager_bot_update_the_card_and_thread() {
    let desk = TestDesk::setup().separate_staff_bots().start().await;
    assert_ne!(desk.manager_bot.id, desk.bot.id);
    assert_ne!(desk.settings_bot.id, desk.bot.id);
    let (kate, max) = (desk.kate.0, desk.max.0);
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My card was declined");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.thread(1000).await;
    // The new ticket is announced in the manager bot, not in the client bot.
    desk.agent_gets(kate, "New ticket #1000").await;

    desk.agent_says(kate, "/queue");
    let queue = desk.agent_gets(kate, "Waiting for an agent").await;
    desk.agent_presses(kate, &queue, "Take #1000");
    desk.agent_gets(kate, "#1000 is yours").await;
    let card = desk.card_shows(1000, "Kate").await;
    assert!(
        button_data(&card, "Take").is_none(),
        "a taken card offers no Take: {card:#}"
    );
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "Taken by Kate."))
        .await;

    desk.agent_says(kate, "/transfer 1000");
    let choose = desk.agent_gets(kate, "Transfer #1000 to:").await;
    desk.agent_presses(kate, &choose, "Max");
    desk.agent_gets(kate, "#1000 transferred to Max").await;
    desk.agent_gets(max, "Kate transferred #1000 to you").await;
    desk.card_shows(1000, "Max").await;
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("Transferred to Max"))
    })
    .await;

    desk.settled().await;
    let dead = desk.store.dead_jobs(desk.ws).await.expect("dead jobs");
    assert!(dead.is_empty(), "nothing dies: {dead:#?}");
    let world = desk.sandbox.world();
    for chat in [desk.channel, desk.group] {
        let messages = world.chat_messages(chat);
        for staff_bot in [desk.manager_bot.id, desk.settings_bot.id] {
            let stray = sent_by(&messages, staff_bot);
            assert!(
                stray.is_empty(),
                "a staff bot posted in {chat:?}: {stray:#?}"
            );
        }
    }
    // Neither staff bot ever wrote to the client.
    let ann_chat = world
        .private_chat(desk.bot.id, ann.user)
        .expect("Ann's chat");
    assert!(sent_by(&world.chat_messages(ann_chat), desk.bot.id)
        .iter()
        .any(|m| text_of(m).contains("#1000")));
}
