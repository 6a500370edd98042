//! The settings bot: a support lead sets the desk up from Telegram alone.

use crate::harness::*;
use serde_json::Value;
use ticketgram_sandbox::ChatRef;

const REFUSAL: &str = "only the desk's administrators";

/// The first user to send the setup code becomes owner; returns them.
async fn claim(desk: &TestDesk, name: &str) -> Client {
    let lead = desk.client(name, "en");
    let code = desk
        .store
        .write(async |tx| tx.new_setup_code(desk.ws, chrono::Utc::now()).await)
        .await
        .expect("code");
    desk.says(&lead, code.as_str());
    desk.client_gets(&lead, "You are the owner of this desk")
        .await;
    lead
}

fn count(messages: &[Value], needle: &str) -> usize {
    messages
        .iter()
        .filter(|m| text_of(m).contains(needle))
        .count()
}

#[tokio::test]
async fn the_first_run_claim_makes_the_sender_owner_once() {
    let desk = TestDesk::start_bare().await;
    let code = desk
        .store
        .write(async |tx| tx.new_setup_code(desk.ws, chrono::Utc::now()).await)
        .await
        .expect("code");
    let wrong = if code.as_str() == "1111-1111" {
        "2222-2222"
    } else {
        "1111-1111"
    };
    let lena = desk.client("Lena", "en");

    // Before anyone owns the desk, settings commands are refused like any stranger's.
    desk.says(&lena, "/status");
    desk.client_gets(&lena, REFUSAL).await;
    desk.says(&lena, wrong);
    desk.client_gets(&lena, "not a valid setup code").await;
    assert!(!desk.store.has_owner(desk.ws).await.expect("store"));

    desk.says(&lena, code.as_str());
    desk.client_gets(&lena, "Welcome, Lena! You are the owner")
        .await;
    let owner = desk
        .store
        .find_agent_by_telegram_id(desk.ws, lena.user)
        .await
        .expect("store")
        .expect("owner");
    assert_eq!(owner.role, ticketgram_domain::AgentRole::Owner);
    let audit = desk.store.audit_log(desk.ws, 10).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "desk.claimed"));

    // The code is used up: a second sender is just a client writing to the desk.
    let eve = desk.client("Eve", "en");
    desk.says(&eve, code.as_str());
    desk.says(&eve, "/start");
    let seen = desk
        .client_sees(&eve, |m| m.iter().any(|m| text_of(m).contains("Eve")))
        .await;
    assert_eq!(count(&seen, "owner"), 0, "{seen:#?}");
    let eve_agent = desk
        .store
        .find_agent_by_telegram_id(desk.ws, eve.user)
        .await
        .expect("store");
    assert!(eve_agent.is_none());

    // The owner now has the settings.
    desk.says(&lena, "/help");
    desk.client_gets(&lena, "/status — what is configured")
        .await;
}

#[tokio::test]
async fn agents_and_strangers_are_refused_every_settings_command() {
    let desk = TestDesk::start().await;
    claim(&desk, "Lena").await;
    let world = desk.sandbox.world();
    let kate = Client {
        user: desk.kate.0,
        chat: world.private_chat(desk.bot.id, desk.kate.0).expect("chat"),
    };
    let stranger = desk.client("Stranger", "en");
    let commands = ticketgram_relay::settings_bot::SETTINGS_COMMANDS;
    for who in [&kate, &stranger] {
        for command in commands {
            desk.says(who, &format!("/{command}"));
        }
        let seen = desk
            .client_sees(who, |m| count(m, REFUSAL) == commands.len())
            .await;
        // One sentence, the same for everyone and every command: nothing about the desk.
        let texts: std::collections::BTreeSet<String> = seen.iter().map(text_of).collect();
        assert_eq!(texts.len(), 1, "{texts:#?}");
    }
    // Nothing changed on their account.
    assert_eq!(
        desk.store
            .staff_dialog(desk.ws, kate.user)
            .await
            .expect("store"),
        None
    );
    assert!(desk
        .store
        .audit_log(desk.ws, 10)
        .await
        .expect("audit")
        .iter()
        .all(|e| e.action == "desk.claimed"));
}

