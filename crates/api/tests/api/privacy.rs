//! A client's data on request: Anna asks what the desk holds about her, gets it as a zip, then
//! asks to be forgotten. Afterwards the API shows nothing of her, the reports still count her
//! ticket, she was told in her language, and the audit log says it happened.

use std::io::Read;

use crate::harness::TestApi;
use ticketgram_api::Scope;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anna_gets_her_data_then_is_forgotten_while_the_reports_still_count_her_ticket() {
    let api = TestApi::start().await;
    let token = api
        .token(&[
            Scope::TicketsRead,
            Scope::ClientsRead,
            Scope::ClientsExport,
            Scope::ClientsErase,
            Scope::ReportsRead,
        ])
        .await;
    let anna = api.client("Anna");
    api.says(&anna, "Order 77 never came, Anna Petrova here");
    api.eventually(&format!("/tickets?client={}", anna.user), &token, |page| {
        page["total"] == 1
    })
    .await;
    api.sandbox
        .world()
        .user_sends_document(
            anna.user,
            anna.chat,
            b"receipt of order 77".to_vec(),
            "receipt.pdf",
            Some("my receipt"),
        )
        .expect("Anna sends her receipt");
    let detail = api
        .eventually("/tickets/1000", &token, |t| {
            t["messages"].as_array().is_some_and(|messages| {
                messages
                    .iter()
                    .any(|m| m["media"].as_array().is_some_and(|a| !a.is_empty()))
            })
        })
        .await;
    assert!(detail.to_string().contains("Order 77"), "{detail:#}");

    // The export: her profile, her ticket with its conversation, and the file itself.
    let export = api
        .http
        .get(api.url(&format!("/clients/{}/export", anna.user)))
        .bearer_auth(&token)
        .send()
        .await
        .expect("export answers");
    assert_eq!(export.status(), 200);
    assert_eq!(export.headers()["content-type"], "application/zip");
    let bytes = export.bytes().await.expect("the zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut json = String::new();
    zip.by_name("export.json")
        .expect("export.json")
        .read_to_string(&mut json)
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(doc["client"]["first_name"], "Anna");
    assert_eq!(doc["client"]["telegram_user_id"], anna.user);
    let messages = &doc["tickets"][0]["messages"];
    assert_eq!(
        messages[0]["text"],
        "Order 77 never came, Anna Petrova here"
    );
    let sent_file = messages
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["files"][0].is_object());
    let file = &sent_file.expect("the receipt's message")["files"][0];
    assert_eq!(file["file_name"], "receipt.pdf", "{doc:#}");
    let path = file["path"].as_str().expect("the file is in the archive");
    let mut receipt = Vec::new();
    zip.by_name(path)
        .unwrap()
        .read_to_end(&mut receipt)
        .unwrap();
    assert_eq!(receipt, b"receipt of order 77");

    let today = chrono::Utc::now().date_naive();
    let report_path = format!("/reports?from={today}&to={today}");
    let (_, before) = api.get(&report_path, &token).await;
    assert_eq!(before["totals"]["created"], 1, "{before:#}");

    // The erasure.
    let (status, erased) = api
        .post(
            &format!("/clients/{}/erase", anna.user),
            &token,
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{erased:#}");
    assert_eq!(erased["erased"], true);
    assert_eq!(erased["tickets"], 1);
    assert!(erased["messages"].as_u64() >= Some(2), "{erased:#}");
    api.client_gets(&anna, "erased your personal data").await;

    let (status, _) = api.get(&format!("/clients/{}", anna.user), &token).await;
    assert_eq!(status, 404, "nobody by her Telegram id any more");
    let (status, _) = api
        .post(
            &format!("/clients/{}/erase", anna.user),
            &token,
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(status, 404, "erasing again finds no one");
    let (status, ticket) = api.get("/tickets/1000", &token).await;
    assert_eq!(status, 200);
    let shown = ticket.to_string();
    for trace in ["Anna", "Petrova", "Order 77", "receipt", "anna"] {
        assert!(!shown.contains(trace), "{trace:?} in {ticket:#}");
    }
    assert_eq!(ticket["status"], "closed", "her open ticket was closed");
    // The agents' card names nobody either.
    let card = api
        .card_shows(1000, "Client: erased at their request")
        .await;
    assert!(
        !ticketgram_testkit::text_of(&card).contains("Anna"),
        "{card:#}"
    );
    let (_, after) = api.get(&report_path, &token).await;
    assert_eq!(after["totals"]["created"], before["totals"]["created"]);

    // Written in the erasure's own transaction: there when the answer came.
    let entries = api.store.audit_log(api.ws, 20).await.unwrap();
    let audit = entries
        .iter()
        .find(|e| e.action == "client.erased")
        .expect("the erasure is in the audit log");
    assert!(!format!("{audit:?}").contains("Anna"), "{audit:?}");
    assert_eq!(audit.actor, ticketgram_domain::Actor::Agent(api.kate.id));
    api.stop().await;
}
