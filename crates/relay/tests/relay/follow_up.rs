//! A desk that follows up after closing: Ann's request is closed, she is asked how easy it
//! was (1–7) and whether it is really solved. Her "not really" reopens the request and tells
//! the agents; a second tap changes nothing; and a request reopened before the question is
//! due is not asked about at all.

use crate::harness::{button_data, message_id, text_of, TestDesk};
use ticketgram_domain::follow_up::FollowUp;
use ticketgram_domain::{Actor, TicketStatus};
use ticketgram_relay::actions::follow_up;

async fn following_up(after_minutes: u32) -> TestDesk {
    let desk = TestDesk::start().await;
    let setting = FollowUp::new(after_minutes, true).expect("valid");
    let now = chrono::Utc::now();
    desk.store
        .write(async |tx| follow_up::save(tx, desk.ws, Some(setting), Actor::System, now).await)
        .await
        .expect("saved");
    desk
}

#[tokio::test]
async fn a_client_scores_the_effort_and_a_not_solved_reopens_the_request() {
    let desk = following_up(0).await;
    let kate = desk.kate.0;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My payout is stuck");
    desk.client_gets(&ann, "#1000").await;
    desk.agent_comments(kate, 1000, "Released it, it arrives today.")
        .await;
    desk.press_on_card(kate, 1000, "Close").await;

    let question = desk.client_gets(&ann, "How easy was it").await;
    let easy = button_data(&question, "6").expect("a 6");
    desk.sandbox
        .world()
        .user_presses_button(ann.user, ann.chat, message_id(&question), &easy)
        .expect("press");
    let solved = desk.client_gets(&ann, "really solved").await;
    let no = button_data(&solved, "No").expect("a no");
    desk.sandbox
        .world()
        .user_presses_button(ann.user, ann.chat, message_id(&solved), &no)
        .expect("press");
    desk.client_gets(&ann, "is open again").await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("scored the effort 6/7"))
            && msgs
                .iter()
                .any(|m| text_of(m).contains("not really solved"))
    })
    .await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.status, TicketStatus::Open);
    let answer = desk
        .store
        .follow_up_answer(desk.ws, ticket.id)
        .await
        .expect("store")
        .expect("answered");
    assert_eq!((answer.effort.score(), answer.solved), (6, Some(false)));

    // Pressing again changes nothing: the first answer counts.
    let hard = button_data(&question, "1").expect("a 1");
    desk.sandbox
        .world()
        .user_presses_button(ann.user, ann.chat, message_id(&question), &hard)
        .expect("press");
    desk.client_gets(&ann, "already answered").await;
    let now = chrono::Utc::now();
    let summary = desk
        .store
        .effort_summary(
            desk.ws,
            now - chrono::Duration::hours(1),
            now + chrono::Duration::hours(1),
        )
        .await
        .expect("store");
    assert_eq!(summary.by_score, [0, 0, 0, 0, 0, 1, 0]);
    assert_eq!(summary.not_solved, 1);
}

#[tokio::test]
async fn a_request_reopened_before_the_question_is_due_is_not_asked_about() {
    let desk = following_up(0).await;
    let kate = desk.kate.0;
    let bob = desk.client("Bob", "en");
    desk.says(&bob, "Where is my refund?");
    desk.client_gets(&bob, "#1000").await;
    desk.press_on_card(kate, 1000, "Close").await;
    desk.client_gets(&bob, "How easy was it").await;

    // The question is rendered when it is sent: a reopened request is not asked about.
    let relay = crate::harness::relay_desk(&desk);
    let ticket = desk.ticket(1000).await;
    let agent = desk.kate.1.id;
    ticketgram_relay::Input::apply(
        &relay,
        "test:reopen".into(),
        chrono::Utc::now(),
        async |desk, fx| -> Result<_, ticketgram_relay::RelayError> {
            ticketgram_relay::actions::change_status_as_agent(
                desk,
                fx,
                ticket.id,
                TicketStatus::Open,
                agent,
            )
            .await
        },
    )
    .await
    .expect("reopened");
    desk.client_gets(&bob, "was reopened").await;
    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.status, TicketStatus::Open);
    assert_eq!(
        follow_up::question(&relay, ticket.id).await.expect("store"),
        None
    );
}
