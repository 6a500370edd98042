//! A busy morning: clients keep writing in their open tickets at the same moment, and every
//! message must reach its thread in the agents' group, which Telegram lets a bot post into
//! about once a second (after a short burst) and twenty times a minute. The desk paces itself
//! to those limits, so the comments wait their turn in the outbox instead of being refused
//! with 429 and retried.

use crate::harness::TestDesk;

const CLIENTS: usize = 6;
const FOLLOW_UPS: usize = 2;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_morning_reaches_every_thread_without_collecting_429s() {
    // The sandbox enforces Telegram's flood limits (the default).
    let desk = TestDesk::start().await;
    let clients = desk.morning_questions(CLIENTS).await;
    let bot = desk.bot.id;
    let (calls_before, landed_before) = desk.group_traffic(bot);

    // Everyone adds details at the same moment: their comments are due together.
    for round in 0..FOLLOW_UPS {
        for (i, client) in clients.iter().enumerate() {
            desk.says(client, &format!("Detail {round} from client {i}"));
        }
        for i in 0..CLIENTS {
            desk.group_sees(&format!("Detail {round} from client {i}"))
                .await;
        }
    }
    desk.settled().await;
    let (calls, landed) = desk.group_traffic(bot);
    let (calls, landed) = (calls - calls_before, landed - landed_before);
    let refused = calls - landed;
    println!(
        "{} follow-ups due together: {landed} posts in the group, {calls} calls, {refused} refused",
        CLIENTS * FOLLOW_UPS
    );
    assert_eq!(landed, (CLIENTS * FOLLOW_UPS) as u64, "each follow-up once");
    // Unpaced (`config.pacing = false`), this morning cost 42 refused calls for the 12 posts,
    // each followed by a wait of Telegram's choosing; paced, the pacer's buckets are
    // Telegram's, and only a clock tick between the two may cost one (none when measured).
    assert!(refused <= 2, "{refused} calls refused for {landed} posts");
}
