//! The order lookup page: an admin configures the desk's platform endpoint. A lookup that
//! cannot work is refused with the reason and nothing is stored; the secret is never shown
//! back — the page only says one is set — and a save with the field left blank keeps it.

use crate::harness::{self, get, Console, Session};
use ticketgram_store::SealingKey;
use ticketgram_testkit::TEST_SECRET_KEY;

const SECRET: &str = "issued-by-the-marketplace-0001";

async fn post(console: &Console, session: &Session, form: &[(&str, &str)]) -> (u16, String) {
    harness::post(console, session, "/admin/lookup", form).await
}

fn lookup<'a>(url: &'a str, secret: &'a str, template: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("url_template", url),
        ("secret", secret),
        ("timeout_ms", "3000"),
        ("fields", "status = /order/status\r\ndue = /order/due"),
        ("status_template", template),
        ("order_pattern", ""),
        ("order", ""),
        ("intent", "save"),
    ]
}

async fn stored_secret(console: &Console) -> String {
    let stored = console
        .store
        .order_lookup(console.ws)
        .await
        .expect("read")
        .expect("a lookup is stored");
    assert!(!stored.sealed_secret.contains(SECRET), "sealed at rest");
    SealingKey::derive(TEST_SECRET_KEY)
        .open(&stored.sealed_secret)
        .expect("opens")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_configures_the_order_lookup_and_the_secret_stays_hidden() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;

    let (status, page) = get(&console, &admin.cookie, "/admin/lookup").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("No secret is set yet."), "{page}");

    // No {order} in the URL: refused with the reason, nothing stored, the secret not echoed.
    let form = lookup(
        "https://api.market.example/v2/orders",
        SECRET,
        "Order {order}: {status}",
    );
    let (status, refused) = post(&console, &admin, &form).await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused.contains("URL template must contain {order}"),
        "{refused}"
    );
    assert!(
        refused.contains("api.market.example/v2/orders"),
        "typed text kept"
    );
    assert!(!refused.contains(SECRET), "the secret is never shown back");
    assert!(console
        .store
        .order_lookup(console.ws)
        .await
        .unwrap()
        .is_none());

    // A placeholder that names no field.
    let form = lookup(
        "https://api.market.example/v2/orders/{order}",
        SECRET,
        "Order {order}: {state}",
    );
    let (status, refused) = post(&console, &admin, &form).await;
    assert_eq!(status, 422);
    assert!(refused.contains("{state}"), "{refused}");

    // A good one is saved, sealed, and shown as set.
    let form = lookup(
        "https://api.market.example/v2/orders/{order}",
        SECRET,
        "Order {order}: {status}, due {due}",
    );
    let (status, _) = post(&console, &admin, &form).await;
    assert_eq!(status, 303);
    assert_eq!(stored_secret(&console).await, SECRET);
    let (_, page) = get(&console, &admin.cookie, "/admin/lookup").await;
    assert!(page.contains("A secret is set"), "{page}");
    assert!(page.contains("due = /order/due"), "{page}");
    assert!(!page.contains(SECRET), "{page}");

    // Left blank, the secret is kept while the rest changes.
    let form = lookup(
        "https://api.market.example/v2/orders/{order}",
        "",
        "Order {order} is {status}",
    );
    let (status, _) = post(&console, &admin, &form).await;
    assert_eq!(status, 303);
    assert_eq!(stored_secret(&console).await, SECRET);
    let audit = console
        .store
        .audit_log(console.ws, 50)
        .await
        .expect("audit");
    let saves = audit
        .iter()
        .filter(|e| e.action == "order_lookup.save")
        .count();
    assert_eq!(saves, 2, "each save audited");
}
