//! The manager bot, end to end: agents run their queue from a private chat with the bot,
//! hand tickets over, block clients, find clients, copy canned replies, get notified, and
//! admins get the desk report as Excel and CSV.

use crate::harness::{button_data, relay_desk, text_of, TestDesk};
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use serde_json::Value;
use ticketgram_domain::sla::SlaTargets;
use ticketgram_domain::{
    Actor, Language, Priority, Rating, TicketNumber, TicketStatus, TopicId, WorkingHours,
};
use ticketgram_store::{NewClient, NewTicket};

#[tokio::test]
async fn an_agent_sees_their_tickets_the_queue_and_a_summary_and_takes_from_the_queue() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let ann = desk.client("Ann", "en");
    let bob = desk.client("Bob", "en");
    desk.says(&ann, "My card was declined");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.says(&bob, "Refund please");
    desk.client_gets(&bob, "Request #1001 created").await;
    // Every agent hears of a new ticket, with a Take button.
    let note = desk.agent_gets(kate, "New ticket #1001").await;
    assert!(button_data(&note, "Take #1001").is_some());
    desk.agent_gets(desk.max.0, "New ticket #1000").await;

    desk.thread(1000).await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Kate").await;

    let seen = desk.agent_inbox(kate).len();
    desk.agent_says(kate, "/my");
    let my = desk.agent_gets_after(kate, seen, "Your open tickets").await;
    let my = text_of(&my);
    assert!(
        my.contains("#1000") && my.contains("My card was declined"),
        "{my}"
    );
    assert!(
        my.contains("https://t.me/c/"),
        "a link into the thread: {my}"
    );
    assert!(!my.contains("#1001"), "{my}");

    let seen = desk.agent_inbox(kate).len();
    desk.agent_says(kate, "/queue");
    let queue = desk
        .agent_gets_after(kate, seen, "Waiting for an agent")
        .await;
    assert!(text_of(&queue).contains("#1001") && !text_of(&queue).contains("#1000"));
    desk.agent_presses(kate, &queue, "Take #1001");
    desk.agent_gets(kate, "#1001 is yours").await;
    desk.card_shows(1001, "Kate").await;
    assert_eq!(desk.ticket(1001).await.status, TicketStatus::Open);

    let seen = desk.agent_inbox(kate).len();
    desk.agent_says(kate, "/ticket 1000");
    let summary = text_of(&desk.agent_gets_after(kate, seen, "First response:").await);
    for part in [
        "#1000",
        "Ann",
        "Kate",
        "Last messages:",
        "My card was declined",
        "History:",
    ] {
        assert!(summary.contains(part), "{part:?} missing from {summary}");
    }
    let seen = desk.agent_inbox(kate).len();
    desk.agent_says(kate, "/ticket 999");
    desk.agent_gets_after(kate, seen, "There is no ticket #999")
        .await;
}

#[tokio::test]
async fn a_transfer_by_buttons_notifies_the_receiving_agent_and_is_audited() {
    let desk = TestDesk::start().await;
    let (kate, max) = (desk.kate.0, desk.max.0);
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my parcel?");
    desk.thread(1000).await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Kate").await;

    desk.agent_says(kate, "/transfer 1000");
    let choose = desk.agent_gets(kate, "Transfer #1000 to:").await;
    assert!(
        button_data(&choose, "Kate").is_none(),
        "the current assignee is not offered"
    );
    desk.agent_presses(kate, &choose, "Max");
    desk.agent_gets(kate, "#1000 transferred to Max").await;
    let notice = desk.agent_gets(max, "Kate transferred #1000 to you").await;
    assert!(text_of(&notice).contains("Where is my parcel?"));
    desk.card_shows(1000, "Max").await;
    desk.thread_sees(1000, |m| {
        m.iter().any(|c| text_of(c).contains("Transferred to Max"))
    })
    .await;
    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.assignee, Some(desk.max.1.id));
    let audit = desk.store.audit_log(desk.ws, 10).await.expect("audit");
    let transfer = audit
        .iter()
        .find(|e| e.action == "ticket.transferred")
        .expect("the transfer is audited");
    assert_eq!(transfer.actor, Actor::Agent(desk.kate.1.id));
    assert_eq!(transfer.subject, "#1000");
}

