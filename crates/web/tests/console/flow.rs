//! An agent's day in the console: the inbox filters, live updates, answering a ticket (the
//! client gets it from the client bot), a note, files, and the reports.

use crate::harness::{eventually, get, http, text_of, Console, WAIT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_answers_a_ticket_from_the_console() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Where is my order 42?");
    console.client_gets(&anna, "#1000").await;
    let boris = console.client("Boris");
    console.says(&boris, "Password reset please");
    console.client_gets(&boris, "#1001").await;
    let session = console.session(&console.agent).await;

    // Live updates: a stream is open before the next change happens.
    let mut events = http()
        .get(console.url("/events"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("events");
    assert_eq!(events.status().as_u16(), 200);

    let (status, inbox) = get(&console, &session.cookie, "/inbox").await;
    assert_eq!(status, 200);
    assert!(inbox.contains("/tickets/1000") && inbox.contains("/tickets/1001"));
    let (_, found) = get(&console, &session.cookie, "/inbox?q=order+42").await;
    assert!(found.contains("/tickets/1000") && !found.contains("/tickets/1001"));
    let (_, closed) = get(&console, &session.cookie, "/inbox?status=closed").await;
    assert!(!closed.contains("/tickets/1000"));
    let (_, unassigned) = get(
        &console,
        &session.cookie,
        "/inbox?assignee=none&language=en",
    )
    .await;
    assert!(unassigned.contains("/tickets/1000"));

    console.says(&anna, "Any news?");
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut seen = String::new();
    while !seen.contains("event: changed") {
        let chunk = tokio::time::timeout_at(deadline, events.chunk())
            .await
            .expect("a change event in time")
            .expect("stream");
        seen.push_str(&String::from_utf8_lossy(&chunk.expect("open stream")));
    }

    let (status, page) = get(&console, &session.cookie, "/tickets/1000").await;
    assert_eq!(status, 200);
    assert!(page.contains("Where is my order 42?") && page.contains("Any news?"));
    assert!(
        page.contains("Writes in English (en)"),
        "the language Anna writes in, detected from her messages"
    );

    let http = http();
    let post = |path: &str, form: Vec<(&'static str, String)>| {
        let mut form = form;
        form.push(("csrf", session.csrf.clone()));
        http.post(console.url(path))
            .header("cookie", &session.cookie)
            .form(&form)
            .send()
    };
    let replied = post(
        "/tickets/1000/reply",
        vec![("text", "It ships today.".into())],
    )
    .await
    .expect("reply");
    assert_eq!(replied.status().as_u16(), 303);
    let got = console.client_gets(&anna, "It ships today.").await;
    assert!(
        text_of(&got).contains("Kate"),
        "signed with the alias: {got}"
    );
    console.group_sees("Kate (console): It ships today.").await;

    post("/tickets/1000/note", vec![("text", "Gold customer".into())])
        .await
        .expect("note");
    post("/tickets/1000/tags", vec![("tag", "vip".into())])
        .await
        .expect("tag");
    post(
        "/tickets/1000/priority",
        vec![("priority", "urgent".into())],
    )
    .await
    .expect("priority");
    let ticket = console.ticket(1000).await;
    assert_eq!(ticket.assignee, Some(console.agent.id), "replying assigns");
    assert_eq!(ticket.priority, ticketgram_domain::Priority::Urgent);
    assert_eq!(ticket.tags.len(), 1);
    let (_, page) = get(&console, &session.cookie, "/tickets/1000").await;
    assert!(page.contains("Gold customer") && page.contains("internal note"));
    let (_, mine) = get(
        &console,
        &session.cookie,
        "/inbox?assignee=me&priority=urgent",
    )
    .await;
    assert!(mine.contains("/tickets/1000") && !mine.contains("/tickets/1001"));

    // A document the client sends is downloadable through the console.
    console
        .sandbox
        .world()
        .user_sends_document(
            anna.user,
            anna.chat,
            b"%PDF-1.4 invoice".to_vec(),
            "invoice.pdf",
            None,
        )
        .expect("document");
    let link = eventually("the document to show on the ticket page", || async {
        let (_, page) = get(&console, &session.cookie, "/tickets/1000").await;
        let at = page.find("/files/")?;
        let rest = &page[at..];
        Some(rest[..rest.find('"').expect("end of link")].to_string())
    })
    .await;
    let file = http
        .get(console.url(&link))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("file");
    assert_eq!(file.status().as_u16(), 200);
    assert!(file.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("invoice.pdf"));
    assert_eq!(&file.bytes().await.expect("bytes")[..], b"%PDF-1.4 invoice");

    let closed = post("/tickets/1000/status", vec![("status", "closed".into())])
        .await
        .expect("close");
    assert_eq!(closed.status().as_u16(), 303);
    console.client_gets(&anna, "How would you rate").await;
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_see_reports_and_export_them() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Hello");
    console.client_gets(&anna, "#1000").await;
    let session = console.session(&console.admin).await;
    let (status, page) = get(&console, &session.cookie, "/reports").await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg id=\"trend\"") && page.contains("Export XLSX"));
    assert!(page.contains("Kate") || page.contains("Unassigned"));
    let (status, _) = get(&console, &session.cookie, "/reports?from=2026-13-01").await;
    assert_eq!(status, 400);
    let csv = http()
        .get(console.url("/reports/export.csv"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status().as_u16(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let xlsx = http()
        .get(console.url("/reports/export.xlsx"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("xlsx");
    assert_eq!(xlsx.status().as_u16(), 200);
    assert!(
        xlsx.bytes().await.expect("bytes").starts_with(b"PK"),
        "a zip container"
    );
    for admin_page in [
        "/admin",
        "/admin/agents",
        "/admin/topics",
        "/admin/hours",
        "/admin/audit",
        "/admin/templates",
    ] {
        let (status, _) = get(&console, &session.cookie, admin_page).await;
        assert_eq!(status, 200, "{admin_page}");
    }
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_keep_reply_templates_and_agents_pick_them() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Where is my parcel?");
    console.client_gets(&anna, "#1000").await;
    let admin = console.session(&console.admin).await;
    let agent = console.session(&console.agent).await;
    let http = http();
    let post = |session: &crate::harness::Session, path: &str, form: Vec<(&str, &str)>| {
        let mut form: Vec<(String, String)> = form
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        form.push(("csrf".into(), session.csrf.clone()));
        http.post(console.url(path))
            .header("cookie", &session.cookie)
            .form(&form)
            .send()
    };
    let saved = post(
        &admin,
        "/admin/templates",
        vec![
            ("language", "en"),
            ("name", "Shipping"),
            ("body", "Your parcel leaves our warehouse today."),
        ],
    )
    .await
    .expect("save");
    assert_eq!(saved.status().as_u16(), 303);
    post(
        &admin,
        "/admin/templates",
        vec![("language", "de"), ("name", "Versand"), ("body", "Heute.")],
    )
    .await
    .expect("save de");
    let refused = post(
        &admin,
        "/admin/templates",
        vec![("language", "xx"), ("name", "A"), ("body", "B")],
    )
    .await
    .expect("bad language");
    assert_eq!(refused.status().as_u16(), 400);
    let (status, listing) = get(&console, &admin.cookie, "/admin/templates").await;
    assert_eq!(status, 200);
    assert!(listing.contains("Shipping") && listing.contains("Versand"));
    let (_, overview) = get(&console, &admin.cookie, "/admin").await;
    assert!(overview.contains("href=\"/admin/templates\""));

    // The ticket is in English: the English template, not the German one.
    let (status, page) = get(&console, &agent.cookie, "/tickets/1000").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("data-template=\"Your parcel leaves our warehouse today.\""),
        "{page}"
    );
    assert!(!page.contains("Versand"));

    let (status, _) = get(&console, &agent.cookie, "/admin/templates").await;
    assert_eq!(status, 403);
    let forbidden = post(
        &agent,
        "/admin/templates/remove",
        vec![("language", "en"), ("name", "Shipping")],
    )
    .await
    .expect("agent remove");
    assert_eq!(forbidden.status().as_u16(), 403);

    let removed = post(
        &admin,
        "/admin/templates/remove",
        vec![("language", "en"), ("name", "Shipping")],
    )
    .await
    .expect("remove");
    assert_eq!(removed.status().as_u16(), 303);
    let again = post(
        &admin,
        "/admin/templates/remove",
        vec![("language", "en"), ("name", "Shipping")],
    )
    .await
    .expect("remove again");
    assert_eq!(again.status().as_u16(), 404);
    let (_, page) = get(&console, &agent.cookie, "/tickets/1000").await;
    assert!(!page.contains("data-template"), "no templates, no picker");
    let audit = console
        .store
        .audit_log(console.ws, 50)
        .await
        .expect("audit");
    for (action, subject) in [
        ("template.save", "en/Shipping"),
        ("template.save", "de/Versand"),
        ("template.remove", "en/Shipping"),
    ] {
        assert!(
            audit
                .iter()
                .any(|e| e.action == action && e.subject == subject),
            "{action} {subject}"
        );
    }
    console.stop().await;
}

/// A desk past one group's ceiling: the admin overview names each further agents' channel,
/// its group, and the queue it is kept for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_see_every_agents_channel_of_a_busy_desk() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;
    let more = [
        ticketgram_domain::shard::Shard {
            channel_id: -1_005_000,
            group_id: Some(-1_005_001),
            queue: None,
        },
        ticketgram_domain::shard::Shard {
            channel_id: -1_006_000,
            group_id: Some(-1_006_001),
            queue: Some("vip".into()),
        },
    ];
    let ws = console.ws;
    console
        .store
        .write(async |tx| tx.set_more_agent_chats(ws, &more, chrono::Utc::now()).await)
        .await
        .expect("channels");
    let (status, overview) = get(&console, &admin.cookie, "/admin").await;
    assert_eq!(status, 200);
    assert!(
        overview.contains("Further channel -1005000, group -1005001")
            && overview.contains("Further channel -1006000, group -1006001, queue vip"),
        "{overview}"
    );
}
