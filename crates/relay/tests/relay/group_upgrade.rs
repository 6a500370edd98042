//! The agents' group becomes a supergroup. Telegram upgrades a basic group when it is made a
//! channel's discussion group, and gives it a new id; the desk follows it there (one
//! transaction, with an audit row), and a client's next message reaches its ticket's thread
//! in the supergroup.

use crate::harness::{eventually, text_of, TestDesk};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_message_reaches_the_thread_after_the_agents_group_was_upgraded() {
    let test = TestDesk::start().await;
    let basic = test.agents_work_in_a_basic_group().await;
    let supergroup = test.makes_it_the_discussion_group(basic);
    assert_ne!(basic, supergroup);

    // The bot saw `migrate_to_chat_id` in the old group: the desk moved, and says so.
    let (from, to) = (basic.telegram_id(), supergroup.telegram_id());
    eventually("the desk to follow its group to the supergroup", || async {
        let chats = test.store.desk_profile(test.ws).await.expect("store").chats;
        let moved = chats.and_then(|c| c.group_id) == Some(to);
        let audit = test.store.audit_log(test.ws, 10).await.expect("audit");
        let told = audit.iter().any(|e| {
            e.action == "desk.group_upgraded"
                && e.details.contains(&("from".into(), from.to_string()))
                && e.details.contains(&("to".into(), to.to_string()))
        });
        moved && told
    })
    .await;

    let anna = test.client("Anna", "en");
    test.says(&anna, "My order is late");
    test.client_gets(&anna, "#1000").await;
    let thread = test.thread(1000).await;
    let copy = test.chat_shows(supergroup, "My order is late").await;
    assert_eq!(
        copy.get("message_thread_id").and_then(Value::as_i64),
        Some(thread),
        "{copy:#}"
    );
    assert!(
        !test
            .sandbox
            .world()
            .chat_messages(basic)
            .iter()
            .any(|m| text_of(m).contains("My order is late")),
        "nothing went to the old group"
    );
    assert_eq!(test.sandbox.world().spec_violations(), Vec::<String>::new());
}