#[tokio::test]
async fn a_blocked_client_is_told_once_and_not_relayed_until_unblocked() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "First question");
    desk.thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "First question"))
        .await;

    desk.agent_says(kate, "/block ticket 1000 abusive language");
    desk.agent_gets(kate, "is blocked. Reason: abusive language")
        .await;
    desk.client_gets(&ann, "can no longer take your messages")
        .await;
    desk.says(&ann, "hello again");
    let seen = desk.agent_inbox(kate).len();
    desk.agent_says(kate, "/unblock ticket 1000");
    desk.agent_gets_after(kate, seen, "can write to the desk again")
        .await;
    desk.says(&ann, "I am back");
    let thread = desk
        .thread_sees(1000, |m| m.iter().any(|c| text_of(c) == "I am back"))
        .await;
    assert!(
        !thread.iter().any(|c| text_of(c) == "hello again"),
        "nothing a blocked client sends is relayed"
    );
    let notices = desk
        .client_sees(&ann, |_| true)
        .await
        .iter()
        .filter(|m| text_of(m).contains("can no longer"))
        .count();
    assert_eq!(notices, 1, "one notice per block");
    let actions: Vec<String> = desk
        .store
        .audit_log(desk.ws, 10)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"client.blocked".to_string()));
    assert!(actions.contains(&"client.unblocked".to_string()));
}

