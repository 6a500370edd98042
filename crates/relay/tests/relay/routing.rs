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
            reassign: false,
            leads: Vec::new(),
            targets: Default::default(),
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

#[tokio::test]
async fn an_agent_outside_their_own_hours_gets_nothing_new() {
    use chrono::Timelike;
    let desk = desk_routing(round_robin(None)).await;
    let max = desk.max.0;
    // Max works one hour a day, half a day away from now.
    let start = match (chrono::Utc::now().hour() + 12) % 24 {
        23 => 22,
        h => h,
    };
    desk.agent_says(
        max,
        &format!("/myhours daily {start:02}:00-{:02}:00", start + 1),
    );
    desk.agent_gets(max, "Saved. Outside these hours").await;
    desk.settled().await;
    for (i, name) in ["Ann", "Bob"].iter().enumerate() {
        let client = desk.client(name, "en");
        desk.says(&client, &format!("Question number {i} from {name}"));
        desk.client_gets(&client, &format!("#{}", 1000 + i)).await;
    }
    desk.settled().await;
    assert_eq!(assignee_of(&desk, 1000).await.as_deref(), Some("Kate"));
    assert_eq!(assignee_of(&desk, 1001).await.as_deref(), Some("Kate"));
    let stored = desk.store.get_agent(desk.ws, desk.max.1.id).await.unwrap();
    assert!(stored.schedule.is_some());

    // Nonsense is refused and changes nothing; `desk` returns to the desk's hours.
    desk.agent_says(max, "/myhours whenever");
    desk.agent_gets(max, "does not read as working hours").await;
    desk.agent_says(max, "/myhours desk");
    desk.agent_gets(max, "You follow the desk's working hours")
        .await;
    desk.settled().await;
    let stored = desk.store.get_agent(desk.ws, desk.max.1.id).await.unwrap();
    assert_eq!(stored.schedule, None);
}

#[tokio::test]
async fn a_missed_first_reply_moves_the_ticket_to_a_colleague_where_the_queue_says_so() {
    let mut rules = round_robin(None);
    rules.default.reassign = true;
    let desk = desk_routing(rules).await;
    desk.first_reply_due_in_a_second().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my payout?");
    desk.client_gets(&ann, "#1000").await;
    desk.settled().await;

    // Nobody answers within the second: the clock escalates (the relay's own clock may already
    // have), and the ticket moves to the other agent, once.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let relay = crate::harness::relay_desk(&desk);
    for _ in 0..3 {
        ticketgram_relay::manager_bot::timers::tick(&relay, chrono::Utc::now())
            .await
            .expect("tick");
    }
    let moved = "took the ticket from ";
    let thread = desk
        .thread_sees(1000, |msgs| {
            msgs.iter()
                .any(|m| crate::harness::text_of(m).contains(moved))
        })
        .await;
    let notice = thread
        .iter()
        .map(crate::harness::text_of)
        .find(|t| t.contains(moved))
        .expect("the notice");
    let names = notice.split(moved).nth(1).expect("names");
    let (from, to) = names
        .trim_end_matches('.')
        .split_once(" and gave it to ")
        .expect("from and to");
    assert_ne!(from, to);
    assert!(
        ["Kate", "Max"].contains(&from) && ["Kate", "Max"].contains(&to),
        "{notice}"
    );
    let to_user = if to == "Kate" {
        desk.kate.0
    } else {
        desk.max.0
    };
    desk.agent_gets(to_user, "#1000 is yours (the desk's routing)")
        .await;
    desk.settled().await;
    assert_eq!(assignee_of(&desk, 1000).await.as_deref(), Some(to));
    let thread = desk.thread_sees(1000, |_| true).await;
    let told = thread
        .iter()
        .filter(|m| crate::harness::text_of(m).contains(moved))
        .count();
    assert_eq!(told, 1);
}

#[tokio::test]
async fn a_queues_lead_hears_of_its_missed_targets_with_the_admins() {
    // Nobody is routed (agents press Take); Max leads the default queue, Kate leads nothing.
    let mut rules = round_robin(None);
    rules.default.strategy = Strategy::Manual;
    let desk = desk_routing(rules.clone()).await;
    rules.default.leads = vec![desk.max.1.id];
    let now = chrono::Utc::now();
    desk.store
        .write(async |tx| route::save_rules(tx, desk.ws, &rules, Actor::System, now).await)
        .await
        .expect("rules saved");
    let (olga, _) = desk.admin("Olga").await;
    desk.first_reply_due_in_a_second().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my payout?");
    desk.client_gets(&ann, "#1000").await;
    desk.settled().await;

    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let relay = crate::harness::relay_desk(&desk);
    ticketgram_relay::manager_bot::timers::tick(&relay, chrono::Utc::now())
        .await
        .expect("tick");
    let missed = "#1000 missed its first-reply target";
    desk.agent_gets(olga, missed).await;
    desk.agent_gets(desk.max.0, missed).await;
    desk.settled().await;
    let kate = desk.agent_inbox(desk.kate.0);
    assert!(
        !kate
            .iter()
            .any(|m| crate::harness::text_of(m).contains(missed)),
        "Kate leads nothing: {kate:#?}"
    );
}

/// A desk whose queues promise more than its priorities: the rule's own first-reply target
/// (15 working minutes, against the normal priority's 4 hours) is what the client is
/// promised, and the clock the escalations and reports run on.
#[tokio::test]
async fn a_queues_own_target_is_what_the_client_is_promised() {
    let mut rules = RoutingRules::default();
    rules.default.targets.first_response = Some(chrono::Duration::minutes(15));
    let desk = desk_routing(rules).await;
    let always = ticketgram_domain::sla::WorkingHours::always_open();
    desk.store
        .write(async |tx| {
            tx.set_working_hours(desk.ws, &always, chrono::Utc::now())
                .await
        })
        .await
        .expect("hours");
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "My payout is late");
    desk.client_gets(&ann, "We usually answer within 15 min")
        .await;
    let ticket = desk.ticket(1000).await;
    let relay = desk.relay_desk().current().await.expect("desk");
    assert_eq!(
        relay.first_reply_due(&ticket),
        Some(ticket.created_at + chrono::Duration::minutes(15))
    );
}
