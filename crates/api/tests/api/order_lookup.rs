//! The platform's team configures the desk's order lookup over the API: a lookup that cannot
//! work is refused with the reason, a good one is stored with its secret hidden for good, a
//! test lookup says why the platform cannot be reached, and removing it is audited. On SQLite,
//! and on PostgreSQL when `TEST_DATABASE_URL` names a server.

use crate::harness::TestApi;
use serde_json::json;
use ticketgram_api::Scope;

const SECRET: &str = "issued-by-the-marketplace-0001";

async fn the_lookup_through_its_life(api: TestApi) {
    let token = api.token(&[Scope::PlatformManage]).await;
    let reader = api.token(&[Scope::TicketsRead]).await;
    let path = "/platform/order-lookup";

    let (status, _) = api.get(path, &token).await;
    assert_eq!(status, 404, "none configured yet");
    let (status, _) = api.get(path, &reader).await;
    assert_eq!(status, 403, "an admin-level scope");

    let mut lookup = json!({
        "url_template": "https://api.market.example/v2/orders/{order}",
        "secret": SECRET,
        "timeout_ms": 3000,
        "fields": [{ "name": "status", "pointer": "/order/status" }],
        "status_template": "Order {order}: {state}",
    });
    let (status, refused) = api
        .call(
            reqwest::Method::PUT,
            path,
            Some(&token),
            Some(lookup.clone()),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "invalid_request");
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("{state}"), "{message}");

    lookup["status_template"] = json!("Order {order}: {status}");
    let (status, saved) = api
        .call(reqwest::Method::PUT, path, Some(&token), Some(lookup))
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["secret_set"], true);
    assert!(saved.get("secret").is_none(), "{saved}");
    let (status, read) = api.get(path, &token).await;
    assert_eq!(status, 200);
    assert_eq!(read["status_template"], "Order {order}: {status}");
    assert!(!read.to_string().contains(SECRET), "{read}");

    // The desk here reaches public addresses only: a platform on loopback is refused, and
    // the test lookup says so instead of failing.
    let local = json!({
        "url_template": "http://127.0.0.1:9/v2/orders/{order}",
        "secret": SECRET,
        "status_template": "Order {order}",
    });
    let (status, _) = api
        .call(reqwest::Method::PUT, path, Some(&token), Some(local))
        .await;
    assert_eq!(status, 200);
    let (status, tested) = api
        .post(
            "/platform/order-lookup/test",
            &token,
            json!({ "order": "A-1042" }),
        )
        .await;
    assert_eq!(status, 200, "{tested}");
    assert_eq!(tested["outcome"], "unavailable");
    assert!(
        tested["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not allowed")),
        "{tested}"
    );

    let (status, _) = api
        .call(reqwest::Method::DELETE, path, Some(&token), None)
        .await;
    assert_eq!(status, 204);
    let (status, _) = api.get(path, &token).await;
    assert_eq!(status, 404);
    let audit = api.store.audit_log(api.ws, 20).await.expect("audit");
    let actions: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("order_lookup."))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "order_lookup.remove",
            "order_lookup.save",
            "order_lookup.save"
        ]
    );
    assert!(audit.iter().all(|e| !format!("{e:?}").contains(SECRET)));
}

#[tokio::test]
async fn the_platform_team_configures_the_order_lookup() {
    the_lookup_through_its_life(TestApi::start().await).await;
}

#[tokio::test]
async fn the_platform_team_configures_the_order_lookup_on_postgres() {
    let Some(api) = TestApi::start_on_postgres().await else {
        return;
    };
    the_lookup_through_its_life(api).await;
}
