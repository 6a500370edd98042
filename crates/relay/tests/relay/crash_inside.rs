//! Crashes inside an input. For each kind of work the desk does — a question that opens a
//! ticket, a client's follow-up, an agent's answer, Take on the card, a rating, a reply from
//! the console — the input's transaction is cut short at its first step, then its second, and
//! so on until the input runs out of steps. Each time the input is applied again (as after a
//! restart) and the end state must be exactly what one clean run gives: no second ticket, no
//! ticket without its card, no stored message without the job that carries it, nothing said
//! twice.
//!
//! A cut at step n leaves the database as a process killed there would: the transaction never
//! commits. The deliveries' own transactions (Telegram answered, the outcome not yet stored)
//! are the one place a message may be sent twice; the last story bounds that.

use crate::harness::*;
use serde_json::Value;
use ticketgram_domain::TicketStatus;
use ticketgram_relay::{actions, Input};

/// No input has this many store calls; a loop reaching it means the fault never stops firing.
const MAX_STEPS: u32 = 80;

fn count(messages: &[Value], needle: &str) -> usize {
    messages
        .iter()
        .filter(|m| text_of(m).contains(needle))
        .count()
}

/// Arms a crash at `step` of the next Telegram update's transaction.
fn crash_next_update_at(desk: &TestDesk, step: u32) -> u32 {
    let before = desk.faults.fired();
    desk.faults.fail_at_step("update", step);
    before
}

/// Disarms, and tells whether the crash happened (false: the input had fewer steps).
fn crashed_since(desk: &TestDesk, before: u32) -> bool {
    desk.faults.fail_at_step("update", 0);
    desk.faults.fired() > before
}