#[tokio::test]
async fn status_names_each_missing_piece_and_why() {
    let desk = TestDesk::start_bare().await;
    let lena = claim(&desk, "Lena").await;
    desk.says(&lena, "/status");
    let status = desk.client_gets(&lena, "Desk status").await;
    let text = text_of(&status);
    for expected in [
        "✅ Owner: Lena",
        "✅ Client bot: this bot (one bot plays every role)",
        "❌ Agents' channel: missing. Tickets are posted there",
        "❌ Discussion group: missing. Agents answer in its comment threads",
        "❌ Agents: none yet",
        "➖ Topics: none (optional)",
        "➖ Working hours: not set (optional)",
        "➖ Response targets: the defaults",
        "3 things are missing before the desk can go live",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[tokio::test]
async fn the_channel_and_group_are_linked_when_the_bot_is_added_and_missing_rights_named() {
    let desk = TestDesk::start_bare().await;
    let lena = claim(&desk, "Lena").await;
    let world = desk.sandbox.world();
    let (channel, group): (ChatRef, ChatRef) = world
        .create_channel_with_discussion(lena.user, "Helpdesk")
        .expect("channel");

    world
        .add_bot_to_chat(desk.bot.id, channel, true)
        .expect("bot in channel");
    desk.client_gets(&lena, "“Helpdesk” is now the agents' channel")
        .await;
    // Without admin rights in the group the bot cannot read the agents' comments: it says so.
    world
        .add_bot_to_chat(desk.bot.id, group, false)
        .expect("bot in group");
    let told = desk
        .client_gets(&lena, "is now the agents' discussion group")
        .await;
    assert!(
        text_of(&told).contains("Still missing: I need to be an administrator"),
        "{told:#}"
    );
    let profile = desk.store.desk_profile(desk.ws).await.expect("profile");
    let chats = profile.chats.expect("chats recorded");
    assert_eq!(chats.channel_id, channel.telegram_id());
    assert_eq!(chats.group_id, Some(group.telegram_id()));

    // /status still names the missing right until it is granted.
    desk.says(&lena, "/status");
    let status = desk.client_gets(&lena, "Desk status").await;
    assert!(
        text_of(&status).contains("✅ Agents' channel: linked."),
        "{status:#}"
    );
    assert!(
        text_of(&status)
            .contains("❌ Discussion group: linked. Still missing: I need to be an administrator"),
        "{status:#}"
    );

    // Someone who is not an admin adding the bot to their chat changes nothing.
    let stranger = desk.client("Mallory", "en");
    let (other, _) = world
        .create_channel_with_discussion(stranger.user, "Elsewhere")
        .expect("channel");
    world
        .add_bot_to_chat(desk.bot.id, other, true)
        .expect("bot added");
    desk.says(&lena, "/status");
    desk.client_sees(&lena, |m| count(m, "Desk status") == 2)
        .await;
    let profile = desk.store.desk_profile(desk.ws).await.expect("profile");
    assert_eq!(
        profile.chats.expect("chats").channel_id,
        channel.telegram_id()
    );
}

#[tokio::test]
async fn a_removed_agent_loses_access_at_once() {
    let desk = TestDesk::start().await;
    let lena = claim(&desk, "Lena").await;
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "My card was charged twice");
    desk.client_gets(&anna, "Request #1000 created").await;
    desk.agent_comments(desk.max.0, 1000, "Looking into it")
        .await;
    desk.client_gets(&anna, "Looking into it").await;

    desk.says(&lena, "/agents");
    desk.client_gets(&lena, "• Max").await;
    desk.client_presses(&lena, "Max: remove").await;
    desk.client_gets(&lena, "Max is no longer on the team")
        .await;
    let max = desk
        .store
        .get_agent(desk.ws, desk.max.1.id)
        .await
        .expect("store");
    assert!(!max.active);
    let audit = desk.store.audit_log(desk.ws, 10).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "agent.removed"));

    // Max's next comment stays in the group; Kate's, written after it, reaches Anna.
    desk.agent_comments(desk.max.0, 1000, "Refund is on its way")
        .await;
    desk.agent_comments(desk.kate.0, 1000, "Kate here, checking")
        .await;
    let seen = desk.client_gets(&anna, "Kate here, checking").await;
    assert!(!text_of(&seen).contains("Refund"));
    let all = desk.client_sees(&anna, |_| true).await;
    assert_eq!(count(&all, "Refund is on its way"), 0, "{all:#?}");
}

