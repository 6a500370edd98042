//! Helper bots. Telegram's limit of about twenty messages a minute in a group is per bot, so
//! a desk adds helper bots (administrators of the agents' group, registered in the settings
//! bot) and their budgets add up: when the desk's bot has no room left in the group, a
//! client's text goes out through a helper that has. The agents see one thread as before;
//! their replies to a helper's comment reach the client, and the client's edit is made by
//! the helper that posted it.

use crate::harness::TestDesk;
use serde_json::Value;
use ticketgram_testkit::{eventually, message_id, text_of};

const CLIENTS: usize = 10;
const FOLLOW_UPS: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rush_goes_out_through_the_helpers_without_a_429_each_message_once() {
    // The sandbox enforces Telegram's flood limits (the default).
    let desk = TestDesk(
        ticketgram_testkit::TestDesk::setup()
            .helper_bots(2)
            .start()
            .await,
    );
    let clients = desk.morning_questions(CLIENTS).await;

    // Everyone adds details at once: thirty comments, more than one bot may post in the
    // group in a minute after the morning's questions.
    for round in 0..FOLLOW_UPS {
        for (i, client) in clients.iter().enumerate() {
            desk.says(client, &format!("Detail {round} from client {i}"));
        }
    }
    for round in 0..FOLLOW_UPS {
        for i in 0..CLIENTS {
            desk.group_sees(&format!("Detail {round} from client {i}"))
                .await;
        }
    }
    desk.settled().await;
    let world = desk.sandbox.world();
    let group = world.chat_messages(desk.group);
    for round in 0..FOLLOW_UPS {
        for i in 0..CLIENTS {
            let text = format!("Detail {round} from client {i}");
            let times = group.iter().filter(|m| text_of(m).contains(&text)).count();
            assert_eq!(times, 1, "{text:?} reached the group once");
        }
    }
    let by_helpers: Vec<&Value> = group
        .iter()
        .filter(|m| {
            let from = m["from"]["id"].as_i64();
            desk.helpers.iter().any(|h| Some(h.id) == from)
        })
        .collect();
    println!(
        "{} follow-ups: {} posted by the helpers",
        CLIENTS * FOLLOW_UPS,
        by_helpers.len()
    );
    assert!(!by_helpers.is_empty(), "the helpers took their share");
    let refused: u64 = [&desk.bot]
        .into_iter()
        .chain(&desk.helpers)
        .map(|bot| {
            let (calls, landed) = desk.group_traffic(bot.id);
            calls - landed
        })
        .sum();
    assert!(refused <= 2, "{refused} calls refused by Telegram");

    // Kate answers a comment a helper posted; its client gets the answer, and the client's
    // correction is made in the group by that helper.
    let helped = by_helpers
        .iter()
        .find(|m| text_of(m).contains("Detail"))
        .map(|m| (*m).clone())
        .expect("a detail posted by a helper");
    let (client, line) = (0..CLIENTS)
        .flat_map(|i| (0..FOLLOW_UPS).map(move |round| (i, round)))
        .find(|(i, round)| text_of(&helped).contains(&format!("Detail {round} from client {i}")))
        .map(|(i, round)| (i, format!("Detail {round} from client {i}")))
        .expect("a client's line");
    world
        .user_replies(
            desk.kate.0,
            desk.group,
            message_id(&helped),
            "Noted, thank you",
        )
        .expect("reply");
    desk.client_sees(&clients[client], |m| {
        m.iter().any(|x| text_of(x).starts_with("Noted, thank you"))
    })
    .await;
    let original = world
        .chat_messages(clients[client].chat)
        .into_iter()
        .find(|m| text_of(m) == line)
        .expect("the client's own message");
    world
        .user_edits(
            clients[client].user,
            clients[client].chat,
            message_id(&original),
            &format!("{line}, corrected"),
        )
        .expect("edit");
    // A receipt from a client whose ticket a helper starts at: the helper cannot use the
    // client bot's file id, so it posts the bytes the client bot downloaded.
    let mut with_helper = None;
    for (i, client) in clients.iter().enumerate() {
        let ticket = desk.ticket(1000 + i as i64).await;
        if ticket.id.0 % (desk.helpers.len() as i64 + 1) != 0 {
            with_helper = Some(client);
            break;
        }
    }
    let receipt = with_helper.expect("a ticket that starts at a helper");
    // After the rush every bot's share of the group is spent for a few seconds (a message a
    // second each); a quiet moment later the ticket's own helper has room again.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let scan = b"\x89PNG receipt of transfer 4417".to_vec();
    world
        .user_sends_photo(
            receipt.user,
            receipt.chat,
            scan.clone(),
            Some("the receipt"),
        )
        .expect("photo");
    let posted = desk.group_sees("the receipt").await;
    let from = posted["from"]["id"].as_i64();
    assert!(
        desk.helpers.iter().any(|h| Some(h.id) == from),
        "posted by a helper: {posted:#}"
    );
    let unique = posted["photo"]
        .as_array()
        .and_then(|sizes| sizes.last())
        .and_then(|p| p["file_unique_id"].as_str())
        .expect("a photo")
        .to_string();
    assert_eq!(
        world.file_bytes(&unique).as_deref(),
        Some(&scan[..]),
        "the same bytes"
    );

    eventually("the helper's comment to show the correction", || async {
        let now = world
            .message(desk.group, message_id(&helped))
            .expect("comment");
        match text_of(&now).contains("corrected") {
            true => Ok(()),
            false => Err(text_of(&now)),
        }
    })
    .await;
}
