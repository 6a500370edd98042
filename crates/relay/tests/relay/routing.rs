//! A desk that stopped waiting for someone to press Take: its general queue goes round the
//! agents on duty, its Payments queue to the payments agent with the fewest open tickets.
//! Kate steps away and her unanswered ticket goes to a colleague; Max, off shift, gets
//! nothing new; and when everyone is full the ticket waits for a Take, as before.

use crate::harness::TestDesk;
use ticketgram_domain::routing::{QueueRule, RoutingRules, Strategy};
use ticketgram_domain::{Actor, Language, Priority};
use ticketgram_relay::actions::route;

async fn desk_routing(rules: RoutingRules) -> TestDesk {
    let desk = TestDesk(
        ticketgram_testkit::TestDesk::setup()
            .topics(&[("General", Priority::Normal)])
            .start()
            .await,
    );
    let now = chrono::Utc::now();
    let tx = desk.store.begin_tx().await.expect("tx");
    route::save_rules(&tx, desk.ws, &rules, Actor::System, now)
        .await
        .expect("rules saved");
    tx.commit().await.expect("commit");
    desk
}

fn round_robin(cap: Option<u32>) -> RoutingRules {
    RoutingRules {
        default: QueueRule {
            strategy: Strategy::RoundRobin,
            cap,
        },
        ..RoutingRules::default()
    }
}

async fn assignee_of(desk: &TestDesk, number: i64) -> Option<String> {
    let ticket = desk.ticket(number).await;
    match ticket.assignee {
        Some(id) => Some(desk.store.get_agent(desk.ws, id).await.expect("agent").name),
        None => None,
    }
}

#[tokio::test]
async fn new_requests_go_round_the_agents_on_duty() {
    let desk = desk_routing(round_robin(None)).await;
    let (kate, max) = (desk.kate.0, desk.max.0);
    for (i, name) in ["Ann", "Bob", "Cleo"].iter().enumerate() {
        let client = desk.client(name, "en");
        desk.says(&client, &format!("Question number {i} from {name}"));
        desk.client_gets(&client, &format!("#{}", 1000 + i)).await;
    }
    let owners = [
        assignee_of(&desk, 1000).await,
        assignee_of(&desk, 1001).await,
        assignee_of(&desk, 1002).await,
    ];
    // Kate and Max in turn (whoever came first in the turn takes the third).
    assert!(owners.iter().all(Option::is_some), "{owners:?}");
    assert_ne!(owners[0], owners[1], "{owners:?}");
    assert_eq!(owners[0], owners[2], "{owners:?}");
    let first = owners[0].clone().expect("owner");
    desk.card_shows(1000, &first).await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| ticketgram_testkit::text_of(m).contains("Assigned to"))
    })
    .await;
    // The owner alone hears of it in the manager bot.
    let (owner, other) = if first == "Kate" {
        (kate, max)
    } else {
        (max, kate)
    };
    desk.agent_gets(owner, "is yours").await;
    let _ = other;
}

#[tokio::test]
async fn an_agent_stepping_away_hands_unanswered_tickets_to_a_colleague() {
    let desk = desk_routing(round_robin(None)).await;
    let (kate, max) = (desk.kate.0, desk.max.0);
    // Max is off shift: everything goes to Kate.
    desk.agent_says(max, "/off");
    desk.agent_gets(max, "You are off").await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My payout is late");
    desk.client_gets(&ann, "#1000").await;
    assert_eq!(assignee_of(&desk, 1000).await.as_deref(), Some("Kate"));

    // Max is back, Kate steps away: her unanswered ticket is his now.
    desk.agent_says(max, "/duty");
    desk.agent_gets(max, "You are on duty").await;
    desk.agent_says(kate, "/away");
    desk.agent_gets(kate, "1 unanswered went back to the queue")
        .await;
    desk.settled().await;
    assert_eq!(assignee_of(&desk, 1000).await.as_deref(), Some("Max"));
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| ticketgram_testkit::text_of(m).contains("Kate stepped away"))
    })
    .await;
    let audit = desk.store.audit_log(desk.ws, 20).await.expect("audit");
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "agent.presence")
            .count(),
        3
    );
}

#[tokio::test]
async fn a_full_team_leaves_the_ticket_for_a_take() {
    let desk = desk_routing(round_robin(Some(1))).await;
    for (i, name) in ["Ann", "Bob", "Cleo"].iter().enumerate() {
        let client = desk.client(name, "en");
        desk.says(&client, &format!("Question number {i} from {name}"));
        desk.client_gets(&client, &format!("#{}", 1000 + i)).await;
    }
    // Two agents with a cap of one: the third waits.
    assert!(assignee_of(&desk, 1000).await.is_some());
    assert!(assignee_of(&desk, 1001).await.is_some());
    assert_eq!(assignee_of(&desk, 1002).await, None);
    let _ = Language::En;
}
