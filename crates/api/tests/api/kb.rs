//! The knowledge base over the API: the shop's integration keeps the refund article in two
//! languages, a stale save is refused, a bad edit is rolled back, and the support lead reads
//! how often the article answered clients' questions. On SQLite, and on PostgreSQL when
//! `TEST_DATABASE_URL` names a server.

use crate::harness::{TestApi, PUBLIC_URL};
use serde_json::{json, Value};
use ticketgram_api::Scope;
use ticketgram_domain::{ArticleId, Language, SuggestionOutcome};
use ticketgram_store::NewClient;

async fn put(api: &TestApi, path: &str, token: &str, body: Value) -> (u16, Value) {
    api.call(reqwest::Method::PUT, path, Some(token), Some(body))
        .await
}

async fn the_refund_article_through_its_life(api: TestApi) {
    let token = api
        .token(&[Scope::KbRead, Scope::KbWrite, Scope::ReportsRead])
        .await;
    let reader = api.token(&[Scope::KbRead]).await;

    let refund = json!({
        "title": "How do I get a refund?",
        "body": "Open a dispute within **3 days**.\n\n- My orders\n- Refund",
        "language": "en",
        "category": "Payments",
        "status": "published",
    });
    // Sent twice with one Idempotency-Key (the first answer was lost): one article.
    let send = || {
        api.http
            .post(api.url("/kb/articles"))
            .bearer_auth(&token)
            .header("idempotency-key", "kb-refund-en")
            .json(&refund)
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status().as_u16(), 201);
    let created: Value = serde_json::from_str(&first.text().await.unwrap()).unwrap();
    let again = send().await.unwrap();
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let replayed: Value = serde_json::from_str(&again.text().await.unwrap()).unwrap();
    assert_eq!(replayed["id"], created["id"]);
    assert_eq!(created["slug"], "how-do-i-get-a-refund");
    assert_eq!(created["revision"], 1);
    assert_eq!(created["status"], "published");
    let id = created["id"].as_i64().unwrap();
    let workspace = api.store.get_workspace(api.ws).await.unwrap().slug;
    assert_eq!(
        created["public_url"],
        format!("{PUBLIC_URL}/kb/{workspace}/en/how-do-i-get-a-refund"),
    );

    // The same slug in English is taken; in Russian it is the translation.
    let (status, answer) = api.post("/kb/articles", &token, refund.clone()).await;
    assert_eq!(status, 409, "{answer:#}");
    assert_eq!(answer["error"]["code"], "conflict");
    let (status, ru) = api
        .post(
            "/kb/articles",
            &token,
            json!({ "title": "Как вернуть деньги?", "slug": "how-do-i-get-a-refund",
                    "body": "Откройте спор в течение **3 дней**.", "language": "ru" }),
        )
        .await;
    assert_eq!(status, 201, "{ru:#}");
    assert_eq!(ru["status"], "draft");
    assert_eq!(ru["public_url"], Value::Null, "drafts have no public page");

    // What the API refuses, and why.
    for (bad, why) in [
        (
            json!({ "title": "  ", "body": "x", "language": "en" }),
            "title",
        ),
        (
            json!({ "title": "A", "body": "x", "language": "en", "slug": "Not A Slug" }),
            "slug",
        ),
        (
            json!({ "title": "A", "body": "x", "language": "fr" }),
            "language",
        ),
        (
            json!({ "title": "A", "body": "x", "language": "en", "status": "live" }),
            "status",
        ),
        (
            json!({ "title": "A", "body": "x", "language": "en", "author": "me" }),
            "author",
        ),
    ] {
        let (status, answer) = api.post("/kb/articles", &token, bad).await;
        assert_eq!(status, 422, "{why}: {answer:#}");
        assert_eq!(answer["error"]["code"], "invalid_request");
    }
    let (status, _) = api.post("/kb/articles", &reader, refund.clone()).await;
    assert_eq!(status, 403, "kb:read does not write");

    // Searching as agents do: drafts included, filters narrow it.
    let (status, found) = api.get("/kb/articles?q=refund+dispute", &reader).await;
    assert_eq!(status, 200);
    assert_eq!(found["articles"][0]["id"], id, "{found:#}");
    let (_, drafts) = api.get("/kb/articles?status=draft", &reader).await;
    let drafts: Vec<&Value> = drafts["articles"].as_array().unwrap().iter().collect();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0]["language"], "ru");
    let (_, payments) = api
        .get("/kb/articles?category=Payments&language=en", &reader)
        .await;
    assert_eq!(payments["articles"].as_array().unwrap().len(), 1);
    let (status, _) = api.get("/kb/articles?status=live", &reader).await;
    assert_eq!(status, 422);

    // Two editors start from revision 1: the second save is a conflict, not a silent undo.
    let path = format!("/kb/articles/{id}");
    let (status, saved) = put(
        &api,
        &path,
        &token,
        json!({ "revision": 1, "body": "Refunds now take **5 days**." }),
    )
    .await;
    assert_eq!(status, 200, "{saved:#}");
    assert_eq!(saved["revision"], 2);
    assert_eq!(saved["title"], "How do I get a refund?", "left out, kept");
    let (status, stale) = put(
        &api,
        &path,
        &token,
        json!({ "revision": 1, "body": "My older idea." }),
    )
    .await;
    assert_eq!(status, 409, "{stale:#}");
    assert_eq!(stale["error"]["code"], "conflict");
    assert!(stale["error"]["message"]
        .as_str()
        .unwrap()
        .contains("revision 2"));

    // The history, and the rollback as a new revision.
    let (status, history) = api.get(&format!("{path}/revisions"), &reader).await;
    assert_eq!(status, 200);
    let revisions: Vec<i64> = history["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(revisions, [2, 1]);
    let (status, restored) = api
        .post(&format!("{path}/restore"), &token, json!({ "revision": 1 }))
        .await;
    assert_eq!(status, 200, "{restored:#}");
    assert_eq!(restored["revision"], 3);
    assert_eq!(restored["body"], refund["body"]);
    let (status, _) = api
        .post(&format!("{path}/restore"), &token, json!({ "revision": 9 }))
        .await;
    assert_eq!(status, 404);

    // Every change has its audit row, naming Kate, whose token it is.
    let audit = api.store.audit_log(api.ws, 50).await.unwrap();
    let kb: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("kb."))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        kb,
        [
            "kb.article.restore",
            "kb.article.update",
            "kb.article.create",
            "kb.article.create"
        ]
    );
    assert!(audit
        .iter()
        .filter(|e| e.action.starts_with("kb."))
        .all(|e| e.actor == ticketgram_domain::Actor::Agent(api.kate.id)));

    // What clients said about the suggestion: two helped, one did not.
    let client = api
        .store
        .write(async |tx| {
            tx.upsert_client(
                api.ws,
                &NewClient {
                    telegram_user_id: 700_001,
                    first_name: "Anna".into(),
                    last_name: None,
                    username: None,
                    language: Language::En,
                    attributes: json!({}),
                    seen_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    for outcome in [
        SuggestionOutcome::Helped,
        SuggestionOutcome::NotHelped,
        SuggestionOutcome::Helped,
    ] {
        api.store
            .write(async |tx| {
                tx.record_suggestion_outcome(
                    api.ws,
                    ArticleId(id),
                    client.id,
                    None,
                    outcome,
                    chrono::Utc::now(),
                )
                .await
            })
            .await
            .unwrap();
    }
    let today = chrono::Utc::now().date_naive();
    let period = format!(
        "/reports/kb-deflections?from={}&to={}",
        today.pred_opt().unwrap(),
        today.succ_opt().unwrap()
    );
    let (status, report) = api.get(&period, &token).await;
    assert_eq!(status, 200, "{report:#}");
    assert_eq!(
        (report["helped"].as_i64(), report["not_helped"].as_i64()),
        (Some(2), Some(1))
    );
    let row = &report["articles"][0];
    assert_eq!(row["article_id"], id);
    assert_eq!(row["title"], "How do I get a refund?");
    assert!((row["deflection_rate"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    // The self-service report counts the two answers as requests no agent handled; with no
    // ticket opened in those days, every request was self-served.
    let (status, service) = api
        .get(&period.replace("kb-deflections", "self-service"), &token)
        .await;
    assert_eq!(status, 200, "{service:#}");
    assert_eq!(service["resolutions"], 2);
    assert_eq!(service["by_articles"], 2);
    assert_eq!(service["by_flows"], 0);
    assert_eq!(service["tickets_created"], 0);
    assert_eq!(service["rate"], 1.0);
    assert_eq!(service["articles"][0]["title"], "How do I get a refund?");
    // A period that ends before it starts holds no day: no figures, not an error.
    let (status, reversed) = api
        .get(
            "/reports/kb-deflections?from=2026-02-01&to=2026-01-01",
            &token,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(reversed["articles"].as_array().map(Vec::len), Some(0));
    let (status, _) = api
        .get(&format!("/kb/articles?category={}", "x".repeat(81)), &token)
        .await;
    assert_eq!(status, 422, "a category longer than any stored one");

    // Deleted: gone, and said so.
    let (status, _) = api
        .call(reqwest::Method::DELETE, &path, Some(&token), None)
        .await;
    assert_eq!(status, 204);
    let (status, _) = api.get(&path, &reader).await;
    assert_eq!(status, 404);
    assert_eq!(
        api.store.audit_log(api.ws, 1).await.unwrap()[0].action,
        "kb.article.delete"
    );
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refund_article_through_its_life_on_sqlite() {
    the_refund_article_through_its_life(TestApi::start().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refund_article_through_its_life_on_postgres() {
    if let Some(api) = TestApi::start_on_postgres().await {
        the_refund_article_through_its_life(api).await;
    }
}