async fn clients_tickets(desk: &TestDesk, client: &Client) -> usize {
    let found = desk
        .store
        .find_client_by_telegram_id(desk.ws, client.user)
        .await
        .expect("store")
        .expect("client known");
    desk.store
        .recent_tickets_of_client(desk.ws, found.id, 10)
        .await
        .expect("store")
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_first_question_opens_one_ticket_with_one_card() {
    let desk = TestDesk::start().await;
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        let client = desk.client(&format!("Client{step}"), "en");
        let before = crash_next_update_at(&desk, step);
        let question = format!("My payout {step} is stuck");
        desk.says(&client, &question);

        let confirmation = format!("Request #{number} created");
        desk.client_gets(&client, &confirmation).await;
        desk.thread_sees(number, |m| count(m, &question) >= 1).await;
        desk.card_shows(number, &format!("#{number}")).await;
        desk.settled().await;
        let crashed = crashed_since(&desk, before);

        assert_eq!(clients_tickets(&desk, &client).await, 1, "step {step}");
        let seen = desk.client_sees(&client, |_| true).await;
        assert_eq!(count(&seen, &confirmation), 1, "step {step}: {seen:#?}");
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(count(&thread, &question), 1, "step {step}: {thread:#?}");
        if !crashed {
            assert!(step > 5, "a first question takes more than {step} steps");
            eprintln!("a first question: cut at each of its {} steps", step - 1);
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_follow_up_or_an_answer_relays_it_once() {
    // One follow-up per cut step, quicker than the flood limit allows: the subject here is the
    // crash, so the limit is off (`flood.rs` has the flood's own story).
    let setup = ticketgram_testkit::TestDesk::setup().tune(|c| c.client_flood = None);
    let desk = TestDesk(setup.start().await);
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "Where is my parcel?");
    desk.client_gets(&anna, "Request #1000 created").await;
    desk.thread_sees(1000, |m| count(m, "Where is my parcel?") == 1)
        .await;

    let mut follow_up_done = false;
    let mut answer_done = false;
    for step in 1..MAX_STEPS {
        if !follow_up_done {
            let before = crash_next_update_at(&desk, step);
            let text = format!("Tracking number {step}");
            desk.says(&anna, &text);
            desk.thread_sees(1000, |m| count(m, &text) >= 1).await;
            desk.settled().await;
            follow_up_done = !crashed_since(&desk, before);
            let thread = desk.thread_sees(1000, |_| true).await;
            assert_eq!(count(&thread, &text), 1, "follow-up, step {step}");
        }
        if !answer_done {
            let before = crash_next_update_at(&desk, step);
            let text = format!("Answer {step}: it ships tomorrow");
            desk.agent_comments(desk.kate.0, 1000, &text).await;
            desk.client_gets(&anna, &text).await;
            desk.settled().await;
            answer_done = !crashed_since(&desk, before);
            let seen = desk.client_sees(&anna, |_| true).await;
            assert_eq!(count(&seen, &text), 1, "answer, step {step}: {seen:#?}");
        }
        if follow_up_done && answer_done {
            eprintln!(
                "follow-up and answer: cut at each of up to {} steps",
                step - 1
            );
            let ticket = desk.ticket(1000).await;
            assert_eq!(ticket.status, TicketStatus::Open);
            assert_eq!(
                ticket.assignee,
                Some(desk.kate.1.id),
                "who answered owns it"
            );
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_take_close_or_rating_applies_each_once() {
    let desk = TestDesk::start().await;
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        let client = desk.client(&format!("Client{step}"), "en");
        desk.says(&client, "The invoice is wrong");
        desk.client_gets(&client, &format!("#{number}")).await;
        desk.card_shows(number, &format!("#{number}")).await;

        // Take, cut at `step`: the card ends up naming Kate once, the thread says so once.
        let before = crash_next_update_at(&desk, step);
        desk.press_on_card(desk.kate.0, number, "Take").await;
        desk.card_shows(number, "Kate").await;
        desk.settled().await;
        let take_crashed = crashed_since(&desk, before);
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(count(&thread, "Taken by Kate"), 1, "take, step {step}");
        let ticket = desk.ticket(number).await;
        assert_eq!(ticket.assignee, Some(desk.kate.1.id));

        // Close, cut at `step`: one rating request reaches the client.
        let before = crash_next_update_at(&desk, step);
        desk.press_on_card(desk.kate.0, number, "Close").await;
        desk.client_gets(&client, "How would you rate").await;
        desk.settled().await;
        let close_crashed = crashed_since(&desk, before);
        let seen = desk.client_sees(&client, |_| true).await;
        assert_eq!(count(&seen, "How would you rate"), 1, "close, step {step}");

        // The rating, cut at `step`: stored once, thanked once.
        let before = crash_next_update_at(&desk, step);
        desk.client_presses(&client, "⭐⭐⭐⭐⭐").await;
        desk.client_gets(&client, "Thank you").await;
        desk.settled().await;
        let rating_crashed = crashed_since(&desk, before);
        let seen = desk.client_sees(&client, |_| true).await;
        assert_eq!(count(&seen, "Thank you!"), 1, "rating, step {step}");
        let ticket = desk.ticket(number).await;
        assert_eq!(ticket.status, TicketStatus::Closed);
        assert_eq!(ticket.rating.map(|r| r.score()), Some(5u8));

        if !take_crashed && !close_crashed && !rating_crashed {
            eprintln!(
                "take, close, rating: cut at each of up to {} steps",
                step - 1
            );
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

/// A console reply is one request: cut anywhere, the form is applied again as the browser
/// would resend it (same nonce), and the client gets the answer once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_console_reply_answers_the_client_once() {
    let desk = TestDesk::start().await;
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "Can I change my address?");
    desk.client_gets(&anna, "Request #1000 created").await;
    let ticket = desk.ticket(1000).await.id;
    let kate = desk.kate.1.id;
    let relay = relay_desk(&desk);

    for step in 1..MAX_STEPS {
        let before = desk.faults.fired();
        desk.faults.fail_at_step("request", step);
        let text = format!("Console answer {step}");
        let origin = format!("web:{}:nonce-{step}", kate.0);
        let now = chrono::Utc::now();
        let send = async || {
            Input::apply(&relay, origin.clone(), now, async |d, fx| {
                actions::reply(d, fx, ticket, Some(kate), &text).await
            })
            .await
        };
        let first = send().await;
        let crashed = desk.faults.fired() > before;
        desk.faults.fail_at_step("request", 0);
        if crashed {
            assert!(first.is_err(), "a cut request reports failure");
            // The browser sends the same form again.
            send().await.expect("the resent form is applied");
        } else {
            first.expect("applied");
        }
        // And a third time (a double click): applied once all the same.
        assert!(send().await.is_err(), "a form is applied once");

        desk.client_gets(&anna, &text).await;
        desk.settled().await;
        let seen = desk.client_sees(&anna, |_| true).await;
        assert_eq!(count(&seen, &text), 1, "step {step}: {seen:#?}");
        if !crashed {
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

/// A delivery's outcome is recorded after Telegram answered: a crash there is Telegram's send
/// window, the one place a message may go out twice. Each cut costs at most one duplicate, and
/// nothing is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_after_telegram_answered_costs_at_most_one_duplicate() {
    let desk = TestDesk::start().await;
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "Is my refund on its way?");
    desk.client_gets(&anna, "Request #1000 created").await;
    desk.thread(1000).await;
    desk.settled().await;

    for step in 1..MAX_STEPS {
        let before = desk.faults.fired();
        desk.faults.fail_at_step("delivery", step);
        let text = format!("Refund note {step}");
        desk.agent_comments(desk.kate.0, 1000, &text).await;
        desk.client_gets(&anna, &text).await;
        desk.settled().await;
        let crashed = desk.faults.fired() > before;
        desk.faults.fail_at_step("delivery", 0);
        let seen = desk.client_sees(&anna, |_| true).await;
        let copies = count(&seen, &text);
        assert!(
            (1..=2).contains(&copies),
            "step {step}: {copies} copies: {seen:#?}"
        );
        if !crashed {
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

/// Erasing a client is one input: cut anywhere, nothing of it is half done (a name gone but
/// the texts kept, a notice queued for a client who is still there), and applied again it
/// erases once and tells the client once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_an_erasure_erases_once_and_tells_the_client_once() {
    let desk = TestDesk::start().await;
    let kate = desk.kate.1.id;
    let relay = relay_desk(&desk);

    for step in 1..MAX_STEPS {
        // A client of her own for each cut: an erasure happens once per client.
        let name = format!("Erin{step}");
        let erin = desk.client(&name, "en");
        desk.says(&erin, &format!("Please forget me, I am {name}"));
        desk.client_gets(&erin, "created").await;
        let stored = desk
            .store
            .find_client_by_telegram_id(desk.ws, erin.user)
            .await
            .expect("store")
            .expect("client known");

        let before = desk.faults.fired();
        desk.faults.fail_at_step("request", step);
        let origin = format!("web:{}:erase-{step}", kate.0);
        let now = chrono::Utc::now();
        let erase = async || {
            Input::apply(&relay, origin.clone(), now, async |d, fx| {
                actions::erase::erase(d, fx, &stored, ticketgram_domain::Actor::Agent(kate)).await
            })
            .await
        };
        let first = erase().await;
        let crashed = desk.faults.fired() > before;
        desk.faults.fail_at_step("request", 0);
        if crashed {
            assert!(first.is_err(), "a cut erasure reports failure");
            // Nothing of it stayed: she is still there, by name.
            let still = desk
                .store
                .find_client_by_telegram_id(desk.ws, erin.user)
                .await
                .expect("store")
                .expect("a cut erasure removed nothing");
            assert_eq!(still.first_name, name);
            erase().await.expect("the erasure applied again");
        } else {
            first.expect("applied");
        }
        // The same request once more (a double click) changes nothing.
        let _ = erase().await;

        desk.client_gets(&erin, "erased your personal data").await;
        desk.settled().await;
        let seen = desk.client_sees(&erin, |_| true).await;
        assert_eq!(
            count(&seen, "erased your personal data"),
            1,
            "step {step}: {seen:#?}"
        );
        assert!(
            desk.store
                .find_client_by_telegram_id(desk.ws, erin.user)
                .await
                .expect("store")
                .is_none(),
            "step {step}: nobody by her Telegram id"
        );
        let audit = desk.store.audit_log(desk.ws, 200).await.expect("store");
        let erasures = audit.iter().filter(|e| e.action == "client.erased").count();
        assert_eq!(
            erasures as u32, step,
            "step {step}: one audit row per erasure"
        );
        if !crashed {
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_flow_hand_off_opens_one_request_with_its_answers() {
    // A buyer halfway through the dispute form asks for a person: the hand-off opens the
    // ticket, stores the answers as its fields, posts the card and the answers in the thread
    // and acknowledges — all in the input's one transaction, cut at each step in turn.
    let desk = crate::self_service::marketplace_desk().await;
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        let client = desk.client(&format!("Покупатель{step}"), "ru");
        desk.says(&client, "/start");
        desk.client_gets(&client, "Чем можем помочь?").await;
        desk.client_presses(&client, "2. Открыть спор").await;
        let order = format!("A-{}", 2000 + step);
        desk.says(&client, &order);
        desk.client_gets(&client, "С чем связан спор?").await;
        desk.settled().await;

        let before = crash_next_update_at(&desk, step);
        desk.says(&client, "оператор");
        let accepted = format!("#{number}");
        desk.client_gets(&client, &accepted).await;
        desk.card_shows(number, &format!("• order: {order}")).await;
        desk.thread_sees(number, |m| count(m, &order) >= 1).await;
        desk.settled().await;
        let crashed = crashed_since(&desk, before);

        assert_eq!(clients_tickets(&desk, &client).await, 1, "step {step}");
        let ticket = desk.ticket(number).await;
        let fields = desk
            .store
            .ticket_fields(desk.ws, ticket.id)
            .await
            .expect("fields");
        assert_eq!(fields.len(), 1, "step {step}: {fields:?}");
        assert_eq!(fields[0].display, order, "step {step}");
        let seen = desk.client_sees(&client, |_| true).await;
        assert_eq!(count(&seen, &accepted), 1, "step {step}: {seen:#?}");
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(count(&thread, &order), 1, "step {step}: {thread:#?}");
        if !crashed {
            assert!(step > 5, "a hand-off takes more than {step} steps");
            eprintln!("a flow hand-off: cut at each of its {} steps", step - 1);
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_stepping_away_hands_the_ticket_over_once() {
    use ticketgram_domain::routing::{QueueRule, RoutingRules, Strategy};
    let desk = TestDesk::start().await;
    let rules = RoutingRules {
        default: QueueRule {
            strategy: Strategy::RoundRobin,
            cap: None,
            reassign: false,
            leads: Vec::new(),
            targets: Default::default(),
        },
        ..RoutingRules::default()
    };
    let now = chrono::Utc::now();
    desk.store
        .write(async |tx| {
            actions::route::save_rules(tx, desk.ws, &rules, ticketgram_domain::Actor::System, now)
                .await
        })
        .await
        .expect("rules");
    let (kate, max) = (desk.kate.0, desk.max.0);
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        // Max is off: the new request is Kate's.
        desk.agent_says(max, "/off");
        desk.settled().await;
        let client = desk.client(&format!("Client{step}"), "en");
        desk.says(&client, &format!("Question {step}"));
        desk.client_gets(&client, &format!("#{number}")).await;
        desk.settled().await;
        assert_eq!(desk.ticket(number).await.assignee, Some(desk.kate.1.id));
        desk.agent_says(max, "/duty");

        // Kate steps away, the input cut at `step`: the ticket is Max's, said once.
        desk.settled().await;
        let before = crash_next_update_at(&desk, step);
        desk.agent_says(kate, "/away");
        desk.settled().await;
        let crashed = crashed_since(&desk, before);
        desk.thread_sees(number, |m| count(m, "Kate stepped away") >= 1)
            .await;
        desk.settled().await;
        assert_eq!(
            desk.ticket(number).await.assignee,
            Some(desk.max.1.id),
            "step {step}"
        );
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(count(&thread, "Kate stepped away"), 1, "step {step}");
        let told = desk
            .agent_inbox(max)
            .iter()
            .filter(|m| text_of(m).contains(&format!("#{number} is yours")))
            .count();
        assert_eq!(told, 1, "step {step}: Max is told once");
        desk.agent_says(kate, "/duty");
        desk.settled().await;
        if !crashed {
            eprintln!("stepping away: cut at each of its {} steps", step - 1);
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_a_translation_tap_sends_the_answer_once() {
    use crate::translation::{russian_desk, thread_message, Libre};
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, ticketgram_translation::Mode::Confirm, None, None).await;
    let kate = desk.kate.0;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, "Здравствуйте! Где мой заказ A-1042? Оплатила вчера.");
    desk.client_gets(&olga, "#1000").await;
    for step in 1..MAX_STEPS {
        let answer = format!("Answer number {step}: your parcel ships on Friday.");
        desk.agent_comments(kate, 1000, &answer).await;
        // The stand-in translates what it does not know as "[text]".
        let translated = format!("[{answer}]");
        let prompt = thread_message(&desk, 1000, &translated).await;
        let send = button_data(&prompt, "Send translation").expect("button");
        desk.settled().await;
        let before = crash_next_update_at(&desk, step);
        desk.sandbox
            .world()
            .user_presses_button(kate, desk.group, message_id(&prompt), &send)
            .expect("press");
        desk.client_gets(&olga, &translated).await;
        desk.settled().await;
        let crashed = crashed_since(&desk, before);
        let seen = desk.client_sees(&olga, |_| true).await;
        assert_eq!(count(&seen, &translated), 1, "step {step}: {seen:#?}");
        let thread = desk.thread_sees(1000, |_| true).await;
        assert_eq!(
            count(&thread, "Translation sent by Kate"),
            step as usize,
            "step {step}"
        );
        if !crashed {
            eprintln!("a translation tap: cut at each of its {} steps", step - 1);
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_anywhere_in_an_approval_tap_decides_the_compensation_once() {
    use ticketgram_domain::complaint::CompensationStatus;
    let desk = TestDesk::start().await;
    let kate = desk.kate.0;
    let (olga, _) = desk.admin("Olga").await;
    for (number, step) in (1000..).zip(1..MAX_STEPS) {
        let client = desk.client(&format!("Client{step}"), "en");
        desk.says(&client, &format!("My parcel {step} never arrived"));
        desk.client_gets(&client, &format!("#{number}")).await;
        desk.agent_comments(kate, number, "/complaint delivery")
            .await;
        desk.agent_comments(kate, number, "/compensate refund 80 lost parcel")
            .await;
        let ask = desk
            .agent_gets(olga, &format!("Approval needed on #{number}"))
            .await;
        desk.settled().await;

        // Olga approves, the input cut at `step`: approved once, said once.
        let before = crash_next_update_at(&desk, step);
        desk.agent_presses(olga, &ask, "Approve");
        desk.settled().await;
        let crashed = crashed_since(&desk, before);
        let approved = format!("Olga approved the refund of 80.00 EUR on #{number}");
        desk.thread_sees(number, |m| count(m, &approved) >= 1).await;
        desk.settled().await;
        let ticket = desk.ticket(number).await;
        let decided = desk.store.compensations(desk.ws, ticket.id).await.unwrap();
        assert_eq!(decided.len(), 1, "step {step}");
        assert_eq!(
            decided[0].status,
            CompensationStatus::Approved,
            "step {step}"
        );
        let thread = desk.thread_sees(number, |_| true).await;
        assert_eq!(count(&thread, &approved), 1, "step {step}");
        let told = desk
            .agent_inbox(kate)
            .iter()
            .filter(|m| text_of(m).contains(&approved))
            .count();
        assert_eq!(told, 1, "step {step}: Kate is told once");
        if !crashed {
            eprintln!("an approval tap: cut at each of its {} steps", step - 1);
            return;
        }
    }
    panic!("the fault kept firing for {MAX_STEPS} steps");
}
