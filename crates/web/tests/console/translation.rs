//! The translation page: an admin sets up the desk's translation service. Settings that
//! cannot work are refused with the reason and nothing is stored; the API key is never shown
//! back — the page only says one is stored — and a save with the field left blank keeps it;
//! a test call to an address on the desk's own network is refused by the outbound guard.

use crate::harness::{self, get, Console, Session};
use ticketgram_store::SealingKey;
use ticketgram_testkit::TEST_SECRET_KEY;

const KEY: &str = "deepl-key-0123456789:fx";

async fn post(console: &Console, session: &Session, form: &[(&str, &str)]) -> (u16, String) {
    harness::post(console, session, "/admin/translation", form).await
}

fn deepl<'a>(key: &'a str, languages: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("provider", "deepl"),
        ("url", ""),
        ("model", ""),
        ("key", key),
        ("timeout_ms", "5000"),
        ("default_mode", "confirm"),
        ("languages", languages),
        ("daily_char_limit", "200000"),
        ("confirm_risky", "on"),
        ("glossary", "PayFlow\r\nen: escrow | ru: эскроу"),
        ("intent", "save"),
    ]
}

async fn stored_key(console: &Console) -> Option<String> {
    let profile = console.store.desk_profile(console.ws).await.expect("read");
    profile.translation_key.map(|sealed| {
        assert!(!sealed.contains(KEY), "sealed at rest");
        SealingKey::derive(TEST_SECRET_KEY)
            .open(&sealed)
            .expect("opens")
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_up_translation_and_the_key_stays_hidden() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;

    let (status, page) = get(&console, &admin.cookie, "/admin/translation").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("No key is stored."), "{page}");

    // DeepL without a key: refused with the reason, nothing stored.
    let (status, refused) = post(&console, &admin, &deepl("", "ru = automatic")).await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused.contains("This service needs an API key."),
        "{refused}"
    );
    let profile = console.store.desk_profile(console.ws).await.expect("read");
    assert!(profile.translation.is_none());

    // A line that names no mode: refused with its line, the typed text kept, the key not echoed.
    let (status, refused) = post(
        &console,
        &admin,
        &deepl(KEY, "ru = automatic\r\nzh = sometimes"),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused.contains("line 2"), "{refused}");
    assert!(refused.contains("zh = sometimes"), "typed text kept");
    assert!(!refused.contains(KEY), "the key is never shown back");

    // A good one is saved, the key sealed, and shown as stored.
    let (status, _) = post(
        &console,
        &admin,
        &deepl(KEY, "ru = automatic\r\nzh = confirm"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(stored_key(&console).await.as_deref(), Some(KEY));
    let (_, page) = get(&console, &admin.cookie, "/admin/translation").await;
    assert!(page.contains("A key is stored"), "{page}");
    assert!(page.contains("zh = confirm"), "{page}");
    assert!(page.contains("en: escrow | ru: эскроу"), "{page}");
    assert!(!page.contains(KEY), "{page}");

    // Left blank, the key is kept while the rest changes.
    let (status, _) = post(&console, &admin, &deepl("", "ru = off")).await;
    assert_eq!(status, 303);
    assert_eq!(stored_key(&console).await.as_deref(), Some(KEY));

    // The same form posted twice (a double click, a browser resending): saved once.
    let mut twice = deepl("", "ru = confirm");
    twice.push(("nonce", "one-and-the-same-form"));
    for _ in 0..2 {
        let (status, _) = post(&console, &admin, &twice).await;
        assert_eq!(status, 303);
    }

    // A test against a server on the desk's own network: the outbound guard says no.
    let (status, tested) = post(
        &console,
        &admin,
        &[
            ("provider", "libretranslate"),
            ("url", "http://127.0.0.1:5000"),
            ("timeout_ms", "2000"),
            ("default_mode", "automatic"),
            ("sample", "Where is my order?"),
            ("sample_to", "ru"),
            ("intent", "test"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{tested}");
    assert!(tested.contains("No translation"), "{tested}");
    assert!(tested.contains("not allowed"), "{tested}");

    // Stopping removes settings and key; each change is audited.
    let (status, _) = post(&console, &admin, &[("intent", "remove")]).await;
    assert_eq!(status, 303);
    assert_eq!(stored_key(&console).await, None);
    let audit = console
        .store
        .audit_log(console.ws, 50)
        .await
        .expect("audit");
    let actions: Vec<_> = audit
        .iter()
        .filter(|e| e.subject == "translation")
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "translation.remove",
            "translation.save",
            "translation.save",
            "translation.save"
        ]
    );
}
