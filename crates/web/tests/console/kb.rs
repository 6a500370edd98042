//! The knowledge base in the console and on its public pages: a lead writes and publishes a
//! refund article, previews it, trips over a colleague's save, rolls back a bad edit; an
//! agent finds the article from a ticket and puts its link into the reply; clients read it
//! without signing in, and a hostile article stays inert.

use crate::harness::{get, http, Console, Session};
use ticketgram_domain::{Language, Priority};
use ticketgram_store::{NewClient, NewTicket};
use ticketgram_web::headers::PAGE_CSP;

async fn post(
    console: &Console,
    session: &Session,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let mut form: Vec<(&str, &str)> = form.to_vec();
    form.push(("csrf", session.csrf.as_str()));
    let nonce = ticketgram_store::random_token();
    form.push(("nonce", nonce.as_str()));
    let response = http()
        .post(console.url(path))
        .header("cookie", &session.cookie)
        .form(&form)
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, location, response.text().await.expect("body"))
}

async fn public(console: &Console, path: &str) -> reqwest::Response {
    http()
        .get(console.url(path))
        .send()
        .await
        .expect("public page")
}

const REFUND: &str = "If the seller does not ship within **3 days**, open a dispute.\n\n\
    - Go to *My orders*\n- Press **Refund**\n\nSee [the rules](https://example.com/rules).";

