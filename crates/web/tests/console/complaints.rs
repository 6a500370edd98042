//! The complaint register in the console: Kate registers Ann's request as a complaint from the
//! ticket page, raises its severity with a reason, writes the root cause (a script in it stays
//! text) and proposes a refund above her limit; Adam, an admin, approves it on the same page,
//! and the register lists it with the period's totals. An admin's settings that cannot work are
//! refused, and a good save turns recognition on.

use crate::harness::{self, get, Console, Session};
use ticketgram_domain::complaint::{CompensationStatus, Severity};

async fn post(console: &Console, session: &Session, path: &str, form: &[(&str, &str)]) -> u16 {
    let (status, page) = harness::post(console, session, path, form).await;
    assert!(status == 303 || status == 400, "{status}: {page}");
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_registers_a_complaint_and_an_admin_approves_its_refund() {
    let console = Console::start().await;
    let kate = console.session(&console.agent).await;
    let adam = console.session(&console.admin).await;
    let ann = console.client("Ann");
    console.says(&ann, "The parcel never arrived and nobody answers me");
    console.client_gets(&ann, "#1000").await;

    let (_, page) = get(&console, &kate.cookie, "/tickets/1000").await;
    assert!(page.contains("Not registered as a complaint"), "{page}");
    assert_eq!(
        post(
            &console,
            &kate,
            "/tickets/1000/complaint",
            &[("category", "")]
        )
        .await,
        303
    );
    let form = [
        ("severity", "high"),
        ("reason", "third lost parcel this month"),
    ];
    assert_eq!(
        post(&console, &kate, "/tickets/1000/complaint/severity", &form).await,
        303
    );
    let notes = [
        ("root_cause", "<script>alert(1)</script> courier lost it"),
        ("resolution", ""),
    ];
    assert_eq!(
        post(&console, &kate, "/tickets/1000/complaint/notes", &notes).await,
        303
    );
    let refund = [
        ("kind", "refund"),
        ("amount", "75.50"),
        ("note", "lost parcel"),
    ];
    assert_eq!(
        post(&console, &kate, "/tickets/1000/compensations", &refund).await,
        303
    );
    let bad = [("kind", "cash"), ("amount", "10"), ("note", "")];
    assert_eq!(
        post(&console, &kate, "/tickets/1000/compensations", &bad).await,
        400
    );

    let (_, page) = get(&console, &kate.cookie, "/tickets/1000").await;
    assert!(page.contains("id=\"complaint-category\""), "{page}");
    assert!(
        page.contains(">delivery<"),
        "the words chose delivery: {page}"
    );
    assert!(page.contains("third lost parcel this month"), "{page}");
    assert!(
        !page.contains("<script>alert(1)"),
        "client-facing text is escaped: {page}"
    );
    assert!(page.contains("&lt;script&gt;"), "{page}");
    assert!(page.contains("waiting for approval"), "{page}");
    assert!(
        !page.contains("value=\"approve\""),
        "Kate's limit is below it: {page}"
    );

    // Adam's limit covers it: he approves on the ticket page.
    let ticket = console.ticket(1000).await;
    let pending = console
        .store
        .compensations(console.ws, ticket.id)
        .await
        .unwrap();
    assert_eq!(pending[0].status, CompensationStatus::Pending);
    let (_, page) = get(&console, &adam.cookie, "/tickets/1000").await;
    assert!(page.contains("value=\"approve\""), "{page}");
    let path = format!("/compensations/{}/decide", pending[0].id);
    let verdict = [("verdict", "approve"), ("ticket", "1000")];
    assert_eq!(post(&console, &adam, &path, &verdict).await, 303);
    let decided = console
        .store
        .compensations(console.ws, ticket.id)
        .await
        .unwrap();
    assert_eq!(decided[0].status, CompensationStatus::Approved);
    assert_eq!(decided[0].decided_by, Some(console.admin.id));
    let registered = console
        .store
        .complaint(console.ws, ticket.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(registered.complaint.severity(), Severity::High);

    let (status, register) = get(&console, &kate.cookie, "/complaints").await;
    assert_eq!(status, 200, "{register}");
    assert!(
        register.contains("1 complaints · 75.50 EUR compensation approved"),
        "{register}"
    );
    assert!(register.contains("href=\"/tickets/1000\""), "{register}");
    let (status, _) = get(&console, &kate.cookie, "/complaints?severity=urgent").await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_turns_recognition_on_and_settings_that_cannot_work_are_refused() {
    let console = Console::start().await;
    let adam = console.session(&console.admin).await;
    let kate = console.session(&console.agent).await;
    let (status, _) = get(&console, &kate.cookie, "/admin/complaints").await;
    assert_eq!(status, 403, "agents do not configure the desk");
    let (status, page) = get(&console, &adam.cookie, "/admin/complaints").await;
    assert_eq!(status, 200, "{page}");

    let mut form = vec![
        ("recognise", "on"),
        ("acknowledge", "on"),
        ("promise_hours", "48"),
        ("categories", "delivery\r\npayment\r\nlate_payout\r\nother"),
        ("currency", "usd"),
        ("agent_limit", "30"),
        ("admin_limit", "20"),
        ("value_attribute", "lifetime_value"),
        ("high_value_from", "1000"),
        ("reputation_attribute", ""),
        ("high_reputation_from", ""),
    ];
    let (status, refused) = harness::post(&console, &adam, "/admin/complaints", &form).await;
    assert_eq!(status, 400);
    assert!(refused.contains("cannot be below an agent"), "{refused}");
    form[6] = ("admin_limit", "");
    let (status, _) = harness::post(&console, &adam, "/admin/complaints", &form).await;
    assert_eq!(status, 303);
    let saved = console
        .store
        .desk_profile(console.ws)
        .await
        .unwrap()
        .complaints
        .expect("saved");
    assert!(saved.recognise && saved.acknowledge);
    assert_eq!((saved.currency.as_str(), saved.promise_hours), ("USD", 48));
    assert_eq!(saved.limits.admin, None);
    assert_eq!(saved.categories.len(), 4);
}

/// A complaint Pete wrote in a public group whose owner named it with markup: the ticket page
/// says where it was written, the title escaped, the message linked; Kate answers there from
/// the page; once Pete is erased, the link to his message is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_complaint_shows_where_it_was_written_and_nothing_runs() {
    use ticketgram_domain::complaint::{Assessment, Complaint, ComplaintCategory};
    use ticketgram_store::PublicPost;
    let console = Console::start().await;
    let kate = console.session(&console.agent).await;
    let pete = console.client("Pete");
    console.says(&pete, "My parcel is three weeks late, this is unacceptable");
    console.client_gets(&pete, "#1000").await;
    let ticket = console.ticket(1000).await;
    let now = chrono::Utc::now();
    let ws = console.ws;
    let public_post = PublicPost {
        ticket: ticket.id,
        client: ticket.client,
        chat_id: -100777,
        message_id: 311,
        chat_title: "<img src=x onerror=alert(1)> Market".into(),
        link: "https://t.me/market_talk/311".into(),
        answered_at: None,
        joined_at: Some(now),
        created_at: now,
    };
    let complaint = Complaint {
        ticket: ticket.id,
        category: ComplaintCategory::parse("delivery").unwrap(),
        assessed: Assessment {
            severity: Severity::Medium,
            points: 3,
            reasons: vec!["public".into()],
        },
        adjusted: None,
        public: true,
        root_cause: None,
        resolution: None,
        acknowledged_at: None,
        promised_by: None,
        registered_at: now,
    };
    console
        .store
        .write(async |tx| {
            tx.register_complaint(ws, ticket.client, &complaint).await?;
            tx.record_public_post(ws, &public_post).await
        })
        .await
        .unwrap();
    let (_, page) = get(&console, &kate.cookie, "/tickets/1000").await;
    assert!(page.contains("id=\"complaint-public\""), "{page}");
    assert!(
        page.contains("href=\"https://t.me/market_talk/311\""),
        "{page}"
    );
    assert!(!page.contains("<img src=x"), "the title is escaped: {page}");
    assert!(page.contains("&lt;img src=x"), "{page}");

    // Kate answers in public from the page: too long is refused, a short answer is recorded.
    let long = "a".repeat(1001);
    assert_eq!(
        post(
            &console,
            &kate,
            "/tickets/1000/complaint/public",
            &[("text", long.as_str())]
        )
        .await,
        400
    );
    let said = [(
        "text",
        "We are sorry, Pete: see your messages from our bot.",
    )];
    assert_eq!(
        post(&console, &kate, "/tickets/1000/complaint/public", &said).await,
        303
    );
    let kinds: Vec<String> = console
        .store
        .ticket_history(ws, ticket.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "public_answered").count(),
        1,
        "{kinds:?}"
    );

    // Pete is erased: the link to his public message goes, where it was written stays.
    let client = console.store.get_client(ws, ticket.client).await.unwrap();
    console
        .store
        .write(async |tx| tx.erase_client(ws, &client, chrono::Utc::now()).await)
        .await
        .unwrap();
    let (_, page) = get(&console, &kate.cookie, "/tickets/1000").await;
    assert!(page.contains("id=\"complaint-public\""), "{page}");
    assert!(!page.contains("t.me/market_talk/311"), "{page}");
}
