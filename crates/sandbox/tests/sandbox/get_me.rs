//! getMe answers every field Telegram answers: the bot's `User` plus each field the
//! reference marks "Returned only in getMe", true or false, never left out.

use serde_json::json;
use ticketgram_sandbox::spec::Spec;

use crate::helpers::{ok, sandbox};

#[tokio::test]
async fn get_me_answers_every_field_telegram_answers() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let me = ok(&sandbox, &bot.token, "getMe", json!({})).await;
    assert_eq!(me["id"], bot.id);
    assert_eq!(me["is_bot"], true);
    assert_eq!(me["username"], "desk_bot");
    let only_in_get_me = Spec::get().get_me_only_fields();
    for field in [
        "can_join_groups",
        "can_read_all_group_messages",
        "supports_inline_queries",
        "can_connect_to_business",
        "has_main_web_app",
    ] {
        assert!(only_in_get_me.contains(&field), "{field} in the reference");
    }
    for field in &only_in_get_me {
        assert!(me[*field].is_boolean(), "getMe answers {field}: {me}");
    }
    assert_eq!(me["can_join_groups"], true);
    // Privacy mode is on by default: the bot does not read all group messages.
    assert_eq!(me["can_read_all_group_messages"], false);
    world.set_privacy_mode(bot.id, false).unwrap();
    let me = ok(&sandbox, &bot.token, "getMe", json!({})).await;
    assert_eq!(me["can_read_all_group_messages"], true);
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}