async fn a_lead_keeps_the_refund_article_and_an_agent_links_it(console: Console) {
    let (store, ws) = (&console.store, console.ws);
    let workspace = store.get_workspace(ws).await.unwrap().slug;
    let lead = console.session(&console.admin).await;
    let agent = console.session(&console.agent).await;

    // The preview shows the cleaned HTML and fills the slug from the title; nothing is saved.
    let article = [
        ("title", "How do I get a refund?"),
        ("slug", ""),
        ("language", "en"),
        ("category", "Payments"),
        ("status", "published"),
        ("body", REFUND),
    ];
    let mut previewing = article.to_vec();
    previewing.push(("action", "preview"));
    let (status, _, page) = post(&console, &lead, "/admin/kb", &previewing).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<strong>3 days</strong>"), "{page}");
    assert!(page.contains("value=\"how-do-i-get-a-refund\""));
    assert!(store.kb_articles(ws).await.unwrap().is_empty());

    // A blank title is refused with the form kept.
    let mut untitled = article.to_vec();
    untitled[0] = ("title", "  ");
    let (status, _, page) = post(&console, &lead, "/admin/kb", &untitled).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("form-error") && page.contains("Give the article a title"));
    assert!(page.contains("open a dispute"), "the author's text is kept");

    let mut saving = article.to_vec();
    saving.push(("action", "save"));
    let (status, location, _) = post(&console, &lead, "/admin/kb", &saving).await;
    assert_eq!(status, 303);
    let refund = store.kb_articles(ws).await.unwrap().remove(0);
    assert_eq!(location, format!("/admin/kb/{}?saved=1", refund.id.0));
    assert_eq!(refund.slug.as_str(), "how-do-i-get-a-refund");
    assert_eq!(refund.revision, 1);

    // The same slug again in English is a conflict, said in words.
    let (status, _, page) = post(&console, &lead, "/admin/kb", &saving).await;
    assert_eq!(status, 409, "{page}");
    assert!(page.contains("already uses the address"));

    // Agents read and search; only admins write.
    let (status, list) = get(&console, &agent.cookie, "/admin/kb?q=refund").await;
    assert_eq!(status, 200);
    assert!(list.contains("How do I get a refund?"));
    assert!(
        !list.contains("new-article"),
        "agents do not write articles"
    );
    let (status, _, _) = post(&console, &agent, "/admin/kb", &saving).await;
    assert_eq!(status, 403);

    // Two leads edit revision 1; the second save is told, with their own text kept.
    let id = refund.id.0.to_string();
    let path = format!("/admin/kb/{id}");
    let mut first = article.to_vec();
    first.extend([("revision", "1"), ("action", "save")]);
    first[5] = ("body", "Refunds take **5 days** now.");
    let (status, _, _) = post(&console, &lead, &path, &first).await;
    assert_eq!(status, 303);
    let mut second = article.to_vec();
    second.extend([("revision", "1"), ("action", "save")]);
    second[5] = ("body", "My stale edit of the refund text.");
    let (status, _, page) = post(&console, &lead, &path, &second).await;
    assert_eq!(status, 409, "{page}");
    assert!(page.contains("id=\"stale\"") && page.contains("revision 2"));
    assert!(page.contains("My stale edit of the refund text."));
    assert!(
        page.contains("<strong>5 days</strong>"),
        "theirs, shown to compare"
    );
    assert_eq!(store.kb_article(ws, refund.id).await.unwrap().revision, 2);

    // The history rolls back to revision 1 as revision 3.
    let (status, history) = get(&console, &lead.cookie, &format!("{path}/history")).await;
    assert_eq!(status, 200);
    assert!(history.contains("Restore revision 1") && !history.contains("Restore revision 2"));
    let (status, _, _) = post(
        &console,
        &lead,
        &format!("{path}/restore"),
        &[("revision", "1")],
    )
    .await;
    assert_eq!(status, 303);
    let restored = store.kb_article(ws, refund.id).await.unwrap();
    assert_eq!((restored.revision, restored.body.as_str()), (3, REFUND));
    let audit = store.audit_log(ws, 20).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "kb.article.create",
        "kb.article.update",
        "kb.article.restore",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }

    // What clients said shows in the list (last 30 days).
    let client = store
        .write(async |tx| {
            tx.upsert_client(
                ws,
                &NewClient {
                    telegram_user_id: 555_100,
                    first_name: "Anna".into(),
                    last_name: None,
                    username: None,
                    language: Language::En,
                    attributes: serde_json::json!({}),
                    seen_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    for outcome in [
        ticketgram_domain::SuggestionOutcome::Helped,
        ticketgram_domain::SuggestionOutcome::Helped,
        ticketgram_domain::SuggestionOutcome::NotHelped,
    ] {
        store
            .write(async |tx| {
                tx.record_suggestion_outcome(
                    ws,
                    refund.id,
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
    let (_, list) = get(&console, &agent.cookie, "/admin/kb").await;
    assert!(list.contains("<td class=\"helped\">2</td>"), "{list}");
    assert!(list.contains("<td class=\"not-helped\">1</td>"));

    // The lead's reports page counts the two answers as requests self-service resolved, and
    // the workbook carries them on its own sheet.
    let (status, report) = get(&console, &lead.cookie, "/reports").await;
    assert_eq!(status, 200, "{report}");
    assert!(report.contains("id=\"self-service\""), "{report}");
    assert!(
        report.contains("<th>How do I get a refund?</th><td>2</td><td>1</td><td>66.7%</td>"),
        "{report}"
    );
    let csv = http()
        .get(console.url("/reports/export.csv"))
        .header("cookie", &lead.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Help-centre articles,How do I get a refund?,2,1,66.7"),
        "{csv}"
    );

    // From a ticket, the agent finds the article and puts its public link into the reply.
    let ticket = store
        .write(async |tx| {
            tx.create_ticket(
                ws,
                &NewTicket {
                    client: client.id,
                    topic: None,
                    subject: "Money back?".into(),
                    priority: Priority::Normal,
                    queue: None,
                    language: Language::En,
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    let number = ticket.number.0;
    let link = format!("{}/kb/{workspace}/en/how-do-i-get-a-refund", console.base);
    let (status, page) = get(
        &console,
        &agent.cookie,
        &format!("/tickets/{number}?kb=refund+dispute"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains(&link), "{page}");
    let insert = page
        .split("class=\"insert\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an insert link")
        .replace("&amp;", "&");
    let (_, page) = get(&console, &agent.cookie, &insert).await;
    let reply_box = page.split("id=\"reply-text\"").nth(1).unwrap();
    assert!(
        reply_box
            .split("</textarea>")
            .next()
            .unwrap()
            .contains(&link),
        "the reply box starts with the link"
    );

    // Clients read it without signing in; drafts and unknown slugs are not found.
    let home = public(&console, &format!("/kb/{workspace}?lang=en")).await;
    assert_eq!(home.status().as_u16(), 200);
    assert_eq!(home.headers()["content-security-policy"], PAGE_CSP);
    let home = home.text().await.unwrap();
    assert!(home.contains("Payments") && home.contains("How do I get a refund?"));
    let found = public(&console, &format!("/kb/{workspace}?lang=en&q=dispute"))
        .await
        .text()
        .await
        .unwrap();
    assert!(found.contains("id=\"results\"") && found.contains("/en/how-do-i-get-a-refund"));
    let page = public(
        &console,
        &format!("/kb/{workspace}/en/how-do-i-get-a-refund"),
    )
    .await;
    assert_eq!(page.status().as_u16(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("<strong>3 days</strong>"));
    let draft = [
        ("title", "Internal: chargeback playbook"),
        ("slug", "chargebacks"),
        ("language", "en"),
        ("category", ""),
        ("status", "draft"),
        ("body", "Not for clients."),
        ("action", "save"),
    ];
    let (status, _, _) = post(&console, &lead, "/admin/kb", &draft).await;
    assert_eq!(status, 303);
    for path in [
        format!("/kb/{workspace}/en/chargebacks"),
        format!("/kb/{workspace}/en/no-such-article"),
        format!("/kb/{workspace}/xx/how-do-i-get-a-refund"),
        "/kb/another-desk/en/how-do-i-get-a-refund".to_string(),
    ] {
        assert_eq!(
            public(&console, &path).await.status().as_u16(),
            404,
            "{path}"
        );
    }
    let home = public(&console, &format!("/kb/{workspace}?lang=en")).await;
    assert!(!home.text().await.unwrap().contains("chargeback"));

    // Deleting asks first, then the public page is gone.
    let (status, confirm) = get(&console, &lead.cookie, &format!("{path}/delete")).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("confirm-delete"));
    let (status, location, _) = post(&console, &lead, &format!("{path}/delete"), &[]).await;
    assert_eq!((status, location.as_str()), (303, "/admin/kb"));
    let gone = public(
        &console,
        &format!("/kb/{workspace}/en/how-do-i-get-a-refund"),
    )
    .await;
    assert_eq!(gone.status().as_u16(), 404);
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_keeps_the_refund_article_and_an_agent_links_it_on_sqlite() {
    a_lead_keeps_the_refund_article_and_an_agent_links_it(Console::start().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_keeps_the_refund_article_and_an_agent_links_it_on_postgres() {
    if let Some(console) = Console::start_on_postgres().await {
        a_lead_keeps_the_refund_article_and_an_agent_links_it(console).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_article_renders_inert_on_the_public_page() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let workspace = store.get_workspace(ws).await.unwrap().slug;
    let lead = console.session(&console.admin).await;
    let body = "Hello <script>alert('kb')</script>\n\n\
        [Click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">this</a>\n\n\
        <img src=\"x\" onerror=\"alert(3)\"> <iframe src=\"https://evil.example\"></iframe>\n\n\
        <p onclick=\"alert(4)\" style=\"color:red\">styled</p>";
    let form = [
        ("title", "Totally normal"),
        ("slug", "normal"),
        ("language", "en"),
        ("category", ""),
        ("status", "published"),
        ("body", body),
        ("action", "save"),
    ];
    let (status, _, _) = post(&console, &lead, "/admin/kb", &form).await;
    assert_eq!(status, 303);
    let response = public(&console, &format!("/kb/{workspace}/en/normal")).await;
    assert_eq!(response.status().as_u16(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(csp, PAGE_CSP);
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    // Public pages may be kept a few minutes (they hold no ticket and no token), per language.
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    assert_eq!(response.headers()["vary"], "Accept-Language, Cookie");
    let page = response.text().await.unwrap();
    let lower = page.to_lowercase();
    for inert in [
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "<iframe",
        "style=",
    ] {
        assert!(!lower.contains(inert), "{inert} survived: {page}");
    }
    assert!(page.contains("Hello") && page.contains("styled"));
    // The console's preview shows the same cleaned HTML.
    let (_, editor) = get(
        &console,
        &lead.cookie,
        &format!("/admin/kb/{}", store.kb_articles(ws).await.unwrap()[0].id.0),
    )
    .await;
    let preview = editor
        .split("id=\"preview\"")
        .nth(1)
        .unwrap()
        .to_lowercase();
    assert!(!preview.contains("<script") && !preview.contains("javascript:"));
    console.stop().await;
}