#[tokio::test]
async fn clients_are_searched_and_paged_ten_at_a_time() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    for i in 0..12 {
        desk.store
            .write(async |tx| {
                tx.upsert_client(
                    desk.ws,
                    &NewClient {
                        telegram_user_id: 900_000 + i,
                        first_name: format!("Petra{i}"),
                        last_name: None,
                        username: None,
                        language: Language::En,
                        attributes: serde_json::json!({}),
                        seen_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .expect("client");
    }
    desk.agent_says(kate, "/clients petra");
    let first = desk.agent_gets(kate, "Clients: 12 (page 1 of 2)").await;
    assert!(text_of(&first).contains("Petra11") && !text_of(&first).contains("Petra0 "));
    assert!(button_data(&first, "‹").is_none());
    desk.agent_presses(kate, &first, "›");
    let second = desk.agent_gets(kate, "(page 2 of 2)").await;
    assert!(text_of(&second).contains("Petra0") && text_of(&second).contains("Petra1"));
    assert!(button_data(&second, "›").is_none());
    desk.agent_presses(kate, &second, "‹");
    desk.agent_gets_after(kate, 2, "(page 1 of 2)").await;

    desk.agent_says(kate, "/clients nobody-like-this");
    desk.agent_gets(kate, "No client matches \"nobody-like-this\"")
        .await;
}

#[tokio::test]
async fn admins_keep_canned_replies_and_agents_copy_them_with_one_tap() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let (ada, _) = desk.admin("Ada").await;
    desk.agent_says(kate, "/template add sneaky | not allowed");
    desk.agent_gets(kate, "Only the desk's admins").await;
    desk.agent_says(
        ada,
        "/template add refund | Refunds take 3 to 5 working days.",
    );
    desk.agent_gets(ada, "\"refund\" saved").await;
    desk.agent_says(ada, "/template add hello | Hello! How can I help?");
    desk.agent_gets(ada, "\"hello\" saved").await;
    desk.agent_says(ada, "/template remove hello");
    desk.agent_gets(ada, "\"hello\" removed").await;

    desk.agent_says(kate, "/templates");
    let list = desk.agent_gets(kate, "Canned replies").await;
    let button = &list["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "📋 refund");
    assert_eq!(
        button["copy_text"]["text"], "Refunds take 3 to 5 working days.",
        "one tap copies the text: {list:#}"
    );
    assert!(!text_of(&list).contains("Hello!"));
    assert!(
        desk.sandbox.world().spec_violations().is_empty(),
        "{:?}",
        desk.sandbox.world().spec_violations()
    );
}

#[tokio::test]
async fn someone_who_is_not_an_agent_is_refused_every_agent_command() {
    let desk = TestDesk::start().await;
    let ann = desk.client("Ann", "en");
    let commands = [
        "/queue",
        "/ticket 1000",
        "/transfer 1000",
        "/block @ann spam",
        "/unblock @ann",
        "/clients",
        "/templates",
        "/template add x | y",
        "/report week",
    ];
    for command in commands {
        desk.says(&ann, command);
    }
    desk.client_sees(&ann, |m| {
        m.iter()
            .filter(|x| text_of(x).contains("for the desk's agents only"))
            .count()
            == commands.len()
    })
    .await;
    let opened = desk
        .store
        .find_ticket_by_number(desk.ws, TicketNumber(1000))
        .await
        .expect("store");
    assert!(opened.is_none(), "no command became a ticket");
    // `/my` is the client's own "My requests" on a one-bot desk.
    desk.says(&ann, "/my");
    desk.settled().await;
}

#[tokio::test]
async fn the_assignee_is_told_when_the_client_writes_again() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Question one");
    desk.thread(1000).await;
    desk.press_on_card(kate, 1000, "Take").await;
    desk.card_shows(1000, "Kate").await;
    desk.says(&ann, "Any news?");
    let note = desk
        .agent_gets(kate, "The client Ann wrote on #1000: Any news?")
        .await;
    assert!(text_of(&note).contains("https://t.me/c/"));
    desk.settled().await;
    assert!(
        !desk
            .agent_inbox(desk.max.0)
            .iter()
            .any(|m| text_of(m).contains("wrote on")),
        "only the assignee hears of a reply"
    );
}

#[tokio::test]
async fn agents_are_warned_once_when_a_first_answer_is_at_risk() {
    let desk = TestDesk::start().await;
    // One hour for a first answer, "at risk" from the start: the watch warns at once.
    let mut sla = SlaTargets {
        at_risk_percent: 100,
        ..SlaTargets::default()
    };
    sla.first_response.normal = Some(Duration::hours(1));
    desk.store
        .write(async |tx| tx.set_sla_targets(desk.ws, &sla, chrono::Utc::now()).await)
        .await
        .expect("sla");
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Urgent-ish");
    desk.client_gets(&ann, "Request #1000 created").await;
    // Unassigned: every agent is warned.
    for agent in [desk.kate.0, desk.max.0] {
        desk.agent_gets(agent, "#1000 needs a first answer by")
            .await;
    }
    // The watch looking again (here: twice more, by hand) queues nothing new.
    let relay = relay_desk(&desk);
    for _ in 0..2 {
        ticketgram_relay::manager_bot::timers::tick(&relay, chrono::Utc::now())
            .await
            .expect("tick");
    }
    desk.settled().await;
    let warnings = desk
        .agent_inbox(desk.kate.0)
        .iter()
        .filter(|m| text_of(m).contains("needs a first answer"))
        .count();
    assert_eq!(warnings, 1);
}

/// The desk report against a fixture computed by hand. The desk works Monday to Friday,
/// 09:00–18:00 in Berlin (UTC+1 in winter, UTC+2 in summer); targets are the defaults for
/// normal priority: first answer 4 h, resolution 24 h of working time. The report is last
/// week's (Monday `m` to Sunday `m+6`); `m-3` is the Friday before it.
///
/// | # | agent | created        | first answer   | resolved      | working time: answer / resolution |
/// |---|-------|----------------|----------------|---------------|------------------------------------|
/// | A | Kate  | Fri m-3 17:00  | Mon m 09:30    | Mon m 10:00   | 60+30 = 90 min / 60+60 = 120 min (over the weekend) |
/// | B | Kate  | Tue m+1 08:00  | Tue m+1 13:00  | Wed m+2 10:00 | 240 min (09:00–13:00) / 540+60 = 600 min |
/// | C | Max   | Fri m+4 17:30  | Sat m+5 11:00  | —             | 30 min (Saturday is not working time) |
/// | D | —     | Sun m+6 12:00  | —              | —             | — |
///
/// Kate: created 1 (B; A was opened the week before), taken 2, closed 2, still open 0;
/// first reaction median 90 (nearest rank of [90, 240]), p90 240, within target 2/2 = 100 %
/// (240 ≤ 240); resolution median 120, p90 600, 100 %; ratings 5 and 3 → 4.00.
/// Max: created 1, taken 1, closed 0, still open 1; first reaction 30 / 30, 100 %.
#[tokio::test]
async fn the_weekly_report_matches_the_figures_computed_by_hand() {
    let desk = TestDesk::start().await;
    let (ada, _) = desk.admin("Ada").await;
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().expect("zone");
    let hours = WorkingHours::new(berlin, "mon-fri 09:00-18:00".parse().expect("week"));
    desk.store
        .write(async |tx| {
            tx.set_working_hours(desk.ws, &hours, chrono::Utc::now())
                .await
        })
        .await
        .expect("hours");
    let today = chrono::Utc::now().with_timezone(&berlin).date_naive();
    let m = today
        - Duration::days(i64::from(today.weekday().num_days_from_monday()))
        - Duration::days(7);
    let at = |day: NaiveDate, h: u32, min: u32| {
        berlin
            .from_local_datetime(&day.and_hms_opt(h, min, 0).expect("time"))
            .single()
            .expect("unambiguous")
            .with_timezone(&chrono::Utc)
    };
    let d = |n: i64| m + Duration::days(n);
    let topics = desk
        .store
        .list_topics(desk.ws, false)
        .await
        .expect("topics");
    let (payments, disputes) = (topics[0].id, topics[1].id);
    let client = desk
        .store
        .write(async |tx| {
            tx.upsert_client(
                desk.ws,
                &NewClient {
                    telegram_user_id: 777_001,
                    first_name: "Fixture".into(),
                    last_name: None,
                    username: None,
                    language: Language::En,
                    attributes: serde_json::json!({}),
                    seen_at: at(d(-3), 17, 0),
                },
            )
            .await
        })
        .await
        .expect("client");
    let kate = desk.kate.1.id;
    let max = desk.max.1.id;
    let open = async |topic: TopicId, created| {
        desk.store
            .write(async |tx| {
                tx.create_ticket(
                    desk.ws,
                    &NewTicket {
                        client: client.id,
                        topic: Some(topic),
                        subject: "fixture".into(),
                        priority: Priority::Normal,
                        queue: None,
                        language: Language::En,
                        created_at: created,
                    },
                )
                .await
            })
            .await
            .expect("ticket")
    };
    let store = &desk.store;
    let ws = desk.ws;
    let a = open(payments, at(d(-3), 17, 0)).await;
    let b = open(payments, at(d(1), 8, 0)).await;
    let c = open(disputes, at(d(4), 17, 30)).await;
    let _d = open(payments, at(d(6), 12, 0)).await;
    for (ticket, agent, assigned, answered, resolved, rating) in [
        (
            &a,
            kate,
            at(d(-3), 17, 5),
            at(d(0), 9, 30),
            Some(at(d(0), 10, 0)),
            Some(5),
        ),
        (
            &b,
            kate,
            at(d(1), 8, 5),
            at(d(1), 13, 0),
            Some(at(d(2), 10, 0)),
            Some(3),
        ),
        (&c, max, at(d(4), 17, 35), at(d(5), 11, 0), None, None),
    ] {
        let actor = Actor::Agent(agent);
        store
            .write(async |tx| {
                tx.assign_ticket(ws, ticket.id, Some(agent), actor, assigned)
                    .await
            })
            .await
            .expect("assign");
        store
            .write(async |tx| tx.record_agent_reply(ws, ticket.id, agent, answered).await)
            .await
            .expect("reply");
        if let Some(resolved) = resolved {
            store
                .write(async |tx| {
                    tx.change_status(ws, ticket.id, TicketStatus::Resolved, actor, resolved)
                        .await
                })
                .await
                .expect("resolve");
        }
        if let Some(score) = rating {
            store
                .write(async |tx| {
                    tx.rate_ticket(
                        ws,
                        ticket.id,
                        Rating::new(score).expect("rating"),
                        None,
                        resolved.expect("resolved"),
                    )
                    .await
                })
                .await
                .expect("rate");
        }
    }

    desk.agent_says(ada, "/report week");
    let csv = document(&desk, ada, ".csv").await;
    let xlsx = document(&desk, ada, ".xlsx").await;
    assert_eq!(&xlsx[..2], b"PK", "the workbook is a zip (xlsx) file");
    let csv = String::from_utf8(csv).expect("utf-8");
    let row = |section: &str, name: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
            .find(|cells| cells[0] == section && cells[1] == name)
            .unwrap_or_else(|| panic!("no {section}/{name} row in\n{csv}"))
    };
    // created, taken, closed, still open, first reaction median/p90/within, next replies
    // (none here: nobody wrote back), their median/p90/within, resolution median/p90/within,
    // ratings, average rating
    assert_eq!(
        row("Agents", "Kate")[2..],
        [
            "1", "2", "2", "0", "90.0", "240.0", "100.0", "0", "", "", "", "120.0", "600.0",
            "100.0", "2", "4.00"
        ]
    );
    assert_eq!(
        row("Agents", "Max")[2..9],
        ["1", "1", "0", "1", "30.0", "30.0", "100.0"]
    );
    assert_eq!(row("Agents", "Unassigned")[2..6], ["1", "0", "0", "1"]);
    // Topics: Payments has A (closed in the week), B, D; Disputes has C.
    assert_eq!(row("Topics", "Payments")[2..5], ["2", "2", "2"]);
    assert_eq!(row("Topics", "Disputes")[2..5], ["1", "1", "0"]);
    assert_eq!(row("Summary", "First day")[2], m.to_string());
    assert_eq!(row("Summary", "Last day")[2], d(6).to_string());
    assert_eq!(row("Summary", "Time zone")[2], "Europe/Berlin");
}

/// The bytes of the latest document the bot sent `user` whose file name ends with `suffix`.
async fn document(desk: &TestDesk, user: ticketgram_sandbox::UserId, suffix: &str) -> Vec<u8> {
    let chat = desk.private_chat_of(user);
    let is_it = |m: &Value| {
        m.pointer("/document/file_name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.ends_with(suffix))
    };
    let all = desk
        .sandbox
        .world()
        .wait_for(chat, crate::harness::WAIT, |all| all.iter().any(is_it))
        .await
        .unwrap_or_else(|all| panic!("no {suffix} document; got {all:#?}"));
    let message = all.iter().rev().find(|m| is_it(m)).expect("document");
    let id = message["document"]["file_unique_id"]
        .as_str()
        .expect("file_unique_id");
    desk.sandbox
        .world()
        .file_bytes(id)
        .expect("the sandbox kept the upload")
        .to_vec()
}

#[tokio::test]
async fn the_weekly_report_goes_to_admins_on_monday_morning_once() {
    let desk = TestDesk::start().await;
    let (ada, _) = desk.admin("Ada").await;
    let relay = relay_desk(&desk);
    let utc = |d: u32, h: u32| {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .single()
            .expect("time")
    };
    // Sunday, and Monday before nine: not yet. Monday 10:00, twice: once.
    for now in [utc(29, 12), utc(30, 8), utc(30, 10), utc(30, 10)] {
        ticketgram_relay::manager_bot::timers::tick(&relay, now)
            .await
            .expect("tick");
    }
    document(&desk, ada, "2026-11-23-2026-11-29.csv").await;
    desk.settled().await;
    let sent: Vec<String> = desk
        .agent_inbox(ada)
        .iter()
        .filter_map(|m| {
            m.pointer("/document/file_name")?
                .as_str()
                .map(str::to_string)
        })
        .collect();
    assert_eq!(
        sent,
        [
            "ticketgram-report-2026-11-23-2026-11-29.xlsx",
            "ticketgram-report-2026-11-23-2026-11-29.csv"
        ]
    );
    assert!(
        !desk
            .agent_inbox(desk.kate.0)
            .iter()
            .any(|m| m.get("document").is_some()),
        "agents who are not admins get no report"
    );
}

#[tokio::test]
async fn a_strangers_or_a_deactivated_agents_login_is_refused_and_opens_no_ticket() {
    let desk = TestDesk::start().await;
    let ivan = desk.client("Ivan", "ru");
    desk.says(&ivan, "/login");
    desk.client_gets(&ivan, "только агентам поддержки").await;

    let (max, agent) = &desk.max;
    desk.store
        .write(async |tx| tx.set_agent_active(desk.ws, agent.id, false).await)
        .await
        .expect("deactivate");
    desk.agent_says(*max, "/login");
    desk.agent_gets(*max, "only for the desk's agents").await;
    desk.settled().await;

    let opened = desk
        .store
        .find_ticket_by_number(desk.ws, TicketNumber(1000))
        .await
        .expect("store");
    assert!(opened.is_none(), "a refused /login is not a question");
    let (links,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM web_login_links")
        .fetch_one(desk.store.pool())
        .await
        .expect("count");
    assert_eq!(links, 0, "nobody got a sign-in link");
}

#[tokio::test]
async fn a_missed_first_answer_is_escalated_once_to_the_admins_with_a_higher_priority() {
    let desk = TestDesk::start().await;
    let (lead, _) = desk.admin("Lena").await;
    desk.first_reply_due_in_a_second().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my payout?");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.thread(1000).await;

    // Nobody answers in time: the clock escalates, and looking again (here three times, by
    // hand, besides the relay's own clock) changes nothing more.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let relay = relay_desk(&desk);
    for _ in 0..3 {
        ticketgram_relay::manager_bot::timers::tick(&relay, chrono::Utc::now())
            .await
            .expect("tick");
    }
    desk.agent_gets(lead, "#1000 missed its first-reply target")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("first-reply target") && text_of(m).contains("high"))
    })
    .await;
    desk.card_shows(1000, "high").await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.priority, ticketgram_domain::Priority::High);
    let history = desk
        .store
        .ticket_history(desk.ws, ticket.id)
        .await
        .expect("history");
    let escalations: Vec<_> = history
        .iter()
        .filter(|e| e.kind == "sla_breached")
        .collect();
    assert_eq!(escalations.len(), 1, "{history:#?}");
    assert_eq!(escalations[0].details["target"], "first_response");
    assert_eq!(escalations[0].details["priority_to"], "high");
    let told = desk
        .agent_inbox(lead)
        .iter()
        .filter(|m| text_of(m).contains("missed its first-reply target"))
        .count();
    assert_eq!(told, 1);
}

