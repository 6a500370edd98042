//! The platform's team sets up the desk's machine translation over the API, as an admin does
//! on the console: nothing is translated at first; settings that cannot work (DeepL without a
//! key, an address with a password in it, a timeout of a minute, a glossary entry that both
//! keeps a term and translates it) are refused naming the field, and nothing changes. Their own
//! LibreTranslate with its key, Russian translated at once, German not at all, a glossary: saved,
//! and the key never shown again, only that there is one. Sent again the same, nothing
//! changes; a later save that leaves the key out keeps it; they remove it on request; and
//! they stop translating. The relay reads what they saved (the key opens to theirs), and each
//! save is audited without the key. On SQLite, and on PostgreSQL when `TEST_DATABASE_URL`
//! names a server.

use crate::harness::{TestApi, SECRET_KEY};
use serde_json::{json, Value};
use ticketgram_api::Scope;
use ticketgram_relay::translation::settings;
use ticketgram_store::SealingKey;
use ticketgram_translation::{Lang, Mode};

const KEY: &str = "lt-key-issued-to-the-marketplace";
const PATH: &str = "/settings/translation";

fn their_libretranslate() -> Value {
    json!({
        "provider": { "kind": "libretranslate", "url": "https://translate.market.example" },
        "languages": { "ru": "automatic", "de": "off" },
        "daily_char_limit": 200000,
        "glossary": [
            { "keep": "PayFlow", "case_sensitive": true },
            { "forms": { "en": "escrow", "ru": "эскроу" } },
        ],
        "key": KEY,
    })
}

async fn translation_through_the_api(api: TestApi) {
    let token = api.token(&[Scope::SettingsManage]).await;
    let reader = api.token(&[Scope::TicketsRead]).await;
    let put = |body: Value| {
        let token = token.clone();
        let api = &api;
        async move {
            api.call(reqwest::Method::PUT, PATH, Some(&token), Some(body))
                .await
        }
    };

    let (status, _) = api.get(PATH, &token).await;
    assert_eq!(status, 404, "the desk translates nothing yet");
    let (status, _) = api.get(PATH, &reader).await;
    assert_eq!(status, 403, "an admin-level scope");

    for (bad, field) in [
        (json!({ "provider": { "kind": "deepl" } }), "key"),
        (
            json!({ "provider": { "kind": "libretranslate",
                                  "url": "https://admin:pw@translate.market.example" } }),
            "provider.url",
        ),
        (
            json!({ "provider": { "kind": "openai", "url": "http://10.0.0.5:11434",
                                  "model": "llama3.1" }, "timeout_ms": 60000 }),
            "timeout_ms",
        ),
        (
            json!({ "provider": { "kind": "google" }, "key": "g-key",
                    "glossary": [{ "keep": "PayFlow" },
                                 { "keep": "escrow", "forms": { "ru": "эскроу" } }] }),
            "glossary[1]",
        ),
        (
            json!({ "provider": { "kind": "google" }, "key": "g-key",
                    "languages": { "pt_br": "automatic" } }),
            "languages",
        ),
        (
            json!({ "provider": { "kind": "google", "region": "eu" }, "key": "g-key" }),
            "region",
        ),
    ] {
        let (status, refused) = put(bad).await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(refused["error"]["code"], "invalid_request");
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(field), "{field}: {message}");
    }
    let (status, _) = api.get(PATH, &token).await;
    assert_eq!(status, 404, "refusals save nothing");

    let (status, saved) = put(their_libretranslate()).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["has_key"], true);
    assert!(
        !saved.to_string().contains(KEY),
        "the key is never shown: {saved}"
    );
    assert_eq!(saved["provider"]["kind"], "libretranslate");
    assert_eq!(
        saved["languages"],
        json!({ "de": "off", "ru": "automatic" })
    );
    assert_eq!(saved["timeout_ms"], 8000, "left out: the default");
    assert_eq!(saved["default_mode"], "confirm");
    let (status, read) = api.get(PATH, &token).await;
    assert_eq!(status, 200);
    assert_eq!(read, saved);

    // The relay translates with what was saved, the key opened with the instance's.
    let profile = api.store.desk_profile(api.ws).await.expect("profile");
    let (config, key) = settings::configured(&profile, Some(&SealingKey::derive(SECRET_KEY)))
        .expect("readable")
        .expect("configured");
    assert_eq!(key.expect("a key").expose(), KEY);
    let ru = Lang::parse("ru").expect("ru");
    assert_eq!(config.mode_for(&ru), Mode::Automatic);
    assert_eq!(config.daily_char_limit, Some(200_000));

    // The same request again: the same settings.
    let (status, again) = put(their_libretranslate()).await;
    assert_eq!((status, &again), (200, &saved));

    // A later change that sends no key keeps the stored one; then they remove it.
    let mut slower = their_libretranslate();
    slower["timeout_ms"] = json!(15000);
    slower.as_object_mut().expect("object").remove("key");
    let (status, kept) = put(slower.clone()).await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(
        (kept["timeout_ms"].as_i64(), &kept["has_key"]),
        (Some(15000), &json!(true))
    );
    slower["remove_key"] = json!(true);
    let (status, keyless) = put(slower).await;
    assert_eq!(status, 200, "{keyless}");
    assert_eq!(keyless["has_key"], false, "their own server needs none");
    let profile = api.store.desk_profile(api.ws).await.expect("profile");
    assert!(profile.translation_key.is_none());

    let (status, _) = api
        .call(reqwest::Method::DELETE, PATH, Some(&token), None)
        .await;
    assert_eq!(status, 204);
    let (status, _) = api.get(PATH, &token).await;
    assert_eq!(status, 404, "the desk translates nothing again");
    let (status, _) = api
        .call(reqwest::Method::DELETE, PATH, Some(&token), None)
        .await;
    assert_eq!(status, 404);

    let audit = api.store.audit_log(api.ws, 50).await.expect("audit");
    let saves: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "translation.save")
        .collect();
    assert_eq!(saves.len(), 4, "one row a save; refusals save nothing");
    for save in &saves {
        assert!(save.details.contains(&("via".into(), "api".into())));
        assert_eq!(save.actor, ticketgram_domain::Actor::Agent(api.kate.id));
    }
    let removals = audit.iter().filter(|e| e.action == "translation.remove");
    assert_eq!(removals.count(), 1);
    assert!(
        !format!("{audit:?}").contains(KEY),
        "the audit log never holds the key"
    );
}

#[tokio::test]
async fn the_platform_team_sets_up_translation() {
    translation_through_the_api(TestApi::start().await).await;
}

#[tokio::test]
async fn the_platform_team_sets_up_translation_on_postgres() {
    let Some(api) = TestApi::start_on_postgres().await else {
        return;
    };
    translation_through_the_api(api).await;
}
