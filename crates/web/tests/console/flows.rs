//! The flow editor: an admin checks an edit (problems by line, the text kept), a save with
//! errors is refused, a good one becomes the active revision, the preview shows the client's
//! screen, and an old revision is restored. Agents cannot open it.

use crate::harness::{get, post, Console};
use ticketgram_flows::builtin;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_checks_saves_previews_and_restores_the_flow() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;

    // Nothing saved: the built-in default is in the editor, and its start is previewed.
    let (status, page) = get(&console, &admin.cookie, "/admin/flows?lang=en").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("built-in default"), "{page}");
    assert!(page.contains("id=\"flow-preview\""), "{page}");
    assert!(page.contains("Talk to a human"), "the human button: {page}");
    let (_, overview) = get(&console, &admin.cookie, "/admin").await;
    assert!(overview.contains("href=\"/admin/flows\""));

    // Check: the problem with its line, and what was typed kept.
    let broken = builtin::DEFAULT.replacen("start: welcome", "start: welcom", 1);
    let line = 1 + broken
        .lines()
        .position(|l| l.starts_with("start:"))
        .expect("start line");
    let (status, checked) = post(
        &console,
        &admin,
        "/admin/flows",
        &[("source", &broken), ("intent", "check"), ("lang", "en")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(checked.contains("id=\"flow-problems\""), "{checked}");
    assert!(
        checked.contains(&format!("<td>{line}:")),
        "line {line}: {checked}"
    );
    assert!(
        checked.contains("start: welcom\n"),
        "the text kept: {checked}"
    );

    // Save with errors: refused, nothing stored.
    let (status, refused) = post(
        &console,
        &admin,
        "/admin/flows",
        &[("source", &broken), ("intent", "save")],
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert!(console
        .store
        .active_flow(console.ws)
        .await
        .unwrap()
        .is_none());

    // Two good saves, then a restore of the first.
    let (status, _) = post(
        &console,
        &admin,
        "/admin/flows",
        &[
            ("source", builtin::MARKETPLACE),
            ("intent", "save"),
            ("note", "marketplace"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let edited = format!("# ours\n{}", builtin::DEFAULT);
    let (status, _) = post(
        &console,
        &admin,
        "/admin/flows",
        &[("source", &edited), ("intent", "save")],
    )
    .await;
    assert_eq!(status, 303);
    // The same text again (a double click) makes no third revision.
    post(
        &console,
        &admin,
        "/admin/flows",
        &[("source", &edited), ("intent", "save")],
    )
    .await;
    let active = console
        .store
        .active_flow(console.ws)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (active.revision, active.saved_by),
        (2, Some(console.admin.id))
    );
    assert_eq!(active.source, edited);

    let (_, page) = get(&console, &admin.cookie, "/admin/flows?lang=ru").await;
    assert!(page.contains("id=\"flow-history\""), "{page}");
    assert!(
        page.contains("marketplace") && page.contains("Adam"),
        "{page}"
    );
    assert!(
        page.contains("Связаться с оператором"),
        "Russian preview: {page}"
    );

    let (status, _) = post(
        &console,
        &admin,
        "/admin/flows/restore",
        &[("revision", "1")],
    )
    .await;
    assert_eq!(status, 303);
    let active = console
        .store
        .active_flow(console.ws)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(active.revision, 3);
    assert_eq!(active.source, builtin::MARKETPLACE);
    let (status, _) = post(
        &console,
        &admin,
        "/admin/flows/restore",
        &[("revision", "9")],
    )
    .await;
    assert_eq!(status, 404);

    // Agents do not edit the flow.
    let agent = console.session(&console.agent).await;
    let (status, _) = get(&console, &agent.cookie, "/admin/flows").await;
    assert_eq!(status, 403);
    console.stop().await;
}

/// A dispute opened by the self-service form shows its answers on the ticket page, the
/// client's own words escaped like everything else a client writes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ticket_page_shows_the_form_answers_escaped() {
    use ticketgram_domain::{Language, Priority};
    use ticketgram_flows::FieldValue;
    use ticketgram_store::{NewClient, NewTicket};

    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let agent = console.session(&console.agent).await;
    let ticket = store
        .write(async |tx| {
            let client = tx
                .upsert_client(
                    ws,
                    &NewClient {
                        telegram_user_id: 555_200,
                        first_name: "Ann".into(),
                        last_name: None,
                        username: None,
                        language: Language::En,
                        attributes: serde_json::json!({}),
                        seen_at: chrono::Utc::now(),
                    },
                )
                .await?;
            let ticket = tx
                .create_ticket(
                    ws,
                    &NewTicket {
                        client: client.id,
                        topic: None,
                        subject: "order: A-1042".into(),
                        priority: Priority::Normal,
                        queue: None,
                        language: Language::En,
                        created_at: chrono::Utc::now(),
                    },
                )
                .await?;
            let fields = [
                ("order".to_string(), FieldValue::order("A-1042")),
                (
                    "reason".to_string(),
                    FieldValue::Text {
                        text: "<script>alert('form')</script> wrong colours".into(),
                    },
                ),
            ];
            tx.set_ticket_fields(ws, ticket.id, &fields).await?;
            Ok::<_, ticketgram_store::StoreError>(ticket)
        })
        .await
        .unwrap();
    let (status, page) = get(
        &console,
        &agent.cookie,
        &format!("/tickets/{}", ticket.number.0),
    )
    .await;
    assert_eq!(status, 200);
    let answers = page.split("id=\"fields\"").nth(1).expect("the answers box");
    assert!(answers.contains("A-1042"), "{answers}");
    assert!(answers.contains("wrong colours"), "{answers}");
    assert!(!page.contains("<script>alert('form')"), "{page}");
    console.stop().await;
}
