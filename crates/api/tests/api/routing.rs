//! The platform's team sets the desk's routing over the API, as an admin does on the console:
//! payouts go to the least loaded agent, at most three each, a missed first reply moves the
//! ticket on, and Kate leads the queue; a lead who is nobody on the desk, a cap of zero or an
//! unknown strategy is refused with the field at fault, and nothing changes. The rules read
//! back, are the desk's (the relay routes by them) and the save is audited. On SQLite, and on
//! PostgreSQL when `TEST_DATABASE_URL` names a server.

use crate::harness::TestApi;
use serde_json::json;
use ticketgram_api::Scope;
use ticketgram_domain::routing::Strategy;

async fn routing_through_the_api(api: TestApi) {
    let token = api.token(&[Scope::SettingsManage]).await;
    let reader = api.token(&[Scope::TicketsRead]).await;
    let path = "/settings/routing";

    let (status, rules) = api.get(path, &token).await;
    assert_eq!(status, 200, "{rules}");
    assert_eq!(rules["default"]["strategy"], "manual", "agents press Take");
    let (status, _) = api.get(path, &reader).await;
    assert_eq!(status, 403, "an admin-level scope");

    let kate = api.kate.id.0;
    let put = |body: serde_json::Value| {
        let token = token.clone();
        let api = &api;
        async move {
            api.call(reqwest::Method::PUT, path, Some(&token), Some(body))
                .await
        }
    };
    for (bad, field) in [
        (
            json!({ "queues": { "payouts": { "strategy": "least_loaded", "leads": [999999] } } }),
            "queues.payouts.leads",
        ),
        (
            json!({ "default": { "strategy": "round_robin", "cap": 0 } }),
            "default.cap",
        ),
        (
            json!({ "default": { "strategy": "whoever" } }),
            "default.strategy",
        ),
        (
            json!({ "default": { "strategy": "manual", "targets": { "first_response_minutes": 0 } } }),
            "default.targets.first_response_minutes",
        ),
        // An object in the document, not serde's positional form of a struct.
        (
            json!({ "queues": { "payouts": { "strategy": "manual", "targets": [null, null] } } }),
            "targets",
        ),
    ] {
        let (status, refused) = put(bad).await;
        assert_eq!(status, 422, "{refused}");
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(field), "{message}");
    }

    let (status, saved) = put(json!({
        "default": { "strategy": "round_robin" },
        "queues": { "payouts": { "strategy": "least_loaded", "cap": 3.0, "reassign": true, "leads": [kate],
                                 "targets": { "first_response_minutes": 15, "next_reply_minutes": 30 } } },
    }))
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["queues"]["payouts"]["cap"], 3);
    assert_eq!(
        saved["queues"]["payouts"]["targets"],
        json!({ "first_response_minutes": 15, "next_reply_minutes": 30, "resolution_minutes": null })
    );
    assert_eq!(saved["queues"]["payouts"]["leads"], json!([kate]));
    let (_, read) = api.get(path, &token).await;
    assert_eq!(read, saved);

    let desk = api.desk.relay_desk().current().await.expect("desk");
    let rules = desk.profile.routing.clone().expect("rules stored");
    let payouts = rules.rule_for(Some("Payouts"));
    assert_eq!(payouts.strategy, Strategy::LeastLoaded);
    assert!(payouts.reassign);
    assert_eq!(payouts.leads, vec![api.kate.id]);
    assert_eq!(
        payouts.targets.first_response,
        Some(chrono::Duration::minutes(15)),
        "payouts answered within 15 minutes whatever the priority"
    );
    assert_eq!(rules.default.strategy, Strategy::RoundRobin);
    let audit = api
        .desk
        .store
        .audit_log(api.desk.ws, 50)
        .await
        .expect("audit");
    assert_eq!(
        audit.iter().filter(|e| e.action == "routing.save").count(),
        1,
        "refusals save nothing"
    );
}

#[tokio::test]
async fn the_platform_team_sets_the_routing() {
    routing_through_the_api(TestApi::start().await).await;
}

#[tokio::test]
async fn the_platform_team_sets_the_routing_on_postgres() {
    let Some(api) = TestApi::start_on_postgres().await else {
        return;
    };
    routing_through_the_api(api).await;
}
