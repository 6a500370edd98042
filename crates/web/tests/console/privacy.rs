//! Privacy from the console: Adam (an admin) downloads Anna's data from her profile, erases her
//! behind a confirmation, and sets the desk's retention period. Kate, an agent, may do neither.

use std::io::Read;

use crate::harness::{get, http, Console};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_exports_then_erases_a_client_who_asked() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Please delete my data, Anna Petrova, order 42");
    console.client_gets(&anna, "#1000").await;
    let client = console.ticket(1000).await.client;
    let admin = console.session(&console.admin).await;
    let agent = console.session(&console.agent).await;

    // Her profile on the ticket page offers both to admins only.
    let (_, page) = get(&console, &admin.cookie, "/tickets/1000").await;
    let export_link = format!("/clients/{}/export.zip", client.0);
    let erase_link = format!("/clients/{}/erase", client.0);
    assert!(page.contains(&export_link) && page.contains(&erase_link));
    let (_, page) = get(&console, &agent.cookie, "/tickets/1000").await;
    assert!(!page.contains(&export_link) && !page.contains(&erase_link));
    let (status, _) = get(&console, &agent.cookie, &export_link).await;
    assert_eq!(status, 403);

    let export = http()
        .get(console.url(&export_link))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .expect("export");
    assert_eq!(export.status().as_u16(), 200);
    assert_eq!(export.headers()["content-type"], "application/zip");
    let bytes = export.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut json = String::new();
    zip.by_name("export.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    assert!(json.contains("Please delete my data"), "{json}");

    // The confirmation page says what will happen; without the tick nothing does.
    let (status, confirm) = get(&console, &admin.cookie, &erase_link).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("cannot be undone"), "{confirm}");
    let post = |form: Vec<(&'static str, String)>| {
        let mut form = form;
        form.push(("csrf", admin.csrf.clone()));
        form.push(("nonce", ticketgram_store::random_token()));
        http()
            .post(console.url(&erase_link))
            .header("cookie", &admin.cookie)
            .header("origin", console.origin())
            .form(&form)
            .send()
    };
    let unconfirmed = post(vec![]).await.unwrap();
    assert_eq!(unconfirmed.status().as_u16(), 400);
    assert!(console
        .store
        .get_client(console.ws, client)
        .await
        .unwrap()
        .erased_at
        .is_none());
    let erased = post(vec![("confirm", "yes".into())]).await.unwrap();
    assert_eq!(erased.status().as_u16(), 303);

    console
        .client_gets(&anna, "erased your personal data")
        .await;
    let (_, page) = get(&console, &admin.cookie, "/tickets/1000").await;
    for trace in ["Anna", "Petrova", "order 42", "Please delete"] {
        assert!(!page.contains(trace), "{trace:?} still on the ticket page");
    }
    assert!(page.contains("Erased client"));
    let (_, confirm) = get(&console, &admin.cookie, &erase_link).await;
    assert!(confirm.contains("Erased client"));
    let (_, audit) = get(&console, &admin.cookie, "/admin/audit").await;
    assert!(audit.contains("client.erased"));
    // Her ticket stays, closed, for the reports to count; they name no one.
    let ticket = console.ticket(1000).await;
    assert_eq!(ticket.status, ticketgram_domain::TicketStatus::Closed);
    let (_, reports) = get(&console, &admin.cookie, "/reports").await;
    assert!(!reports.contains("Anna"));
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_the_retention_period() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;
    let (status, page) = get(&console, &admin.cookie, "/admin/privacy").await;
    assert_eq!(status, 200);
    assert!(page.contains("no retention period"), "{page}");
    let post = |days: &str| {
        let form = vec![
            ("days", days.to_string()),
            ("csrf", admin.csrf.clone()),
            ("nonce", ticketgram_store::random_token()),
        ];
        http()
            .post(console.url("/admin/privacy/retention"))
            .header("cookie", &admin.cookie)
            .header("origin", console.origin())
            .form(&form)
            .send()
    };
    assert_eq!(post("0").await.unwrap().status().as_u16(), 400);
    assert_eq!(post("90").await.unwrap().status().as_u16(), 303);
    assert_eq!(
        console.store.retention_days(console.ws).await.unwrap(),
        Some(90)
    );
    let (_, page) = get(&console, &admin.cookie, "/admin/privacy").await;
    assert!(page.contains("kept for 90 days"), "{page}");
    assert_eq!(post("").await.unwrap().status().as_u16(), 303);
    assert_eq!(
        console.store.retention_days(console.ws).await.unwrap(),
        None
    );
    let (_, audit) = get(&console, &admin.cookie, "/admin/audit").await;
    assert!(audit.contains("desk.retention_days"));
    console.stop().await;
}
