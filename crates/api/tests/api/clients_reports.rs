//! Clients' platform attributes, and the report.

use crate::harness::TestApi;
use serde_json::json;
use ticketgram_api::Scope;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_attributes_survive_the_client_writing_to_the_bot() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::ClientsRead, Scope::ClientsWrite, Scope::TicketsRead])
        .await;
    let boris = api.client("Boris");
    let path = format!("/clients/{}/attributes", boris.user);

    let (status, refused) = api
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(json!({ "attributes": { "orders": 12 } })),
        )
        .await;
    assert_eq!(
        status, 404,
        "a client the desk does not know, with no name to register them by: {refused:#}"
    );
    let (status, stored) = api
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(json!({
                "attributes": { "orders": 12, "reputation": 4.8 },
                "first_name": "Boris (platform)",
                "language": "de"
            })),
        )
        .await;
    assert_eq!(status, 200, "{stored:#}");
    assert_eq!(stored["attributes"]["orders"], 12);
    assert_eq!(stored["language"], "de");

    // Boris writes to the bot: his Telegram profile is refreshed, the attributes are not.
    api.says(
        &boris,
        "Hallo, wo ist meine Bestellung? Ich warte schon seit einer Woche darauf.",
    );
    api.eventually(&format!("/tickets?client={}", boris.user), &token, |page| {
        page["total"] == 1
    })
    .await;
    let (status, client) = api.get(&format!("/clients/{}", boris.user), &token).await;
    assert_eq!(status, 200);
    assert_eq!(
        client["first_name"], "Boris",
        "the Telegram profile wins for names"
    );
    assert_eq!(
        client["attributes"],
        json!({ "orders": 12, "reputation": 4.8 })
    );
    // What he writes tells the desk his language (the platform had it right).
    assert_eq!(client["written_language"], "de", "{client:#}");
    assert_eq!(client["language"], "de");

    // A second PUT replaces the attributes.
    let (status, replaced) = api
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(json!({ "attributes": { "orders": 13 } })),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(replaced["attributes"], json!({ "orders": 13 }));
    let (status, _) = api
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(json!({ "attributes": [1, 2] })),
        )
        .await;
    assert_eq!(status, 422, "attributes are an object");
    let (status, _) = api.get("/clients/31337", &token).await;
    assert_eq!(status, 404);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_is_the_domain_report_as_json() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::ReportsRead, Scope::TicketsWrite, Scope::TicketsRead])
        .await;
    let anna = api.client("Anna");
    for text in ["One", "Two"] {
        let (status, _) = api
            .post(
                "/tickets",
                &token,
                json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": text }),
            )
            .await;
        assert_eq!(status, 201);
    }
    let (status, _) = api
        .post("/tickets/1000/replies", &token, json!({ "text": "On it" }))
        .await;
    assert_eq!(status, 201);
    let today = chrono::Utc::now().date_naive();
    let (status, report) = api
        .get(&format!("/reports?from={today}&to={today}"), &token)
        .await;
    assert_eq!(status, 200, "{report:#}");
    let _typed: ticketgram_domain::Report = serde_json::from_value(report.clone())
        .unwrap_or_else(|e| panic!("not a domain report ({e}): {report:#}"));
    assert_eq!(report["totals"]["created"], 2, "{report:#}");
    assert_eq!(report["trend"].as_array().unwrap().len(), 1);

    for bad in [
        format!("/reports?from={today}&to=yesterday"),
        "/reports?from=2026-11-10&to=2026-11-01".to_string(),
        "/reports?from=2020-01-01&to=2026-01-01".to_string(),
    ] {
        let (status, body) = api.get(&bad, &token).await;
        assert_eq!(status, 422, "{bad}: {body:#}");
    }
    let (status, _) = api.get("/reports", &token).await;
    assert_eq!(status, 400, "from and to are required");
    api.stop().await;
}
