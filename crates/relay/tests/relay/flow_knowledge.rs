//! The marketplace flow's "Account issues" entry asks the knowledge base before an agent: a
//! seller locked out of their account reads the two-factor article the flow finds and says it
//! helped — no request, and the desk's self-service report counts it; another, whose question
//! no article answers, says no and reaches an agent with the question attached.

use crate::harness::TestDesk;
use ticketgram_domain::{ReportPeriod, TicketNumber};

async fn marketplace_with_articles() -> TestDesk {
    let desk = crate::self_service::marketplace_desk().await;
    desk.published_article(
        "en",
        "Two-factor login codes",
        "If your sign-in code does not arrive, open the authenticator app: the one-time code \
         for your account is there. Lost the phone? Use a backup code.",
    )
    .await;
    desk
}

#[tokio::test]
async fn a_seller_locked_out_reads_the_article_the_flow_finds_and_needs_no_agent() {
    let desk = marketplace_with_articles().await;
    let sam = desk.client("Sam", "en");
    desk.says(&sam, "/start");
    desk.client_gets(&sam, "What can we help you with?").await;
    desk.client_presses(&sam, "3. Account issues").await;
    desk.client_gets(&sam, "describe the problem with your account")
        .await;
    desk.says(
        &sam,
        "My sign-in code does not arrive, I cannot log into my account",
    );
    desk.client_gets(&sam, "authenticator app").await;
    desk.client_gets(&sam, "Did this answer your question?")
        .await;
    desk.client_presses(&sam, "Yes").await;
    desk.client_gets(&sam, "Glad we could help").await;
    desk.settled().await;

    let opened = desk
        .store
        .find_ticket_by_number(desk.ws, TicketNumber(1000))
        .await
        .expect("store");
    assert!(opened.is_none(), "no request for what the article answered");
    // The lead's report says one request was answered in a flow, none by an agent.
    let now = chrono::Utc::now();
    let period = ReportPeriod {
        start: now - chrono::Duration::hours(1),
        end: now + chrono::Duration::hours(1),
    };
    let report = ticketgram_relay::reporting::self_service(&desk.relay_desk(), &period, 0)
        .await
        .expect("report");
    assert_eq!(report.by_flows(), 1, "{report:?}");
    assert_eq!(report.rate, Some(1.0));
    let search = report
        .steps
        .iter()
        .find(|s| s.step == "account_search")
        .expect("the knowledge step is counted");
    assert_eq!((search.entered, search.self_served), (1, 1), "{search:?}");
}

#[tokio::test]
async fn when_no_article_helps_the_question_reaches_an_agent() {
    let desk = marketplace_with_articles().await;
    let rita = desk.client("Rita", "en");
    desk.says(&rita, "/start");
    desk.client_presses(&rita, "3. Account issues").await;
    desk.client_gets(&rita, "describe the problem with your account")
        .await;
    desk.says(
        &rita,
        "My sign-in code does not arrive and the backup codes are gone too",
    );
    desk.client_gets(&rita, "Did this answer your question?")
        .await;
    desk.client_presses(&rita, "No").await;
    desk.client_gets(&rita, "#1000").await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| ticketgram_testkit::text_of(m).contains("backup codes are gone"))
    })
    .await;
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let fields = desk
        .store
        .ticket_fields(desk.ws, ticket.id)
        .await
        .expect("fields");
    assert_eq!(fields[0].name, "question");
}