/// Kate answers Ann, Ann writes back, and nobody answers her follow-up in time: the next-reply
/// target is missed, so the admins hear of it, the priority goes up and the thread says so,
/// once. Kate's next answer ends that wait; Ann's next follow-up is a new wait, escalated on
/// its own. The report counts the answered follow-up with the time it took.
#[tokio::test]
async fn an_unanswered_follow_up_is_escalated_once_per_wait() {
    let desk = TestDesk::start().await;
    let (lead, _) = desk.admin("Lena").await;
    desk.next_reply_due_in_a_second().await;
    let ann = desk.client("Ann", "en");
    desk.says(&ann, "Where is my payout?");
    desk.client_gets(&ann, "Request #1000 created").await;
    desk.agent_comments(desk.kate.0, 1000, "It left us today.")
        .await;
    desk.client_gets(&ann, "It left us today.").await;
    desk.says(&ann, "Still nothing on my card");
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("Still nothing on my card"))
    })
    .await;
    let waiting = desk.ticket(1000).await;
    assert!(waiting.awaiting_reply_since.is_some(), "a reply is owed");

    let relay = relay_desk(&desk);
    let look = async || {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        for _ in 0..3 {
            ticketgram_relay::manager_bot::timers::tick(&relay, chrono::Utc::now())
                .await
                .expect("tick");
        }
    };
    look().await;
    desk.agent_gets(lead, "#1000 missed its next-reply target")
        .await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("next-reply target") && text_of(m).contains("high"))
    })
    .await;

    // Kate answers; Ann writes again and waits again: a second escalation, for that wait.
    desk.agent_comments(desk.kate.0, 1000, "I asked the bank.")
        .await;
    desk.client_gets(&ann, "I asked the bank.").await;
    assert_eq!(desk.ticket(1000).await.awaiting_reply_since, None);
    desk.says(&ann, "Any news?");
    desk.thread_sees(1000, |msgs| {
        msgs.iter().any(|m| text_of(m).contains("Any news?"))
    })
    .await;
    look().await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("next-reply target") && text_of(m).contains("urgent"))
    })
    .await;
    desk.settled().await;

    let ticket = desk.ticket(1000).await;
    assert_eq!(ticket.priority, ticketgram_domain::Priority::Urgent);
    let history = desk
        .store
        .ticket_history(desk.ws, ticket.id)
        .await
        .expect("history");
    let escalations: Vec<_> = history
        .iter()
        .filter(|e| e.kind == "sla_breached")
        .collect();
    assert_eq!(escalations.len(), 2, "one per wait: {history:#?}");
    assert!(escalations
        .iter()
        .all(|e| e.details["target"] == "next_reply"));
    let told = desk
        .agent_inbox(lead)
        .iter()
        .filter(|m| text_of(m).contains("missed its next-reply target"))
        .count();
    assert_eq!(told, 2);

    // The first follow-up was answered (after more than its second): the report says so.
    let period = ticketgram_domain::ReportPeriod {
        start: ticket.created_at,
        end: chrono::Utc::now() + Duration::minutes(1),
    };
    let facts = desk
        .store
        .report_facts(desk.ws, &period)
        .await
        .expect("facts");
    assert_eq!(
        facts[0].next_replies.len(),
        1,
        "the second wait is still open"
    );
    let report = ticketgram_domain::metrics::build_report(
        &facts,
        period,
        &ticketgram_domain::sla::WorkingHours::always_open(),
        &relay_desk(&desk).current().await.expect("desk").config.sla,
    );
    assert_eq!(report.totals.next_reply.count, 1);
    assert_eq!(report.totals.next_reply.within_target.met, 0);
}