#[tokio::test]
async fn a_pasted_token_is_deleted_checked_and_stored_sealed() {
    let desk = TestDesk::start().await;
    let lena = claim(&desk, "Lena").await;
    let helper = desk.sandbox.world().create_bot("acme_help_bot");

    desk.says(&lena, "/bots");
    desk.client_gets(&lena, "This bot plays every role").await;
    desk.client_presses(&lena, "Set the client bot").await;
    desk.client_gets(&lena, "Paste the bot's token").await;
    let pasted = desk.says(&lena, &helper.token);
    desk.client_gets(&lena, "@acme_help_bot is now the client bot")
        .await;

    // The token left the chat and was never echoed.
    let world = desk.sandbox.world();
    eventually("the token message to be deleted", || async {
        world.message(lena.chat, pasted).is_none()
    })
    .await;
    let all = desk.client_sees(&lena, |_| true).await;
    assert!(all.iter().all(|m| !text_of(m).contains(&helper.token)));

    let stored = desk
        .store
        .find_bot(helper.id)
        .await
        .expect("store")
        .expect("bot");
    assert!(!stored.token_ciphertext.contains(&helper.token));
    let key = ticketgram_store::SealingKey::derive(TEST_SECRET_KEY);
    assert_eq!(
        key.open(&stored.token_ciphertext).expect("opens"),
        helper.token
    );

    // Sealed in `bots` and nowhere else: the stored update that carried it was redacted in
    // the transaction that handled it.
    assert_eq!(
        desk.store
            .columns_containing(&helper.token)
            .await
            .expect("scan"),
        Vec::<String>::new(),
        "the pasted token is kept in plain text"
    );

    // A refused token is named as such, and not kept either.
    desk.client_presses(&lena, "Set the manager bot").await;
    let refused = "123456789:AAthisTokenDoesNotExistAnywhere000000";
    desk.says(&lena, refused);
    desk.client_gets(&lena, "Telegram refused that token").await;
    assert_eq!(
        desk.store.columns_containing(refused).await.expect("scan"),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn hours_sla_topics_and_texts_are_set_from_the_chat() {
    let desk = TestDesk::start().await;
    let lena = claim(&desk, "Lena").await;
    desk.says(&lena, "/hours");
    desk.client_gets(&lena, "Send the time zone").await;
    desk.says(&lena, "Europe/Berlin mon-fri 09:00-18:00");
    desk.client_gets(&lena, "Working hours set: Europe/Berlin")
        .await;
    desk.says(&lena, "/holidays");
    desk.client_gets(&lena, "Send the dates").await;
    desk.says(&lena, "2026-12-25, 2027-01-01");
    desk.client_gets(&lena, "Closed days: 2026-12-25, 2027-01-01")
        .await;
    desk.says(&lena, "/sla");
    desk.client_gets(&lena, "Send the lines to change").await;
    desk.says(&lena, "urgent 10 20 120");
    desk.client_gets(&lena, "urgent 10 20 120").await;
    desk.says(&lena, "/topics");
    desk.client_presses(&lena, "Add a topic").await;
    desk.says(&lena, "en: Refunds | ru: Возвраты");
    desk.client_gets(&lena, "3. Refunds").await;
    desk.says(&lena, "/welcome");
    // "en" is also in "Payments": wait for the language buttons before pressing one.
    desk.client_gets(&lena, "Which language's greeting").await;
    desk.client_presses(&lena, "en").await;
    desk.client_gets(&lena, "Send the new greeting").await;
    desk.says(&lena, "Hello { $name }, Acme support here.");
    desk.client_gets(&lena, "Greeting (en) saved").await;

    let profile = desk.store.desk_profile(desk.ws).await.expect("profile");
    let hours = profile.hours.expect("hours");
    assert_eq!(hours.time_zone.name(), "Europe/Berlin");
    assert_eq!(hours.holidays.len(), 2);
    let sla = profile.sla.expect("sla");
    assert_eq!(
        sla.first_response(ticketgram_domain::Priority::Urgent),
        Some(chrono::Duration::minutes(10))
    );

    // The client bot greets with the desk's text from the next update on.
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "/start");
    desk.client_gets(&anna, "Hello Anna, Acme support here.")
        .await;
    let actions: Vec<String> = desk
        .store
        .audit_log(desk.ws, 20)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "desk.hours_set",
        "desk.holidays_set",
        "desk.sla_set",
        "topic.added",
        "desk.welcome_set",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn agents_are_added_by_forward_contact_or_the_request_users_button() {
    let desk = TestDesk::start_bare().await;
    let lena = claim(&desk, "Lena").await;
    let world = desk.sandbox.world();
    let (kate, max) = (desk.kate.0, desk.max.0);
    let nina = world.create_user("Nina", Some("nina"), Some("en"));

    // The button: Telegram's request-users keyboard.
    desk.says(&lena, "/agents");
    desk.client_presses(&lena, "Add an agent").await;
    desk.client_gets(&lena, "Forward me a message from the new agent")
        .await;
    world
        .user_shares_users(lena.user, lena.chat, 1, &[kate])
        .expect("share");
    desk.client_gets(&lena, "Kate is on the team now").await;

    // A forwarded message; a hidden sender is named as such.
    desk.client_presses(&lena, "Add an agent").await;
    world
        .user_forwards(lena.user, lena.chat, max, "hi, it's Max", true)
        .expect("forward");
    desk.client_gets(&lena, "privacy settings hide who sent")
        .await;
    world
        .user_forwards(lena.user, lena.chat, max, "hi, it's Max", false)
        .expect("forward");
    desk.client_gets(&lena, "Max is on the team now").await;

    // A shared contact.
    desk.client_presses(&lena, "Add an agent").await;
    world
        .user_shares_contact(lena.user, lena.chat, Some(nina), "+10000000", "Nina")
        .expect("contact");
    desk.client_gets(&lena, "Nina is on the team now").await;

    for user in [kate, max, nina] {
        let agent = desk
            .store
            .find_agent_by_telegram_id(desk.ws, user)
            .await
            .expect("store")
            .expect("agent");
        assert!(agent.active, "{agent:?}");
    }
    desk.says(&lena, "/status");
    let status = desk.client_gets(&lena, "Desk status").await;
    assert!(text_of(&status).contains("✅ Agents: 3"), "{status:#}");
}

#[tokio::test]
async fn a_channel_without_the_right_to_edit_is_named() {
    let desk = TestDesk::start_bare().await;
    let lena = claim(&desk, "Lena").await;
    let world = desk.sandbox.world();
    let (channel, _group) = world
        .create_channel_with_discussion(lena.user, "Helpdesk")
        .expect("channel");
    let rights = ticketgram_sandbox::AdminRights {
        can_edit_messages: false,
        ..ticketgram_sandbox::AdminRights::default()
    };
    world
        .add_bot_to_chat_with_rights(desk.bot.id, channel, rights)
        .expect("bot in channel");
    let told = desk
        .client_gets(&lena, "“Helpdesk” is now the agents' channel")
        .await;
    assert!(
        text_of(&told).contains("Still missing: I need to edit messages"),
        "{told:#}"
    );
}

#[tokio::test]
async fn the_out_of_hours_notice_names_the_next_opening_in_the_desks_zone() {
    let desk = TestDesk::start().await;
    let lena = claim(&desk, "Lena").await;
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().expect("zone");
    let today = chrono::Utc::now().with_timezone(&berlin).date_naive();
    let tomorrow = today.succ_opt().expect("date");
    desk.says(&lena, "/hours");
    desk.client_gets(&lena, "Send the time zone").await;
    desk.says(&lena, "Europe/Berlin daily 00:00-24:00");
    desk.client_gets(&lena, "Working hours set").await;
    desk.says(&lena, "/holidays");
    desk.client_gets(&lena, "Send the dates").await;
    desk.says(&lena, &today.to_string());
    desk.client_gets(&lena, "Closed days:").await;
    desk.says(&lena, "/offhours");
    desk.client_gets(&lena, "out-of-hours notice do you want")
        .await;
    desk.client_presses(&lena, "en").await;
    desk.client_gets(&lena, "Send the new notice").await;
    desk.says(&lena, "We are closed today; we open { $opens }.");
    desk.client_gets(&lena, "Out-of-hours notice (en) saved")
        .await;

    let anna = desk.client("Anna", "en");
    desk.says(&anna, "Is anyone there?");
    let notice = desk.client_gets(&anna, "We are closed today").await;
    let expected = format!("we open {tomorrow} 00:00 CE");
    assert!(text_of(&notice).contains(&expected), "{notice:#}");
}

#[tokio::test]
async fn a_channel_linked_from_telegram_receives_the_next_ticket_without_a_restart() {
    let desk = TestDesk::start_bare().await;
    let lena = claim(&desk, "Lena").await;
    let world = desk.sandbox.world();
    let (channel, group) = world
        .create_channel_with_discussion(lena.user, "Helpdesk")
        .expect("channel");
    world
        .add_bot_to_chat(desk.bot.id, channel, true)
        .expect("bot in channel");
    desk.client_gets(&lena, "is now the agents' channel").await;
    world
        .add_bot_to_chat(desk.bot.id, group, true)
        .expect("bot in group");
    desk.client_gets(&lena, "is now the agents' discussion group")
        .await;

    // The relay started knowing no channel; the first request still gets its card there.
    let anna = desk.client("Anna", "en");
    desk.says(&anna, "/start");
    desk.says(&anna, "✍️ New request");
    desk.says(&anna, "My payout is stuck");
    desk.client_gets(&anna, "created").await;
    let posted = world
        .wait_for(channel, WAIT, |m| {
            m.iter().any(|c| text_of(c).contains("#1000"))
        })
        .await;
    assert!(posted.is_ok(), "no card in the linked channel: {posted:#?}");
}
